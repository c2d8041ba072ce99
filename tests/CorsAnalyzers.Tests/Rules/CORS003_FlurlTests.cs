using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS003 on Flurl.Http 4 (string, Url, IFlurlRequest, IFlurlClient, the client builder), against the real package.</summary>
public class CORS003_FlurlTests
{
    private static DiagnosticResult Outgoing(int markupKey, string header) => ClientLibraryVerify.Outgoing(markupKey, header);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        ClientLibraryVerify.VerifyAsync(ClientLibraryReferences.Flurl, source, expected);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        ClientLibraryVerify.VerifyFixAsync(ClientLibraryReferences.Flurl, source, fixedSource, expected);

    [Fact]
    public Task WithHeaderOnStringUrlRequestAndClient_ShouldReport() => VerifyAsync("""
        using Flurl;
        using Flurl.Http;

        record Order(int Id);

        class OrdersApi
        {
            private readonly IFlurlClient _client = new FlurlClient("https://api.example.com");

            public async Task<List<Order>> GetAsync(int page)
            {
                _client.WithHeader({|#0:"Access-Control-Allow-Origin"|}, "*");
                var fromString = await "https://api.example.com/orders"
                    .WithHeader({|#1:"Access-Control-Allow-Credentials"|}, true)
                    .GetJsonAsync<List<Order>>();
                var fromUrl = await new Url("https://api.example.com").AppendPathSegment("orders")
                    .SetQueryParam("page", page)
                    .WithHeader({|#2:"access-control-allow-methods"|}, "GET")
                    .GetJsonAsync<List<Order>>();
                IFlurlRequest request = _client.Request("orders").WithHeader("Accept", "application/json");
                request.WithHeader({|#3:"Access-Control-Allow-Headers"|}, "*");
                return fromString.Concat(fromUrl).Concat(await request.GetJsonAsync<List<Order>>()).ToList();
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Methods"),
        Outgoing(3, "Access-Control-Allow-Headers"));

    [Fact]
    public Task WithHeadersAnonymousObjectAndDictionary_ShouldReport() => VerifyAsync("""
        using Flurl.Http;

        class OrdersApi
        {
            public Task<IFlurlResponse> GetAsync()
            {
                var headers = new Dictionary<string, object> { ["Accept"] = "application/json", [{|#2:"Access-Control-Max-Age"|}] = 600 };
                return "https://api.example.com/orders"
                    .WithHeaders(new { Accept = "application/json", {|#0:Access_Control_Allow_Origin|} = "*", {|#1:access_control_allow_credentials|} = true })
                    .WithHeaders(headers)
                    .GetAsync();
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Max-Age"));

    [Fact]
    public Task HeadersCollectionsAndClientBuilder_ShouldReport() => VerifyAsync("""
        using Flurl.Http;

        FlurlHttp.Clients.WithDefaults(builder => builder.WithHeader({|#0:"Access-Control-Allow-Origin"|}, "*"));
        FlurlHttp.ConfigureClientForUrl("https://api.example.com").WithHeaders(new { {|#1:Access_Control_Expose_Headers|} = "X-Total" });
        var client = new FlurlClient("https://api.example.com");
        client.Headers.Add({|#2:"Access-Control-Allow-Credentials"|}, "true");
        client.BeforeCall(call => call.Request.Headers.AddOrReplace({|#3:"Access-Control-Allow-Methods"|}, "GET"));
        var request = client.Request("orders");
        var requestHeaders = request.Headers;
        requestHeaders.Add({|#4:"Access-Control-Allow-Headers"|}, "*");
        await request.GetAsync();
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Expose-Headers"),
        Outgoing(2, "Access-Control-Allow-Credentials"),
        Outgoing(3, "Access-Control-Allow-Methods"),
        Outgoing(4, "Access-Control-Allow-Headers"));

    [Fact]
    public Task HandMadePreflightAndOtherHeaders_NoDiagnostic() => VerifyAsync("""
        using Flurl.Http;

        class Probe
        {
            public async Task<string?> PreflightAsync(string token)
            {
                var response = await "https://api.example.com/orders"
                    .WithHeader("Origin", "https://app.example.com")
                    .WithHeader("Access-Control-Request-Method", "PUT")
                    .WithHeaders(new { Access_Control_Request_Headers = "content-type", User_Agent = "probe" })
                    .WithOAuthBearerToken(token)
                    .OptionsAsync();
                return response.Headers.FirstOrDefault("Access-Control-Allow-Origin");
            }
        }
        """);

    [Fact]
    public Task UnderscoresKeptOrNamesUnknown_NoDiagnostic() => VerifyAsync("""
        using Flurl.Http;

        class OrdersApi
        {
            public Task<IFlurlResponse> GetAsync(string name, object headers, bool replace)
            {
                return "https://api.example.com/orders"
                    .WithHeaders(new { Access_Control_Allow_Origin = "*" }, replaceUnderscoreWithHyphen: false)
                    .WithHeaders(new { Access_Control_Allow_Credentials = "true" }, replace)
                    .WithHeaders(headers)
                    .WithHeader(name, "*")
                    .GetAsync();
            }
        }
        """);

    [Fact]
    public Task TestingAndResponseApis_NoDiagnostic() => VerifyAsync("""
        using Flurl.Http;
        using Flurl.Http.Testing;

        class OrdersApiTests
        {
            public async Task Calls_the_api()
            {
                using var httpTest = new HttpTest();
                httpTest.RespondWith("[]", 200, headers: new { Access_Control_Allow_Origin = "*" });
                var response = await "https://api.example.com/orders".GetAsync();
                httpTest.ShouldHaveCalled("https://api.example.com/orders").WithHeader("Access-Control-Allow-Origin");
                Console.WriteLine(response.Headers.FirstOrDefault("Access-Control-Allow-Origin"));
            }
        }
        """);

    [Fact]
    public Task LookAlikeExtensions_NoDiagnostic() => VerifyAsync("""
        namespace MyApp
        {
            public static class HeaderExtensions
            {
                public static string WithHeader(this string url, string name, string value) => url + "#" + name + value;

                public static string WithHeaders(this string url, object headers) => url + headers;
            }

            public class Caller
            {
                public string Run() => "https://api.example.com"
                    .WithHeader("Access-Control-Allow-Origin", "*")
                    .WithHeaders(new { Access_Control_Allow_Origin = "*" });
            }
        }
        """);

    // ---------- fixes ----------

    [Fact]
    public Task RemoveHeader_LinksMembersAndStatements() => VerifyFixAsync("""
        using Flurl.Http;

        record Order(int Id);

        class OrdersApi
        {
            private readonly IFlurlClient _client = new FlurlClient("https://api.example.com");

            public async Task<List<Order>> GetAsync()
            {
                _client.WithHeader({|#0:"Access-Control-Allow-Origin"|}, "*");
                _client.Headers.Add({|#1:"Access-Control-Allow-Credentials"|}, "true");
                var first = await "https://api.example.com/orders"
                    .WithHeader({|#2:"Access-Control-Allow-Origin"|}, "*")
                    .GetJsonAsync<List<Order>>();
                var second = await "https://api.example.com/orders"
                    .WithHeaders(new { Accept = "application/json", {|#3:Access_Control_Allow_Origin|} = "*" })
                    .WithHeaders(new { {|#4:Access_Control_Allow_Headers|} = "*", {|#5:Access_Control_Max_Age|} = 600 })
                    .WithHeader("X-Trace", "1")
                    .GetJsonAsync<List<Order>>();
                return first.Concat(second).ToList();
            }
        }
        """, """
        using Flurl.Http;

        record Order(int Id);

        class OrdersApi
        {
            private readonly IFlurlClient _client = new FlurlClient("https://api.example.com");

            public async Task<List<Order>> GetAsync()
            {
                var first = await "https://api.example.com/orders"
                    .GetJsonAsync<List<Order>>();
                var second = await "https://api.example.com/orders"
                    .WithHeaders(new { Accept = "application/json" })
                    .WithHeader("X-Trace", "1")
                    .GetJsonAsync<List<Order>>();
                return first.Concat(second).ToList();
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Origin"),
        Outgoing(3, "Access-Control-Allow-Origin"),
        Outgoing(4, "Access-Control-Allow-Headers"),
        Outgoing(5, "Access-Control-Max-Age"));

    [Fact]
    public Task RemoveHeader_NotOfferedWhereTheTypeWouldChange() => VerifyFixAsync("""
        using Flurl.Http;

        class OrdersApi
        {
            public IFlurlRequest Build() => "https://api.example.com/orders".WithHeader({|#0:"Access-Control-Allow-Origin"|}, "*");
        }
        """, """
        using Flurl.Http;

        class OrdersApi
        {
            public IFlurlRequest Build() => "https://api.example.com/orders".WithHeader([|"Access-Control-Allow-Origin"|], "*");
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));
}
