using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using CrossAccountAnalyzers.Aws;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Analysis;

/// <summary>
/// What a rule registers at the start of a compilation. The rule does not register with the driver itself: its host
/// (<see cref="RuleHost"/>) gathers every rule's actions and registers each operation kind, the semantic-model action
/// and the additional-file action once, passing each callback to the rules that asked for it.
/// </summary>
/// <remarks>
/// The driver's cost is per analyzer and per registration: each analyzer with an operation action enumerates every
/// operation of every method body, and each registration is a dispatch per matching operation. Ten analyzers each
/// registering their own actions paid that about fourteen times; one host pays it once per kind, as a single
/// analyzer with the same kinds would.
/// </remarks>
public sealed class RuleContext
{
    private readonly Dictionary<OperationKind, List<RuleAction<OperationAnalysisContext>>> _operations = new();
    private readonly List<RuleAction<SemanticModelAnalysisContext>> _semanticModels = new();
    private readonly List<RuleAction<AdditionalFileAnalysisContext>> _additionalFiles = new();

    internal RuleContext(Compilation compilation) => Compilation = compilation;

    public Compilation Compilation { get; }

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

    /// <summary>A semantic-model action; it never runs in a generated file (see <see cref="GeneratedCode.IsInGeneratedCodeSymbol"/> for symbols).</summary>
    public void OnSemanticModel(Action<SemanticModelAnalysisContext> action) => Add(_semanticModels, action);

    public void OnAdditionalFile(Action<AdditionalFileAnalysisContext> action) => Add(_additionalFiles, action);

    /// <summary>Registers what the rules asked for with the driver: one action per operation kind, at most one semantic-model and one additional-file action.</summary>
    internal void RegisterWith(CompilationStartAnalysisContext context)
    {
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

    /// <summary>The rule whose <see cref="CrossAccountAnalyzer.OnCompilationStart"/> is running: what its actions are filed under.</summary>
    internal CrossAccountAnalyzer? Registering { get; set; }

    /// <summary>The operation kinds the rules asked for (each is registered once with the driver).</summary>
    internal IEnumerable<OperationKind> OperationKinds => _operations.Keys;

    private void Add<T>(List<RuleAction<T>> list, Action<T> action) => list.Add(new RuleAction<T>(Registering, action));

    /// <summary>
    /// Runs every rule's action; a rule that throws does not keep the others from running on the same operation or
    /// file. The first failure is then thrown again, naming the rule, so that the driver reports it (AD0001) as it
    /// would for an analyzer of its own.
    /// </summary>
    private static void Dispatch<T>(RuleAction<T>[] actions, T context)
    {
        RuleFailureException? failure = null;
        foreach (var action in actions)
        {
            try
            {
                action.Run(context);
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

    private readonly struct RuleAction<T>
    {
        private readonly CrossAccountAnalyzer? _rule;
        private readonly Action<T> _action;

        public RuleAction(CrossAccountAnalyzer? rule, Action<T> action)
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new RuleFailureException(_rule, e);
            }
        }
    }
}

/// <summary>A rule's action threw: carries the rule's IDs into the driver's AD0001 message, with the original exception inside.</summary>
public sealed class RuleFailureException : Exception
{
    internal RuleFailureException(CrossAccountAnalyzer? rule, Exception inner)
        : base((rule is null ? "A rule" : string.Join("/", System.Linq.Enumerable.Select(rule.SupportedDiagnostics, d => d.Id)) + " (" + rule.GetType().Name + ")") + " threw " + inner.GetType().Name + ": " + inner.Message, inner)
    {
    }
}

/// <summary>
/// Runs a set of rules as one analyzer: the package exports all its rules in one such group (<see cref="RuleGroupAnalyzer"/>),
/// and each rule on its own is also an analyzer hosting just itself (how the rule tests load it), through the same path.
/// </summary>
internal static class RuleHost
{
    /// <summary>Registers the rules' start; the caller has enabled concurrent execution and configured generated code (<see cref="GeneratedCode.Flags"/>).</summary>
    public static void Start(AnalysisContext context, ImmutableArray<CrossAccountAnalyzer> rules)
    {
        context.RegisterCompilationStartAction(compilationContext =>
        {
            var types = AwsTypes.Get(compilationContext.Compilation);
            RuleContext? ruleContext = null;
            foreach (var rule in rules)
            {
                // A rule whose AWS types the compilation does not reference registers nothing: no cost for the rest of the world.
                if (rule.IsApplicable(types))
                {
                    ruleContext ??= new RuleContext(compilationContext.Compilation);
                    ruleContext.Registering = rule;
                    rule.OnCompilationStart(ruleContext, types);
                }
            }

            if (ruleContext is not null)
            {
                ruleContext.Registering = null;
                ruleContext.RegisterWith(compilationContext);
            }
        });
    }
}
