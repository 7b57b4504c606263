using System.Linq;
using System.Threading.Tasks;
using CrossAccountAnalyzers.Tests.Infrastructure;
using CrossAccountAnalyzers.Tests.TrustPolicies;
using Xunit;
using Verify1004 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.ExternalIdChosenByCallerRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify1005 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.ExternalId.GuessableExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3001 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAccountWithoutExternalIdRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3002 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.RoleTrustsAnyPrincipalRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;
using Verify3003 = CrossAccountAnalyzers.Tests.Infrastructure.Verify<
    CrossAccountAnalyzers.TrustPolicies.ServicePrincipalWithoutSourceConditionRule,
    Microsoft.CodeAnalysis.Testing.EmptyCodeFixProvider>;

namespace CrossAccountAnalyzers.Tests.Review;

/// <summary>
/// Review of issue 17: adversarial cases shaped like public code (SaaS onboarding endpoints, CDK stacks). Each
/// expectation follows RULES.md, not the analyzer.
/// </summary>
public class Issue17ReviewTests
{
    private const string Web = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Claims;
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
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        public class OnboardRequest { public string TenantId { get; set; } = ""; public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; }
        public record ConnectAccountRequest(string RoleArn, string ExternalId);
        public class AwsIntegrationDto { public string Name { get; set; } = ""; public AwsSection Aws { get; set; } = new(); }
        public class AwsSection { public string RoleArn { get; set; } = ""; public CredentialSection Credentials { get; set; } = new(); }
        public class CredentialSection { public string ExternalId { get; set; } = ""; }
        public class TenantEntity { public string Id { get; set; } = ""; public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; }
        public interface ITenantRepository { Task<TenantEntity> GetByIdAsync(string id); TenantEntity Get(string id); Task SaveAsync(TenantEntity tenant); IQueryable<TenantEntity> Tenants { get; } }
        public class AwsSettings { public string ExternalId { get; set; } = ""; public string RoleArn { get; set; } = ""; }

        """;

    private const string Iam = """
        using System.Collections.Generic;
        using System.Text.Json;
        using Amazon.IdentityManagement.Model;

        namespace Amazon.IdentityManagement.Model
        {
            public class CreateRoleRequest { public string RoleName { get; set; } public string AssumeRolePolicyDocument { get; set; } }
            public class UpdateAssumeRolePolicyRequest { public string RoleName { get; set; } public string PolicyDocument { get; set; } }
        }

