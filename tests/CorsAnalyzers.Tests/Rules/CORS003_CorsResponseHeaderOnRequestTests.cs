using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS003_CorsResponseHeaderOnRequestTests
{
    // The default decides per site: remove (outgoing requests, values from the request, credentials) or move.
    private const string FixHeader = CorsResponseHeaderOnRequestFixer.FixHeaderKey;
    private const string RemoveHeader = CorsResponseHeaderOnRequestFixer.FixHeaderKey;
    private const string MoveToResponse = CorsResponseHeaderOnRequestFixer.FixHeaderKey;

    // The alternative where the default moves the header.
    private const string RemoveHeaderAlternative = CorsResponseHeaderOnRequestFixer.RemoveHeaderKey;

    private const string OutgoingText =
        "set on an outgoing request it does nothing, and in a browser it forces a preflight; the server must send it on its response";

    private const string IncomingText =
        "set on the incoming request it does nothing; the server sends it on its response (HttpResponse.Headers, or the CORS middleware)";

    // The additional locations (what the fix edits: the whole write, and for an incoming request also the request
    // expression) are asserted by the *_AdditionalLocation(s) tests; elsewhere the header name's span and the message.
    private static DiagnosticResult Outgoing(int markupKey, string header) =>
        Verify.Diagnostic("CORS003").WithLocation(markupKey).WithArguments(header, OutgoingText).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static DiagnosticResult Incoming(int markupKey, string header) =>
        Verify.Diagnostic("CORS003").WithLocation(markupKey).WithArguments(header, IncomingText).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(source, expected);

    private static Task VerifyNetCoreOnlyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFixAsync(string source, string fixedSource, string key, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = key };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---------- outgoing requests: HttpClient / HttpRequestMessage ----------

    [Fact]
    public Task HttpClientDefaultRequestHeadersAdd_ShouldReport() => VerifyAsync("""
        class C
        {
            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task DefaultRequestHeadersTryAddWithoutValidation_BothOverloads_ShouldReport() => VerifyAsync("""
        class C
        {
            bool M(HttpClient client)
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation({|#0:"Access-Control-Allow-Credentials"|}, "true");
                return client.DefaultRequestHeaders.TryAddWithoutValidation({|#1:"Access-Control-Allow-Methods"|}, new[] { "GET", "PUT" });
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Credentials"),
        Outgoing(1, "Access-Control-Allow-Methods"));

    [Fact]
    public Task HttpRequestMessageHeadersAdd_EnumerableOverload_ShouldReport() => VerifyAsync("""
        class C
        {
            HttpRequestMessage M()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example/data");
                request.Headers.Add({|#0:"Access-Control-Allow-Headers"|}, new[] { "Content-Type" });
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Headers"));

    [Fact]
    public Task HttpRequestMessageCollectionInitializerElement_ShouldReport() => VerifyAsync("""
        class C
        {
            HttpRequestMessage M() => new HttpRequestMessage
            {
                Headers = { { {|#0:"Access-Control-Allow-Origin"|}, "*" }, { "X-Trace", "1" } },
            };
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task ConstStringName_ShouldReportCanonicalName() => VerifyAsync("""
        class C
        {
            private const string AllowOrigin = "Access-Control-Allow-Origin";

            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:AllowOrigin|}, "*");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task VerbatimAndRawStringNames_ShouldReport() => VerifyAsync(""""
        class C
        {
            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:@"Access-Control-Allow-Origin"|}, "*");
                client.DefaultRequestHeaders.Add({|#1:"""access-control-allow-credentials"""|}, "true");
                client.DefaultRequestHeaders.Add("X-Request-Id", @"Access-Control-Allow-Origin");
            }
        }
        """",
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task HeaderNamesField_ShouldReport() => VerifyAsync("""
        using Microsoft.Net.Http.Headers;

        class C
        {
            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:HeaderNames.AccessControlAllowOrigin|}, "*");
                client.DefaultRequestHeaders.Add({|#1:HeaderNames.AccessControlMaxAge|}, "600");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Max-Age"));

    [Fact]
    public Task DifferentCasing_ShouldReportCanonicalName() => VerifyAsync("""
        class C
        {
            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:"access-control-allow-origin"|}, "*");
                client.DefaultRequestHeaders.Add({|#1:"ACCESS-CONTROL-EXPOSE-HEADERS"|}, "X-Total");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Expose-Headers"));

    [Theory]
    [InlineData("Access-Control-Allow-Origin")]
    [InlineData("Access-Control-Allow-Credentials")]
    [InlineData("Access-Control-Allow-Headers")]
    [InlineData("Access-Control-Allow-Methods")]
    [InlineData("Access-Control-Expose-Headers")]
    [InlineData("Access-Control-Max-Age")]
    public Task EveryCorsResponseHeader_ShouldReport(string header) => VerifyAsync($$"""
        class C
        {
            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:"{{header}}"|}, "x");
            }
        }
        """,
        Outgoing(0, header));

    [Fact]
    public Task HttpRequestHeadersLocal_ShouldReport() => VerifyAsync("""
        class C
        {
            void M(HttpRequestMessage request)
            {
                var headers = request.Headers;
                headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task NamedArguments_ShouldReportTheNameArgument() => VerifyAsync("""
        class C
        {
            void M(HttpClient client)
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation(value: "*", name: {|#0:"Access-Control-Allow-Origin"|});
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    // ---------- outgoing requests: WebClient / WebRequest ----------

    [Fact]
    public Task WebClientHeadersAdd_ShouldReport() => VerifyAsync("""
        using System.Net;

        class C
        {
            void M(WebClient client)
            {
                client.Headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task WebClientHeadersAddHeaderLine_ShouldReportTheLiteral() => VerifyAsync("""
        using System.Net;

        class C
        {
            void M(WebClient client)
            {
                client.Headers.Add({|#0:"access-control-allow-origin: *"|});
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task WebClientHeadersIndexerAndSet_ShouldReport() => VerifyAsync("""
        using System.Net;

        class C
        {
            void M(WebClient client)
            {
                client.Headers[{|#0:"Access-Control-Allow-Origin"|}] = "*";
                client.Headers.Set({|#1:"Access-Control-Allow-Credentials"|}, "true");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task WebClientObjectInitializer_ShouldReport() => VerifyAsync("""
        using System.Net;

        class C
        {
            WebClient A() => new WebClient { Headers = { [{|#0:"Access-Control-Allow-Origin"|}] = "*" } };

            WebClient B() => new WebClient { Headers = { {|#1:"Access-Control-Allow-Methods: GET"|} } };
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Methods"));

    [Fact]
    public Task HttpWebRequestAndWebRequestHeaders_ShouldReport() => VerifyAsync("""
        using System.Net;

        class C
        {
            void M(HttpWebRequest httpRequest)
            {
                httpRequest.Headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                WebRequest request = WebRequest.Create("https://api.example/");
                request.Headers[{|#1:"Access-Control-Allow-Methods"|}] = "GET";
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Methods"));

    [Fact]
    public Task WebClientHeadersLocal_ShouldReport() => VerifyAsync("""
        using System.Net;

        class C
        {
            void M(WebClient client)
            {
                var headers = client.Headers;
                headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    // ---------- the incoming ASP.NET Core request ----------

    [Fact]
    public Task ControllerRequestHeaders_EveryWrite_ShouldReport() => VerifyAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Net.Http.Headers;

        public class DataController : ControllerBase
        {
            public IActionResult Get()
            {
                Request.Headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                Request.Headers.Append({|#1:HeaderNames.AccessControlAllowCredentials|}, "true");
                Request.Headers.TryAdd({|#2:"Access-Control-Allow-Methods"|}, "GET");
                Request.Headers[{|#3:"Access-Control-Allow-Headers"|}] = "*";
                Request.Headers.{|#4:AccessControlExposeHeaders|} = "X-Total";
                HttpContext.Request.Headers.AppendCommaSeparatedValues({|#5:"Access-Control-Max-Age"|}, "600");
                return Ok();
            }
        }
        """,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Credentials"),
        Incoming(2, "Access-Control-Allow-Methods"),
        Incoming(3, "Access-Control-Allow-Headers"),
        Incoming(4, "Access-Control-Expose-Headers"),
        Incoming(5, "Access-Control-Max-Age"));

    [Fact]
    public Task Outgoing_AdditionalLocation_IsTheWholeWrite() => VerifyAsync("""
        using System.Net;

        class C
        {
            void M(HttpClient client, WebClient web)
            {
                {|#1:client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*")|};
                {|#3:web.Headers[{|#2:"Access-Control-Allow-Credentials"|}] = "true"|};
            }
        }
        """,
        Verify.Diagnostic("CORS003").WithLocation(0).WithLocation(1).WithArguments("Access-Control-Allow-Origin", OutgoingText),
        Verify.Diagnostic("CORS003").WithLocation(2).WithLocation(3).WithArguments("Access-Control-Allow-Credentials", OutgoingText));

    [Fact]
    public Task Incoming_AdditionalLocations_AreTheWholeWriteAndTheRequestExpression_OnlyTheWriteThroughALocal() => VerifyAsync("""
        class C
        {
            void M(HttpContext context)
            {
                {|#3:{|#1:context.Request|}.Headers.Append({|#0:"Access-Control-Allow-Origin"|}, "*")|};
                var headers = context.Request.Headers;
                {|#4:headers.Append({|#2:"Access-Control-Allow-Credentials"|}, "true")|};
            }
        }
        """,
        Verify.Diagnostic("CORS003").WithLocation(0).WithLocation(3).WithLocation(1).WithArguments("Access-Control-Allow-Origin", IncomingText),
        Verify.Diagnostic("CORS003").WithLocation(2).WithLocation(4).WithArguments("Access-Control-Allow-Credentials", IncomingText));

    [Fact]
    public Task MinimalApiHttpContextParameter_ShouldReport() => VerifyAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/data", (HttpContext ctx) =>
        {
            ctx.Request.Headers.Append({|#0:"Access-Control-Allow-Origin"|}, "*");
            ctx.Request.Headers.{|#1:AccessControlAllowOrigin|} = "*";
            return Results.Ok();
        });
        app.Run();
        """,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Origin"));

    [Fact]
    public Task MinimalApiHttpRequestParameter_ShouldReport() => VerifyAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/data", (HttpRequest req) => req.Headers[{|#0:"Access-Control-Allow-Origin"|}] = "*");
        app.Run();
        """,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task MiddlewareLambda_ShouldReport() => VerifyAsync("""
        var app = WebApplication.Create(args);
        app.Use(async (ctx, next) =>
        {
            ctx.Request.Headers[{|#0:"Access-Control-Allow-Origin"|}] = "https://app.example";
            await next();
        });
        app.Run();
        """,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task RequestHeadersLocal_ShouldReport() => VerifyAsync("""
        class C
        {
            void M(HttpContext context)
            {
                var headers = context.Request.Headers;
                headers.Append({|#0:"Access-Control-Allow-Origin"|}, "*");
                headers[{|#1:"Access-Control-Allow-Credentials"|}] = "true";
            }
        }
        """,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Credentials"));

    // ---------- silent ----------

    [Fact]
    public Task CorsRequestHeadersOnRequest_NoDiagnostic() => VerifyAsync("""
        using System.Net;
        using Microsoft.Net.Http.Headers;

        class C
        {
            HttpRequestMessage Preflight()
            {
                var preflight = new HttpRequestMessage(HttpMethod.Options, "https://api.example/data");
                preflight.Headers.Add("Origin", "https://app.example");
                preflight.Headers.Add("Access-Control-Request-Method", "PUT");
                preflight.Headers.Add(HeaderNames.AccessControlRequestHeaders, "Content-Type");
                return preflight;
            }

            void M(WebClient client, HttpContext context)
            {
                client.Headers["Origin"] = "https://app.example";
                client.Headers.Add("Access-Control-Request-Method: PUT");
                context.Request.Headers.Origin = "https://app.example";
                context.Request.Headers.AccessControlRequestMethod = "PUT";
                context.Request.Headers.Append("Access-Control-Request-Headers", "Content-Type");
            }
        }
        """);

    [Fact]
    public Task ResponseShapes_NoDiagnostic() => VerifyAsync("""
        using System.Net;
        using Microsoft.AspNetCore.Mvc;

        public class DataController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.Add("Access-Control-Allow-Origin", "*");
                Response.Headers.Append("Access-Control-Allow-Credentials", "true");
                Response.Headers.TryAdd("Access-Control-Allow-Methods", "GET");
                Response.Headers["Access-Control-Allow-Headers"] = "*";
                Response.Headers.AccessControlExposeHeaders = "X-Total";
                HttpContext.Response.Headers.AccessControlMaxAge = "600";
                return Ok();
            }
        }

        class C
        {
            HttpResponseMessage M(WebClient client, HttpResponse response)
            {
                response.Headers.AccessControlAllowOrigin = "*";
                var headers = response.Headers;
                headers.Append("Access-Control-Allow-Origin", "*");
                client.ResponseHeaders?.Add("Access-Control-Allow-Origin", "*");
                var message = new HttpResponseMessage { Headers = { { "Access-Control-Allow-Origin", "*" } } };
                message.Headers.Add("Access-Control-Allow-Credentials", "true");
                message.Headers.TryAddWithoutValidation("Access-Control-Max-Age", "600");
                return message;
            }
        }
        """);

    [Fact]
    public Task Reads_NoDiagnostic() => VerifyAsync("""
        using System.Net;

        class C
        {
            string M(HttpContext context, HttpRequestMessage request, WebClient client)
            {
                var origin = context.Request.Headers["Access-Control-Allow-Origin"];
                var typed = context.Request.Headers.AccessControlAllowOrigin;
                var has = context.Request.Headers.ContainsKey("Access-Control-Allow-Origin");
                context.Request.Headers.Remove("Access-Control-Allow-Origin");
                request.Headers.TryGetValues("Access-Control-Allow-Origin", out _);
                var contains = request.Headers.Contains("Access-Control-Allow-Origin");
                request.Headers.Remove("Access-Control-Allow-Origin");
                var fromClient = client.Headers["Access-Control-Allow-Origin"];
                client.Headers.Remove("Access-Control-Allow-Origin");
                return origin.ToString() + typed + has + contains + fromClient;
            }
        }
        """);

    [Fact]
    public Task LookAlikeTypes_NoDiagnostic() => VerifyAsync("""
        using System.Collections.Generic;

        namespace My.Http.Headers
        {
            public class HttpRequestHeaders
            {
                public void Add(string name, string value) { }
                public bool TryAddWithoutValidation(string name, string value) => true;
            }

            public class HttpRequest
            {
                public Dictionary<string, string> Headers { get; } = new();
            }

            public class WebClient
            {
                public Dictionary<string, string> Headers { get; } = new();
            }

            public static class MyHeaderExtensions
            {
                public static void Append(this Microsoft.AspNetCore.Http.IHeaderDictionary headers, string name, string value, bool log) { }
            }

            class C
            {
                void M(HttpRequestHeaders headers, HttpRequest request, WebClient client, Microsoft.AspNetCore.Http.HttpContext context)
                {
                    headers.Add("Access-Control-Allow-Origin", "*");
                    headers.TryAddWithoutValidation("Access-Control-Allow-Origin", "*");
                    request.Headers.Add("Access-Control-Allow-Origin", "*");
                    request.Headers["Access-Control-Allow-Origin"] = "*";
                    client.Headers.Add("Access-Control-Allow-Origin", "*");
                    context.Request.Headers.Append("Access-Control-Allow-Origin", "*", log: true);
                }
            }
        }
        """);

    [Fact]
    public Task UnrelatedAndNonConstantHeaderNames_NoDiagnostic() => VerifyAsync("""
        class C
        {
            void M(HttpClient client, HttpContext context, string name)
            {
                client.DefaultRequestHeaders.Add("X-Custom", "*");
                client.DefaultRequestHeaders.Add("Access-Control-Allow", "*");
                client.DefaultRequestHeaders.Add(name, "*");
                context.Request.Headers["X-Custom"] = "*";
                context.Request.Headers.Append(name, "*");
            }
        }
        """);

    [Fact]
    public Task RequestHeadersLocalReassignedToResponse_NoDiagnostic() => VerifyAsync("""
        class C
        {
            void M(HttpContext context)
            {
                var headers = context.Request.Headers;
                headers = context.Response.Headers;
                headers.Append("Access-Control-Allow-Origin", "*");
            }
        }
        """);

    [Fact]
    public Task NetCoreOnlyConsoleWithHttpClient_ShouldReport() => VerifyNetCoreOnlyAsync("""
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
        client.DefaultRequestHeaders.Add("Origin", "https://app.example");
        var response = await client.GetAsync("https://api.example/data");
        response.Headers.Add("Access-Control-Allow-Origin", "*");
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task TopLevelProgram_ShouldReport() => VerifyAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("api", client => client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*"));
        var app = builder.Build();
        app.MapGet("/", (HttpContext context) => context.Request.Headers.Append({|#1:"Access-Control-Allow-Origin"|}, "*"));
        app.Run();
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Origin"));

    [Fact]
    public Task IncompleteCode_NoAnalyzerFailure()
    {
        var test = new Verify.Test
        {
            TestCode = """
                class C
                {
                    void M(HttpClient client, HttpContext context, System.Net.WebClient web)
                    {
                        client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", );
                        client.DefaultRequestHeaders.Add();
                        context.Request.Headers[] = "*";
                        context.Request.Headers.Append("Access-Control-Allow-Origin");
                        context.Request.Headers.{|#0:AccessControlAllowOrigin|} = ;
                        web.Headers.Add(42);
                        var headers = ;
                        headers.Add("Access-Control-Allow-Origin", "*");
                        unknown.Headers.Add("Access-Control-Allow-Origin", "*");
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
            ExpectedDiagnostics = { Incoming(0, "Access-Control-Allow-Origin") },
        };
        return test.RunAsync();
    }
}
