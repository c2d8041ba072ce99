using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS003_CorsResponseHeaderOnRequestTests
{
    // ---------- fix: RemoveHeader ----------

    [Fact]
    public Task RemoveHeader_Statement() => VerifyFixAsync("""
        class C
        {
            HttpClient M()
            {
                var client = new HttpClient();
                client.DefaultRequestHeaders.Add("X-Trace", "1");
                client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                return client;
            }
        }
        """, """
        class C
        {
            HttpClient M()
            {
                var client = new HttpClient();
                client.DefaultRequestHeaders.Add("X-Trace", "1");
                return client;
            }
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task RemoveHeader_WebClientIndexerAndHeaderLine() => VerifyFixAsync("""
        using System.Net;

        class C
        {
            void M(WebClient client)
            {
                client.Headers[{|#0:"Access-Control-Allow-Origin"|}] = "*";
                client.Headers.Add({|#1:"Access-Control-Allow-Credentials: true"|});
                client.Headers.Add("X-Trace", "1");
            }
        }
        """, """
        using System.Net;

        class C
        {
            void M(WebClient client)
            {
                client.Headers.Add("X-Trace", "1");
            }
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task RemoveHeader_FirstInitializerElement_KeepsTheRest() => VerifyFixAsync("""
        class C
        {
            HttpRequestMessage M() => new HttpRequestMessage
            {
                Method = HttpMethod.Get,
                Headers =
                {
                    { {|#0:"Access-Control-Allow-Origin"|}, "*" },
                    { "X-Trace", "1" },
                },
            };
        }
        """, """
        class C
        {
            HttpRequestMessage M() => new HttpRequestMessage
            {
                Method = HttpMethod.Get,
                Headers =
                {
                    { "X-Trace", "1" },
                },
            };
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task RemoveHeader_LastInitializerElementOnOneLine_RemovesItsComma() => VerifyFixAsync("""
        class C
        {
            HttpRequestMessage M() => new HttpRequestMessage { Headers = { { "X-Trace", "1" }, { {|#0:"Access-Control-Allow-Origin"|}, "*" } } };
        }
        """, """
        class C
        {
            HttpRequestMessage M() => new HttpRequestMessage { Headers = { { "X-Trace", "1" } } };
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task RemoveHeader_OnlyInitializerElement_RemovesTheMemberAndInitializer() => VerifyFixAsync("""
        class C
        {
            HttpRequestMessage A() => new HttpRequestMessage(HttpMethod.Get, "https://api.example/")
            {
                Headers = { { {|#0:"Access-Control-Allow-Origin"|}, "*" } },
            };

            HttpRequestMessage B() => new HttpRequestMessage
            {
                Method = HttpMethod.Post,
                Headers = { { {|#1:"Access-Control-Max-Age"|}, "600" } }
            };
        }
        """, """
        class C
        {
            HttpRequestMessage A() => new HttpRequestMessage(HttpMethod.Get, "https://api.example/");

            HttpRequestMessage B() => new HttpRequestMessage
            {
                Method = HttpMethod.Post
            };
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Max-Age"));

    [Fact]
    public Task RemoveHeader_WebClientIndexInitializerElement() => VerifyFixAsync("""
        using System.Net;

        class C
        {
            WebClient M() => new WebClient
            {
                BaseAddress = "https://api.example/",
                Headers = { [{|#0:"Access-Control-Allow-Origin"|}] = "*", ["X-Trace"] = "1" },
            };
        }
        """, """
        using System.Net;

        class C
        {
            WebClient M() => new WebClient
            {
                BaseAddress = "https://api.example/",
                Headers = { ["X-Trace"] = "1" },
            };
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task RemoveHeader_TwoAdjacentInitializerElements_FixAllRemovesBoth()
    {
        // Fix All in one pass: SiteFixAllProvider applies the sites one after the other (the library counts Fix All
        // iterations; a batch fixer that merges edits dropped the second of two that touch the same separator).
        var test = new Verify.Test
        {
            TestCode = """
            class C
            {
                HttpRequestMessage M() => new HttpRequestMessage
                {
                    Headers =
                    {
                        { "X-Trace", "1" },
                        { {|#0:"Access-Control-Allow-Origin"|}, "*" },
                        { {|#1:"Access-Control-Allow-Credentials"|}, "true" }
                    }
                };
            }
            """,
            FixedCode = """
            class C
            {
                HttpRequestMessage M() => new HttpRequestMessage
                {
                    Headers =
                    {
                        { "X-Trace", "1" }
                    }
                };
            }
            """,
            CodeActionEquivalenceKey = RemoveHeader,
            NumberOfFixAllIterations = 1,
            ExpectedDiagnostics = { Outgoing(0, "Access-Control-Allow-Origin"), Outgoing(1, "Access-Control-Allow-Credentials") },
        };
        return test.RunAsync();
    }

    [Fact]
    public Task RemoveHeader_TopLevelStatements() => VerifyFixAsync("""
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
        client.DefaultRequestHeaders.TryAddWithoutValidation({|#1:"Access-Control-Allow-Headers"|}, "*");
        await client.GetAsync("https://api.example/data");
        """, """
        using var client = new HttpClient();
        await client.GetAsync("https://api.example/data");
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Headers"));

    [Fact]
    public Task RemoveHeader_NotOfferedWhereRemovalBreaksCode() => VerifyFixAsync("""
        class C
        {
            bool M(HttpClient client, bool cors)
            {
                if (cors) client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                return client.DefaultRequestHeaders.TryAddWithoutValidation({|#1:"Access-Control-Allow-Methods"|}, "GET");
            }
        }
        """, """
        class C
        {
            bool M(HttpClient client, bool cors)
            {
                if (cors) client.DefaultRequestHeaders.Add([|"Access-Control-Allow-Origin"|], "*");
                return client.DefaultRequestHeaders.TryAddWithoutValidation([|"Access-Control-Allow-Methods"|], "GET");
            }
        }
        """,
        RemoveHeader,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Methods"));

    [Fact]
    public Task RemoveHeaderAlternative_IncomingConstant_RemovesTheWrite() => VerifyFixAsync("""
        class C
        {
            void M(HttpContext context)
            {
                context.Request.Headers.Append({|#0:"Access-Control-Allow-Origin"|}, "https://app.contoso.com");
                context.Response.StatusCode = 204;
            }
        }
        """, """
        class C
        {
            void M(HttpContext context)
            {
                context.Response.StatusCode = 204;
            }
        }
        """,
        RemoveHeaderAlternative,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public async Task OutgoingRequest_DefaultRemoves_NoAlternativeOffered()
    {
        // The verifier fails when the requested key is missing while other fixes are offered: only the default is.
        var failure = await Assert.ThrowsAsync<VerificationException>(() => VerifyFixAsync("""
            class C
            {
                void M(HttpClient client)
                {
                    client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                }
            }
            """, """
            class C
            {
                void M(HttpClient client)
                {
                }
            }
            """,
            RemoveHeaderAlternative,
            Outgoing(0, "Access-Control-Allow-Origin")));
        Assert.Contains("No code action with equivalence key 'CORS003.RemoveHeader' was offered", failure.Message);
        Assert.Contains("'CORS003.FixHeader' (\"Remove the CORS response header from the request\")", failure.Message);
    }

    [Fact]
    public Task IncomingMessage_SaysNothingAboutAPreflight() => Verify.VerifyAnalyzerAsync("""
        class C
        {
            void M(HttpContext context) => context.Request.Headers.Append({|#0:"Access-Control-Max-Age"|}, "600");
        }
        """,
        Verify.Diagnostic("CORS003").WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithMessage(
            "'Access-Control-Max-Age' is a CORS response header: set on the incoming request it does nothing; the server sends it on its response (HttpResponse.Headers, or the CORS middleware)"));

    // ---------- fix: the incoming request, where moving is not safe ----------

    [Fact]
    public Task IncomingReflectedOriginWithCredentials_RemovesBoth_NeverMoves() => VerifyFixAsync("""
        var app = WebApplication.Create(args);
        app.Use(async (context, next) =>
        {
            context.Request.Headers[{|#0:"Access-Control-Allow-Origin"|}] = context.Request.Headers["Origin"];
            context.Request.Headers[{|#1:"Access-Control-Allow-Credentials"|}] = "true";
            context.Request.Headers[{|#2:"Access-Control-Allow-Methods"|}] = "GET, POST";
            await next();
        });
        app.Run();
        """, """
        var app = WebApplication.Create(args);
        app.Use(async (context, next) =>
        {
            context.Response.Headers["Access-Control-Allow-Methods"] = "GET, POST";
            await next();
        });
        app.Run();
        """,
        FixHeader,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Credentials"),
        Incoming(2, "Access-Control-Allow-Methods"));

    [Fact]
    public Task IncomingValuesFromTheRequest_AreRemoved() => VerifyFixAsync("""
        public static class CorsMiddleware
        {
            public static void Apply(HttpContext context, string[] methods)
            {
                context.Request.Headers.{|#0:AccessControlAllowOrigin|} = context.Request.Query["origin"];
                context.Request.Headers.Append({|#1:"Access-Control-Allow-Headers"|}, context.Request.Headers["Access-Control-Request-Headers"]);
                context.Request.Headers.Append({|#2:"Access-Control-Allow-Methods"|}, string.Join(", ", methods));
                context.Response.StatusCode = 204;
            }
        }
        """, """
        public static class CorsMiddleware
        {
            public static void Apply(HttpContext context, string[] methods)
            {
                context.Response.StatusCode = 204;
            }
        }
        """,
        FixHeader,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Headers"),
        Incoming(2, "Access-Control-Allow-Methods"));

    [Fact]
    public Task IncomingAnyOriginNextToCredentials_IsRemoved_NotMoved() => VerifyFixAsync("""
        class C
        {
            void M(HttpContext context)
            {
                context.Request.Headers[{|#0:"Access-Control-Allow-Origin"|}] = "*";
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
            }
        }
        """, """
        class C
        {
            void M(HttpContext context)
            {
                context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
            }
        }
        """,
        FixHeader,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task IncomingNotMovableWhereRemovalBreaksCode_NoFix() => VerifyFixAsync("""
        class C
        {
            void M(HttpContext context, bool cors)
            {
                if (cors) context.Request.Headers[{|#0:"Access-Control-Allow-Origin"|}] = context.Request.Headers.Origin;
            }
        }
        """, """
        class C
        {
            void M(HttpContext context, bool cors)
            {
                if (cors) context.Request.Headers[[|"Access-Control-Allow-Origin"|]] = context.Request.Headers.Origin;
            }
        }
        """,
        FixHeader,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task FixAll_EveryShapeInOneDocument_OneDefault() => VerifyFixAsync("""
        class C
        {
            void Outgoing(HttpClient client)
            {
                client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
            }

            void Incoming(HttpContext context)
            {
                context.Request.Headers.Append({|#1:"Access-Control-Expose-Headers"|}, "X-Total");
                context.Request.Headers.Append({|#2:"Access-Control-Allow-Origin"|}, context.Request.Headers.Origin.ToString());
            }
        }
        """, """
        class C
        {
            void Outgoing(HttpClient client)
            {
            }

            void Incoming(HttpContext context)
            {
                context.Response.Headers.Append("Access-Control-Expose-Headers", "X-Total");
            }
        }
        """,
        FixHeader,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Expose-Headers"),
        Incoming(2, "Access-Control-Allow-Origin"));

    // ---------- fix: MoveToResponse ----------

    [Fact]
    public Task MoveToResponse_ControllerRequest_CredentialsAreRemovedNotMoved() => VerifyFixAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class DataController : ControllerBase
        {
            public IActionResult Get()
            {
                Request.Headers.Append({|#0:"Access-Control-Allow-Origin"|}, "https://app.example");
                HttpContext.Request.Headers.{|#1:AccessControlAllowCredentials|} = "true";
                return Ok();
            }
        }
        """, """
        using Microsoft.AspNetCore.Mvc;

        public class DataController : ControllerBase
        {
            public IActionResult Get()
            {
                Response.Headers.Append("Access-Control-Allow-Origin", "https://app.example");
                return Ok();
            }
        }
        """,
        MoveToResponse,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task MoveToResponse_MiddlewareContextRequest() => VerifyFixAsync("""
        var app = WebApplication.Create(args);
        app.Use(async (context, next) =>
        {
            context.Request.Headers[{|#0:"Access-Control-Allow-Origin"|}] = "https://app.example";
            context.Request.Headers.Add({|#1:"Access-Control-Expose-Headers"|}, "X-Total");
            await next();
        });
        app.Run();
        """, """
        var app = WebApplication.Create(args);
        app.Use(async (context, next) =>
        {
            context.Response.Headers["Access-Control-Allow-Origin"] = "https://app.example";
            context.Response.Headers.Add("Access-Control-Expose-Headers", "X-Total");
            await next();
        });
        app.Run();
        """,
        MoveToResponse,
        Incoming(0, "Access-Control-Allow-Origin"),
        Incoming(1, "Access-Control-Expose-Headers"));

    [Fact]
    public Task MoveToResponse_HttpRequestParameter_UsesHttpContextResponse() => VerifyFixAsync("""
        var app = WebApplication.Create(args);
        app.MapGet("/data", (HttpRequest req) =>
        {
            req.Headers.TryAdd({|#0:"Access-Control-Allow-Origin"|}, "https://app.contoso.com");
            return Results.Ok();
        });
        app.Run();
        """, """
        var app = WebApplication.Create(args);
        app.MapGet("/data", (HttpRequest req) =>
        {
            req.HttpContext.Response.Headers.TryAdd("Access-Control-Allow-Origin", "https://app.contoso.com");
            return Results.Ok();
        });
        app.Run();
        """,
        MoveToResponse,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task MoveToResponse_RequestHiddenByLocalNamedResponse_UsesHttpContextResponse() => VerifyFixAsync("""
        using Microsoft.AspNetCore.Mvc;

        public class DataController : ControllerBase
        {
            public string Get()
            {
                var Response = "body";
                Request.Headers.{|#0:AccessControlAllowOrigin|} = "https://app.contoso.com";
                return Response;
            }
        }
        """, """
        using Microsoft.AspNetCore.Mvc;

        public class DataController : ControllerBase
        {
            public string Get()
            {
                var Response = "body";
                Request.HttpContext.Response.Headers.AccessControlAllowOrigin = "https://app.contoso.com";
                return Response;
            }
        }
        """,
        MoveToResponse,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task IncomingAnyOrigin_IsRemoved_NotMoved() => VerifyFixAsync("""
        class C
        {
            void M(HttpContext context)
            {
                // On the response "*" would allow any origin (CORS009): the code never did that.
                context.Request.Headers.Append({|#0:"Access-Control-Allow-Origin"|}, "*");
                context.Response.StatusCode = 204;
            }
        }
        """, """
        class C
        {
            void M(HttpContext context)
            {
                context.Response.StatusCode = 204;
            }
        }
        """,
        MoveToResponse,
        Incoming(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task ThroughALocal_IsRemoved_NotMoved() => VerifyFixAsync("""
        class C
        {
            void M(HttpContext context)
            {
                var headers = context.Request.Headers;
                headers.Append({|#0:"Access-Control-Allow-Origin"|}, "*");
            }
        }
        """, """
        class C
        {
            void M(HttpContext context)
            {
                var headers = context.Request.Headers;
            }
        }
        """,
        MoveToResponse,
        Incoming(0, "Access-Control-Allow-Origin"));
}