        """;

    private const string Cdk = CXA3001_RoleTrustsAccountWithoutExternalIdTests.Usings;

    private static Task Web1004(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => Verify1004.AnalyzerAsync(Web + source, AwsSdk.AspNetCore, expected);

    private static string Stack(string body, string parameters = "") => Cdk + $@"
class VendorAccessStack : Stack
{{
    public VendorAccessStack(Construct scope, string id{parameters}) : base(scope, id)
    {{
        var role = new Role(this, ""CrossAccount"", new RoleProps {{ AssumedBy = new ServicePrincipal(""lambda.amazonaws.com"").WithConditions(new Dictionary<string, object> {{ [""StringEquals""] = new Dictionary<string, object> {{ [""aws:SourceAccount""] = this.Account }} }}) }});
        {body.Replace("\n", "\n        ", System.StringComparison.Ordinal)}
    }}
}}
";

    // ======================= CXA1004: reported =======================

    [Fact]
    public Task R1004_MinimalApi_ConventionBoundComplexType_WithStsService() => Web1004("""
        public static class OnboardingEndpoints
        {
            public static void MapOnboarding(this WebApplication app)
            {
                app.MapPost("/x", async (OnboardRequest req, IAmazonSecurityTokenService sts) =>
                {
                    var response = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = req.RoleArn, RoleSessionName = "onboarding", ExternalId = [|req.ExternalId|] });
                    return Results.Ok(response.AssumedRoleUser.Arn);
                });
            }
        }
        """);

    [Fact]
    public Task R1004_MinimalApi_AsParameters() => Web1004("""
        public record OnboardParams([FromRoute] string Tenant, [FromQuery] string ExternalId, [FromQuery] string RoleArn);

        public static class OnboardingEndpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/tenants/{tenant}/verify", async ([AsParameters] OnboardParams p, IAmazonSecurityTokenService sts) =>
                {
                    var result = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = p.RoleArn, RoleSessionName = p.Tenant, ExternalId = [|p.ExternalId|] });
                    return Results.Ok();
                });
            }
        }
        """);

    [Fact]
    public Task R1004_ApiController_FromBodyPositionalRecord() => Web1004("""
        [ApiController]
        [Route("api/[controller]")]
        public class AccountsController : ControllerBase
        {
            private readonly IAmazonSecurityTokenService _sts;
            public AccountsController(IAmazonSecurityTokenService sts) => _sts = sts;

            [HttpPost("connect")]
            public async Task<ActionResult<string>> Connect([FromBody] ConnectAccountRequest request, CancellationToken cancellationToken)
            {
                var assumed = await _sts.AssumeRoleAsync(new AssumeRoleRequest
                {
                    RoleArn = request.RoleArn,
                    RoleSessionName = "connect-check",
                    ExternalId = [|request.ExternalId|],
                    DurationSeconds = 900,
                }, cancellationToken);
                return assumed.AssumedRoleUser.Arn;
            }
        }
        """);

    [Fact]
    public Task R1004_NestedDtoProperty_TwoLevelsDown() => Web1004("""
        [ApiController, Route("integrations")]
        public class IntegrationsController : ControllerBase
        {
            [HttpPut("{id}")]
            public AssumeRoleRequest Update(string id, [FromBody] AwsIntegrationDto dto)
                => new AssumeRoleRequest { RoleArn = dto.Aws.RoleArn, RoleSessionName = id, ExternalId = [|dto.Aws.Credentials.ExternalId|] };
        }
        """);

    [Fact]
    public Task R1004_ConcreteServiceInjected_SinkInServiceMethod() => Web1004("""
        public class AwsConnectionService
        {
            private readonly IAmazonSecurityTokenService _sts;
            public AwsConnectionService(IAmazonSecurityTokenService sts) => _sts = sts;

            public async Task<bool> TestConnectionAsync(string roleArn, string externalId)
            {
                var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "test", ExternalId = [|externalId|] };
                var response = await _sts.AssumeRoleAsync(request);
                return response.Credentials != null;
            }
        }

        [ApiController, Route("api/aws")]
        public class AwsController : ControllerBase
        {
            private readonly AwsConnectionService _service;
            public AwsController(AwsConnectionService service) => _service = service;

            [HttpPost("test")]
            public async Task<IActionResult> Test([FromBody] OnboardRequest body) => Ok(await _service.TestConnectionAsync(body.RoleArn, body.ExternalId));
        }
        """);

    [Fact]
    public Task R1004_ExtensionMethodMapper_OnBoundModel() => Web1004("""
        public static class OnboardRequestExtensions
        {
            public static AssumeRoleRequest ToAssumeRoleRequest(this OnboardRequest request) => new()
            {
                RoleArn = request.RoleArn,
                RoleSessionName = "onboard",
                ExternalId = [|request.ExternalId|],
            };
        }

        [ApiController, Route("onboard")]
        public class OnboardController : ControllerBase
        {
            private readonly IAmazonSecurityTokenService _sts;
            public OnboardController(IAmazonSecurityTokenService sts) => _sts = sts;

            [HttpPost]
            public async Task<IActionResult> Post(OnboardRequest request) => Ok(await _sts.AssumeRoleAsync(request.ToAssumeRoleRequest()));
        }
        """);

    [Fact]
    public Task R1004_StaticHelperClass_CalledFromMinimalApi() => Web1004("""
        public static class StsRequests
        {
            public static AssumeRoleRequest For(string roleArn, string externalId, string session = "vendor") => new() { RoleArn = roleArn, RoleSessionName = session, ExternalId = [|externalId|] };
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/accounts/validate", async ([FromBody] ConnectAccountRequest body, IAmazonSecurityTokenService sts) =>
                    (await sts.AssumeRoleAsync(StsRequests.For(body.RoleArn, body.ExternalId.Trim()))).AssumedRoleUser.Arn);
        }
        """);

    [Fact]
    public Task R1004_QueryStringFromHttpContext_WithNullCoalescingThrow() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/assume", (HttpContext ctx) =>
                {
                    string? externalId = ctx.Request.Query["external_id"];
                    var id = externalId ?? throw new InvalidOperationException("external_id is required");
                    return new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/Reader", RoleSessionName = "s", ExternalId = [|id|] };
                });
        }
        """);

    [Fact]
    public Task R1004_HeaderStringValuesImplicitConversion_InController() => Web1004("""
        [ApiController, Route("reports")]
        public class ReportsController : ControllerBase
        {
            [HttpGet]
            public AssumeRoleRequest Get()
            {
                string externalId = Request.Headers["X-External-Id"];
                return new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/Reader", RoleSessionName = "reports", ExternalId = [|externalId|] };
            }
        }
        """);

    [Fact]
    public Task R1004_AssumeRoleAWSCredentialsOptions_FromForm() => Web1004("""
        [ApiController, Route("connect")]
        public class ConnectController : ControllerBase
        {
            private readonly AWSCredentials _baseCredentials;
            public ConnectController(AWSCredentials baseCredentials) => _baseCredentials = baseCredentials;

            [HttpPost]
            public AWSCredentials Connect([FromForm] OnboardRequest form)
                => new AssumeRoleAWSCredentials(_baseCredentials, form.RoleArn, "connect", new AssumeRoleAWSCredentialsOptions { ExternalId = [|form.ExternalId|] });
        }
        """);

    [Fact]
    public Task R1004_AWSOptions_PropertyAssignedLater_FromBody() => Web1004("""
        [ApiController, Route("sync")]
        public class SyncController : ControllerBase
        {
            [HttpPost]
            public AWSOptions Start([FromBody] OnboardRequest input)
            {
                var awsOptions = new AWSOptions { SessionRoleArn = input.RoleArn, SessionName = "sync" };
                awsOptions.ExternalId = [|input.ExternalId?.Trim()|];
                return awsOptions;
            }
        }
        """);

    [Fact]
    public Task R1004_CallerValueWithConfigurationFallback_IsStillReported() => Web1004("""
        [ApiController, Route("connect")]
        public class ConnectController : ControllerBase
        {
            private readonly IConfiguration _configuration;
            public ConnectController(IConfiguration configuration) => _configuration = configuration;

            [HttpPost]
            public AssumeRoleRequest Post([FromBody] OnboardRequest input)
            {
                var request = new AssumeRoleRequest();
                request.RoleArn = input.RoleArn;
                request.RoleSessionName = "connect";
                request.ExternalId = [|string.IsNullOrWhiteSpace(input.ExternalId) ? _configuration["Aws:ExternalId"] : input.ExternalId|];
                return request;
            }
        }
        """);

    [Fact]
    public Task R1004_RouteGuidParameter_ToString() => Web1004("""
        [ApiController]
        public class TenantsController : ControllerBase
        {
            [HttpPost("tenants/{tenantId}/connect/{externalId:guid}")]
            public AssumeRoleRequest Connect(string tenantId, Guid externalId)
                => new AssumeRoleRequest { RoleArn = "arn:aws:iam::111122223333:role/Vendor", RoleSessionName = tenantId, ExternalId = [|externalId.ToString("D")|] };
        }
        """);

    [Fact]
    public Task R1004_RazorPage_BindPropertySupportsGet() => Web1004("""
        public class ConnectAwsModel : PageModel
        {
            [BindProperty(SupportsGet = true)] public string ExternalId { get; set; } = "";
            [BindProperty] public string RoleArn { get; set; } = "";

            public async Task<IActionResult> OnPostAsync([FromServices] IAmazonSecurityTokenService sts)
            {
                await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = RoleArn, RoleSessionName = "page", ExternalId = [|ExternalId|] });
                return RedirectToPage("/Done");
            }
        }
        """);

    [Fact]
    public Task R1004_Cookie() => Web1004("""
        [ApiController, Route("dashboard")]
        public class DashboardController : ControllerBase
        {
            [HttpGet]
            public AssumeRoleRequest Get() => new() { RoleArn = "arn:aws:iam::111122223333:role/Vendor", RoleSessionName = "dash", ExternalId = [|Request.Cookies["ext_id"]|] };
        }
        """);

    [Fact]
    public Task R1004_MinimalApi_FromHeaderInLambda_Interpolated() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/scan", ([FromHeader(Name = "X-Aws-External-Id")] string externalId, [FromQuery] string roleArn) =>
                    new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "scan", ExternalId = [|$"acme:{externalId}"|] });
        }
        """);

    [Fact]
    public Task R1004_MapGroup_WithFromBodyDto_PrivateHandlerHelper() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                var group = app.MapGroup("/api/v1/integrations");
                group.MapPost("/aws", async (ConnectAccountRequest body, IAmazonSecurityTokenService sts) => await Connect(sts, body.RoleArn, body.ExternalId));
            }

            private static async Task<string> Connect(IAmazonSecurityTokenService sts, string roleArn, string externalId)
            {
                var resp = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "integration", ExternalId = [|externalId|] });
                return resp.AssumedRoleUser.Arn;
            }
        }
        """);

    // ======================= CXA1004: not reported =======================

    [Fact]
    public Task S1004_MinimalApi_LooksUpByTenantIdInRepository() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/x", async (OnboardRequest req, ITenantRepository repo, IAmazonSecurityTokenService sts) =>
                {
                    var tenant = await repo.GetByIdAsync(req.TenantId);
                    await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = tenant.RoleArn, RoleSessionName = "x", ExternalId = tenant.ExternalId });
                    return Results.NoContent();
                });
        }
        """);

    [Fact]
    public Task S1004_QueryableLookup_WithLambdaOverRequestValue() => Web1004("""
        [ApiController, Route("tenants")]
        public class TenantsController : ControllerBase
        {
            private readonly ITenantRepository _db;
            public TenantsController(ITenantRepository db) => _db = db;

            [HttpPost("{tenantId}/assume")]
            public AssumeRoleRequest Assume(string tenantId)
            {
                var externalId = _db.Tenants.Where(t => t.Id == tenantId).Select(t => t.ExternalId).FirstOrDefault();
                var tenant = _db.Tenants.First(t => t.Id == tenantId);
                return new AssumeRoleRequest { RoleArn = tenant.RoleArn, RoleSessionName = "assume", ExternalId = externalId ?? tenant.ExternalId };
            }
        }
        """);

    [Fact]
    public Task S1004_GeneratedGuid_StoredThenUsed() => Web1004("""
        [ApiController, Route("onboarding")]
        public class OnboardingController : ControllerBase
        {
            private readonly ITenantRepository _tenants;
            private readonly IAmazonSecurityTokenService _sts;
            public OnboardingController(ITenantRepository tenants, IAmazonSecurityTokenService sts) { _tenants = tenants; _sts = sts; }

            [HttpPost]
            public async Task<IActionResult> Register([FromBody] OnboardRequest request)
            {
                var externalId = Guid.NewGuid().ToString();
                var tenant = new TenantEntity { Id = request.TenantId, RoleArn = request.RoleArn, ExternalId = externalId };
                await _tenants.SaveAsync(tenant);
                await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = tenant.RoleArn, RoleSessionName = "verify", ExternalId = externalId });
                return Ok(new { externalId });
            }
        }
        """);

    [Fact]
    public Task S1004_GeneratedValueOverwritesTheDtoFirst() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/register", ([FromBody] OnboardRequest req) =>
                {
                    req.ExternalId = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=');
                    return new AssumeRoleRequest { RoleArn = req.RoleArn, RoleSessionName = "r", ExternalId = req.ExternalId };
                });
        }
        """);

    [Fact]
    public Task S1004_TenantClaim_UsedAsLookupKey() => Web1004("""
        [ApiController, Route("scan")]
        public class ScanController : ControllerBase
        {
            private readonly ITenantRepository _tenants;
            public ScanController(ITenantRepository tenants) => _tenants = tenants;

            [HttpPost]
            public AssumeRoleRequest Scan()
            {
                var tenantId = HttpContext.User.FindFirst("tenant")?.Value ?? throw new UnauthorizedAccessException();
                var tenant = _tenants.Get(tenantId);
                return new AssumeRoleRequest { RoleArn = tenant.RoleArn, RoleSessionName = "scan", ExternalId = tenant.ExternalId };
            }
        }
        """);

    /// <summary>Unsure: a claim the vendor's identity provider issued is not chosen by the caller (ClaimsPrincipal is a framework type, not bound input).</summary>
    [Fact]
    public Task S1004_ExternalIdClaim_FromAuthenticatedIdentity() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/assume", (ClaimsPrincipal user, HttpContext context) => new AssumeRoleRequest
                {
                    RoleArn = "arn:aws:iam::111122223333:role/Vendor",
                    RoleSessionName = "claims",
                    ExternalId = user.FindFirst("external_id")?.Value ?? context.User.FindFirst(ClaimTypes.Sid)!.Value,
                });
        }
        """);

    [Fact]
    public Task S1004_OptionsInMinimalApiAndController() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/a", (IOptions<AwsSettings> options, OnboardRequest req) => new AssumeRoleRequest { RoleArn = req.RoleArn, RoleSessionName = "a", ExternalId = options.Value.ExternalId });
                app.MapPost("/b", (IOptionsMonitor<AwsSettings> monitor) => new AssumeRoleRequest { RoleSessionName = "b", ExternalId = monitor.CurrentValue.ExternalId });
            }
        }

        [ApiController, Route("c")]
        public class SettingsController : ControllerBase
        {
            private readonly AwsSettings _settings;
            private readonly IConfiguration _configuration;
            public SettingsController(IOptionsSnapshot<AwsSettings> settings, IConfiguration configuration) { _settings = settings.Value; _configuration = configuration; }

            [HttpPost] public AssumeRoleRequest C() => new() { RoleSessionName = "c", ExternalId = _settings.ExternalId };
            [HttpPost("d")] public AssumeRoleRequest D() => new() { RoleSessionName = "d", ExternalId = _configuration.GetValue<string>("Aws:ExternalId") };
            [HttpPost("e")] public AssumeRoleRequest E() => new() { RoleSessionName = "e", ExternalId = _configuration.GetSection("Aws")["ExternalId"] };
            [HttpPost("f")] public AssumeRoleRequest F() => new() { RoleSessionName = "f", ExternalId = Environment.GetEnvironmentVariable("AWS_EXTERNAL_ID") };
        }
        """);

    [Fact]
    public Task S1004_MinimalApi_RegisteredSingletonParameter_InferredGeneric() => Web1004("""
        public class VendorSettings { public string ExternalId { get; set; } = ""; }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                var vendor = builder.Configuration.GetSection("Vendor").Get<VendorSettings>()!;
                builder.Services.AddSingleton(vendor);
                var app = builder.Build();
                app.MapPost("/assume", (VendorSettings settings, ConnectAccountRequest body) => new AssumeRoleRequest { RoleArn = body.RoleArn, RoleSessionName = "s", ExternalId = settings.ExternalId });
                app.Run();
            }
        }
        """);

    [Fact]
    public Task S1004_MinimalApi_RegisteredSingletonParameter_ExplicitGeneric() => Web1004("""
        public class VendorSettings { public string ExternalId { get; set; } = ""; }

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddSingleton<VendorSettings>(new VendorSettings());
                var app = builder.Build();
                app.MapPost("/assume", (VendorSettings settings) => new AssumeRoleRequest { RoleSessionName = "s", ExternalId = settings.ExternalId });
            }
        }
        """);

    [Fact]
    public Task S1004_DictionaryTryGetValue_KeyedByRequest() => Web1004("""
        [ApiController, Route("cache")]
        public class CacheController : ControllerBase
        {
            private static readonly Dictionary<string, string> ExternalIds = new();

            [HttpGet("{tenantId}")]
            public ActionResult<AssumeRoleRequest> Get(string tenantId)
            {
                if (!ExternalIds.TryGetValue(tenantId, out var externalId))
                {
                    return NotFound();
                }

                return new AssumeRoleRequest { RoleSessionName = tenantId, ExternalId = externalId };
            }
        }
        """);

    [Fact]
    public Task S1004_HeaderOnlyUsedAsKey_AndComparedToStoredValue() => Web1004("""
        [ApiController, Route("verify")]
        public class VerifyController : ControllerBase
        {
            private readonly ITenantRepository _tenants;
            public VerifyController(ITenantRepository tenants) => _tenants = tenants;

            [HttpPost]
            public IActionResult Verify([FromBody] OnboardRequest body)
            {
                var tenant = _tenants.Get(Request.Headers["X-Tenant-Id"].ToString());
                if (!string.Equals(body.ExternalId, tenant.ExternalId, StringComparison.Ordinal))
                {
                    return Forbid();
                }

                return Ok(new AssumeRoleRequest { RoleArn = tenant.RoleArn, RoleSessionName = "verify", ExternalId = tenant.ExternalId });
            }
        }
        """);

    [Fact]
    public Task S1004_RequestValueOnlyLogged_GeneratedValueSent() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/connect", (ConnectAccountRequest req, Microsoft.Extensions.Logging.ILogger<ConnectAccountRequest> logger) =>
                {
                    Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Caller sent {ExternalId}", req.ExternalId);
                    var generated = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                    return new AssumeRoleRequest { RoleArn = req.RoleArn, RoleSessionName = "c", ExternalId = generated };
                });
        }
        """);

    /// <summary>RULES.md (helpers): "Virtual, abstract, interface ... methods are unknown (not reported)": the call goes through the interface.</summary>
    [Fact]
    public Task S1004_ServiceBehindInterface_IsUnknown() => Web1004("""
        public interface IAwsAccountService { Task<bool> ValidateAsync(string roleArn, string externalId); }

        public class AwsAccountService : IAwsAccountService
        {
            private readonly IAmazonSecurityTokenService _sts;
            public AwsAccountService(IAmazonSecurityTokenService sts) => _sts = sts;

            public async Task<bool> ValidateAsync(string roleArn, string externalId)
                => (await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "v", ExternalId = externalId })).Credentials != null;
        }

        [ApiController, Route("validate")]
        public class ValidateController : ControllerBase
        {
            private readonly IAwsAccountService _service;
            public ValidateController(IAwsAccountService service) => _service = service;

            [HttpPost] public async Task<IActionResult> Post([FromBody] ConnectAccountRequest body) => Ok(await _service.ValidateAsync(body.RoleArn, body.ExternalId));
        }
        """);

    [Fact]
    public Task S1004_BackgroundWorker_NotAnEndpoint() => Web1004("""
        public class SyncWorker : Microsoft.Extensions.Hosting.BackgroundService
        {
            private readonly ITenantRepository _tenants;
            public SyncWorker(ITenantRepository tenants) => _tenants = tenants;

            public AssumeRoleRequest Build(string roleArn, string externalId) => new() { RoleArn = roleArn, RoleSessionName = "sync", ExternalId = externalId };

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                var tenant = await _tenants.GetByIdAsync("t1");
                _ = Build(tenant.RoleArn, tenant.ExternalId);
            }
        }
        """);

    [Fact]
    public Task R1004_MinimalApi_ReadFormAsync() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/connect", async (HttpRequest request) =>
                {
                    var form = await request.ReadFormAsync();
                    return new AssumeRoleRequest { RoleArn = form["roleArn"], RoleSessionName = "c", ExternalId = [|form["externalId"].ToString()|] };
                });
        }
        """);

    [Fact]
    public Task R1004_GetRouteValue() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/t/{externalId}", (HttpContext context) => new AssumeRoleRequest { RoleSessionName = "t", ExternalId = [|context.GetRouteValue("externalId") as string|] });
        }
        """);

    /// <summary>Unsure: IFormCollection is an interface (services are interfaces), but MVC binds this parameter from the posted form.</summary>
    [Fact]
    public Task R1004_MvcController_IFormCollectionParameter() => Web1004("""
        public class SetupController : Controller
        {
            [HttpPost, ValidateAntiForgeryToken]
            public IActionResult Connect(IFormCollection form)
                => View(new AssumeRoleRequest { RoleArn = form["RoleArn"], RoleSessionName = "setup", ExternalId = [|form["ExternalId"]|] });
        }
        """);

    [Fact]
    public Task S1004_FromKeyedServicesAndRazorLookup() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/keyed", ([FromKeyedServices("vendor")] AwsSettings settings) => new AssumeRoleRequest { RoleSessionName = "k", ExternalId = settings.ExternalId });
        }

        public class TenantModel : PageModel
        {
            private readonly ITenantRepository _repo;
            public TenantModel(ITenantRepository repo) => _repo = repo;

            public async Task<IActionResult> OnGetAsync(string tenantId)
            {
                var request = new AssumeRoleRequest { RoleSessionName = tenantId, ExternalId = (await _repo.GetByIdAsync(tenantId)).ExternalId };
                return new JsonResult(request);
            }
        }
        """);

    [Fact]
    public Task S1004_RecordWithExpression_ReplacesCallerValue() => Web1004("""
        [ApiController, Route("connect")]
        public class ConnectController : ControllerBase
        {
            private readonly ITenantRepository _tenants;
            public ConnectController(ITenantRepository tenants) => _tenants = tenants;

            [HttpPost]
            public AssumeRoleRequest Post([FromBody] ConnectAccountRequest body)
            {
                var stored = _tenants.Get(User.Identity!.Name!);
                var safe = body with { ExternalId = stored.ExternalId };
                return new AssumeRoleRequest { RoleArn = safe.RoleArn, RoleSessionName = "c", ExternalId = safe.ExternalId };
            }
        }
        """);

    [Fact]
    public Task S1004_SourceHelperReturnsLookup_KeyedByTrimmedInput() => Web1004("""
        [ApiController, Route("tenants")]
        public class TenantsController : ControllerBase
        {
            private readonly ITenantRepository _tenants;
            public TenantsController(ITenantRepository tenants) => _tenants = tenants;

            [HttpPost("{tenantId}/a")] public AssumeRoleRequest A(string tenantId) => new() { RoleSessionName = "a", ExternalId = ExternalIdFor(tenantId) };
            [HttpPost("{tenantId}/b")] public AssumeRoleRequest B([FromQuery] string tenantId) => new() { RoleSessionName = "b", ExternalId = _tenants.Get(tenantId.Trim().ToLowerInvariant()).ExternalId };
            [HttpPost("{tenantId}/c")]
            public async Task<AssumeRoleRequest> C(string tenantId)
            {
                var tenant = await _tenants.GetByIdAsync(tenantId);
                return new() { RoleSessionName = "c", ExternalId = tenant?.ExternalId ?? Guid.NewGuid().ToString() };
            }

            private string ExternalIdFor(string tenantId) => _tenants.Get(tenantId).ExternalId;
        }
        """);

    [Fact]
    public Task S1004_RazorPage_BoundInputOverwrittenWithGeneratedValue() => Web1004("""
        public class OnboardModel : PageModel
        {
            [BindProperty] public OnboardRequest Input { get; set; } = new();

            public AssumeRoleRequest OnPost()
            {
                Input.ExternalId = Guid.NewGuid().ToString("N");
                return new AssumeRoleRequest { RoleArn = Input.RoleArn, RoleSessionName = "page", ExternalId = Input.ExternalId };
            }
        }
        """);

    /// <summary>Unsure: the docs call any other method call a lookup, but GetProperty reads the request body the caller sent.</summary>
    [Fact]
    public Task R1004_FromBodyJsonElement_GetProperty() => Web1004("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/webhook", ([FromBody] System.Text.Json.JsonElement body) =>
                    new AssumeRoleRequest { RoleArn = body.GetProperty("roleArn").GetString(), RoleSessionName = "hook", ExternalId = [|body.GetProperty("externalId").GetString()|] });
        }
        """);

    [Fact]
    public Task S1004_ProtectedBaseControllerHelper_CalledWithStoredValue() => Web1004("""
        public abstract class AwsControllerBase : ControllerBase
        {
            protected AssumeRoleRequest Build(string roleArn, string externalId) => new() { RoleArn = roleArn, RoleSessionName = "base", ExternalId = externalId };
        }

        [ApiController, Route("accounts")]
        public class AccountsController : AwsControllerBase
        {
            private readonly ITenantRepository _tenants;
            public AccountsController(ITenantRepository tenants) => _tenants = tenants;

            [HttpGet("{id}")]
            public AssumeRoleRequest Get(string id)
            {
                var tenant = _tenants.Get(id);
                return Build(tenant.RoleArn, tenant.ExternalId);
            }
        }
        """);

    [Fact]
    public Task S1004_OutgoingHttpRequestMessageHeaders_AreNotTheCallersRequest() => Web1004("""
        public class StsSigningHandler : System.Net.Http.DelegatingHandler
        {
            public AssumeRoleRequest Build(System.Net.Http.HttpRequestMessage request)
                => new() { RoleSessionName = "outgoing", ExternalId = request.Headers.GetValues("X-External-Id").First() };
        }
        """);

    [Fact]
    public Task R1004_MinimalApi_MethodGroupInAnotherClass() => Web1004("""
        public static class OnboardingHandlers
        {
            public static async Task<IResult> Connect(OnboardRequest req, IAmazonSecurityTokenService sts)
            {
                await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = req.RoleArn, RoleSessionName = "c", ExternalId = [|req.ExternalId|] });
                return Results.Ok();
            }
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapPost("/connect", OnboardingHandlers.Connect);
        }
        """);

    [Fact]
    public Task S1004_HttpContextItemsAndClaimsFirst() => Web1004("""
        [ApiController, Route("x")]
        public class ItemsController : ControllerBase
        {
            [HttpGet("a")] public AssumeRoleRequest A() => new() { RoleSessionName = "a", ExternalId = HttpContext.Items["TenantExternalId"] as string };
            [HttpGet("b")] public AssumeRoleRequest B() => new() { RoleSessionName = "b", ExternalId = User.Claims.First(c => c.Type == "ext_id").Value };
        }
        """);

    // ======================= CXA1005 =======================

    private static Task V1005(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => Verify1005.AnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Amazon.Runtime;
            using Amazon.SecurityToken;
            using Amazon.SecurityToken.Model;
            using Amazon.Extensions.NETCore.Setup;

            public class Customer { public string Id { get; set; } = ""; public string AccountId { get; set; } = ""; public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; }

            """ + source, AwsSdk.AspNetCore, expected);

    [Fact]
    public Task R1005_ParameterNamedAccountId() => V1005("""
        public class CustomerAssumer
        {
            public AssumeRoleRequest Build(string accountId, string roleName) => new()
            {
                RoleArn = $"arn:aws:iam::{accountId}:role/{roleName}",
                RoleSessionName = "vendor",
                ExternalId = [|accountId|],
            };
        }
        """);

    [Fact]
    public Task R1005_InterpolatedAccountIdOnly() => V1005("""
        public class CustomerAssumer
        {
            public AssumeRoleRequest Build(Customer customer) => new() { RoleArn = customer.RoleArn, RoleSessionName = "vendor", ExternalId = [|$"{customer.AccountId}"|] };
        }
        """);

    [Fact]
    public Task R1005_RoleArnSplitThroughLocals() => V1005("""
        public class CustomerAssumer
        {
            public AssumeRoleRequest Build(string roleArn)
            {
                var parts = roleArn.Split(':');
                var account = parts[4];
                return new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "vendor", ExternalId = [|account|] };
            }
        }
        """);

    [Fact]
    public Task R1005_RoleArnSplitInline_OnOptions() => V1005("""
        public class CustomerAssumer
        {
            public AWSCredentials Credentials(AWSCredentials source, string roleArn)
                => new AssumeRoleAWSCredentials(source, roleArn, "vendor", new AssumeRoleAWSCredentialsOptions { ExternalId = [|roleArn.Split(':')[4]|] });
        }
        """);

    [Fact]
    public Task R1005_AwsOptions_SameArnAsSessionRoleArn() => V1005("""
        public class Setup
        {
            public AWSOptions Options(string customerRole) => new AWSOptions { SessionRoleArn = customerRole, SessionName = "vendor", ExternalId = [|customerRole|] };
        }
        """);

    [Fact]
    public Task R1005_Placeholders_TodoAndXxx() => V1005("""
        public class Setup
        {
            public AssumeRoleRequest A(string roleArn) => new() { RoleArn = roleArn, RoleSessionName = "a", ExternalId = [|"TODO"|] };
            public AssumeRoleAWSCredentialsOptions B() => new() { ExternalId = [|"xxx"|] };
        }
        """);

    [Fact]
    public Task S1005_AccountIdCombinedWithRandom_TenantIdAndLookups() => V1005("""
        public class CustomerAssumer
        {
            private readonly Dictionary<string, string> _externalIdsByAccount = new();
            private readonly byte[] _key = new byte[32];

            public AssumeRoleRequest A(Customer customer) => new() { RoleArn = customer.RoleArn, RoleSessionName = "a", ExternalId = $"{customer.AccountId}-{Guid.NewGuid():N}" };
            public AssumeRoleRequest B(Customer customer) => new() { RoleArn = customer.RoleArn, RoleSessionName = "b", ExternalId = customer.Id };
            public AssumeRoleRequest C(Customer customer) => new() { RoleArn = customer.RoleArn, RoleSessionName = "c", ExternalId = _externalIdsByAccount[customer.AccountId] };
            public AssumeRoleRequest D(Customer customer) => new() { RoleArn = customer.RoleArn, RoleSessionName = "d", ExternalId = Derive(customer.AccountId) };

            private string Derive(string accountId) => Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(_key, System.Text.Encoding.UTF8.GetBytes(accountId)));
        }
        """);

    [Fact]
    public Task S1005_RandomLookingConstant_IsCXA1002Only() => Verify1005.AnalyzerAsync("""
        using Amazon.Runtime;

        public class Setup
        {
            private const string VendorExternalId = "3f9c1a7e-42b8-4d0e-9a61-7c2b5e8d0f14";
            public AssumeRoleAWSCredentialsOptions Options() => new() { ExternalId = {|#0:VendorExternalId|} };
        }
        """, AwsSdk.V4, Verify1005.Diagnostic(Descriptors.CXA1002_ConstantExternalId, 0).WithArguments("AssumeRoleAWSCredentialsOptions.ExternalId"));

    [Fact]
    public async Task R1005_PlaceholderConstant_IsCXA1005NotCXA1002()
    {
        // RULES.md: "One diagnostic per spot: where CXA1002 and CXA1005 meet, the more specific one" (docs: CXA1005).
        const string Source = """
            using Amazon.Runtime;
            using Amazon.Extensions.NETCore.Setup;

            public class Setup
            {
                public AWSOptions Options() => new AWSOptions { SessionRoleArn = "arn:aws:iam::111122223333:role/Vendor", SessionName = "s", ExternalId = "REPLACE_ME" };
                public AssumeRoleAWSCredentialsOptions Other() => new() { ExternalId = "<external-id>" };
            }
            """;
        var result = await AnalyzerRunner.RunAsync(AwsSdk.AspNetCore, Source);
        Assert.Empty(result.Exceptions);
        var ids = result.Diagnostics.Where(d => d.Id is "CXA1002" or "CXA1005").Select(d => d.Id + "@" + d.Location.GetLineSpan().StartLinePosition.Line).OrderBy(i => i).ToArray();
        Assert.Equal(new[] { "CXA1005@5", "CXA1005@6" }, ids);
    }

    [Fact]
    public Task R1005_NumericAccountIdToString_AndOptionsAccountId() => V1005("""
        public class VendorOptions { public string AccountId { get; set; } = ""; }

        public class CustomerAssumer
        {
            public AssumeRoleRequest A(long accountId, string roleArn) => new() { RoleArn = roleArn, RoleSessionName = "a", ExternalId = [|accountId.ToString()|] };
            public AssumeRoleAWSCredentialsOptions B(VendorOptions options) => new() { ExternalId = [|options.AccountId|] };
        }
        """);

    [Fact]
    public Task S1005_ExternalIdPropertyOfAccountOrRoleObjects() => V1005("""
        public class CustomerAccount { public string Id { get; set; } = ""; public string ExternalId { get; set; } = ""; }
        public class RoleConfig { public string RoleArn { get; set; } = ""; public string ExternalId { get; set; } = ""; }

        public class CustomerAssumer
        {
            public AssumeRoleRequest A(CustomerAccount account, string roleArn) => new() { RoleArn = roleArn, RoleSessionName = "a", ExternalId = account.ExternalId };
            public AssumeRoleRequest B(RoleConfig role) => new() { RoleArn = role.RoleArn, RoleSessionName = "b", ExternalId = role.ExternalId };
            public AssumeRoleRequest C(RoleConfig roleArnConfig) => new() { RoleArn = roleArnConfig.RoleArn, RoleSessionName = "c", ExternalId = roleArnConfig.ExternalId };
        }
        """);

    [Fact]
    public Task R1005_Cdk_ExternalIds_StackAccountAndPropsAccountId() => Verify1005.AnalyzerAsync(Cdk + """
        public class CustomerStackProps : StackProps { public string CustomerAccountId { get; set; } = ""; }

        class VendorAccessStack : Stack
        {
            public VendorAccessStack(Construct scope, string id, CustomerStackProps props) : base(scope, id, props)
            {
                new Role(this, "A", new RoleProps { AssumedBy = new AccountPrincipal("999988887777"), ExternalIds = new[] { [|this.Account|] } });
                new Role(this, "B", new RoleProps { AssumedBy = new AccountPrincipal("999988887777"), ExternalIds = new[] { [|props.CustomerAccountId|] } });
                new Role(this, "C", new RoleProps { AssumedBy = new AccountPrincipal("999988887777"), ExternalIds = new[] { [|"<external-id>"|] } });
            }
        }
        """, AwsSdk.Cdk);

    /// <summary>Unsure: the docs list WithConditions dictionaries and JSON; AddCondition on a statement is also a sts:ExternalId value ("in every sink").</summary>
    [Fact]
    public Task R1005_Cdk_AddConditionPlaceholder() => Verify1005.AnalyzerAsync(Stack("""
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        stmt.AddAwsAccountPrincipal("999988887777");
        stmt.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:ExternalId"] = [|"REPLACE_ME"|] });
        role.AssumeRolePolicy.AddStatements(stmt);
        """), AwsSdk.Cdk);

    [Fact]
    public Task S1005_Cdk_ContextValueAndGeneratedIds() => Verify1005.AnalyzerAsync(Stack("""
        var vendorExternalId = (string)this.Node.TryGetContext("vendorExternalId");
        new Role(this, "Vendor", new RoleProps { AssumedBy = new AccountPrincipal(vendorAccount), ExternalIds = new[] { vendorExternalId } });
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        stmt.AddAwsAccountPrincipal(vendorAccount);
        stmt.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:ExternalId"] = vendorExternalId });
        role.AssumeRolePolicy.AddStatements(stmt);
        """, ", string vendorAccount"), AwsSdk.Cdk);

    // ======================= CXA3001-3003: trust policies in every shape =======================

    [Fact]
    public Task R3001_Cdk_ArnPrincipalInterpolatedRoot() => Verify3001.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new IPrincipal[] { [|new ArnPrincipal($"arn:aws:iam::{vendorAccount}:root")|] },
            Actions = new[] { "sts:AssumeRole" },
        }));
        """, ", string vendorAccount"), AwsSdk.Cdk);

    [Fact]
    public Task R3001_CdkRoleProps_ArnPrincipalInterpolatedRoot() => Verify3001.AnalyzerAsync(Cdk + """
        class VendorAccessStack : Stack
        {
            public VendorAccessStack(Construct scope, string id, string vendorAccount) : base(scope, id)
            {
                new Role(this, "A", new RoleProps { AssumedBy = [|new ArnPrincipal($"arn:aws:iam::{vendorAccount}:root")|] });
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task R3001_Cdk_NullForgivingAssumeRolePolicy() => Verify3001.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy!.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new IPrincipal[] { [|new AccountPrincipal("111122223333")|] },
            Actions = new[] { "sts:AssumeRole" },
        }));
        """), AwsSdk.Cdk);

    [Fact]
    public Task R3001_Cdk_StatementAddPrincipalsThenAddActionsAfter() => Verify3001.AnalyzerAsync(Stack("""
        var trust = new PolicyStatement();
        trust.AddPrincipals([|new AccountPrincipal("111122223333")|]);
        trust.Effect = Effect.ALLOW;
        trust.AddActions("sts:AssumeRole");
        role.AssumeRolePolicy.AddStatements(trust);
        """), AwsSdk.Cdk);

    [Fact]
    public Task S3001_Cdk_ExternalIdConditionInnerDictionaryOfStrings() => Verify3001.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new[] { new AccountPrincipal("111122223333") },
            Actions = new[] { "sts:AssumeRole" },
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, string> { ["sts:ExternalId"] = externalId } },
        }));
        """, ", string externalId"), AwsSdk.Cdk);

    [Fact]
    public Task R3001_Cdk_RoleWithConditions_StringLikeStar() => Verify3001.AnalyzerAsync(Cdk + """
        class VendorAccessStack : Stack
        {
            public VendorAccessStack(Construct scope, string id) : base(scope, id)
            {
                new Role(this, "A", new RoleProps
                {
                    AssumedBy = [|new AccountPrincipal("111122223333")|].WithConditions(new Dictionary<string, object>
                    {
                        ["StringLike"] = new Dictionary<string, object> { ["sts:ExternalId"] = "*" },
                    }),
                });
            }
        }
        """, AwsSdk.Cdk);

    [Fact]
    public Task R3001_Json_StringLikeStar_Verbatim() => Verify3001.AnalyzerAsync(Iam + """
        class Roles
        {
            CreateRoleRequest Create() => new CreateRoleRequest
            {
                RoleName = "VendorAccess",
                AssumeRolePolicyDocument = @"{
                  ""Version"": ""2012-10-17"",
                  ""Statement"": [{
                    ""Effect"": ""Allow"",
                    ""Principal"": { ""AWS"": ""[|arn:aws:iam::111122223333:root|]"" },
                    ""Action"": ""sts:AssumeRole"",
                    ""Condition"": { ""StringLike"": { ""sts:ExternalId"": ""*"" } }
                  }]
                }",
            };
        }
        """, AwsSdk.V4);

    [Fact]
    public Task S3001_Cdk_SameAccountAndSpecificRole() => Verify3001.AnalyzerAsync(Stack("""
        var own = new PolicyStatement();
        own.AddActions("sts:AssumeRole");
        own.AddAwsAccountPrincipal(Stack.Of(this).Account);
        own.AddPrincipals(new AccountPrincipal(Aws.ACCOUNT_ID));
        role.AssumeRolePolicy.AddStatements(own);
        var specific = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" } });
        specific.AddArnPrincipal($"arn:aws:iam::{vendorAccount}:role/VendorScanner");
        role.AssumeRolePolicy.AddStatements(specific);
        """, ", string vendorAccount"), AwsSdk.Cdk);

    [Fact]
    public Task S3001_Cdk_ResourcePolicies_AccountPrincipal() => Verify3001.AnalyzerAsync(Stack("""
        var bucket = new Amazon.CDK.AWS.S3.Bucket(this, "Reports");
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "*" }, Principals = new[] { new AccountPrincipal("111122223333") }, Resources = new[] { bucket.ArnForObjects("*") } }));
        var topic = new Amazon.CDK.AWS.SNS.Topic(this, "Events");
        topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sns:Publish" }, Principals = new[] { new AccountPrincipal("111122223333") }, Resources = new[] { topic.TopicArn } }));
        new Amazon.CDK.AWS.KMS.Key(this, "Key", new Amazon.CDK.AWS.KMS.KeyProps
        {
            Policy = new PolicyDocument(new PolicyDocumentProps { Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "kms:*" }, Principals = new[] { new AccountPrincipal("111122223333") }, Resources = new[] { "*" } }) } }),
        });
        """), AwsSdk.Cdk);

    [Fact]
    public Task S3001_Cdk_IdentityPolicies() => Verify3001.AnalyzerAsync(Stack("""
        var user = new User(this, "Deployer");
        user.AddToPolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Resources = new[] { "arn:aws:iam::111122223333:role/Deploy" } }));
        new ManagedPolicy(this, "Assume", new ManagedPolicyProps
        {
            Statements = new[] { new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sts:AssumeRole" }, Resources = new[] { "arn:aws:iam::111122223333:role/*" } }) },
        });
        role.AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("ReadOnlyAccess"));
        """), AwsSdk.Cdk);

    [Fact]
    public Task R3001_CfnRole_AnonymousObject_PrincipalArray() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "VendorRole", new CfnRoleProps
        {
            RoleName = "vendor-readonly",
            AssumeRolePolicyDocument = new
            {
                Version = "2012-10-17",
                Statement = new object[]
                {
                    new { Effect = "Allow", Principal = new { AWS = new[] { [|$"arn:aws:iam::{vendorAccount}:root"|] } }, Action = new[] { "sts:AssumeRole" } },
                },
            },
            ManagedPolicyArns = new[] { "arn:aws:iam::aws:policy/ReadOnlyAccess" },
        });
        """, ", string vendorAccount"), AwsSdk.Cdk);

    [Fact]
    public Task CfnRole_ServicePrincipal_IsCXA3003NotCXA3001() => Verify3003.AnalyzerAsync(Stack("""
        new CfnRole(this, "LambdaRole", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = new { Service = new[] { {|#0:"lambda.amazonaws.com"|} } }, Action = "sts:AssumeRole" } },
            },
        });
        """), AwsSdk.Cdk, "dotnet_diagnostic.CXA3003.severity = suggestion",
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 0).WithArguments("lambda.amazonaws.com"));

    [Fact]
    public Task S3003_Cdk_ServiceStatementWithArnLikeSourceArnInProps() => Verify3003.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Actions = new[] { "sts:AssumeRole" },
            Principals = new[] { new ServicePrincipal("events.amazonaws.com") },
            Conditions = new Dictionary<string, object> { ["ArnLike"] = new Dictionary<string, object> { ["aws:SourceArn"] = $"arn:aws:events:{this.Region}:{this.Account}:rule/*" } },
        }));
        """), AwsSdk.Cdk, "dotnet_diagnostic.CXA3003.severity = suggestion");

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task R3001_Serialized_PolicyInLocal_ThenCreateRole(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Onboarding
        {
            CreateRoleRequest Create(string vendorAccountId)
            {
                var policy = new
                {
                    Version = "2012-10-17",
                    Statement = new[]
                    {
                        new { Sid = "VendorAccess", Effect = "Allow", Principal = new { AWS = [|$"arn:aws:iam::{vendorAccountId}:root"|] }, Action = "sts:AssumeRole" },
                    },
                };
                var trustPolicy = JsonSerializer.Serialize(policy, new JsonSerializerOptions { WriteIndented = true });
                return new CreateRoleRequest { RoleName = "VendorAccess", AssumeRolePolicyDocument = trustPolicy };
            }
        }
        """, sdk);

    /// <summary>Unsure: RULES.md names JsonSerializer, dictionaries and JObject; JsonConvert.SerializeObject is "objects serialized to JSON" too.</summary>
    [Fact]
    public Task R3001_Serialized_NewtonsoftJsonConvert() => Verify3001.AnalyzerAsync(Iam + """
        class Onboarding
        {
            UpdateAssumeRolePolicyRequest Update() => new UpdateAssumeRolePolicyRequest
            {
                RoleName = "VendorAccess",
                PolicyDocument = Newtonsoft.Json.JsonConvert.SerializeObject(new
                {
                    Version = "2012-10-17",
                    Statement = new[] { new { Effect = "Allow", Principal = new { AWS = [|"444455556666"|] }, Action = "sts:AssumeRole" } },
                }),
            };
        }
        """, AwsSdk.Cdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task S3001_Serialized_ResourcePolicyWithStarAction(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Policies
        {
            string Bucket() => JsonSerializer.Serialize(new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = new { AWS = "arn:aws:iam::111122223333:root" }, Action = "*", Resource = "arn:aws:s3:::reports-bucket/*" } },
            });
        }
        """, sdk);

    [Fact]
    public Task S3001_JsonString_ResourcePolicyWithStarAction() => Verify3001.AnalyzerAsync(""""
        class Policies
        {
            const string BucketPolicy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"*","Resource":"arn:aws:s3:::reports-bucket/*"}]}
                """;
        }
        """", AwsSdk.V4);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task S3001_Serialized_SpecificRoleAndIdentity(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Policies
        {

            CreateRoleRequest Specific(string ourAccountId, string roleName) => new CreateRoleRequest
            {
                RoleName = "Deploy",
                AssumeRolePolicyDocument = JsonSerializer.Serialize(new
                {
                    Version = "2012-10-17",
                    Statement = new[] { new { Effect = "Allow", Principal = new { AWS = $"arn:aws:iam::{ourAccountId}:role/{roleName}" }, Action = "sts:AssumeRole" } },
                }),
            };

            string Identity(string roleArn) => JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Action = "sts:AssumeRole", Resource = roleArn } } });
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task S3001_Serialized_ExternalIdConditionFromStore(AwsSdk sdk) => Verify3001.AnalyzerAsync(Iam + """
        class Tenant { public string AccountId { get; set; } = ""; public string ExternalId { get; set; } = ""; }

        class Onboarding
        {
            CreateRoleRequest Create(Tenant tenant) => new CreateRoleRequest
            {
                RoleName = "VendorAccess",
                AssumeRolePolicyDocument = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["Version"] = "2012-10-17",
                    ["Statement"] = new[]
                    {
                        new Dictionary<string, object>
                        {
                            ["Effect"] = "Allow",
                            ["Principal"] = new Dictionary<string, string> { ["AWS"] = $"arn:aws:iam::{tenant.AccountId}:root" },
                            ["Action"] = "sts:AssumeRole",
                            ["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, string> { ["sts:ExternalId"] = tenant.ExternalId } },
                        },
                    },
                }),
            };
        }
        """, sdk);

    [Fact]
    public Task R3002_Cdk_AddArnPrincipalStar() => Verify3002.AnalyzerAsync(Stack("""
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        [|stmt.AddArnPrincipal("*")|];
        role.AssumeRolePolicy.AddStatements(stmt);
        """), AwsSdk.Cdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task S3002_Serialized_ResourcePolicyPrincipalStar(AwsSdk sdk) => Verify3002.AnalyzerAsync(Iam + """
        class Policies
        {
            string Queue(string queueArn) => JsonSerializer.Serialize(new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = "*", Action = "*", Resource = queueArn } },
            });
        }
        """, sdk);

    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task S3002_Serialized_ResourcePolicyPrincipalStar_ServiceAction(AwsSdk sdk) => Verify3002.AnalyzerAsync(Iam + """
        class Policies
        {
            string Queue(string queueArn) => JsonSerializer.Serialize(new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = queueArn } },
            });
        }
        """, sdk);

    [Fact]
    public Task S3002_JsonString_ResourcePolicyPrincipalStar_StarAction() => Verify3002.AnalyzerAsync(""""
        class Policies
        {
            const string QueuePolicy = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:sqs:eu-west-1:111122223333:jobs"}]}
                """;
        }
        """", AwsSdk.V4);

    [Fact]
    public Task S3002_Cdk_BucketPolicyAnyPrincipal() => Verify3002.AnalyzerAsync(Stack("""
        var bucket = new Amazon.CDK.AWS.S3.Bucket(this, "Site");
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps { Actions = new[] { "s3:GetObject" }, Principals = new[] { new AnyPrincipal() }, Resources = new[] { bucket.ArnForObjects("*") } }));
        var org = new PolicyStatement();
        org.AddActions("sts:AssumeRole");
        org.AddPrincipals(new StarPrincipal());
        org.AddCondition("StringEquals", new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-a1b2c3d4e5" });
        role.AssumeRolePolicy.AddStatements(org);
        """), AwsSdk.Cdk);

    /// <summary>Unsure: RULES.md lists CDK ExternalIds and JSON conditions "in every sink"; an object-built policy is read into the same model.</summary>
    [Theory, MemberData(nameof(AwsReferences.Sdks), MemberType = typeof(AwsReferences))]
    public Task R1005_Serialized_ExternalIdConditionIsAccountId(AwsSdk sdk) => Verify1005.AnalyzerAsync(Iam + """
        class Onboarding
        {
            string Policy() => JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new[]
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["AWS"] = "arn:aws:iam::999988887777:root" },
                        ["Action"] = "sts:AssumeRole",
                        ["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = [|"999988887777"|] } },
                    },
                },
            });
        }
        """, sdk);

    [Fact]
    public Task S3001_CfnRole_DictionaryWithExternalIdCondition() => Verify3001.AnalyzerAsync(Stack("""
        new CfnRole(this, "L1", new CfnRoleProps
        {
            AssumeRolePolicyDocument = new Dictionary<string, object>
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["AWS"] = $"arn:aws:iam::{vendorAccount}:root" },
                        ["Action"] = "sts:AssumeRole",
                        ["Condition"] = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["sts:ExternalId"] = externalId } },
                    },
                },
            },
        });
        """, ", string vendorAccount, string externalId"), AwsSdk.Cdk);

    [Fact]
    public Task R3003_Cdk_ServiceStatementWithUnrelatedCondition() => Verify3003.AnalyzerAsync(Stack("""
        var stmt = new PolicyStatement();
        stmt.AddActions("sts:AssumeRole");
        {|#0:stmt.AddServicePrincipal("states.amazonaws.com")|};
        stmt.AddCondition("Bool", new Dictionary<string, object> { ["aws:SecureTransport"] = "true" });
        role.AssumeRolePolicy.AddStatements(stmt);
        """), AwsSdk.Cdk, "dotnet_diagnostic.CXA3003.severity = suggestion",
        Verify3003.Diagnostic(Descriptors.CXA3003_ServicePrincipalWithoutSourceCondition, 0).WithArguments("states.amazonaws.com"));

    private static string ResourcePolicyStatementsInVariables() => Stack("""
        var key = new Amazon.CDK.AWS.KMS.Key(this, "Shared");
        var decrypt = new PolicyStatement();
        decrypt.AddAwsAccountPrincipal(partnerAccount);
        decrypt.AddActions("kms:Decrypt", "kms:DescribeKey");
        decrypt.AddAllResources();
        key.AddToResourcePolicy(decrypt);
        var topic = new Amazon.CDK.AWS.SNS.Topic(this, "Alarms");
        var publish = new PolicyStatement(new PolicyStatementProps { Actions = new[] { "sns:Publish" }, Principals = new[] { new ServicePrincipal("events.amazonaws.com") }, Resources = new[] { topic.TopicArn } });
        topic.AddToResourcePolicy(publish);
        """, ", string partnerAccount");

    [Fact]
    public Task S3001_Cdk_ResourcePolicyStatementsInVariables() => Verify3001.AnalyzerAsync(ResourcePolicyStatementsInVariables(), AwsSdk.Cdk);

    [Fact]
    public Task S3003_Cdk_ResourcePolicyStatementsInVariables() => Verify3003.AnalyzerAsync(ResourcePolicyStatementsInVariables(), AwsSdk.Cdk, "dotnet_diagnostic.CXA3003.severity = suggestion");

    [Fact]
    public Task R3001_Cdk_UnrelatedConditionDoesNotProtect() => Verify3001.AnalyzerAsync(Stack("""
        role.AssumeRolePolicy.AddStatements(new PolicyStatement(new PolicyStatementProps
        {
            Principals = new[] { [|new AccountPrincipal(partnerAccount)|] },
            Actions = new[] { "sts:AssumeRole", "sts:TagSession" },
            Conditions = new Dictionary<string, object> { ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalTag/team"] = "integrations" } },
        }));
        """, ", string partnerAccount"), AwsSdk.Cdk);

    [Fact]
    public Task S3001_Cdk_LowercaseKeyPrefixPatternAndUnknownDocument() => Verify3001.AnalyzerAsync(Stack("""
        var a = new PolicyStatement();
        a.AddActions("sts:AssumeRole");
        a.AddAwsAccountPrincipal("111122223333");
        a.AddCondition("StringEquals", new Dictionary<string, object> { ["sts:externalid"] = externalId });
        role.AssumeRolePolicy.AddStatements(a);
        var b = new PolicyStatement();
        b.AddActions("sts:AssumeRole");
        b.AddAwsAccountPrincipal("444455556666");
        b.AddCondition("StringLike", new Dictionary<string, object> { ["sts:ExternalId"] = "acme-7f3a9c2e-*" });
        role.AssumeRolePolicy.AddStatements(b);
        new CfnRole(this, "FromFile", new CfnRoleProps
        {
            AssumeRolePolicyDocument = PolicyDocument.FromJson(System.Text.Json.JsonSerializer.Deserialize<object>(System.IO.File.ReadAllText("trust-policy.json"))!),
        });
        """, ", string externalId"), AwsSdk.Cdk);

    [Fact]
    public Task R3002_Json_AwsStarInArray() => Verify3002.AnalyzerAsync(Iam + """
        class Roles
        {
            CreateRoleRequest Create() => new CreateRoleRequest
            {
                RoleName = "Open",
                AssumeRolePolicyDocument = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"[|*|]\"]},\"Action\":[\"sts:AssumeRole\"]}]}",
            };
        }
        """, AwsSdk.V4);

    // ======================= Code being typed =======================

    [Fact]
    public async Task HalfTypedEndpoints_ThrowNothing()
    {
        var sources = new[]
        {
            // 1: the member access is not finished.
            Web + """
                public static class E { public static void Map(WebApplication app) => app.MapPost("/x", async (OnboardRequest req, IAmazonSecurityTokenService sts) => { await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = req.RoleArn, ExternalId = req. }); }); }
                """,
            // 2: the lambda and the initializer are not closed.
            Web + """
                public static class E { public static void Map(WebApplication app) { app.MapPost("/x", async (OnboardRequest req, IAmazonSecurityTokenService sts) => { await sts.AssumeRoleAsync(new AssumeRoleRequest { ExternalId = req.ExternalId
                """,
            // 3: the parameter has an attribute and a type but no name; the attribute's argument is half typed.
            Web + """
                [ApiController, Route("onboard")]
                public class C : ControllerBase { [HttpPost("] public AssumeRoleRequest Post([FromBody] OnboardRequest ) => new() { ExternalId = model.ExternalId }; }
                """,
            // 4: [AsParameters] of a type that does not exist yet, and a helper called with too few arguments.
            Web + """
                public static class E
                {
                    public static void Map(WebApplication app) => app.MapGet("/y", ([AsParameters] NotYetWritten p) => Build(p.ExternalId));
                    static AssumeRoleRequest Build(string roleArn, string externalId) => new() { RoleArn = roleArn, ExternalId = externalId };
                }
                """,
            // 5: a Razor page whose handler is being typed, with a bound property and an open interpolation.
            Web + """
                public class P : PageModel { [BindProperty] public OnboardRequest Input { get; set; } public AssumeRoleRequest OnPost() { var r = new AssumeRoleRequest(); r.ExternalId = $"{Input.ExternalId" + Request.Query[; return r; } }
                """,
        };
        foreach (var source in sources)
        {
            var result = await AnalyzerRunner.RunAsync(AwsSdk.AspNetCore, source);
            Assert.Empty(result.Exceptions);
        }
    }
}
