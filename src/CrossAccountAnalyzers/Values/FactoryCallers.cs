using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using CrossAccountAnalyzers.Engine;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Values;

/// <summary>
/// For an object returned by a factory method (<c>AssumeRoleRequest Create(string arn) => new() { RoleArn = arn };</c>):
/// does any caller set the property on what the factory returns? One step up the call graph, inside the compilation,
/// cached per factory. A factory whose callers never set it is reported at its construction site.
/// </summary>
internal sealed class FactoryCallers
{
    private static readonly ConditionalWeakTable<Compilation, FactoryCallers> Cache = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<(ISymbol Method, string Property), bool> _answers = new();

    private FactoryCallers(Compilation compilation) => _compilation = compilation;

    public static FactoryCallers Get(Compilation compilation) => Cache.GetValue(compilation, static c => new FactoryCallers(c));

    /// <summary>
    /// True when some caller of <paramref name="factory"/> assigns <paramref name="property"/> (to a value other than
    /// null or "") on the returned object, or hands it on where it may be (returns it again, passes it by ref, ...).
    /// </summary>
    public bool AnyCallerSets(IMethodSymbol factory, IOperation origin, string property, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var key = ((ISymbol)factory.OriginalDefinition, property);
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = Compute(factory, origin, property, evaluator, cancellationToken);
        _answers.TryAdd(key, answer);
        return answer;
    }

    private bool Compute(IMethodSymbol factory, IOperation origin, string property, HardCodedValueEvaluator evaluator, CancellationToken cancellationToken)
    {
        var target = factory.MethodKind == MethodKind.PropertyGet && factory.AssociatedSymbol is { } associated ? associated : factory;
        var properties = ImmutableArray.Create(property);
        // Bounded: a local function's callers are in its body's root; a private member's in its own type; any other
        // member's only in the files whose text names it.
        var roots = factory.MethodKind == MethodKind.LocalFunction
            ? new[] { HardCodedValueEvaluator.GetRoot(origin).Syntax }
            : target.DeclaredAccessibility == Accessibility.Private && target.ContainingType is { } type
                ? type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).ToArray()
                : SourceTextSearch.TreesMayHoldingName(_compilation, target.Name, cancellationToken).Select(t => t.GetRoot(cancellationToken)).ToArray();

        foreach (var root in roots)
        {
            foreach (var node in root.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != target.Name)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                SyntaxNode expression = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access
                    : identifier.Parent is MemberBindingExpressionSyntax binding ? binding
                    : identifier;
                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    expression = invocation;
                }

                var model = SemanticModels.Of(_compilation, node.SyntaxTree);
                var operation = model.GetOperation(expression, cancellationToken);
                var called = operation switch
                {
                    IInvocationOperation i => (ISymbol)i.TargetMethod,
                    IPropertyReferenceOperation p => p.Property,
                    _ => null,
                };
                if (operation is null || !SymbolEqualityComparer.Default.Equals(called?.OriginalDefinition, target.OriginalDefinition))
                {
                    continue;
                }

                var usage = CreatedObjectTracker.Analyze(operation, properties, cancellationToken);
                if (usage.Escapes || usage.ReturnedFrom is not null
                    || usage.Writes.Any(w => w.Value is null || !evaluator.Evaluate(w.Value, cancellationToken).IsNullOrEmptyOnly))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
