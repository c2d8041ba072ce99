using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>
/// CORS003 on IHttpClientFactory registrations (AddHttpClient configure lambdas, ConfigureHttpClient, typed clients,
/// HttpClient subclasses, delegating handlers) and the legacy WebClient / HttpWebRequest, as real programs write them.
/// </summary>
public class CORS003_HttpClientFactoryTests
{
    private const string RemoveHeader = CorsResponseHeaderOnRequestFixer.FixHeaderKey;

    // The additional location (the whole write) is asserted by CORS003_CorsResponseHeaderOnRequestTests' *_AdditionalLocation tests.
    private static DiagnosticResult Outgoing(int markupKey, string header) =>
        Verify.Diagnostic("CORS003").WithLocation(markupKey).WithArguments(header, "set on an outgoing request it does nothing, and in a browser it forces a preflight; the server must send it on its response").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        Verify.VerifyAnalyzerAsync(source, expected);

    [Fact]
    public Task AddHttpClientLambdasAndConfigureHttpClient_ShouldReport() => VerifyAsync("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("orders", client =>
        {
            client.BaseAddress = new Uri(builder.Configuration["Orders:BaseUrl"] ?? "https://orders.example.com");
            client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
        });
        builder.Services.AddHttpClient<OrdersClient>(client => client.DefaultRequestHeaders.TryAddWithoutValidation({|#1:"Access-Control-Allow-Credentials"|}, "true"));
        builder.Services.AddHttpClient("billing")
            .ConfigureHttpClient((services, client) => client.DefaultRequestHeaders.Add({|#2:"Access-Control-Allow-Headers"|}, new[] { "Content-Type" }))
            .AddHttpMessageHandler(() => new CorsHeaderHandler());
        var app = builder.Build();
        app.MapGet("/", () => "ok");
        app.Run();

        public class OrdersClient
        {
            private readonly HttpClient _http;

            public OrdersClient(HttpClient http)
            {
                _http = http;
                _http.DefaultRequestHeaders.Add({|#3:"Access-Control-Allow-Methods"|}, "GET, POST");
                _http.DefaultRequestHeaders.Add("Accept", "application/json");
            }

            public Task<string> ListAsync() => _http.GetStringAsync("orders");
        }

        public class CorsHeaderHandler : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.Headers.Add({|#4:"Access-Control-Max-Age"|}, "600");
                return base.SendAsync(request, cancellationToken);
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Headers"),
        Outgoing(3, "Access-Control-Allow-Methods"),
        Outgoing(4, "Access-Control-Max-Age"));

    [Fact]
    public Task HttpClientSubclass_ShouldReport() => VerifyAsync("""
        public class ApiClient : HttpClient
        {
            public ApiClient(Uri baseAddress)
            {
                BaseAddress = baseAddress;
                DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                this.DefaultRequestHeaders.TryAddWithoutValidation({|#1:"Access-Control-Expose-Headers"|}, "X-Total");
            }
        }

        public sealed class OrdersApiClient : ApiClient
        {
            public OrdersApiClient()
                : base(new Uri("https://orders.example.com"))
            {
                DefaultRequestHeaders.Add({|#2:"Access-Control-Allow-Credentials"|}, "true");
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Expose-Headers"),
        Outgoing(2, "Access-Control-Allow-Credentials"));

    [Fact]
    public Task LegacyWebClientAndHttpWebRequest_ShouldReport() => VerifyAsync("""
        #pragma warning disable SYSLIB0014
        using System.Net;

        public class LegacyClient
        {
            public string Download(string url)
            {
                using var web = new WebClient();
                web.Headers.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
                web.Headers[{|#1:"Access-Control-Allow-Credentials"|}] = "true";
                web.Headers.Add({|#2:"Access-Control-Allow-Methods: GET"|});
                return web.DownloadString(url);
            }

            public WebResponse Send(string url)
            {
                var request = (HttpWebRequest)WebRequest.Create(url);
                request.Headers.Add({|#3:"Access-Control-Allow-Headers"|}, "*");
                request.Headers.Set({|#4:"Access-Control-Max-Age"|}, "60");
                return request.GetResponse();
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Methods"),
        Outgoing(3, "Access-Control-Allow-Headers"),
        Outgoing(4, "Access-Control-Max-Age"));

    [Fact]
    public Task RequestHeadersAndResponseReads_NoDiagnostic() => VerifyAsync("""
        #pragma warning disable SYSLIB0014
        using System.Net;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHttpClient("cors-probe", client =>
        {
            client.DefaultRequestHeaders.Add("Origin", "https://app.example.com");
            client.DefaultRequestHeaders.Add("Access-Control-Request-Method", "PUT");
            client.DefaultRequestHeaders.Add("Access-Control-Request-Headers", "content-type");
        });
        var app = builder.Build();
        app.MapGet("/probe", async (IHttpClientFactory factory) =>
        {
            var client = factory.CreateClient("cors-probe");
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "https://api.example.com/orders"));
            var allowed = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins);
            using var web = new WebClient();
            web.DownloadString("https://api.example.com");
            var fromWeb = web.ResponseHeaders?["Access-Control-Allow-Origin"];
            return allowed ? string.Join(",", origins!) + fromWeb : "none";
        });
        app.Run();
        """);

    [Fact]
    public Task RemoveHeader_TypedClient() => Verify.VerifyCodeFixAsync("""
        public class OrdersClient
        {
            private readonly HttpClient _http;

            public OrdersClient(HttpClient http)
            {
                _http = http;
                _http.DefaultRequestHeaders.Add([|"Access-Control-Allow-Origin"|], "*");
            }
        }
        """, """
        public class OrdersClient
        {
            private readonly HttpClient _http;

            public OrdersClient(HttpClient http)
            {
                _http = http;
            }
        }
        """,
        RemoveHeader);
}
