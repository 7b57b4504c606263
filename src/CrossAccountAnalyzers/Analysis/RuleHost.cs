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
    private readonly Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> _operations = new();
    private readonly List<Action<SemanticModelAnalysisContext>> _semanticModels = new();
    private readonly List<Action<AdditionalFileAnalysisContext>> _additionalFiles = new();

    internal RuleContext(Compilation compilation) => Compilation = compilation;

    public Compilation Compilation { get; }

    /// <summary>An operation action for <paramref name="kinds"/>; it never runs in generated code.</summary>
    public void OnOperation(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
    {
        foreach (var kind in kinds)
        {
            if (!_operations.TryGetValue(kind, out var actions))
            {
                _operations.Add(kind, actions = new List<Action<OperationAnalysisContext>>());
            }

            actions.Add(action);
        }
    }

    /// <summary>A semantic-model action; it never runs in a generated file (see <see cref="GeneratedCode.IsInGeneratedCodeSymbol"/> for symbols).</summary>
    public void OnSemanticModel(Action<SemanticModelAnalysisContext> action) => _semanticModels.Add(action);

    public void OnAdditionalFile(Action<AdditionalFileAnalysisContext> action) => _additionalFiles.Add(action);

    /// <summary>Registers what the rules asked for with the driver: one action per operation kind, at most one semantic-model and one additional-file action.</summary>
    internal void RegisterWith(CompilationStartAnalysisContext context)
    {
        foreach (var entry in _operations)
        {
            var actions = entry.Value.ToArray();
            if (actions.Length == 1)
            {
                var only = actions[0];
                context.RegisterOperationAction(
                    c =>
                    {
                        if (!c.IsGeneratedCode)
                        {
                            only(c);
                        }
                    },
                    entry.Key);
            }
            else
            {
                context.RegisterOperationAction(
                    c =>
                    {
                        if (c.IsGeneratedCode)
                        {
                            return;
                        }

                        foreach (var action in actions)
                        {
                            action(c);
                        }
                    },
                    entry.Key);
            }
        }

        if (_semanticModels.Count > 0)
        {
            var actions = _semanticModels.ToArray();
            context.RegisterSemanticModelAction(c =>
            {
                if (c.IsGeneratedCode)
                {
                    return;
                }

                foreach (var action in actions)
                {
                    action(c);
                }
            });
        }

        if (_additionalFiles.Count > 0)
        {
            var actions = _additionalFiles.ToArray();
            context.RegisterAdditionalFileAction(c =>
            {
                foreach (var action in actions)
                {
                    action(c);
                }
            });
        }
    }
}

/// <summary>
/// Runs a set of rules as one analyzer: the package exports a single host of all rules (<see cref="AllRulesAnalyzer"/>),
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
                    rule.OnCompilationStart(ruleContext ??= new RuleContext(compilationContext.Compilation), types);
                }
            }

            ruleContext?.RegisterWith(compilationContext);
        });
    }
}
