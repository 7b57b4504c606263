using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using Xunit;
using VerifyCS = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.ExternalIdChosenByCallerRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.ExternalId;

/// <summary>CXA1004 against the real ASP.NET Core 8 reference assemblies (<see cref="AwsSdk.AspNetCore"/>).</summary>
public class CXA1004_ExternalIdChosenByCallerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Amazon.Runtime;
        using Amazon.SecurityToken;
        using Amazon.SecurityToken.Model;
        using Amazon.Extensions.NETCore.Setup;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.Routing;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;

        public class OnboardRequest { public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; public Tenant Tenant { get; set; } = new(); }
        public class Tenant { public string Id { get; set; } = ""; public string ExternalId { get; set; } = ""; }
        public interface ITenantStore { Tenant Find(string id); Task<Tenant> FindAsync(string id); }

        """;

    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => VerifyCS.AnalyzerAsync(Usings + source, AwsSdk.AspNetCore, expected);

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Reported(int markup, string sink, string input)
        => VerifyCS.Diagnostic(markup).WithArguments(sink, input);

    [Fact]
    public Task ControllerAction_FromBodyModelProperty_IsReported() => VerifyAsync("""
        [ApiController, Route("onboard")]
        public class OnboardingController : ControllerBase
        {
            private readonly IAmazonSecurityTokenService _sts;
            public OnboardingController(IAmazonSecurityTokenService sts) => _sts = sts;

            [HttpPost]
            public async Task<IActionResult> Onboard([FromBody] OnboardRequest model)
            {
                var response = await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = model.RoleArn, RoleSessionName = "onboard", ExternalId = {|#0:model.ExternalId|} });
                return Ok(response.AssumedRoleUser.Arn);
            }
        }
        """, Reported(0, "AssumeRoleRequest.ExternalId", "the request body parameter 'model'"));

    [Fact]
    public Task ControllerAction_EveryBindingSource_IsNamed() => VerifyAsync("""
        public class TenantsController : Controller
        {
            public AssumeRoleRequest Query([FromQuery] string externalId) => new() { RoleArn = "arn:aws:iam::111122223333:role/r", ExternalId = {|#0:externalId.Trim().ToLowerInvariant()|} };
            public AssumeRoleRequest Route([FromRoute(Name = "id")] string externalId) => new() { RoleArn = "arn:aws:iam::111122223333:role/r", ExternalId = {|#1:externalId|} };
            public AssumeRoleRequest Header([FromHeader(Name = "X-External-Id")] string externalId) => new() { RoleArn = "arn:aws:iam::111122223333:role/r", ExternalId = {|#2:externalId|} };
            public AssumeRoleRequest Form([FromForm] OnboardRequest form) => new() { RoleArn = "arn:aws:iam::111122223333:role/r", ExternalId = {|#3:form.ExternalId|} };
            public AssumeRoleRequest Convention(string externalId) => new() { RoleArn = "arn:aws:iam::111122223333:role/r", ExternalId = {|#4:"vendor-" + externalId|} };
            public AssumeRoleRequest ConventionModel(OnboardRequest model) => new() { RoleArn = "arn:aws:iam::111122223333:role/r", ExternalId = {|#5:$"{model.Tenant.ExternalId}"|} };
        }
        """,
        Reported(0, "AssumeRoleRequest.ExternalId", "the request query parameter 'externalId'"),
        Reported(1, "AssumeRoleRequest.ExternalId", "the request route parameter 'externalId'"),
        Reported(2, "AssumeRoleRequest.ExternalId", "the request header parameter 'externalId'"),
        Reported(3, "AssumeRoleRequest.ExternalId", "the request form parameter 'form'"),
        Reported(4, "AssumeRoleRequest.ExternalId", "the bound parameter 'externalId'"),
        Reported(5, "AssumeRoleRequest.ExternalId", "the bound parameter 'model'"));

    [Fact]
    public Task RequestCollections_AreReported() => VerifyAsync("""
        [ApiController]
        public class RawController : ControllerBase
        {
            [HttpGet("a")] public AssumeRoleRequest A() => new() { ExternalId = {|#0:Request.Query["externalId"]|} };
            [HttpGet("b")] public AssumeRoleRequest B() => new() { ExternalId = {|#1:HttpContext.Request.Headers["X-External-Id"].ToString()|} };
            [HttpPost("c")] public AssumeRoleRequest C() => new() { ExternalId = {|#2:Request.Form["externalId"]|} };
            [HttpGet("d/{id}")] public AssumeRoleRequest D() => new() { ExternalId = {|#3:Request.RouteValues["id"]?.ToString()|} };
            [HttpGet("e")]
            public AssumeRoleRequest E()
            {
                Request.Query.TryGetValue("externalId", out var value);
                var externalId = value.ToString();
                return new() { ExternalId = {|#4:externalId|} };
            }
        }
        """,
        Reported(0, "AssumeRoleRequest.ExternalId", "the request query value 'externalId'"),
        Reported(1, "AssumeRoleRequest.ExternalId", "the request header value 'X-External-Id'"),
        Reported(2, "AssumeRoleRequest.ExternalId", "the request form value 'externalId'"),
        Reported(3, "AssumeRoleRequest.ExternalId", "the request route value 'id'"),
        Reported(4, "AssumeRoleRequest.ExternalId", "the request query value 'externalId'"));

    [Fact]
    public Task HttpRequestAnywhere_AndTheBodyReadAsJson_AreReported() => VerifyAsync("""
        public class Onboarding
        {
            private readonly IHttpContextAccessor _accessor;
            public Onboarding(IHttpContextAccessor accessor) => _accessor = accessor;

            public AssumeRoleAWSCredentialsOptions FromAccessor() => new() { ExternalId = {|#0:_accessor.HttpContext!.Request.Query["externalId"]|} };

            public async Task<AWSOptions> FromBody(HttpRequest request)
            {
                var body = await request.ReadFromJsonAsync<OnboardRequest>();
                return new AWSOptions { SessionRoleArn = body!.RoleArn, ExternalId = {|#1:body.ExternalId|} };
            }
        }
        """,
        Reported(0, "AssumeRoleAWSCredentialsOptions.ExternalId", "the request query value 'externalId'"),
        Reported(1, "AWSOptions.ExternalId", "the request body"));

    [Fact]
    public Task StringOperationsAndLocals_AreFollowed() => VerifyAsync("""
        [ApiController]
        public class FlowController : ControllerBase
        {
            [HttpPost("a")]
            public AssumeRoleRequest A([FromBody] OnboardRequest model)
            {
                var raw = model.ExternalId;
                var trimmed = raw.Trim().Substring(0, 10);
                var request = new AssumeRoleRequest { RoleArn = model.RoleArn };
                request.ExternalId = {|#0:string.Format("{0}-{1}", "acme", trimmed)|};
                return request;
            }

            [HttpPost("b")]
            public AssumeRoleRequest B([FromBody] OnboardRequest model)
            {
                var externalId = model.ExternalId;
                if (string.IsNullOrEmpty(externalId))
                {
                    externalId = Guid.NewGuid().ToString();
                }

                // The caller still chooses it whenever it sends one.
                return new AssumeRoleRequest { ExternalId = {|#1:externalId|} };
            }
        }
        """,
        Reported(0, "AssumeRoleRequest.ExternalId", "the request body parameter 'model'"),
        Reported(1, "AssumeRoleRequest.ExternalId", "the request body parameter 'model'"));

    [Fact]
    public Task SourceHelpers_AreFollowedThreeLevelsDeep() => VerifyAsync("""
        public class Assumer
        {
            // Public, in another class: its callers are found in the files that name it.
            public AssumeRoleRequest Build(string roleArn, string externalId) => new() { RoleArn = roleArn, ExternalId = {|#0:externalId|} };
        }

        [ApiController]
        public class HelperController : ControllerBase
        {
            private readonly Assumer _assumer = new();

            [HttpPost]
            public AssumeRoleRequest Onboard([FromBody] OnboardRequest model) => Level1(model.RoleArn, Normalize(model.ExternalId));

            private AssumeRoleRequest Level1(string arn, string id) => Level2(arn, id);
            private AssumeRoleRequest Level2(string arn, string id) => _assumer.Build(arn, id);

            private static string Normalize(string value) => value.Trim().ToUpperInvariant();
        }
        """, Reported(0, "AssumeRoleRequest.ExternalId", "the request body parameter 'model'"));

    [Fact]
    public Task RazorPages_HandlerParametersAndBoundProperties_AreReported() => VerifyAsync("""
        public class OnboardModel : PageModel
        {
            [BindProperty] public OnboardRequest Input { get; set; } = new();

            public AssumeRoleRequest OnPost() => new() { RoleArn = Input.RoleArn, ExternalId = {|#0:Input.ExternalId|} };

            public Task<AssumeRoleRequest> OnGetAsync(string externalId) => Task.FromResult(new AssumeRoleRequest { ExternalId = {|#1:externalId|} });

            public AssumeRoleRequest OnPostConfirmAsync([FromQuery] string id) => new() { ExternalId = {|#2:id|} };
        }
        """,
        Reported(0, "AssumeRoleRequest.ExternalId", "the bound model property 'Input'"),
        Reported(1, "AssumeRoleRequest.ExternalId", "the bound parameter 'externalId'"),
        Reported(2, "AssumeRoleRequest.ExternalId", "the request query parameter 'id'"));

    [Fact]
    public Task MinimalApis_LambdasAndMethodGroups_AreReported() => VerifyAsync("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/onboard", ([FromBody] OnboardRequest body) => new AssumeRoleRequest { RoleArn = body.RoleArn, ExternalId = {|#0:body.ExternalId|} });
                app.MapGet("/assume/{externalId}", (string externalId, CancellationToken token) => new AssumeRoleRequest { ExternalId = {|#1:externalId|} });
                app.MapGroup("/v2").MapPut("/onboard", Handle);
                app.MapMethods("/raw", new[] { "PATCH" }, (HttpContext context) => new AssumeRoleRequest { ExternalId = {|#2:context.Request.Query["id"].FirstOrDefault()|} });
            }

            private static AssumeRoleRequest Handle([FromHeader(Name = "X-External-Id")] string externalId) => new() { ExternalId = {|#3:externalId|} };
        }
        """,
        Reported(0, "AssumeRoleRequest.ExternalId", "the request body parameter 'body'"),
        Reported(1, "AssumeRoleRequest.ExternalId", "the bound parameter 'externalId'"),
        Reported(2, "AssumeRoleRequest.ExternalId", "the request query value 'id'"),
        Reported(3, "AssumeRoleRequest.ExternalId", "the request header parameter 'externalId'"));

    [Fact]
    public Task ValuesTheServiceLooksUpGeneratesOrConfigures_AreNotReported() => VerifyAsync("""
        public class TenantOptions { public string ExternalId { get; set; } = ""; }

        [ApiController]
        public class SafeController : ControllerBase
        {
            private readonly ITenantStore _tenants;
            private readonly IConfiguration _configuration;
            private readonly Microsoft.Extensions.Options.IOptions<TenantOptions> _options;
            private readonly Dictionary<string, string> _externalIds = new();

            public SafeController(ITenantStore tenants, IConfiguration configuration, Microsoft.Extensions.Options.IOptions<TenantOptions> options)
            {
                _tenants = tenants;
                _configuration = configuration;
                _options = options;
            }

            [HttpPost("a")] public AssumeRoleRequest A([FromBody] OnboardRequest model) => new() { RoleArn = model.RoleArn, ExternalId = _tenants.Find(model.Tenant.Id).ExternalId };

            [HttpPost("b")]
            public async Task<AssumeRoleRequest> B([FromRoute] string tenantId)
            {
                var tenant = await _tenants.FindAsync(tenantId);
                return new AssumeRoleRequest { ExternalId = tenant.ExternalId };
            }

            [HttpPost("c")] public AssumeRoleRequest C([FromQuery] string tenantId) => new() { ExternalId = _externalIds[tenantId] };
            [HttpPost("d")] public AssumeRoleRequest D() => new() { ExternalId = Guid.NewGuid().ToString("N") };
            [HttpPost("e")] public AssumeRoleRequest E() => new() { ExternalId = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) };
            [HttpPost("f")] public AssumeRoleRequest F() => new() { ExternalId = _configuration["Aws:ExternalId"] };
            [HttpPost("g")] public AssumeRoleRequest G() => new() { ExternalId = _options.Value.ExternalId };
            [HttpPost("h")] public AssumeRoleRequest H() => new() { ExternalId = "vendor-constant" };

            [HttpPost("i")]
            public AssumeRoleRequest I([FromBody] OnboardRequest model)
            {
                // The service replaces what the caller sent before using it.
                model.ExternalId = _tenants.Find(User.Identity!.Name!).ExternalId;
                return new AssumeRoleRequest { RoleArn = model.RoleArn, ExternalId = model.ExternalId };
            }

            [HttpPost("j")]
            public AssumeRoleRequest J([FromBody] OnboardRequest model)
            {
                var externalId = model.ExternalId;
                externalId = _tenants.Find(model.Tenant.Id).ExternalId;
                return new AssumeRoleRequest { ExternalId = externalId };
            }
        }
        """);

    [Fact]
    public Task ConditionalOverwrite_IsStillReported() => VerifyAsync("""
        [ApiController]
        public class HalfController : ControllerBase
        {
            private readonly ITenantStore _tenants;
            public HalfController(ITenantStore tenants) => _tenants = tenants;

            [HttpPost]
            public AssumeRoleRequest Onboard([FromBody] OnboardRequest model, bool lookup)
            {
                if (lookup)
                {
                    model.ExternalId = _tenants.Find(model.Tenant.Id).ExternalId;
                }

                return new AssumeRoleRequest { ExternalId = {|#0:model.ExternalId|} };
            }
        }
        """, Reported(0, "AssumeRoleRequest.ExternalId", "the request body parameter 'model'"));

    [Fact]
    public Task ParametersTheRequestDoesNotBind_AreNotReported() => VerifyAsync("""
        public class Settings { public string ExternalId { get; set; } = ""; }

        public static class Registration
        {
            public static void Add(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
                => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<Settings>(services);
        }

        [ApiController]
        public class ServicesController : ControllerBase
        {
            [HttpPost("a")] public AssumeRoleRequest A([FromServices] Settings settings) => new() { ExternalId = settings.ExternalId };
            [HttpPost("b")] public AssumeRoleRequest B(Settings settings) => new() { ExternalId = settings.ExternalId };
            [HttpPost("c")] public AssumeRoleRequest C(ILogger<ServicesController> logger, CancellationToken token) => new() { ExternalId = token.ToString() + logger.ToString() };
            [NonAction] public AssumeRoleRequest D(string externalId) => new() { ExternalId = externalId };
            public static AssumeRoleRequest E(string externalId) => new() { ExternalId = externalId };
            private AssumeRoleRequest F(string externalId) => new() { ExternalId = externalId };
        }

        public class NotAController
        {
            public AssumeRoleRequest Build(string externalId) => new() { ExternalId = externalId };
        }

        public class OnboardModel : PageModel
        {
            public OnboardRequest Unbound { get; set; } = new();
            public AssumeRoleRequest Helper(string externalId) => new() { ExternalId = externalId };
            public AssumeRoleRequest OnPost() => new() { ExternalId = Unbound.ExternalId };
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app, ITenantStore tenants)
            {
                Func<string, AssumeRoleRequest> notMapped = externalId => new AssumeRoleRequest { ExternalId = externalId };
                app.MapPost("/onboard", ([FromBody] OnboardRequest body) => new AssumeRoleRequest { RoleArn = body.RoleArn, ExternalId = tenants.Find(body.Tenant.Id).ExternalId });
                app.MapPost("/settings", (Settings settings) => new AssumeRoleRequest { ExternalId = settings.ExternalId });
            }
        }
        """);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task WithoutAspNetCore_NothingIsReported(AwsSdk sdk) => VerifyCS.AnalyzerAsync("""
        using Amazon.SecurityToken.Model;

        public class OnboardingController
        {
            public AssumeRoleRequest Onboard(string externalId) => new() { ExternalId = externalId };
        }
        """, sdk);

    [Fact]
    public Task LoopsSelfReferencesAndBindProperties_AreFollowed() => VerifyAsync("""
        [BindProperties]
        public class ConnectModel : PageModel
        {
            public string ExternalId { get; set; } = "";

            public AssumeRoleRequest OnPost() => new() { ExternalId = {|#0:ExternalId|} };
        }

        [ApiController]
        public class LoopController : ControllerBase
        {
            [HttpGet("a")]
            public AssumeRoleRequest A()
            {
                var request = new AssumeRoleRequest();
                foreach (var id in Request.Query["ids"])
                {
                    request.ExternalId = {|#1:id|};
                }

                return request;
            }

            [HttpGet("b")]
            public AssumeRoleRequest B([FromQuery] string[] parts)
            {
                var externalId = "";
                for (var i = 0; i < parts.Length; i++)
                {
                    externalId = externalId + parts[i];
                }

                return new AssumeRoleRequest { ExternalId = {|#2:externalId|} };
            }
        }
        """,
        Reported(0, "AssumeRoleRequest.ExternalId", "the bound model property 'ExternalId'"),
        Reported(1, "AssumeRoleRequest.ExternalId", "the request query value 'ids'"),
        Reported(2, "AssumeRoleRequest.ExternalId", "the request query parameter 'parts'"));

    [Fact]
    public async Task IncompleteCode_NeverThrows()
    {
        // Code being typed: every prefix of a source with each input kind, analyzed by every analyzer, throws nothing.
        const string Source = Usings + """
            [ApiController]
            public class TypingController : ControllerBase
            {
                [HttpPost("{id}")]
                public AssumeRoleRequest Onboard([FromBody] OnboardRequest model, string id)
                {
                    Request.Query.TryGetValue("x", out var value);
                    var local = model.ExternalId.Trim() + value + Request.RouteValues["id"]?.ToString();
                    model.ExternalId = local;
                    return Helper(local + id);
                }

                private AssumeRoleRequest Helper(string externalId) => new() { ExternalId = $"{externalId}-{Normalize(externalId)}" };
                private static string Normalize(string s) => s.ToLowerInvariant();
            }

            public static class Endpoints
            {
                public static void Map(WebApplication app) => app.MapPost("/x", ([FromHeader] string h, OnboardRequest body) => new AssumeRoleRequest { ExternalId = h + body.ExternalId });
            }
            """;
        var start = Source.IndexOf("[ApiController]", System.StringComparison.Ordinal);
        for (var end = start; end <= Source.Length; end += 23)
        {
            var result = await AnalyzerRunner.RunAsync(AwsSdk.AspNetCore, Source.Substring(0, end));
            Assert.Empty(result.Exceptions);
        }

        // The whole source had something to find: the helper's sink and the minimal API's.
        var whole = await AnalyzerRunner.RunAsync(AwsSdk.AspNetCore, Source);
        Assert.Empty(whole.Exceptions);
        Assert.Equal(2, System.Linq.Enumerable.Count(whole.Diagnostics, d => d.Id == "CXA1004"));
    }
}
