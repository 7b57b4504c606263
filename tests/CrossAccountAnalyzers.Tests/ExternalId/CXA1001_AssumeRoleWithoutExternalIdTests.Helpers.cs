using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.AssumeRoleWithoutExternalIdRule,
    CrossAccountAnalyzers.CodeFixes.ExternalId.AssumeRoleWithoutExternalIdCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>
/// The request (or options) handed to a method of our own: the callee's body is read. A helper that sets the
/// ExternalId on its parameter, in any branch or further down (3 levels), sets it; one that only reads or sends it does
/// not, and the creation is reported; what cannot be read (virtual, abstract, interface, body-less) is not judged.
/// </summary>
public partial class CXA1001_AssumeRoleWithoutExternalIdTests
{
    private const string HelperUsings = Usings + """
        using Amazon.Extensions.NETCore.Setup;

        """;

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task HandedToHelpersThatOnlySend_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        static class Extensions
        {
            public static Task<AssumeRoleResponse> SendAsync(this AssumeRoleRequest request, IAmazonSecurityTokenService sts) => sts.AssumeRoleAsync(request);
        }

        class Vendor
        {
            private readonly IAmazonSecurityTokenService _sts;
            Vendor(IAmazonSecurityTokenService sts) => _sts = sts;

            Task<AssumeRoleResponse> A(string roleArn)
            {
                var request = [|new AssumeRoleRequest()|];
                request.RoleArn = roleArn;
                request.RoleSessionName = "a";
                return Send(_sts, request);
            }

            Task<AssumeRoleResponse> B(string roleArn) => Send(_sts, [|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "b" });

            Task<AssumeRoleResponse> C(string roleArn) => [|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "c" }.SendAsync(_sts);

            Task<AssumeRoleResponse> D(string roleArn)
            {
                var request = [|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "d" };
                return Local(request);

                Task<AssumeRoleResponse> Local(AssumeRoleRequest r)
                {
                    Console.WriteLine(r.RoleArn);
                    return _sts.AssumeRoleAsync(r);
                }
            }

            Task<AssumeRoleResponse> E(string roleArn) => Logged([|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "e" });

            // Three levels, none of which sets it.
            private Task<AssumeRoleResponse> Logged(AssumeRoleRequest request) { Console.WriteLine(request.RoleSessionName); return Timed(request); }
            private Task<AssumeRoleResponse> Timed(AssumeRoleRequest request) => Send(_sts, request);
            private static Task<AssumeRoleResponse> Send(IAmazonSecurityTokenService sts, AssumeRoleRequest request) => sts.AssumeRoleAsync(request);
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task HandedToHelpersThatSetIt_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        static class Extensions
        {
            public static AssumeRoleRequest ForCustomer(this AssumeRoleRequest request, string externalId) { request.ExternalId = externalId; return request; }
        }

        partial class Vendor
        {
            private readonly IAmazonSecurityTokenService _sts;
            private readonly string _externalId;
            Vendor(IAmazonSecurityTokenService sts, string externalId) { _sts = sts; _externalId = externalId; }

            Task<AssumeRoleResponse> A(string roleArn) => SendWithId(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "a" });

            Task<AssumeRoleResponse> B(string roleArn, bool thirdParty) => Maybe(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "b" }, thirdParty);

