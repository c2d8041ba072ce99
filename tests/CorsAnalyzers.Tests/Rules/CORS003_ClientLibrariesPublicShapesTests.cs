using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.CorsAnalyzer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>
/// Zero false positives on the client-library code people publish: the shapes (not the text) of public snippets,
/// library docs and samples found with the search tool: request builders, header helpers, generated HTTP snippets,
/// integration tests that send a hand-made preflight, Refit interfaces from its docs, Flurl's docs and testing API,
/// Blazor WebAssembly's request options. The whole analyzer runs (every rule) with RestSharp, Flurl.Http and Refit
/// referenced; nothing may be reported.
/// </summary>
public class CORS003_ClientLibrariesPublicShapesTests
{
    private static Task VerifySilentAsync(string source, ReferenceAssemblies references) =>
        new Verify.Test { TestCode = source, ReferenceAssemblies = references }.RunAsync();

    [Fact]
    public Task RestSharpShapes_NoDiagnostic() => VerifySilentAsync("""
        using System.Net.Http.Headers;
        using RestSharp;
        using RestSharp.Authenticators;

        namespace Shapes.RestSharpUsage
        {
            // A generated HTTP snippet: RestClientOptions, a request, several AddHeader, a cookie, a JSON body.
            public static class GeneratedSnippet
            {
                public static async Task<string?> RunAsync()
                {
                    var options = new RestClientOptions("https://httpbin.example/headers") { ThrowOnAnyError = false };
                    var client = new RestClient(options);
                    var request = new RestRequest("");
                    request.AddHeader("accept", "application/json");
                    request.AddHeader("x-foo", "Bar");
                    request.AddHeader("quoted-value", "\"quoted\" 'string'");
                    request.AddHeader("cache-control", "no-cache");
                    request.AddHeader("content-type", "application/x-www-form-urlencoded");
                    request.AddCookie("foo", "bar", "/har", "mockbin.example");
                    request.AddJsonBody("foo=bar", false);
                    var response = await client.PostAsync(request);
                    return response.Content;
                }
            }

            // An integration test that sends the request side of a preflight, with its own constants class.
            public static class AccessControlHeaders
            {
                public const string RequestMethod = "Access-Control-Request-Method";
                public const string RequestHeaders = "Access-Control-Request-Headers";
                public const string AllowOrigin = "Access-Control-Allow-Origin";
            }

            public class CorsFixture
            {
                private RestRequest BuildGet(string route = "series")
                {
                    var request = new RestRequest(route, Method.Get);
                    request.AddHeader(AccessControlHeaders.RequestMethod, "POST");
                    return request;
                }

                private RestRequest BuildOptions(string route = "series")
                {
                    var request = new RestRequest(route, Method.Options);
                    request.AddHeader(AccessControlHeaders.RequestHeaders, "X-Test");
                    return request;
                }

                public async Task<bool> Should_have_allow_origin(RestClient client)
                {
                    var response = await client.ExecuteAsync(BuildOptions());
                    var get = await client.ExecuteAsync(BuildGet());
                    return response.GetHeaderValue(AccessControlHeaders.AllowOrigin) is not null && get.IsSuccessful;
                }
            }

            // A user's own extension class with the library's class name.
            public static class RestRequestExtensions
            {
                public static void AddRangeHeader(this RestRequest request, RangeHeaderValue headerValue) =>
                    request.AddHeader("Range", headerValue.ToString());
            }

            // A helper that forwards caller-supplied headers.
            public static class HttpRequestClient
            {
                public static Task<RestResponse> ExecuteRestGet(RestClient client, string path, Dictionary<string, string>? headers = null) =>
                    Execute(client, path, Method.Get, headers);

                private static Task<RestResponse> Execute(RestClient client, string path, Method method, Dictionary<string, string>? headers, Parameter? parameter = null)
                {
                    var request = new RestRequest(path, method);
                    if (headers is not null)
                    {
                        foreach (var header in headers)
                        {
                            request.AddHeader(header.Key, header.Value);
                        }
                    }

                    if (parameter is not null)
                    {
                        request.AddParameter(parameter);
                    }

                    request.AddParameter("application/json", "{}", ParameterType.RequestBody);
                    return client.ExecuteAsync(request);
                }
            }

            // A typed API client with an authenticator and default headers.
            public sealed class GitHubClient : IDisposable
            {
                private readonly RestClient _client;

                public GitHubClient(string token)
                {
                    var options = new RestClientOptions("https://api.github.example") { Authenticator = new JwtAuthenticator(token) };
                    _client = new RestClient(options, configureDefaultHeaders: headers => headers.UserAgent.ParseAdd("shapes/1.0"));
                    _client.AddDefaultHeader("X-GitHub-Api-Version", "2022-11-28");
                    _client.AddDefaultQueryParameter("per_page", "100");
                }

                public Task<RestResponse> GetRepoAsync(string owner, string repo) =>
                    _client.ExecuteAsync(new RestRequest("repos/{owner}/{repo}").AddUrlSegment("owner", owner).AddUrlSegment("repo", repo));

                public void Dispose() => _client.Dispose();
            }
        }
        """, ClientLibraryReferences.AllClients);

