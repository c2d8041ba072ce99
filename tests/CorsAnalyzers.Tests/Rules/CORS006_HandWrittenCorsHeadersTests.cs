using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.HandWrittenCorsHeadersRule>>;

namespace CorsAnalyzers.Tests.Rules;

public sealed class CORS006_HandWrittenCorsHeadersTests
{
    private static DiagnosticResult Wildcard(int location) =>
        Verify.Diagnostic(RuleIdentifiers.HandWrittenCorsHeaders).WithLocation(location)
            .WithArguments("'Access-Control-Allow-Origin: *' with 'Access-Control-Allow-Credentials: true' is rejected by browsers");

    private static DiagnosticResult Reflected(int location) =>
        Verify.Diagnostic(RuleIdentifiers.HandWrittenCorsHeaders).WithLocation(location)
            .WithArguments("The request's Origin is reflected into Access-Control-Allow-Origin without a check, and credentials are allowed");

    /// <summary>A middleware class whose <c>InvokeAsync</c> body is <paramref name="body"/>.</summary>
    private static string InMiddleware(string body) => $$"""
        using Microsoft.Extensions.Primitives;
        using Microsoft.Net.Http.Headers;

        public sealed class CorsHeadersMiddleware
        {
            private static readonly HashSet<string> Allowed = new() { "https://app.contoso.com" };
            private readonly RequestDelegate _next;

            public CorsHeadersMiddleware(RequestDelegate next) => _next = next;

            public async Task InvokeAsync(HttpContext context)
            {
                {{body}}
                await _next(context);
            }

            private static bool IsAllowed(string? origin) => origin is not null && Allowed.Contains(origin);
        }
        """;

    // ---------------------------------------------------------------- (a) '*' with credentials

