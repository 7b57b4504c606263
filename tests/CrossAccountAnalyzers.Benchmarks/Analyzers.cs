using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CrossAccountAnalyzers.Benchmarks;

/// <summary>
/// The floor: registers the same kinds of actions as the CXA analyzers (operations: creations, invocations and
/// assignments; a semantic-model action per file; additional files) and does only the irreducible work: reads each
/// created type, invoked method and assigned property and compares it with the AWS types, and reads each file's text
/// once for a key prefix. It reports nothing.
/// </summary>
/// <remarks>
/// That is the floor, and the one the tables compare with. Since the sixth pass the CXA analyzer itself no
/// longer registers invocations and assignments (it finds the few it wants by name in each file's text), so the
/// <c>-each</c> mode also measures this floor without them (<see cref="CreationsOnly"/>): the cost of the driver
/// callbacks CXA still asks for, with nothing done in them.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("FLOOR", "floor", "floor", "Benchmark", DiagnosticSeverity.Hidden, true);

    public FloorAnalyzer()
        : this(creationsOnly: false)
    {
    }

    public FloorAnalyzer(bool creationsOnly) => CreationsOnly = creationsOnly;

    /// <summary>Registers creations, the semantic-model action and additional files only: what the CXA analyzer registers.</summary>
    public bool CreationsOnly { get; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var types = new[]
            {
                "Amazon.SecurityToken.Model.AssumeRoleRequest", "Amazon.Runtime.AssumeRoleAWSCredentials", "Amazon.Runtime.AmazonServiceClient",
                "Amazon.Runtime.AWSCredentials", "Amazon.CDK.AWS.IAM.Role",
            }.Select(start.Compilation.GetTypeByMetadataName).Where(t => t is not null).ToImmutableArray();
            if (types.IsEmpty)
            {
                return;
            }

            types = types.Add(start.Compilation.GetTypeByMetadataName("System.Environment")!);

            var sink = 0;
            start.RegisterOperationAction(c => sink += types.Contains(((IObjectCreationOperation)c.Operation).Type, SymbolEqualityComparer.Default) ? 1 : 0, OperationKind.ObjectCreation);
            if (!CreationsOnly)
            {
                start.RegisterOperationAction(c => sink += types.Contains(((IInvocationOperation)c.Operation).TargetMethod.ContainingType, SymbolEqualityComparer.Default) ? 1 : 0, OperationKind.Invocation);
                start.RegisterOperationAction(c => sink += ((ISimpleAssignmentOperation)c.Operation).Target is IPropertyReferenceOperation p && types.Contains(p.Property.ContainingType, SymbolEqualityComparer.Default) ? 1 : 0, OperationKind.SimpleAssignment);
            }

            start.RegisterSemanticModelAction(c => sink += c.SemanticModel.SyntaxTree.GetText(c.CancellationToken).ToString().IndexOf("AKIA", StringComparison.Ordinal) >= 0 ? 1 : 0);
            start.RegisterAdditionalFileAction(c => sink++);
        });
    }
}

/// <summary>
/// Runs first, and pays the one-time costs of the driver's compilation so that the measured analyzers do not: the
/// compilation-start action binds the clone's references (its source assembly, about 30 ms on corpus (a), otherwise
/// charged to whichever analyzer first asks for a symbol), and the operation-block action binds every method body.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WarmUpAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("WARMUP", "warm-up", "warm-up", "Benchmark", DiagnosticSeverity.Hidden, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            foreach (var reference in start.Compilation.References)
            {
                _ = start.Compilation.GetAssemblyOrModuleSymbol(reference);
            }

            _ = start.Compilation.GetTypeByMetadataName("System.Object");
        });
        context.RegisterOperationBlockAction(c =>
        {
            foreach (var block in c.OperationBlocks)
            {
                foreach (var _ in block.Descendants())
                {
                }
            }
        });
        context.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.StringLiteralExpression);
    }
}

/// <summary>Loads the AWS SDK's own analyzers from the AWSSDK.SecurityToken package (the yardstick users already pay for).</summary>
public static class SdkAnalyzers
{
    public static ImmutableArray<DiagnosticAnalyzer> Load()
    {
        var root = typeof(SdkAnalyzers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "NuGetPackageRoot").Value!;
        var path = Path.Combine(root, "awssdk.securitytoken", "4.0.101.10", "analyzers", "dotnet", "cs", "AWSSDK.SecurityToken.CodeAnalysis.dll");
        var reference = new AnalyzerFileReference(path, new Loader());
        return reference.GetAnalyzers(LanguageNames.CSharp);
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