    [Fact]
    public Task FlurlShapes_NoDiagnostic() => VerifySilentAsync("""
        using Flurl;
        using Flurl.Http;
        using Flurl.Http.Configuration;
        using Flurl.Http.Testing;

        namespace Shapes.FlurlUsage
        {
            public record Poco(int Id);

            public class Docs
            {
                public async Task RunAsync(string baseUrl, string token, object content)
                {
                    var response = await baseUrl.AppendPathSegment("endpoint").GetAsync();
                    var poco = await "http://api.foo.example".GetJsonAsync<Poco>();
                    var text = await "http://site.example/readme.txt".GetStringAsync();
                    var path = await "http://files.foo.example/image.jpg".DownloadFileAsync("/tmp/downloads", "image.jpg");
                    await "http://api.foo.example".PostJsonAsync(new { a = 1, b = 2 });
                    await "http://api.foo.example/1".PatchJsonAsync(new { c = 3 });
                    var created = await "http://api.foo.example"
                        .WithHeaders(new { Accept = "text/plain", User_Agent = "Flurl" })
                        .WithOAuthBearerToken(token)
                        .WithBasicAuth("user", "pass")
                        .WithCookie("session", "abc")
                        .WithTimeout(30)
                        .PostAsync(content as HttpContent)
                        .ReceiveJson<Poco>();
                    var options = await "http://api.foo.example".OptionsAsync();
                    Console.WriteLine($"{response.StatusCode} {poco} {text} {path} {created} {options.Headers.FirstOrDefault("Access-Control-Allow-Origin")}");
                }
            }

            public class ClientUsage
            {
                private readonly IFlurlClient _client = new FlurlClientBuilder("https://api.example.com")
                    .WithHeader("User-Agent", "shapes")
                    .WithSettings(settings => settings.Timeout = TimeSpan.FromSeconds(10))
                    .Build();

                public Task<Poco> GetAsync(int id) => _client.Request("items", id).GetJsonAsync<Poco>();
            }

            public class Tests
            {
                public async Task Calls_the_api_with_headers()
                {
                    using var httpTest = new HttpTest();
                    httpTest.RespondWithJson(new Poco(1), 200, headers: new { Access_Control_Allow_Origin = "*" });
                    await "https://api.example.com".WithHeader("X-Api-Key", "k").GetJsonAsync<Poco>();
                    httpTest.ShouldHaveCalled("https://api.example.com")
                        .WithHeader("X-Api-Key", "k")
                        .WithoutHeader("Access-Control-Allow-Origin")
                        .Times(1);
                }
            }
        }
        """, ClientLibraryReferences.AllClients);