            Task<AssumeRoleResponse> C(string roleArn) => _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "c" }.ForCustomer(_externalId));

            Task<AssumeRoleResponse> D(string roleArn)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "d" };
                Configure(request);
                return _sts.AssumeRoleAsync(request);

                void Configure(AssumeRoleRequest r) => r.ExternalId = _externalId;
            }

            // Set two levels down.
            Task<AssumeRoleResponse> E(string roleArn) => Outer(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "e" });
            private Task<AssumeRoleResponse> Outer(AssumeRoleRequest request) => SendWithId(request);

            private Task<AssumeRoleResponse> SendWithId(AssumeRoleRequest request)
            {
                request.ExternalId = _externalId;
                return _sts.AssumeRoleAsync(request);
            }

            // A partial method with its implementation part, and a delegate the caller passes: both may set it.
            Task<AssumeRoleResponse> F(string roleArn) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "f" }; Complete(r); return _sts.AssumeRoleAsync(r); }
            Task<AssumeRoleResponse> G(string roleArn, Action<AssumeRoleRequest> configure) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "g" }; configure(r); return _sts.AssumeRoleAsync(r); }

            // Handed back by a helper, then set by the caller.
            Task<AssumeRoleResponse> H(string roleArn) { var r = Prepare(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "h" }); r.ExternalId = _externalId; return _sts.AssumeRoleAsync(r); }
            private static AssumeRoleRequest Prepare(AssumeRoleRequest r) { r.DurationSeconds = 900; return r; }

            partial void Complete(AssumeRoleRequest request);
            partial void Complete(AssumeRoleRequest request) => request.ExternalId = _externalId;

            private Task<AssumeRoleResponse> Maybe(AssumeRoleRequest request, bool thirdParty)
            {
                if (thirdParty)
                {
                    request.ExternalId = _externalId;
                }

                return _sts.AssumeRoleAsync(request);
            }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task HandedToAHelperThatAssignsNullOrEmpty_IsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            private readonly IAmazonSecurityTokenService _sts;
            Vendor(IAmazonSecurityTokenService sts) => _sts = sts;

            Task<AssumeRoleResponse> A(string roleArn) => Clear([|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "a" });
            Task<AssumeRoleResponse> B(string roleArn) => Blank([|new AssumeRoleRequest|] { RoleArn = roleArn, RoleSessionName = "b" });

            private Task<AssumeRoleResponse> Clear(AssumeRoleRequest request) { request.ExternalId = null; return _sts.AssumeRoleAsync(request); }
            private Task<AssumeRoleResponse> Blank(AssumeRoleRequest request) { request.ExternalId = ""; return _sts.AssumeRoleAsync(request); }
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task HandedToMethodsWhoseBodyCannotBeKnown_IsNotReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        interface IRequestConfigurator { void Configure(AssumeRoleRequest request); }

        abstract class Base
        {
            protected abstract void Complete(AssumeRoleRequest request);
            protected virtual void Decorate(AssumeRoleRequest request) { }
        }

        partial class Vendor : Base
        {
            private readonly IAmazonSecurityTokenService _sts;
            private readonly IRequestConfigurator _configurator;
            private AssumeRoleRequest? _last;
            Vendor(IAmazonSecurityTokenService sts, IRequestConfigurator configurator) { _sts = sts; _configurator = configurator; }

            Task<AssumeRoleResponse> A(string roleArn) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "a" }; _configurator.Configure(r); return _sts.AssumeRoleAsync(r); }
            Task<AssumeRoleResponse> B(string roleArn) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "b" }; Complete(r); return _sts.AssumeRoleAsync(r); }
            Task<AssumeRoleResponse> C(string roleArn) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "c" }; Decorate(r); return _sts.AssumeRoleAsync(r); }
            Task<AssumeRoleResponse> D(string roleArn) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "d" }; Hook(r); return _sts.AssumeRoleAsync(r); }
            Task<AssumeRoleResponse> E(string roleArn) { var r = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "e" }; Keep(r); return _sts.AssumeRoleAsync(r); }

            protected override void Complete(AssumeRoleRequest request) { }
            partial void Hook(AssumeRoleRequest request);

            // Stored where other code may configure it.
            private void Keep(AssumeRoleRequest request) => _last = request;
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task OptionsHandedToHelpers(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Setup
        {
            private readonly string _externalId;
            Setup(string externalId) => _externalId = externalId;

            AWSCredentials Reported(AWSCredentials source, string roleArn)
            {
                var options = new AssumeRoleAWSCredentialsOptions { DurationSeconds = 900 };
                Log(options);
                return {|#0:new AssumeRoleAWSCredentials(source, roleArn, "s", options)|};
            }

            AWSCredentials NotReported(AWSCredentials source, string roleArn)
            {
                var options = new AssumeRoleAWSCredentialsOptions { DurationSeconds = 900 };
                WithId(options);
                return new AssumeRoleAWSCredentials(source, roleArn, "s", options);
            }

            private static void Log(AssumeRoleAWSCredentialsOptions options) => Console.WriteLine(options.DurationSeconds);
            private void WithId(AssumeRoleAWSCredentialsOptions options) => options.ExternalId = _externalId;
        }
        """, sdk, VerifyCS.Diagnostic(0).WithArguments("AssumeRoleAWSCredentials"));

    [Fact]
    public Task AwsOptionsHandedToHelpers() => VerifyCS.AnalyzerAsync(HelperUsings + """
        class Setup
        {
            private readonly string _externalId;
            Setup(string externalId) => _externalId = externalId;

            void Reported(string roleArn)
            {
                var options = {|#0:new AWSOptions|} { SessionRoleArn = roleArn, SessionName = "s" };
                Describe(options);
                Console.WriteLine(options);
            }

            void NotReported(string roleArn)
            {
                var options = new AWSOptions { SessionRoleArn = roleArn, SessionName = "s" };
                WithId(options);
                Console.WriteLine(options);
            }

            // Handing the object back to the caller: what the caller does next is not followed (not reported).
            AWSOptions HandedBack(string roleArn) => Same(new AWSOptions { SessionRoleArn = roleArn, SessionName = "s" });

            private static void Describe(AWSOptions options) => Console.WriteLine(options.SessionName);
            private void WithId(AWSOptions options) => options.ExternalId = _externalId;
            private static AWSOptions Same(AWSOptions options) => options;
        }
        """, AwsSdk.V4, VerifyCS.Diagnostic(0).WithArguments("AWSOptions with a SessionRoleArn"));

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task HandedFourLevelsDown_IsNotJudged(AwsSdk sdk) => VerifyCS.AnalyzerAsync(Usings + """
        class Vendor
        {
            private readonly IAmazonSecurityTokenService _sts;
            private readonly string _externalId;
            Vendor(IAmazonSecurityTokenService sts, string externalId) { _sts = sts; _externalId = externalId; }

            // Past the depth budget (3 levels) the answer is unknown: not reported.
            Task<AssumeRoleResponse> A(string roleArn) => L1(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "a" });
            private Task<AssumeRoleResponse> L1(AssumeRoleRequest r) => L2(r);
            private Task<AssumeRoleResponse> L2(AssumeRoleRequest r) => L3(r);
            private Task<AssumeRoleResponse> L3(AssumeRoleRequest r) => L4(r);
            private Task<AssumeRoleResponse> L4(AssumeRoleRequest r) => _sts.AssumeRoleAsync(r);

            // A helper that hands the request to itself (a retry) and otherwise only sends it: it never sets it, so the
            // creation is reported (its recursion is read as what its other uses do).
            Task<AssumeRoleResponse> B(string roleArn) => Loop({|#0:new AssumeRoleRequest|} { RoleArn = roleArn, RoleSessionName = "b" }, 3);
            private Task<AssumeRoleResponse> Loop(AssumeRoleRequest r, int n) => n == 0 ? _sts.AssumeRoleAsync(r) : Loop(r, n - 1);
        }
        """, sdk, VerifyCS.Diagnostic().WithArguments("AssumeRoleRequest"));
}
