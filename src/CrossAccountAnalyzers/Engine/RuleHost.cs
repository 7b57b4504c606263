using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>
/// What a family's rules register at the start of a compilation. A rule does not register with the driver itself: the
/// host (<see cref="RuleHost"/>) gathers the rules' actions and registers each operation kind, the semantic-model
/// action and the additional-file action once, passing each callback to the rules that asked for it. Invocations and
/// assignments are not registered at all: the few a rule wants are found by name in each file (<see cref="OnNamedOperation"/>).
/// </summary>
internal sealed class RuleContext
{
    private readonly Dictionary<OperationKind, List<RuleAction<OperationAnalysisContext>>> _operations = new();
    private readonly List<RuleAction<SemanticModelAnalysisContext>> _semanticModels = new();
    private readonly List<RuleAction<AdditionalFileAnalysisContext>> _additionalFiles = new();

    // OnNamedOperation: the actions, each with the kind and the names it asked for.
    private readonly List<NamedOperationAction> _namedOperations = new();

    // OnCreationOf: for each named type, the bits of the creation actions that asked for it.
    private readonly Dictionary<INamedTypeSymbol, ulong> _creationTypes = new(SymbolEqualityComparer.Default);
    private readonly List<RuleAction<OperationAnalysisContext>> _creationActions = new();

    // Share: the shared analyses created so far, by type.
    private Dictionary<Type, object>? _shared;

    // The rules of the family that start in this compilation, in order.
    private readonly List<CxaRule> _started = new();

    internal RuleContext(Compilation compilation) => Compilation = compilation;

    public Compilation Compilation { get; }

    internal IReadOnlyList<CxaRule> Started => _started;

    internal void AddStarted(CxaRule rule) => _started.Add(rule);