    [Fact]
    public Task RefitShapes_NoDiagnostic() => VerifySilentAsync("""
        using Refit;

        namespace Shapes.RefitUsage
        {
            public record User(string Login);

            [Headers("User-Agent: Awesome Octocat App")]
            public interface IGitHubApi
            {
                [Get("/users/{user}")]
                Task<User> GetUser(string user);

                [Get("/users/list")]
                [Headers("X-Emoji: :rocket:")]
                Task<List<User>> GetUsers();

                [Post("/users/new")]
                [Headers("X-Emoji: :metal:")]
                Task CreateUser([Body] User user, [Header("X-Emoji")] string emoji);
            }

            [Headers("Accept: application/json", "X-App: Delivery", "X-Remove: old")]
            public interface IHeaderApi
            {
                [Get("/headers")]
                [Headers("X-Remove", "Access-Control-Allow-Origin")]
                Task<HttpResponseMessage> BuildAsync(
                    [Header("X-App")] string app,
                    [HeaderCollection] IDictionary<string, string> headers,
                    [Authorize] string token,
                    [Property("tenant")] string tenant);

                [Get("/header-person")]
                [Headers("Authorization: Bearer")]
                Task<User> ReadAsync(CancellationToken cancellationToken);

                [Options("/orders")]
                [Headers("Origin: https://app.example.com", "Access-Control-Request-Method: PUT")]
                Task<HttpResponseMessage> PreflightAsync();
            }

            public class Caller
            {
                public async Task RunAsync()
                {
                    var api = RestService.For<IHeaderApi>("https://api.example.com");
                    var headers = new Dictionary<string, string> { ["X-Tenant"] = "contoso", ["Accept-Language"] = "fr" };
                    using var response = await api.BuildAsync("shapes", headers, "token", "contoso");
                    using var preflight = await api.PreflightAsync();
                    Console.WriteLine(preflight.Headers.Contains("Access-Control-Allow-Origin"));
                }
            }
        }
        """, ClientLibraryReferences.AllClients);

    [Fact]
    public Task BlazorWebAssemblyRequestOptions_NoDiagnostic() => VerifySilentAsync("""
        using System.Net.Http.Json;
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        namespace Shapes.BlazorClient
        {
            public record WeatherForecast(DateOnly Date, int TemperatureC);

            public class WeatherClient(HttpClient http)
            {
                public async Task<WeatherForecast[]?> GetAsync()
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather");
                    request.SetBrowserRequestCredentials(BrowserRequestCredentials.Include);
                    request.SetBrowserRequestMode(BrowserRequestMode.Cors);
                    request.SetBrowserRequestCache(BrowserRequestCache.NoStore);
                    request.SetBrowserResponseStreamingEnabled(true);
                    request.Headers.Add("X-Requested-With", "XMLHttpRequest");
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<WeatherForecast[]>();
                }
            }

            public sealed class IncludeCredentialsHandler : DelegatingHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    request.SetBrowserRequestCredentials(BrowserRequestCredentials.Include);
                    return base.SendAsync(request, cancellationToken);
                }
            }
        }
        """, ClientLibraryReferences.BlazorWebAssembly);

    [Fact]
    public Task HttpClientFactoryShapes_NoDiagnostic() => VerifySilentAsync("""
        using System.Net.Http.Headers;
        using Microsoft.Net.Http.Headers;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddTransient<CorrelationIdHandler>();
        builder.Services.AddHttpClient("github", client =>
        {
            client.BaseAddress = new Uri("https://api.github.example/");
            client.DefaultRequestHeaders.Add(HeaderNames.Accept, "application/vnd.github.v3+json");
            client.DefaultRequestHeaders.Add(HeaderNames.UserAgent, "HttpClientFactory-Sample");
        });
        builder.Services.AddHttpClient<CatalogClient>(client => client.BaseAddress = new Uri("https://catalog.example"))
            .AddHttpMessageHandler<CorrelationIdHandler>()
            .ConfigureHttpClient(client => client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));
        var app = builder.Build();
        app.MapGet("/catalog", (CatalogClient catalog) => catalog.GetAsync());
        app.Run();

        public class CatalogClient(HttpClient http)
        {
            public async Task<string> GetAsync()
            {
                using var response = await http.GetAsync("items");
                var exposed = response.Headers.TryGetValues("Access-Control-Expose-Headers", out var values) ? string.Join(",", values) : "";
                return exposed + await response.Content.ReadAsStringAsync();
            }
        }

        public sealed class CorrelationIdHandler(IHttpContextAccessor accessor) : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var id = accessor.HttpContext?.TraceIdentifier ?? Guid.NewGuid().ToString();
                request.Headers.TryAddWithoutValidation("X-Correlation-Id", id);
                if (accessor.HttpContext?.Request.Headers.Origin is { Count: > 0 } origin)
                {
                    request.Headers.TryAddWithoutValidation("Origin", origin.ToString());
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
        """, ClientLibraryReferences.AllClients);
}
