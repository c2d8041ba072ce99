using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS003 on RestSharp 114 (RestRequest, RestClient, default parameters), against the real package.</summary>
public class CORS003_RestSharpTests
{
    private static DiagnosticResult Outgoing(int markupKey, string header) => ClientLibraryVerify.Outgoing(markupKey, header);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        ClientLibraryVerify.VerifyAsync(ClientLibraryReferences.RestSharp, source, expected);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        ClientLibraryVerify.VerifyFixAsync(ClientLibraryReferences.RestSharp, source, fixedSource, expected);

    [Fact]
    public Task RestRequestAddHeader_ShouldReport() => VerifyAsync("""
        using RestSharp;

        class ApiClient
        {
            public async Task<string?> GetAsync(RestClient client)
            {
                var request = new RestRequest("orders");
                request.AddHeader({|#0:"Access-Control-Allow-Origin"|}, "*");
                request.AddOrUpdateHeader({|#1:"Access-Control-Allow-Credentials"|}, "true");
                request.AddHeader("Accept", "application/json");
                var response = await client.GetAsync(request);
                return response.Content;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task FluentChainAndStaticCall_ShouldReport() => VerifyAsync("""
        using Microsoft.Net.Http.Headers;
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build(object body)
            {
                var request = new RestRequest("orders", Method.Post)
                    .AddHeader({|#0:HeaderNames.AccessControlAllowOrigin|}, "*")
                    .AddJsonBody(body);
                RestRequestExtensions.AddHeader(request, {|#1:"Access-Control-Allow-Methods"|}, "POST");
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Methods"));

    [Fact]
    public Task ClientDefaultHeadersAndParameters_ShouldReport() => VerifyAsync("""
        using RestSharp;

        var options = new RestClientOptions("https://api.example.com") { ThrowOnAnyError = true };
        var client = new RestClient(options, configureDefaultHeaders: headers => headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*"));
        client.AddDefaultHeader({|#1:"Access-Control-Allow-Headers"|}, "Content-Type");
        client.AddDefaultHeaders(new Dictionary<string, string> { { {|#2:"Access-Control-Allow-Credentials"|}, "true" }, { "Accept", "application/json" } });
        client.AddDefaultParameter({|#3:"Access-Control-Max-Age"|}, "600", ParameterType.HttpHeader);
        client.DefaultParameters.AddParameter(new HeaderParameter({|#4:"Access-Control-Expose-Headers"|}, "X-Total"));
        var request = new RestRequest("items");
        request.AddParameter({|#5:"Access-Control-Allow-Origin"|}, "*", ParameterType.HttpHeader);
        request.AddParameter(new HeaderParameter({|#6:"Access-Control-Allow-Origin"|}, "*"));
        request.AddOrUpdateParameter(Parameter.CreateParameter("X-Trace", "1", ParameterType.HttpHeader));
        request.AddHeaders(new Dictionary<string, string> { [{|#7:"Access-Control-Allow-Methods"|}] = "GET" });
        await client.GetAsync(request);
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Headers"),
        Outgoing(2, "Access-Control-Allow-Credentials"),
        Outgoing(3, "Access-Control-Max-Age"),
        Outgoing(4, "Access-Control-Expose-Headers"),
        Outgoing(5, "Access-Control-Allow-Origin"),
        Outgoing(6, "Access-Control-Allow-Origin"),
        Outgoing(7, "Access-Control-Allow-Methods"));

    [Fact]
    public Task DictionaryThroughALocal_ShouldReport() => VerifyAsync("""
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build()
            {
                var headers = new Dictionary<string, string>
                {
                    { "Accept", "application/json" },
                    { {|#0:"Access-Control-Allow-Origin"|}, "*" },
                };
                var request = new RestRequest("orders");
                request.AddHeaders(headers);
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task HandMadePreflightAndRequestHeaders_NoDiagnostic() => VerifyAsync("""
        using RestSharp;

        class CorsProbe
        {
            private const string RequestMethod = "Access-Control-Request-Method";

            public async Task<string?> PreflightAsync(RestClient client)
            {
                var request = new RestRequest("orders", Method.Options);
                request.AddHeader("Origin", "https://app.example.com");
                request.AddHeader(RequestMethod, "POST");
                request.AddHeader("Access-Control-Request-Headers", "content-type");
                var response = await client.ExecuteAsync(request);
                return response.GetHeaderValue("Access-Control-Allow-Origin");
            }
        }
        """);

    [Fact]
    public Task NonHeaderParametersAndUnknownNames_NoDiagnostic() => VerifyAsync("""
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build(Dictionary<string, string> extra, string name)
            {
                var request = new RestRequest("search");
                request.AddParameter("Access-Control-Allow-Origin", "*");
                request.AddParameter("Access-Control-Allow-Origin", "*", ParameterType.QueryString);
                request.AddQueryParameter("Access-Control-Allow-Origin", "*");
                request.AddHeader(name, "*");
                foreach (var header in extra)
                {
                    request.AddHeader(header.Key, header.Value);
                }

                request.AddHeaders(extra);
                var responseHeaders = new Dictionary<string, string> { { "Access-Control-Allow-Origin", "*" } };
                Console.WriteLine(responseHeaders.Count);
                return request;
            }
        }
        """);

    [Fact]
    public Task LookAlikeMethods_NoDiagnostic() => VerifyAsync("""
        using RestSharp;

        namespace MyApp.Http
        {
            public static class RestRequestExtensions
            {
                public static void AddCorsHeader(this RestRequest request) => Console.WriteLine(request.Resource);

                public static RestRequest AddHeader(this RestRequest request, string name, int value) => request;
            }

            public sealed class FakeRequest
            {
                public FakeRequest AddHeader(string name, string value) => this;

                public FakeRequest AddDefaultHeader(string name, string value) => this;
            }

            public class Caller
            {
                public void Run(FakeRequest fake, RestRequest request)
                {
                    fake.AddHeader("Access-Control-Allow-Origin", "*").AddDefaultHeader("Access-Control-Allow-Credentials", "true");
                    request.AddHeader("Access-Control-Allow-Origin", 1);
                    request.AddCorsHeader();
                }
            }
        }
        """);

    [Fact]
    public Task ResponseSide_NoDiagnostic() => VerifyAsync("""
        using RestSharp;

        class ApiClient
        {
            public async Task<bool> AllowsAsync(RestClient client)
            {
                var response = await client.ExecuteAsync(new RestRequest("orders", Method.Options));
                var allowOrigin = response.GetHeaderValue("Access-Control-Allow-Origin");
                var exposed = response.Headers?.FirstOrDefault(h => h.Name == "Access-Control-Expose-Headers");
                return allowOrigin == "*" && exposed is not null;
            }
        }
        """);

    // ---------- fixes ----------

    [Fact]
    public Task RemoveHeader_StatementsAndChainLinks() => VerifyFixAsync("""
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build(RestClient client, object body)
            {
                var request = new RestRequest("orders", Method.Post)
                    .AddHeader({|#0:"Access-Control-Allow-Origin"|}, "*")
                    .AddJsonBody(body);
                // credentials for the API
                request.AddOrUpdateHeader({|#1:"Access-Control-Allow-Credentials"|}, "true"); // wrong side
                request.AddHeader("Accept", "application/json").AddHeader({|#2:"Access-Control-Allow-Methods"|}, "POST");
                client.AddDefaultHeader({|#3:"Access-Control-Allow-Headers"|}, "*");
                return request;
            }
        }
        """, """
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build(RestClient client, object body)
            {
                var request = new RestRequest("orders", Method.Post)
                    .AddJsonBody(body);
                // credentials for the API
                request.AddHeader("Accept", "application/json");
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Methods"),
        Outgoing(3, "Access-Control-Allow-Headers"));

    [Fact]
    public Task RemoveHeader_ChainOfOnlyCorsHeaders_RemovesTheStatement() => VerifyFixAsync("""
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build()
            {
                var request = new RestRequest("orders");
                request.AddHeader({|#0:"Access-Control-Allow-Origin"|}, "*").AddHeader({|#1:"Access-Control-Allow-Credentials"|}, "true");
                return request;
            }
        }
        """, """
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build()
            {
                var request = new RestRequest("orders");
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task RemoveHeader_DictionaryEntriesAndParameters() => VerifyFixAsync("""
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build(RestClient client)
            {
                var request = new RestRequest("orders");
                request.AddHeaders(new Dictionary<string, string>
                {
                    { {|#0:"Access-Control-Allow-Origin"|}, "*" },
                    { "Accept", "application/json" },
                    { {|#1:"Access-Control-Allow-Credentials"|}, "true" },
                    { {|#2:"Access-Control-Max-Age"|}, "60" }
                });
                client.AddDefaultHeaders(new Dictionary<string, string> { [{|#3:"Access-Control-Allow-Headers"|}] = "*" });
                request.AddParameter(new HeaderParameter({|#4:"Access-Control-Allow-Methods"|}, "GET"));
                request.AddParameter({|#5:"Access-Control-Expose-Headers"|}, "X-Total", ParameterType.HttpHeader);
                return request;
            }
        }
        """, """
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build(RestClient client)
            {
                var request = new RestRequest("orders");
                request.AddHeaders(new Dictionary<string, string>
                {
                    { "Accept", "application/json" }
                });
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Max-Age"),
        Outgoing(3, "Access-Control-Allow-Headers"),
        Outgoing(4, "Access-Control-Allow-Methods"),
        Outgoing(5, "Access-Control-Expose-Headers"));

    [Fact]
    public Task RemoveHeader_DictionaryLocalLeftEmpty_KeepsAnEmptyDictionary() => VerifyFixAsync("""
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build()
            {
                var headers = new Dictionary<string, string> { { {|#0:"Access-Control-Allow-Origin"|}, "*" } };
                var request = new RestRequest("orders");
                request.AddHeaders(headers);
                return request;
            }
        }
        """, """
        using RestSharp;

        class ApiClient
        {
            public RestRequest Build()
            {
                var headers = new Dictionary<string, string>();
                var request = new RestRequest("orders");
                request.AddHeaders(headers);
                return request;
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"));

    [Fact]
    public Task RemoveHeader_NotOfferedWhereRemovalBreaksCode() => VerifyFixAsync("""
        using RestSharp;

        class ApiClient
        {
            private readonly List<Parameter> _parameters = new() { new HeaderParameter({|#0:"Access-Control-Allow-Origin"|}, "*") };

            public void Configure(RestRequest request, bool cors)
            {
                if (cors)
                    request.AddHeader({|#1:"Access-Control-Allow-Credentials"|}, "true");
            }
        }
        """, """
        using RestSharp;

        class ApiClient
        {
            private readonly List<Parameter> _parameters = new() { new HeaderParameter([|"Access-Control-Allow-Origin"|], "*") };

            public void Configure(RestRequest request, bool cors)
            {
                if (cors)
                    request.AddHeader([|"Access-Control-Allow-Credentials"|], "true");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"));
}
