using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using Verify3004 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ResourcePolicyServiceWithoutSourceConditionRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3005 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ResourcePolicyAllowsAnyPrincipalRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.TrustPolicies;

/// <summary>One CDK shape per case, in a stack with a topic, queue, bucket, function and key at hand: the markup says what is reported.</summary>
public partial class CXA3004_ResourcePolicyServiceWithoutSourceConditionTests
{
    private static string InStack(string body) => Usings + """
        class ShapeStack : Stack
        {
            public ShapeStack(Construct scope, string id, ITopic topic, IQueue queue, IBucket bucket, IFunction fn, IKey key, IPrincipal somePrincipal, string someAction, string sourceArn) : base(scope, id)
            {
        """ + body + """

            }
        }
        """;

    [Theory]
    // Documents of L2 policies.
    [InlineData("""new TopicPolicy(this, "TP", new TopicPolicyProps { Topics = new[] { topic }, PolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = new[] { new PolicyStatement(new PolicyStatementProps { Principals = new[] { [|new ServicePrincipal("s3.amazonaws.com")|] }, Actions = new[] { "sns:Publish" } }) } }) });""")]
    [InlineData("""var qp = new QueuePolicy(this, "QP", new QueuePolicyProps { Queues = new[] { queue } }); qp.Document.AddStatements(new PolicyStatement(new PolicyStatementProps { Principals = new[] { [|new ServicePrincipal("sns.amazonaws.com")|] }, Actions = new[] { "sqs:SendMessage" } }));""")]
    [InlineData("""var bp = new BucketPolicy(this, "BP", new BucketPolicyProps { Bucket = bucket }); bp.Document.AddStatements(new PolicyStatement(new PolicyStatementProps { Principals = new[] { [|new ServicePrincipal("logging.s3.amazonaws.com")|] }, Actions = new[] { "s3:PutObject" } }));""")]
    // L1 policies: a PolicyDocument, an anonymous object, a dictionary.
    [InlineData("""new CfnBucketPolicy(this, "CB", new CfnBucketPolicyProps { Bucket = "b", PolicyDocument = new PolicyDocument(new PolicyDocumentProps { Statements = new[] { new PolicyStatement(new PolicyStatementProps { Principals = new[] { [|new ServicePrincipal("logging.s3.amazonaws.com")|] }, Actions = new[] { "s3:PutObject" } }) } }) });""")]
    [InlineData("""new CfnTopicPolicy(this, "CT", new CfnTopicPolicyProps { Topics = new[] { "arn:aws:sns:us-east-1:111122223333:t" }, PolicyDocument = new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Principal = new { Service = [|"events.amazonaws.com"|] }, Action = "sns:Publish" } } } });""")]
    [InlineData("""new CfnQueuePolicy(this, "CQ", new CfnQueuePolicyProps { Queues = new[] { "q" }, PolicyDocument = new Dictionary<string, object> { ["Statement"] = new object[] { new Dictionary<string, object> { ["Effect"] = "Allow", ["Principal"] = new Dictionary<string, object> { ["Service"] = [|"sns.amazonaws.com"|] }, ["Action"] = "sqs:SendMessage" } } } });""")]
    [InlineData("""new CfnQueuePolicy(this, "CQ", new CfnQueuePolicyProps { Queues = new[] { "q" }, PolicyDocument = new { Statement = new[] { new { Effect = "Allow", Principal = new { Service = "sns.amazonaws.com" }, Action = "sqs:SendMessage", Condition = new { ArnEquals = new Dictionary<string, object> { ["aws:SourceArn"] = "arn:aws:sns:us-east-1:111122223333:t" } } } } } });""")]
    // Statements filled by calls, and their source conditions.
    [InlineData("""var s = new PolicyStatement(); s.AddActions("sqs:SendMessage"); s.AddServicePrincipal("sns.amazonaws.com"); s.AddSourceAccountCondition(Account); queue.AddToResourcePolicy(s);""")]
    [InlineData("""var s = new PolicyStatement(); s.AddActions("sqs:SendMessage"); s.AddServicePrincipal("sns.amazonaws.com"); s.AddSourceArnCondition(sourceArn); queue.AddToResourcePolicy(s);""")]
    [InlineData("""var s = new PolicyStatement(); s.AddActions("sqs:SendMessage"); s.AddServicePrincipal("sns.amazonaws.com"); s.AddCondition("StringLike", new Dictionary<string, object> { ["aws:SourceArn"] = "*" }); queue.AddToResourcePolicy([|s|]);""", true)]
    // Unknown parts: a principal, actions or an effect from a variable say nothing.
    [InlineData("""fn.AddPermission("P", new Permission { Principal = somePrincipal });""")]
    [InlineData("""queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { new ServicePrincipal("sns.amazonaws.com") }, Actions = new[] { someAction } }));""")]
    [InlineData("""fn.AddPermission("P", new Permission { Principal = new ServicePrincipal("s3.amazonaws.com"), SourceArn = sourceArn });""")]
    // A trust statement on a role is CXA3003's; an identity statement has no principal.
    [InlineData("""var role = new Role(this, "R", new RoleProps { AssumedBy = new ServicePrincipal("events.amazonaws.com") }); role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sqs:SendMessage" }, Resources = new[] { queue.QueueArn } }));""")]
    [InlineData("""key.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { new AccountRootPrincipal() }, Actions = new[] { "kms:*" } }));""")]
    public Task Shapes(string body, bool atTheStatement = false)
    {
        // A principal added by a call is reported at the statement's creation; the case marks the local instead.
        var source = InStack(body);
        if (atTheStatement)
        {
            source = source.Replace("queue.AddToResourcePolicy([|s|]);", "queue.AddToResourcePolicy(s);").Replace("var s = new PolicyStatement();", "var s = [|new PolicyStatement()|];");
        }

        return Verify3004.AnalyzerAsync(source, AwsSdk.Cdk);
    }

    [Theory]
    [InlineData("""var tp = new TopicPolicy(this, "TP", new TopicPolicyProps { Topics = new[] { topic } }); tp.Document.AddStatements(new PolicyStatement(new PolicyStatementProps { Principals = new[] { [|new AnyPrincipal()|] }, Actions = new[] { "sns:Publish" } }));""")]
    [InlineData("""new CfnBucketPolicy(this, "CB", new CfnBucketPolicyProps { Bucket = "b", PolicyDocument = new { Statement = new[] { new { Effect = "Allow", Principal = [|"*"|], Action = "s3:GetObject" } } } });""")]
    [InlineData("""new CfnBucketPolicy(this, "CB", new CfnBucketPolicyProps { Bucket = "b", PolicyDocument = new { Statement = new[] { new { Effect = "Allow", Principal = "*", Action = "s3:GetObject", Condition = new { StringEquals = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-abc123" } } } } } });""")]
    [InlineData("""queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { [|new ArnPrincipal("*")|] }, Actions = new[] { "sqs:SendMessage" } }));""")]
    [InlineData("""queue.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Principals = new[] { somePrincipal }, Actions = new[] { "sqs:SendMessage" } }));""")]
    public Task AnyPrincipalShapes(string body) => Verify3005.AnalyzerAsync(InStack(body), AwsSdk.Cdk);
}
