using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.NoCorsRequestModeRule>,
    CorsAnalyzers.CodeFixes.Rules.NoCorsRequestModeFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>
/// CORS012 against the real Microsoft.AspNetCore.Components.WebAssembly package (net10.0 only: ASP.NET Core 10 references),
/// in the shapes a Blazor WebAssembly client has: a DelegatingHandler, a request built in a component or a service.
/// </summary>
public class CORS012_NoCorsRequestModeTests
{
    private const string UseCorsMode = NoCorsRequestModeFixer.UseCorsModeKey;
    private const string RemoveCall = NoCorsRequestModeFixer.RemoveCallKey;
    private const string ModeCall = "SetBrowserRequestMode(BrowserRequestMode.NoCors)";
    private const string OptionCall = "SetBrowserRequestOption(\"mode\", \"no-cors\")";

    // The span and the message; the additional location (the whole call, where the value is the whole argument: what
    // RemoveCall removes) is asserted by AdditionalLocation_IsTheWholeCall_OnlyWhenTheValueIsTheWholeArgument.
    private static DiagnosticResult NoCors(int markupKey, string call = ModeCall) =>
        Verify.Diagnostic("CORS012").WithLocation(markupKey).WithArguments(call).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, ReferenceAssemblies = ClientLibraryReferences.BlazorWebAssembly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static Task VerifyFixAsync(string source, string fixedSource, string key, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = key,
            ReferenceAssemblies = ClientLibraryReferences.BlazorWebAssembly,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task DelegatingHandler_ShouldReport() => VerifyAsync("""
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        public sealed class NoCorsHandler : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.SetBrowserRequestMode({|#0:BrowserRequestMode.NoCors|});
                request.SetBrowserRequestCredentials(BrowserRequestCredentials.Include);
                return base.SendAsync(request, cancellationToken);
            }
        }
        """,
        NoCors(0));

    [Fact]
    public Task AdditionalLocation_IsTheWholeCall_OnlyWhenTheValueIsTheWholeArgument() => VerifyAsync("""
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        public static class Requests
        {
            public static void Configure(HttpRequestMessage request, bool development)
            {
                {|#1:request.SetBrowserRequestMode({|#0:BrowserRequestMode.NoCors|})|};
                request.SetBrowserRequestMode(development ? BrowserRequestMode.Cors : {|#2:BrowserRequestMode.NoCors|});
            }
        }
        """,
        Verify.Diagnostic("CORS012").WithLocation(0).WithLocation(1).WithArguments(ModeCall),
        Verify.Diagnostic("CORS012").WithLocation(2).WithArguments(ModeCall));

    [Fact]
    public Task EveryShapeOfTheValue_ShouldReport() => VerifyAsync("""
        using Microsoft.AspNetCore.Components.WebAssembly.Http;
        using static Microsoft.AspNetCore.Components.WebAssembly.Http.BrowserRequestMode;

        public class WeatherService(HttpClient http, bool development)
        {
            private const BrowserRequestMode Mode = BrowserRequestMode.NoCors;

            public async Task<string> GetAsync()
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather")
                    .SetBrowserRequestMode({|#0:Microsoft.AspNetCore.Components.WebAssembly.Http.BrowserRequestMode.NoCors|})
                    .SetBrowserRequestCache(BrowserRequestCache.NoStore);
                WebAssemblyHttpRequestMessageExtensions.SetBrowserRequestMode(request, {|#1:Mode|});
                request.SetBrowserRequestMode(requestMode: {|#2:NoCors|});
                request.SetBrowserRequestMode(development ? {|#3:BrowserRequestMode.NoCors|} : BrowserRequestMode.Cors);
                request.SetBrowserRequestMode({|#4:(BrowserRequestMode)1|});
                request.SetBrowserRequestOption("mode", {|#5:"no-cors"|});
                using var response = await http.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """,
        NoCors(0),
        NoCors(1),
        NoCors(2),
        NoCors(3),
        NoCors(4),
        NoCors(5, OptionCall));

    [Fact]
    public Task OtherModesOptionsAndLookAlikes_NoDiagnostic() => VerifyAsync("""
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        namespace MyApp
        {
            public enum FetchMode { Cors, NoCors }

            public static class MyRequestExtensions
            {
                public static HttpRequestMessage SetBrowserRequestMode(this HttpRequestMessage request, FetchMode mode) => request;

                public static HttpRequestMessage SetBrowserRequestOption(this HttpRequestMessage request, string name, string value, int priority) => request;
            }

            public class Client(HttpClient http)
            {
                public Task<HttpResponseMessage> SendAsync(BrowserRequestMode mode, string option)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com");
                    request.SetBrowserRequestMode(BrowserRequestMode.Cors);
                    request.SetBrowserRequestMode(BrowserRequestMode.SameOrigin);
                    request.SetBrowserRequestMode(mode);
                    request.SetBrowserRequestMode(FetchMode.NoCors);
                    request.SetBrowserRequestOption("mode", "cors");
                    request.SetBrowserRequestOption("mode", option);
                    request.SetBrowserRequestOption("cache", "no-cors");
                    request.SetBrowserRequestOption("mode", "no-cors", 1);
                    request.SetBrowserRequestCredentials(BrowserRequestCredentials.Include);
                    request.SetBrowserResponseStreamingEnabled(true);
                    return http.SendAsync(request);
                }
            }
        }
        """);

    [Fact]
    public async Task WithoutBlazorWebAssembly_NoDiagnostic()
    {
        // The same source without the package does not compile, so a plain project with a look-alike stands for it.
        await new Verify.Test
        {
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
            TestCode = """
                public enum BrowserRequestMode { Cors, NoCors }

                public static class WebAssemblyHttpRequestMessageExtensions
                {
                    public static HttpRequestMessage SetBrowserRequestMode(this HttpRequestMessage request, BrowserRequestMode mode) => request;
                }

                public class Client
                {
                    public HttpRequestMessage Build() => new HttpRequestMessage().SetBrowserRequestMode(BrowserRequestMode.NoCors);
                }
                """,
        }.RunAsync();
    }

    // ---------- fixes ----------

    [Fact]
    public Task UseCorsMode_EveryShape() => VerifyFixAsync("""
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        public class WeatherService(bool development)
        {
            private const BrowserRequestMode Mode = BrowserRequestMode.NoCors;

            public HttpRequestMessage Build()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather")
                    .SetBrowserRequestMode({|#0:BrowserRequestMode.NoCors|});
                request.SetBrowserRequestMode(development ? {|#1:BrowserRequestMode.NoCors|} : BrowserRequestMode.SameOrigin);
                request.SetBrowserRequestMode({|#2:Mode|});
                request.SetBrowserRequestOption("mode", {|#3:"no-cors"|});
                return request;
            }
        }
        """, """
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        public class WeatherService(bool development)
        {
            private const BrowserRequestMode Mode = BrowserRequestMode.NoCors;

            public HttpRequestMessage Build()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather")
                    .SetBrowserRequestMode(BrowserRequestMode.Cors);
                request.SetBrowserRequestMode(development ? BrowserRequestMode.Cors : BrowserRequestMode.SameOrigin);
                request.SetBrowserRequestMode(BrowserRequestMode.Cors);
                request.SetBrowserRequestOption("mode", "cors");
                return request;
            }
        }
        """,
        UseCorsMode,
        NoCors(0),
        NoCors(1),
        NoCors(2),
        NoCors(3, OptionCall));

    [Fact]
    public Task UseCorsMode_IsTheFirstAction() => new Verify.Test
    {
        ReferenceAssemblies = ClientLibraryReferences.BlazorWebAssembly,
        TestCode = """
            using Microsoft.AspNetCore.Components.WebAssembly.Http;

            public sealed class NoCorsHandler : DelegatingHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    request.SetBrowserRequestMode([|BrowserRequestMode.NoCors|]);
                    return base.SendAsync(request, cancellationToken);
                }
            }
            """,
        FixedCode = """
            using Microsoft.AspNetCore.Components.WebAssembly.Http;

            public sealed class NoCorsHandler : DelegatingHandler
            {
                protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
                {
                    request.SetBrowserRequestMode(BrowserRequestMode.Cors);
                    return base.SendAsync(request, cancellationToken);
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task RemoveCall_StatementAndChainLink() => VerifyFixAsync("""
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        public class WeatherService(bool development)
        {
            public HttpRequestMessage Build()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather")
                    .SetBrowserRequestMode({|#0:BrowserRequestMode.NoCors|})
                    .SetBrowserRequestCache(BrowserRequestCache.NoStore);
                // the API has no CORS policy
                request.SetBrowserRequestMode({|#1:BrowserRequestMode.NoCors|});
                request.SetBrowserRequestMode(development ? {|#2:BrowserRequestMode.NoCors|} : BrowserRequestMode.Cors);
                return request;
            }
        }
        """, """
        using Microsoft.AspNetCore.Components.WebAssembly.Http;

        public class WeatherService(bool development)
        {
            public HttpRequestMessage Build()
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.com/weather")
                    .SetBrowserRequestCache(BrowserRequestCache.NoStore);
                // the API has no CORS policy
                request.SetBrowserRequestMode(development ? [|BrowserRequestMode.NoCors|] : BrowserRequestMode.Cors);
                return request;
            }
        }
        """,
        RemoveCall,
        NoCors(0),
        NoCors(1),
        NoCors(2));
}
