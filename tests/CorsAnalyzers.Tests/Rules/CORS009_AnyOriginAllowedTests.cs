using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AnyOriginAllowedRule>,
    CorsAnalyzers.Rules.AnyOriginAllowedFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS009 is disabled by default; these tests enable it the way a user does, in .editorconfig.</summary>
public class CORS009_AnyOriginAllowedTests
{
    private const string Enable = "dotnet_diagnostic.CORS009.severity = suggestion";

    private static string Program(string configureServices) => $$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
        {{configureServices}}
        });
        var app = builder.Build();
        app.UseCors("Public");
        app.Run();
        """;

    private static Task VerifyEnabledAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, EditorConfig = Enable };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public void Descriptor_IsDisabledByDefault()
    {
        Assert.False(DiagnosticDescriptors.AnyOriginAllowed.IsEnabledByDefault);
        Assert.Equal(DiagnosticSeverity.Info, DiagnosticDescriptors.AnyOriginAllowed.DefaultSeverity);
    }

    [Fact]
    public async Task AllowAnyOrigin_ShouldReport()
    {
        await VerifyEnabledAsync(
            Program("""    options.AddPolicy("Public", policy => policy.{|#0:AllowAnyOrigin()|}.AllowAnyMethod());"""),
            Verify.Diagnostic("CORS009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("The CORS policy 'Public'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task WithOriginsStar_ShouldReport()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.[|WithOrigins("*")|]);"""));
    }

    [Fact]
    public async Task AlwaysTruePredicate_ShouldReport()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.[|SetIsOriginAllowed(_ => true)|]);"""));
    }

    [Fact]
    public async Task WithCredentials_IsCors001NotCors009_NoDiagnostic()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.AllowAnyOrigin().AllowCredentials());"""));
    }

    [Fact]
    public async Task ExplicitOrigins_NoDiagnostic()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.WithOrigins("https://app.contoso.com"));"""));
    }

    [Fact]
    public async Task CollectionExpressionStar_ShouldReport()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.[|WithOrigins(["*"])|]);"""));
    }

    [Fact]
    public async Task SeveralStars_NotAnyOrigin_NoDiagnostic()
    {
        // ["*", "*"] allows no origin at all: CORS004 reports every "*" as dead.
        await VerifyEnabledAsync(Program("""
                options.AddPolicy("Public", policy =>
                {
                    policy.WithOrigins("*");
                    policy.WithOrigins("*");
                });
            """));
    }

    [Fact]
    public async Task CorsPolicySubclassOpenToAll_ShouldReport()
    {
        await VerifyEnabledAsync(
            Program("""    options.AddPolicy("Public", new PublicPolicy());""") + """

            class PublicPolicy : CorsPolicy
            {
                public PublicPolicy() => [|IsOriginAllowed = _ => true|];
            }
            """);
    }

    // ---- Access-Control-Allow-Origin written by hand ----

    private static string InController(string body) => $$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Primitives;
        using Microsoft.Net.Http.Headers;

        public sealed class OpenDataController : Controller
        {
            private const string Everyone = "*";
            private const string Prefix = "Access-Control";

            public IActionResult Index()
            {
                {{body}}
                return Ok();
            }
        }
        """;

    [Fact]
    public async Task HandWrittenStar_ShouldReportWithMessage()
    {
        await VerifyEnabledAsync(
            InController("""Response.Headers["Access-Control-Allow-Origin"] = {|#0:"*"|};"""),
            Verify.Diagnostic("CORS009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithMessage(
                "The hand-written 'Access-Control-Allow-Origin: *' header allows any origin: make sure this API is meant to be public, or list the trusted origins with WithOrigins(...)"));
    }

    [Fact]
    public async Task HandWrittenStar_NoFixOffered()
    {
        // No policy to rewrite (and a StringValues("*") argument is no WithOrigins argument either).
        var source = InController("""
            Response.Headers["Access-Control-Allow-Origin"] = [|"*"|];
                    Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new StringValues([|"*"|]));
            """);
        await new Verify.Test { TestCode = source, FixedCode = source, EditorConfig = Enable }.RunAsync();
    }

    [Fact]
    public async Task HandWrittenStar_EveryWayOfWritingIt_ShouldReport()
    {
        var source = InController(""""
            Response.Headers.Add("Access-Control-Allow-Origin", [|"*"|]);
                    Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, [|Everyone|]);
                    Response.Headers.AccessControlAllowOrigin = [|CorsConstants.AnyOrigin|];
                    Response.Headers.Append(Prefix + "-Allow-Origin", new StringValues([|"*"|]));
                    Response.Headers.Append($"{Prefix}-Allow-Origin", [|$"{Everyone}"|]);
                    Response.Headers.Append("""access-control-allow-origin""", [|"""*"""|]);
                    Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new[] { [|"*"|] });
            """");
        await VerifyEnabledAsync(source);
    }

    [Fact]
    public async Task HandWrittenStarOnHttpListener_ShouldReport()
    {
        await VerifyEnabledAsync("""
            using System.Net;

            public static class Listener
            {
                public static void Answer(HttpListenerContext context)
                {
                    context.Response.AddHeader("Access-Control-Allow-Origin", [|"*"|]);
                    context.Response.Headers.Add([|"Access-Control-Allow-Origin: *"|]);
                }
            }
            """);
    }

    [Fact]
    public async Task HandWrittenStarWithCredentials_IsCors006NotCors009_NoDiagnostic()
    {
        await VerifyEnabledAsync(InController("""
            Response.Headers["Access-Control-Allow-Origin"] = "*";
                    Response.Headers["Access-Control-Allow-Credentials"] = "true";
            """));
    }

    [Fact]
    public async Task HandWrittenSpecificOriginsOrBrokenLists_NoDiagnostic()
    {
        // A trusted origin; and values that are not one "*" (two values, a comma list) allow no origin at all.
        await VerifyEnabledAsync(InController("""
            Response.Headers["Access-Control-Allow-Origin"] = "https://app.contoso.com";
                    Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new StringValues(new[] { "https://app.contoso.com", "*" }));
                    Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, "*, https://app.contoso.com");
                    Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, "*****");
                    Response.Headers.Append("X-Allow-Origin", "*");
                    Response.Headers.Append(HeaderNames.Age, "*");
            """));
    }

    [Fact]
    public async Task StarOnARequest_NoDiagnostic()
    {
        // A request header (CORS003's business), not an answer to anyone.
        await VerifyEnabledAsync("""
            public static class Client
            {
                public static Task<HttpResponseMessage> Send(HttpClient client)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://api.contoso.com");
                    request.Headers.TryAddWithoutValidation("Access-Control-Allow-Origin", "*");
                    return client.SendAsync(request);
                }
            }
            """);
    }

    [Fact]
    public async Task ReflectedOriginWithoutCredentials_ShouldReport()
    {
        await VerifyEnabledAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers.AccessControlAllowOrigin = {|#0:context.Request.Headers.Origin|};
                await next();
            });
            app.Run();
            """,
            Verify.Diagnostic("CORS009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithMessage(
                "Reflecting the request's Origin into Access-Control-Allow-Origin without a check allows any origin: make sure this API is meant to be public, or list the trusted origins with WithOrigins(...)"));
    }

    [Fact]
    public async Task ReflectedOriginCheckedOrWithCredentials_NoDiagnostic()
    {
        await VerifyEnabledAsync("""
            var allowed = new[] { "https://app.contoso.com" };
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                var origin = context.Request.Headers.Origin.ToString();
                if (allowed.Contains(origin))
                {
                    context.Response.Headers.AccessControlAllowOrigin = origin;
                }

                await next();
            });
            app.Use(async (context, next) =>
            {
                context.Response.Headers.AccessControlAllowOrigin = context.Request.Headers.Origin;
                context.Response.Headers.AccessControlAllowCredentials = "true";
                await next();
            });
            app.Run();
            """);
    }

    [Fact]
    public async Task UseWithOrigins_FixAll()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                    options.AddPolicy("Public", policy => policy.[|AllowAnyOrigin()|]);
                    options.AddDefaultPolicy(policy => policy.[|SetIsOriginAllowed(_ => true)|].AllowAnyHeader());
                """),
            FixedCode = Program("""
                    options.AddPolicy("Public", policy => policy.WithOrigins("https://app.contoso.com"));
                    options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.contoso.com").AllowAnyHeader());
                """),
            EditorConfig = Enable + "\ncors_analyzers.trusted_origins = https://app.contoso.com",
            CodeActionEquivalenceKey = AnyOriginAllowedFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Theory]
    // Replacing the later call with WithOrigins would bring back what it made irrelevant (a never-matching origin, a
    // dead "*", a shared-hosting wildcard with wildcard subdomains, configured origins): no fix (FixSafetyTests found it).
    [InlineData("""policy.WithOrigins("https://app.contoso.com/").[|AllowAnyOrigin()|]""")]
    [InlineData("""policy.WithOrigins("*").[|AllowAnyOrigin()|]""")]
    [InlineData("""policy.WithOrigins("https://*.vercel.app").SetIsOriginAllowedToAllowWildcardSubdomains().[|AllowAnyOrigin()|]""")]
    [InlineData("""policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!).[|AllowAnyOrigin()|]""")]
    [InlineData("""policy.WithOrigins("https://app.contoso.com/").[|SetIsOriginAllowed(_ => true)|]""")]
    public async Task LaterCallSupersedesQuestionableOrigins_NoFix(string chain)
    {
        var source = Program($$"""    options.AddPolicy("Public", policy => {{chain}});""");
        await new Verify.Test { TestCode = source, FixedCode = source, EditorConfig = Enable }.RunAsync();
    }

    [Fact]
    public async Task LaterCallSupersedesPlainOrigins_UseWithOrigins()
    {
        // The origin the code listed comes back next to the trusted ones: nothing the code did not name.
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Public", policy => policy.WithOrigins("https://admin.contoso.com").[|AllowAnyOrigin()|]);"""),
            FixedCode = Program("""    options.AddPolicy("Public", policy => policy.WithOrigins("https://admin.contoso.com").WithOrigins("https://app.contoso.com"));"""),
            EditorConfig = Enable + "\ncors_analyzers.trusted_origins = https://app.contoso.com",
            CodeActionEquivalenceKey = AnyOriginAllowedFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task AnyOriginListWithAlwaysTruePredicate_ReportsTheAnyOriginOnly()
    {
        // The runtime answers "*" without asking the predicate when the list is exactly ["*"] (CorsService.IsOriginAllowed):
        // one finding, on AllowAnyOrigin() (found by tests/CorsAnalyzers.RuntimeTests, PolicyModelDifferentialTests).
        await VerifyEnabledAsync(
            Program("""    options.AddPolicy("Public", policy => policy.[|AllowAnyOrigin()|].SetIsOriginAllowed(_ => true));"""));
    }
}