    [Fact]
    public async Task WildcardWithCredentials_MiddlewareLambda_ShouldReport()
    {
        const string source = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers["Access-Control-Allow-Origin"] = {|#0:"*"|};
                context.Response.Headers.Append("Access-Control-Allow-Credentials", "true");
                await next();
            });
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Wildcard(0));
    }

    [Fact]
    public async Task WildcardWithCredentials_TypedPropertiesAnyCase_ShouldReport()
    {
        var source = InMiddleware("""
            context.Response.Headers.AccessControlAllowOrigin = {|#0:"*"|};
                    context.Response.Headers.AccessControlAllowCredentials = "True";
            """);

        await Verify.VerifyAnalyzerAsync(source, Wildcard(0));
    }

    [Fact]
    public async Task WildcardWithCredentials_ConstantsThroughLocalHeaders_ShouldReport()
    {
        var source = InMiddleware("""
            var headers = context.Response.Headers;
                    headers.TryAdd(HeaderNames.AccessControlAllowOrigin, {|#0:Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants.AnyOrigin|});
                    headers[Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants.AccessControlAllowCredentials] = new StringValues("true");
            """);

        await Verify.VerifyAnalyzerAsync(source, Wildcard(0));
    }

    [Fact]
    public async Task WildcardWithCredentials_ControllerActionWithOnStarting_ShouldReport()
    {
        const string source = """
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public sealed class OrdersController : ControllerBase
            {
                [HttpGet("/orders")]
                public IActionResult Get()
                {
                    Response.Headers.Add("access-control-allow-origin", {|#0:"*"|});
                    Response.OnStarting(() =>
                    {
                        Response.Headers.SetCommaSeparatedValues("Access-Control-Allow-Credentials", "true");
                        return Task.CompletedTask;
                    });
                    return Ok();
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Wildcard(0));
    }

    [Fact]
    public async Task WildcardWithCredentials_HttpResponseMessage_ShouldReport()
    {
        const string source = """
            public static class LegacyApi
            {
                public static HttpResponseMessage Preflight()
                {
                    var response = new HttpResponseMessage(System.Net.HttpStatusCode.NoContent);
                    response.Headers.TryAddWithoutValidation("Access-Control-Allow-Origin", {|#0:"*"|});
                    response.Headers.Add("Access-Control-Allow-Credentials", new[] { "true" });
                    return response;
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Wildcard(0));
    }

    [Fact]
    public async Task WildcardWithCredentials_HttpListenerWithoutAspNetCore_ShouldReport()
    {
        await new Verify.Test
        {
            TestCode = """
                using System.Net;

                public static class Server
                {
                    public static void Answer(HttpListenerContext context)
                    {
                        context.Response.AddHeader("Access-Control-Allow-Origin", {|#0:"*"|});
                        context.Response.Headers.Add({|#1:"Access-Control-Allow-Origin: *"|});
                        context.Response.AppendHeader("Access-Control-Allow-Credentials", "true");
                    }
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
            ExpectedDiagnostics = { Wildcard(0), Wildcard(1) },
        }.RunAsync();
    }

    [Fact]
    public async Task WildcardWithoutCredentials_NoDiagnostic()
    {
        var source = InMiddleware("""
            context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "false";
            """);

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task SpecificOriginWithCredentials_NoDiagnostic()
    {
        var source = InMiddleware("""
            context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.contoso.com";
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    context.Response.Headers.Append(HeaderNames.Vary, "Origin");
            """);

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task WildcardAndCredentialsInDifferentMiddlewares_NoDiagnostic()
    {
        const string source = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                context.Response.Headers["Access-Control-Allow-Origin"] = "*";
                await next();
            });
            app.Use(async (context, next) =>
            {
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                await next();
            });
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task HeadersWrittenOnRequests_NoDiagnostic()
    {
        const string source = """
            public static class Client
            {
                public static void Prepare(HttpContext context, HttpRequestMessage request)
                {
                    context.Request.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
                    context.Request.Headers["Access-Control-Allow-Credentials"] = "true";
                    request.Headers.Add("Access-Control-Allow-Origin", "*");
                    request.Headers.Add("Access-Control-Allow-Credentials", "true");
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    // ---------------------------------------------------------------- (b) reflected Origin

    [Fact]
    public async Task ReflectedOrigin_DirectIndexer_ShouldReport()
    {
        var source = InMiddleware("""
            context.Response.Headers["Access-Control-Allow-Origin"] = {|#0:context.Request.Headers["Origin"]|};
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
            """);

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_TypedPropertiesOnBothSides_ShouldReport()
    {
        var source = InMiddleware("""
            context.Response.Headers.AccessControlAllowOrigin = {|#0:context.Request.Headers.Origin|};
                    context.Response.Headers.AccessControlAllowCredentials = "True";
            """);

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_LocalWithToStringAfterPresenceCheck_ShouldReport()
    {
        var source = InMiddleware("""
            var origin = context.Request.Headers[HeaderNames.Origin].ToString();
                    if (!string.IsNullOrEmpty(origin) && origin != null)
                    {
                        context.Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, {|#0:origin|});
                        context.Response.Headers.Append(HeaderNames.AccessControlAllowCredentials, "true");
                    }
            """);

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_CastLocalAndCoalesce_ShouldReport()
    {
        var source = InMiddleware("""
            string? origin = (string?)context.Request.Headers["origin"];
                    var allowOrigin = origin ?? "*";
                    context.Response.Headers["Access-Control-Allow-Origin"] = {|#0:allowOrigin|};
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
            """);

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_TryGetValueAndLogging_ShouldReport()
    {
        const string source = """
            using Microsoft.Extensions.Logging;

            public static class Cors
            {
                public static void Apply(HttpContext context, ILogger logger)
                {
                    if (context.Request.Headers.TryGetValue("Origin", out var origin) && origin.Any())
                    {
                        logger.LogInformation("CORS request from {Origin}", origin.ToString());
                        context.Response.Headers.TryAdd("Access-Control-Allow-Origin", {|#0:origin|});
                        context.Response.Headers.TryAdd("Access-Control-Allow-Credentials", "true");
                    }
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_MinimalApiHandler_ShouldReport()
    {
        const string source = """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/data", (HttpContext context) =>
            {
                var origin = context.Request.Headers["Origin"].FirstOrDefault();
                context.Response.Headers.SetCommaSeparatedValues("Access-Control-Allow-Origin", {|#0:origin!|});
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                return Results.Ok();
            });
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_ControllerAction_ShouldReport()
    {
        const string source = """
            using Microsoft.AspNetCore.Mvc;

            public sealed class DataController : Controller
            {
                public IActionResult Index()
                {
                    Response.Headers.Append("Access-Control-Allow-Origin", {|#0:Request.Headers["Origin"]|});
                    Response.Headers.Append("Access-Control-Allow-Credentials", "true");
                    return Json(new { ok = true });
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOrigin_HttpResponseMessageAndHttpListener_ShouldReport()
    {
        const string source = """
            using System.Net;

            public static class Legacy
            {
                public static HttpResponseMessage Answer(HttpRequestMessage request)
                {
                    var response = new HttpResponseMessage();
                    response.Headers.Add("Access-Control-Allow-Origin", {|#0:request.Headers.GetValues("Origin").First()|});
                    response.Headers.Add("Access-Control-Allow-Credentials", "true");
                    return response;
                }

                public static void Answer(HttpListenerContext context)
                {
                    context.Response.Headers["Access-Control-Allow-Origin"] = {|#1:context.Request.Headers["Origin"]|};
                    context.Response.AddHeader("Access-Control-Allow-Credentials", "true");
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Reflected(0), Reflected(1));
    }

    [Fact]
    public async Task ReflectedOriginWithCredentialsFromAVariable_ShouldReport()
    {
        // A credentials value that is not a constant may be "true": the reflection stays this rule's.
        var source = InMiddleware("""
            var allowCredentials = context.Request.Path.StartsWithSegments("/api");
                    context.Response.Headers["Access-Control-Allow-Origin"] = {|#0:context.Request.Headers["Origin"]|};
                    context.Response.Headers["Access-Control-Allow-Credentials"] = allowCredentials.ToString().ToLowerInvariant();
            """);

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task ReflectedOriginWithoutCredentials_IsCors009_NoDiagnostic()
    {
        // Without credentials a reflected Origin lets any site read what any site could read with "*": CORS009 (opt-in).
        var source = InMiddleware("""
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
                    context.Response.Headers["Access-Control-Allow-Credentials"] = "false";
                    context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
            """);

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Theory]
    [InlineData("if (Allowed.Contains(origin)) { context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin; }")]
    [InlineData("if (IsAllowed(origin)) { context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin; }")]
    [InlineData("if (origin == \"https://app.contoso.com\") { context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin; }")]
    [InlineData("if (!Allowed.Contains(origin)) { await _next(context); return; } context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin;")]
    [InlineData("switch (origin) { case \"https://a.contoso.com\": case \"https://b.contoso.com\": context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin; break; }")]
    [InlineData("context.Response.Headers[\"Access-Control-Allow-Origin\"] = Allowed.Contains(origin) ? origin : \"null\";")]
    [InlineData("if (origin is \"https://a.contoso.com\" or \"https://b.contoso.com\") { context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin; }")]
    [InlineData("var ok = origin.EndsWith(\".contoso.com\"); if (ok) { context.Response.Headers[\"Access-Control-Allow-Origin\"] = origin; }")]
    public async Task CheckedReflection_NoDiagnostic(string statements)
    {
        var source = InMiddleware("var origin = context.Request.Headers.Origin.ToString();\n        " + statements);
        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task CheckedInlineOriginRead_NoDiagnostic()
    {
        var source = InMiddleware("""
            if (Allowed.Contains(context.Request.Headers["Origin"].ToString()))
                    {
                        context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
                    }
            """);

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task CheckedInActionWrittenInOnStarting_NoDiagnostic()
    {
        const string source = """
            using Microsoft.AspNetCore.Mvc;

            public sealed class DataController : ControllerBase
            {
                private static readonly string[] Allowed = { "https://app.contoso.com" };

                public IActionResult Get()
                {
                    var origin = Request.Headers.Origin.ToString();
                    if (Array.IndexOf(Allowed, origin) >= 0)
                    {
                        Response.OnStarting(() =>
                        {
                            Response.Headers.AccessControlAllowOrigin = origin;
                            return Task.CompletedTask;
                        });
                    }

                    return Ok();
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task OriginCheckedInAnotherMiddleware_StillReports()
    {
        const string source = """
            var allowed = new[] { "https://app.contoso.com" };
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.Use(async (context, next) =>
            {
                if (!allowed.Contains(context.Request.Headers.Origin.ToString()))
                {
                    context.Response.StatusCode = 403;
                }

                await next();
            });
            app.Use(async (context, next) =>
            {
                context.Response.Headers.AccessControlAllowOrigin = {|#0:context.Request.Headers.Origin|};
                context.Response.Headers.AccessControlAllowCredentials = "true";
                await next();
            });
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Reflected(0));
    }

    [Fact]
    public async Task OtherRequestHeaderReflected_NoDiagnostic()
    {
        var source = InMiddleware("""
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Referer"];
                    context.Response.Headers["Access-Control-Allow-Headers"] = context.Request.Headers["Access-Control-Request-Headers"];
                    context.Response.Headers["X-Origin"] = context.Request.Headers["Origin"];
            """);

        await Verify.VerifyAnalyzerAsync(source);
    }

    // ---------------------------------------------------------------- look-alikes and robustness

    [Fact]
    public async Task LookAlikeResponseTypes_NoDiagnostic()
    {
        const string source = """
            namespace Fake
            {
                public sealed class HttpResponse
                {
                    public Dictionary<string, string> Headers { get; } = new();

                    public void AddHeader(string name, string value) => Headers[name] = value;
                }

                public sealed class HttpRequest
                {
                    public Dictionary<string, string> Headers { get; } = new();
                }

                public static class Handler
                {
                    public static void Handle(HttpRequest request, HttpResponse response)
                    {
                        response.Headers["Access-Control-Allow-Origin"] = request.Headers["Origin"];
                        response.Headers.Add("Access-Control-Allow-Credentials", "true");
                        response.AddHeader("Access-Control-Allow-Origin", "*");
                    }
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task HeaderDictionaryParameterOfUnknownSide_NoDiagnostic()
    {
        const string source = """
            public static class Headers
            {
                public static void Write(IHeaderDictionary headers, IHeaderDictionary incoming)
                {
                    headers["Access-Control-Allow-Origin"] = incoming["Origin"];
                    headers["Access-Control-Allow-Origin"] = "*";
                    headers["Access-Control-Allow-Credentials"] = "true";
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task IncompleteCode_NoCrash()
    {
        await new Verify.Test
        {
            TestCode = """
                public static class Broken
                {
                    public static void Write(HttpContext context)
                    {
                        context.Response.Headers[] = "*";
                        context.Response.Headers.Append("Access-Control-Allow-Origin");
                        context.Response.Headers.Add(Missing, context.Request.Headers[Origin]);
                        context.Response.Headers.AccessControlAllowOrigin = ;
                        context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
    }
}
