using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS003 on Refit 16 ([Headers], [Header], [HeaderCollection], AddRefitClient), against the real packages.</summary>
public class CORS003_RefitTests
{
    private static DiagnosticResult Outgoing(int markupKey, string header) => ClientLibraryVerify.Outgoing(markupKey, header);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        ClientLibraryVerify.VerifyAsync(ClientLibraryReferences.Refit, source, expected);

    private static Task VerifyFixAsync(string source, string fixedSource, params DiagnosticResult[] expected) =>
        ClientLibraryVerify.VerifyFixAsync(ClientLibraryReferences.Refit, source, fixedSource, expected);

    [Fact]
    public Task HeadersHeaderAndHeaderCollection_ShouldReport() => VerifyAsync("""
        using Refit;

        public record Order(int Id);

        [Headers("User-Agent: Orders", {|#0:"Access-Control-Allow-Origin: *"|})]
        public interface IOrdersApi
        {
            [Get("/orders")]
            [Headers({|#1:"access-control-allow-credentials:true"|})]
            Task<List<Order>> ListAsync([Header({|#2:"Access-Control-Allow-Origin"|})] string origin);

            [Get("/orders/{id}")]
            Task<Order> GetAsync(int id, [HeaderCollection] IDictionary<string, string> headers);
        }

        public class OrdersService(IOrdersApi api)
        {
            public Task<Order> FirstAsync() =>
                api.GetAsync(1, new Dictionary<string, string> { ["Accept"] = "application/json", [{|#3:"Access-Control-Allow-Methods"|}] = "GET" });
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Origin"),
        Outgoing(3, "Access-Control-Allow-Methods"));

    [Fact]
    public Task AddRefitClientConfigureHttpClient_ShouldReport() => new Verify.Test
    {
        ReferenceAssemblies = ClientLibraryReferences.RefitHttpClientFactory,
        ExpectedDiagnostics = { Outgoing(0, "Access-Control-Allow-Origin") },
        TestCode = """
        using Refit;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services
            .AddRefitClient<IOrdersApi>()
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = new Uri("https://api.example.com");
                client.DefaultRequestHeaders.Add({|#0:"Access-Control-Allow-Origin"|}, "*");
            });
        var app = builder.Build();
        app.Run();

        public interface IOrdersApi
        {
            [Get("/orders")]
            Task<string> ListAsync();
        }
        """,
    }.RunAsync();

    [Fact]
    public Task RequestHeadersRemovalsAndLookAlikes_NoDiagnostic() => VerifyAsync("""
        using Refit;

        namespace MyApp
        {
            [Headers("Authorization: Bearer", "Access-Control-Allow-Origin")]
            public interface IOrdersApi
            {
                [Options("/orders")]
                [Headers("Origin: https://app.example.com", "Access-Control-Request-Method: PUT", "Access-Control-Request-Headers: content-type")]
                Task<HttpResponseMessage> PreflightAsync([Header("X-Api-Key")] string key, [Header("Origin")] string origin);

                [Get("/orders")]
                Task<string> ListAsync([HeaderCollection] IDictionary<string, string> headers);
            }

            [AttributeUsage(AttributeTargets.All)]
            internal sealed class HeadersAttribute2 : Attribute
            {
                public HeadersAttribute2(params string[] headers) => Headers = headers;

                public string[] Headers { get; }
            }

            [HeadersAttribute2("Access-Control-Allow-Origin: *")]
            public interface INotRefit
            {
                Task<string> GetAsync();
            }

            public class Caller(IOrdersApi api)
            {
                public Task<string> RunAsync(Dictionary<string, string> extra) => api.ListAsync(extra);

                public Dictionary<string, string> ResponseHeaders() => new() { ["Access-Control-Allow-Origin"] = "*" };
            }
        }
        """);

    // ---------- fixes ----------

    [Fact]
    public Task RemoveHeader_AttributeEntriesAndLists() => VerifyFixAsync("""
        using Refit;

        public record Order(int Id);

        [Headers("User-Agent: Orders", {|#0:"Access-Control-Allow-Origin: *"|}, {|#1:"Access-Control-Allow-Credentials: true"|})]
        public interface IOrdersApi
        {
            /// <summary>All orders.</summary>
            [Headers({|#2:"Access-Control-Allow-Headers: *"|})]
            [Get("/orders")]
            Task<List<Order>> ListAsync();

            [Get("/orders/{id}"), Headers({|#3:"Access-Control-Max-Age: 600"|}, {|#4:"Access-Control-Allow-Methods: GET"|})]
            Task<Order> GetAsync(int id);

            [Headers(
                {|#5:"Access-Control-Expose-Headers: X-Total"|},
                "Accept: application/json")]
            [Post("/orders")]
            Task<Order> CreateAsync([Body] Order order);
        }
        """, """
        using Refit;

        public record Order(int Id);

        [Headers("User-Agent: Orders")]
        public interface IOrdersApi
        {
            /// <summary>All orders.</summary>
            [Get("/orders")]
            Task<List<Order>> ListAsync();

            [Get("/orders/{id}")]
            Task<Order> GetAsync(int id);

            [Headers(
                "Accept: application/json")]
            [Post("/orders")]
            Task<Order> CreateAsync([Body] Order order);
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Credentials"),
        Outgoing(2, "Access-Control-Allow-Headers"),
        Outgoing(3, "Access-Control-Max-Age"),
        Outgoing(4, "Access-Control-Allow-Methods"),
        Outgoing(5, "Access-Control-Expose-Headers"));

    [Fact]
    public Task RemoveHeader_HeaderCollectionEntries_AndNoFixForAHeaderParameter() => VerifyFixAsync("""
        using Refit;

        public interface IOrdersApi
        {
            [Get("/orders")]
            Task<string> ListAsync([HeaderCollection] IDictionary<string, string> headers);

            [Get("/orders/count")]
            Task<int> CountAsync([Header({|#0:"Access-Control-Allow-Origin"|})] string origin);
        }

        public class Caller(IOrdersApi api)
        {
            public async Task<string> RunAsync()
            {
                var first = await api.ListAsync(new Dictionary<string, string> { { {|#1:"Access-Control-Allow-Origin"|}, "*" } });
                var headers = new Dictionary<string, string> { ["Accept"] = "text/plain", [{|#2:"Access-Control-Allow-Credentials"|}] = "true" };
                return first + await api.ListAsync(headers);
            }
        }
        """, """
        using Refit;

        public interface IOrdersApi
        {
            [Get("/orders")]
            Task<string> ListAsync([HeaderCollection] IDictionary<string, string> headers);

            [Get("/orders/count")]
            Task<int> CountAsync([Header([|"Access-Control-Allow-Origin"|])] string origin);
        }

        public class Caller(IOrdersApi api)
        {
            public async Task<string> RunAsync()
            {
                var first = await api.ListAsync(new Dictionary<string, string>());
                var headers = new Dictionary<string, string> { ["Accept"] = "text/plain" };
                return first + await api.ListAsync(headers);
            }
        }
        """,
        Outgoing(0, "Access-Control-Allow-Origin"),
        Outgoing(1, "Access-Control-Allow-Origin"),
        Outgoing(2, "Access-Control-Allow-Credentials"));
}
