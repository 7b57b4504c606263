using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CrossAccountAnalyzers.Engine;

/// <summary>What an <see cref="RuleContext.OnNamedOperation"/> action is given: the operation found, and how to report on it.</summary>
internal readonly struct NamedOperationContext
{
    private readonly Action<Diagnostic> _reportDiagnostic;

    internal NamedOperationContext(IOperation operation, AnalyzerOptions options, Action<Diagnostic> reportDiagnostic, CancellationToken cancellationToken)
    {
        Operation = operation;
        Options = options;
        _reportDiagnostic = reportDiagnostic;
        CancellationToken = cancellationToken;
    }

    public IOperation Operation { get; }

    public AnalyzerOptions Options { get; }

    public CancellationToken CancellationToken { get; }

    public void ReportDiagnostic(Diagnostic diagnostic) => _reportDiagnostic(diagnostic);
}

/// <summary>An <see cref="RuleContext.OnNamedOperation"/> action: the operation kind and the names it asked for.</summary>
internal sealed class NamedOperationAction
{
    public NamedOperationAction(OperationKind kind, string[] names, RuleContext.RuleAction<NamedOperationContext> action)
    {
        Kind = kind;
        Names = names;
        Action = action;
    }

    public OperationKind Kind { get; }

    public string[] Names { get; }

    public RuleContext.RuleAction<NamedOperationContext> Action { get; }
}

/// <summary>
/// Finds, in one file, the invocations and assignments that <see cref="RuleContext.OnNamedOperation"/> actions asked
/// for, and runs those actions on them.
/// </summary>
/// <remarks>
/// <para>
/// The rules that look at invocations and assignments want a handful of names (<c>SetEnvironmentVariable</c>,
/// <c>ExternalId</c>, ...). An operation action for every invocation and every assignment of the program is a driver
/// callback each, most of the cost of an analyzer on code that has nothing to report. These operations always write
/// the name they are about: an invocation names its method (<c>M(...)</c>, <c>x.M(...)</c>, <c>x?.M(...)</c>, with
/// <c>using static</c> too) and an assignment names its member (<c>x.P = v</c>, <c>P = v</c> in an object initializer,
/// a derived class or a named attribute argument); neither a method nor a property can be aliased. So one search of the file's text for the
/// names (<see cref="SourceTextSearch.TokensHolding"/>, which reads every token where an escape could spell a name
/// without writing it) finds every candidate, and the semantic model gives the same operation the driver would have
/// passed (its operation trees are already built for the object-creation action).
/// </para>
/// <para>
/// Other ways to reach the same member are not these operations, and the driver's callbacks would not have seen them
/// either: a method group turned into a delegate and invoked (<c>Action.Invoke</c>), a compound or deconstructing
/// assignment.
/// </para>
/// </remarks>
internal sealed class NamedOperations
{
    // For each name, the actions to run on an invocation of a method so named, and on an assignment to a member so named.
    private readonly Dictionary<string, RuleContext.RuleAction<NamedOperationContext>[]> _invocations;
    private readonly Dictionary<string, RuleContext.RuleAction<NamedOperationContext>[]> _assignments;
    private readonly string[] _names;

    public NamedOperations(NamedOperationAction[] actions)
    {
        _invocations = ByName(actions, OperationKind.Invocation);
        _assignments = ByName(actions, OperationKind.SimpleAssignment);
        _names = _invocations.Keys.Union(_assignments.Keys, StringComparer.Ordinal).ToArray();
    }

    public void Run(SemanticModelAnalysisContext context)
    {
        var model = context.SemanticModel;
        var cancellationToken = context.CancellationToken;
        foreach (var token in SourceTextSearch.TokensHolding(model.SyntaxTree, _names, cancellationToken))
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken))
            {
                continue;
            }

            // The invocation or the assignment this identifier names, when an action asked for that kind and name.
            var kind = OperationKind.Invocation;
            var syntax = _invocations.TryGetValue(token.ValueText, out var actions) ? OperationSyntax(token, kind) : null;
            if (syntax is null && _assignments.TryGetValue(token.ValueText, out actions))
            {
                kind = OperationKind.SimpleAssignment;
                syntax = OperationSyntax(token, kind);
            }

            // The IDE may analyze part of a file (the member being edited): the driver's callbacks would see only that part.
            if (syntax is null || (context.FilterSpan is { } filter && !filter.IntersectsWith(syntax.Span)))
            {
                continue;
            }

            var operation = model.GetOperation(syntax, cancellationToken);
            if (operation is null || operation.Kind != kind || GeneratedCode.IsInGeneratedCodeSymbol(model, syntax, cancellationToken))
            {
                continue;
            }

            RuleContext.Dispatch(actions!, new NamedOperationContext(operation, context.Options, context.ReportDiagnostic, cancellationToken));
        }
    }

    private static Dictionary<string, RuleContext.RuleAction<NamedOperationContext>[]> ByName(NamedOperationAction[] actions, OperationKind kind)
        => actions
            .Where(a => a.Kind == kind)
            .SelectMany(a => a.Names.Distinct(StringComparer.Ordinal).Select(name => (Name: name, a.Action)))
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Action).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// The invocation whose method, or the simple assignment whose target member, <paramref name="token"/> names; null
    /// when it names something else (a declaration, a type, a read, an argument).
    /// </summary>
    internal static SyntaxNode? OperationSyntax(SyntaxToken token, OperationKind kind)
    {
        if (token.Parent is not SimpleNameSyntax name)
        {
            return null;
        }

        // A named attribute argument, [A(Name = v)], is an assignment too.
        if (kind == OperationKind.SimpleAssignment && name.Parent is NameEqualsSyntax { Parent: AttributeArgumentSyntax argument } equals && equals.Name == name)
        {
            return argument;
        }

        // x.Name, x?.Name (the member binding), then any parentheses around it.
        SyntaxNode node = name;
        if (node.Parent is MemberAccessExpressionSyntax access && access.Name == node)
        {
            node = access;
        }
        else if (node.Parent is MemberBindingExpressionSyntax binding && binding.Name == node)
        {
            node = binding;
        }

        while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            node = parenthesized;
        }

        return kind switch
        {
            OperationKind.Invocation when node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node => invocation,
            OperationKind.SimpleAssignment when node.Parent is AssignmentExpressionSyntax assignment
                                                && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Left == node => assignment,
            _ => null,
        };
    }
}