    /// <summary>
    /// Whether a rule of the same family that reports <paramref name="id"/> starts in this compilation (it is applicable
    /// and on somewhere): a rule leaves a spot to a more specific one only when that one reports it.
    /// </summary>
    public bool IsStarted(string id)
    {
        foreach (var rule in _started)
        {
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (descriptor.Id == id)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>An operation action for <paramref name="kinds"/>; it never runs in generated code.</summary>
    public void OnOperation(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            if (!_operations.TryGetValue(kind, out var actions))
            {
                _operations.Add(kind, actions = new List<RuleAction<OperationAnalysisContext>>());
            }

            Add(actions, action);
        }
    }

    /// <summary>
    /// An object-creation action that runs only where the created type is one of <paramref name="types"/> or derives
    /// from one (null entries, types the compilation does not reference, are skipped); it never runs in generated code.
    /// The host walks a created type's base types once for every rule that asks this way, instead of each rule testing
    /// every creation of the program.
    /// </summary>
    public void OnCreationOf(Action<OperationAnalysisContext> action, params INamedTypeSymbol?[] types)
    {
        var index = _creationActions.Count;
        if (index == 64)
        {
            throw new InvalidOperationException("More than 64 creation actions: widen the host's match set.");
        }

        _creationActions.Add(new RuleAction<OperationAnalysisContext>(Registering, action));
        foreach (var type in types)
        {
            if (type is null)
            {
                continue;
            }

            _creationTypes.TryGetValue(type, out var mask);
            _creationTypes[type] = mask | (1UL << index);
        }
    }

    /// <summary>
    /// An action for the invocations (<see cref="OperationKind.Invocation"/>) of a method named one of
    /// <paramref name="names"/>, or the simple assignments (<see cref="OperationKind.SimpleAssignment"/>) to a member
    /// so named; it never runs in generated code. Such an operation always writes the name (a method or a property
    /// cannot be aliased), so the host finds these few operations from each file's text (<see cref="NamedOperations"/>),
    /// instead of registering a driver callback for every invocation or assignment of the program.
    /// </summary>
    public void OnNamedOperation(Action<NamedOperationContext> action, OperationKind kind, params string[] names)
    {
        if (kind is not (OperationKind.Invocation or OperationKind.SimpleAssignment))
        {
            throw new ArgumentException("Only invocations and simple assignments name their method or member.", nameof(kind));
        }

        _namedOperations.Add(new NamedOperationAction(kind, names, new RuleAction<NamedOperationContext>(Registering, action)));
    }

    /// <summary>A semantic-model action; it never runs in a generated file (see <see cref="GeneratedCode.IsInGeneratedCodeSymbol"/> for symbols).</summary>
    public void OnSemanticModel(Action<SemanticModelAnalysisContext> action) => Add(_semanticModels, action);

    public void OnAdditionalFile(Action<AdditionalFileAnalysisContext> action) => Add(_additionalFiles, action);

    /// <summary>Registers what the rules asked for with the driver: one action per operation kind, at most one semantic-model and one additional-file action.</summary>
    internal void RegisterWith(CompilationStartAnalysisContext context)
    {
        if (_creationTypes.Count > 0)
        {
            // Creations of chosen types, dispatched from the same registration as the rules' other creation actions.
            var creations = new CreationDispatch(_creationTypes, _creationActions.ToArray());
            var others = _operations.TryGetValue(OperationKind.ObjectCreation, out var list) ? list.ToArray() : Array.Empty<RuleAction<OperationAnalysisContext>>();
            _operations.Remove(OperationKind.ObjectCreation);
            context.RegisterOperationAction(
                c =>
                {
                    if (!c.IsGeneratedCode)
                    {
                        creations.Run(c);
                        if (others.Length > 0)
                        {
                            Dispatch(others, c);
                        }
                    }
                },
                OperationKind.ObjectCreation);
        }

        foreach (var entry in _operations)
        {
            var actions = entry.Value.ToArray();
            context.RegisterOperationAction(
                c =>
                {
                    if (!c.IsGeneratedCode)
                    {
                        Dispatch(actions, c);
                    }
                },
                entry.Key);
        }

        if (_namedOperations.Count > 0)
        {
            // Found from each file's text, in the host's semantic-model action (filed under no rule: each action found
            // is still run, and fails, as its own rule's).
            var finder = new NamedOperations(_namedOperations.ToArray());
            _semanticModels.Add(new RuleAction<SemanticModelAnalysisContext>(null, finder.Run));
        }

        if (_semanticModels.Count > 0)
        {
            var actions = _semanticModels.ToArray();
            context.RegisterSemanticModelAction(c =>
            {
                if (!c.IsGeneratedCode)
                {
                    Dispatch(actions, c);
                }
            });
        }

        if (_additionalFiles.Count > 0)
        {
            var actions = _additionalFiles.ToArray();
            context.RegisterAdditionalFileAction(c => Dispatch(actions, c));
        }
    }

    /// <summary>The rule whose <see cref="CxaRule.OnCompilationStart"/> is running: what its actions are filed under.</summary>
    internal CxaRule? Registering { get; set; }

    /// <summary>The <see cref="OnCreationOf"/> actions: each created type's base chain, looked up once, picks the actions to run.</summary>
    private sealed class CreationDispatch
    {
        private readonly Dictionary<INamedTypeSymbol, ulong> _types;
        private readonly RuleAction<OperationAnalysisContext>[] _actions;

        public CreationDispatch(Dictionary<INamedTypeSymbol, ulong> types, RuleAction<OperationAnalysisContext>[] actions)
        {
            _types = new Dictionary<INamedTypeSymbol, ulong>(types, SymbolEqualityComparer.Default);
            _actions = actions;
        }

        public void Run(OperationAnalysisContext context)
        {
            var matched = 0UL;
            for (var type = context.Operation.Type as INamedTypeSymbol; type is not null; type = type.BaseType)
            {
                if (_types.TryGetValue(type, out var mask))
                {
                    matched |= mask;
                }
            }

            if (matched == 0)
            {
                return;
            }

            var chosen = new RuleAction<OperationAnalysisContext>[CountBits(matched)];
            for (int i = 0, n = 0; i < _actions.Length; i++)
            {
                if ((matched & (1UL << i)) != 0)
                {
                    chosen[n++] = _actions[i];
                }
            }

            Dispatch(chosen, context);
        }

        private static int CountBits(ulong value)
        {
            var count = 0;
            for (; value != 0; value &= value - 1)
            {
                count++;
            }

            return count;
        }
    }

    /// <summary>
    /// A piece of analysis several rules consume (the trust statements of CXA3001-CXA3003, the ExternalId values of
    /// CXA1002 and CXA1003): created, and its actions registered, by the first rule that asks; the rules that ask after
    /// it get the same instance and add their consumer to it (<see cref="RuleFanOut{T}"/>), so that the reading is done
    /// once for all of them.
    /// </summary>
    internal TShared Share<TShared>(Func<RuleContext, TShared> create)
        where TShared : class
    {
        _shared ??= new Dictionary<Type, object>();
        if (!_shared.TryGetValue(typeof(TShared), out var shared))
        {
            // The shared actions belong to no single rule: a failure in them is reported as the rules' shared analysis.
            var rule = Registering;
            Registering = null;
            shared = create(this);
            Registering = rule;
            _shared.Add(typeof(TShared), shared);
        }

        return (TShared)shared;
    }

    private void Add<T>(List<RuleAction<T>> list, Action<T> action) => list.Add(new RuleAction<T>(Registering, action));

    /// <summary>
    /// Runs every rule's action; a rule that throws does not keep the others from running on the same operation or
    /// file. The first failure is then thrown again, naming the rule, so that the driver reports it (AD0001) as it
    /// would for an analyzer of its own.
    /// </summary>
    internal static void Dispatch<T>(RuleAction<T>[] actions, T context)
    {
        RuleFailureException? failure = null;
        for (var i = 0; i < actions.Length; i++)
        {
            try
            {
                actions[i].Run(context);
            }
            catch (RuleFailureException e)
            {
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    internal readonly struct RuleAction<T>
    {
        private readonly CxaRule? _rule;
        private readonly Action<T> _action;

        public RuleAction(CxaRule? rule, Action<T> action)
        {
            _rule = rule;
            _action = action;
        }

        public void Run(T context)
        {
            try
            {
                _action(context);
            }
            catch (Exception e) when (e is not OperationCanceledException and not RuleFailureException)
            {
                // A RuleFailureException already names its rule (one of the consumers of a shared analysis).
                throw new RuleFailureException(_rule, e);
            }
        }
    }
}

/// <summary>
/// The consumers of a shared analysis (<see cref="RuleContext.Share{TShared}"/>), each filed under its rule: all run on
/// every value, and a consumer that throws is named as its rule's failure, as an action of its own would be.
/// </summary>
internal class RuleFanOut<T>
{
    private RuleContext.RuleAction<T>[] _consumers = Array.Empty<RuleContext.RuleAction<T>>();

    /// <summary>Adds the consumer of the rule that is registering; only while the compilation starts, before anything runs.</summary>
    public void Add(RuleContext context, Action<T> consumer)
    {
        var consumers = new RuleContext.RuleAction<T>[_consumers.Length + 1];
        _consumers.CopyTo(consumers, 0);
        consumers[_consumers.Length] = new RuleContext.RuleAction<T>(context.Registering, consumer);
        _consumers = consumers;
    }

    public void Run(T value) => RuleContext.Dispatch(_consumers, value);
}

/// <summary>A rule's action threw: carries the rule's IDs into the driver's AD0001 message, with the original exception inside.</summary>
internal sealed class RuleFailureException : Exception
{
    internal RuleFailureException(CxaRule? rule, Exception inner)
        : base((rule is null ? "The rules' shared analysis" : string.Join("/", System.Linq.Enumerable.Select(rule.SupportedDiagnostics, d => d.Id)) + " (" + rule.GetType().Name + ")") + " threw " + inner.GetType().Name + ": " + inner.Message, inner)
    {
    }
}

/// <summary>
/// Runs a family's rules as one analyzer (<see cref="FamilyAnalyzer"/>): at the start of each compilation, only the rules
/// whose AWS types are referenced and that are switched on (<see cref="RuleEnablement"/>) register anything.
/// </summary>
internal static class RuleHost
{
    /// <summary>Registers the rules' start; the caller has enabled concurrent execution and configured generated code (<see cref="GeneratedCode.Flags"/>).</summary>
    public static void Start(AnalysisContext context, ImmutableArray<CxaRule> rules)
    {
        context.RegisterCompilationStartAction(compilationContext =>
        {
            var types = AwsTypes.Get(compilationContext.Compilation);
            RuleContext? ruleContext = null;
            foreach (var rule in rules)
            {
                // A rule whose AWS types the compilation does not reference, or that is switched off, registers nothing.
                if (rule.IsApplicable(types) && RuleEnablement.IsOn(compilationContext.Compilation, compilationContext.Options, rule.SupportedDiagnostics, rule.ReadsAdditionalFiles, compilationContext.CancellationToken))
                {
                    ruleContext ??= new RuleContext(compilationContext.Compilation);
                    ruleContext.AddStarted(rule);
                }
            }

            // Every rule that starts is known before the first starts (a rule may leave a spot to a more specific one).
            foreach (var rule in ruleContext?.Started ?? (System.Collections.Generic.IReadOnlyList<CxaRule>)Array.Empty<CxaRule>())
            {
                ruleContext!.Registering = rule;
                rule.OnCompilationStart(ruleContext, types);
            }

            if (ruleContext is not null)
            {
                ruleContext.Registering = null;
                ruleContext.RegisterWith(compilationContext);
            }
        });
    }
}
