using CorsAnalyzers.RuntimeTests.Hosting;
using Xunit.Abstractions;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// Issue 24, part 2: the rules' claims, proved in headless Chromium. Each API is a rule's sample code from its docs page
/// (and, after a fix, our code fix's real output) hosted on Kestrel; the pages that call it are a trusted site and an
/// attacker's site on other ports of 127.0.0.1; what a page's fetch() can read is what the browser decided.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BrowserScenarioTests
{
    private const string Credentials = "{ credentials: 'include' }";

    private readonly BrowserFixture _sites;
    private readonly ITestOutputHelper _output;

    public BrowserScenarioTests(BrowserFixture sites, ITestOutputHelper output)
    {
        _sites = sites;
        _output = output;
    }

    private ChromiumSession Chromium => _sites.Chromium!;

    private string TrustedOrigin => BrowserFixture.OriginOf(_sites.Trusted);

    [BrowserFact]
    public async Task Browser_Cors003_FetchWithAccessControlAllowOriginRequestHeader_SendsAPreflightThatFailsUnlessTheServerAllowsTheHeader()
    {
        // docs/rules/CORS003.md, compliant code: the server allows the page's origin with the CORS middleware.
        var sample = ScenarioApi.DocsSample("CORS003", "## Compliant code").Replace("https://app.example", TrustedOrigin, StringComparison.Ordinal);
        var (services, pipeline) = ScenarioApi.Place(sample);
        await using (var api = await ScenarioApi.StartAsync(ScenarioApi.Program(services, pipeline)))
        {
            Chromium.Open(_sites.Trusted);
            var withHeader = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"), "{ headers: { 'Access-Control-Allow-Origin': '*' } }");
            var seen = await ScenarioApi.SeenAsync(api);
            var plain = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"));
            Log(withHeader, plain, seen);

            // The header on the request is not CORS-safelisted: the browser asks first, the server does not allow it, the GET never goes.
            Assert.StartsWith("error TypeError", withHeader);
            Assert.Contains($"OPTIONS /api/data origin={TrustedOrigin} request-headers=access-control-allow-origin", seen);
            Assert.DoesNotContain("GET /api/data", seen);
            Assert.Equal("ok 200 public data", plain);
        }

        // Unless the server allows that request header: then the preflight passes and the request goes.
        var allowing = ScenarioApi.Program(services.Replace(")));", ").WithHeaders(\"Access-Control-Allow-Origin\")));", StringComparison.Ordinal), pipeline);
        await using (var api = await ScenarioApi.StartAsync(allowing))
        {
            Chromium.Open(_sites.Trusted);
            var withHeader = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"), "{ headers: { 'Access-Control-Allow-Origin': '*' } }");
            var seen = await ScenarioApi.SeenAsync(api);
            Log(withHeader, seen);
            Assert.Equal("ok 200 public data", withHeader);
            Assert.Contains("OPTIONS /api/data", seen);
            Assert.Contains($"GET /api/data origin={TrustedOrigin}", seen);
        }
    }

    [BrowserFact]
    public async Task Browser_Cors001_AnyOriginWithCredentialsFailsAtStart_AfterOurFixOnlyTheTrustedPageReadsTheCookieResponse()
    {
        var (services, _) = ScenarioApi.Place(ScenarioApi.DocsSample("CORS001"));
        var source = ScenarioApi.Program(services, "app.UseCors(\"Frontend\");");
        await using (var api = await ScenarioApi.TryStartAsync(source))
        {
            // The CORS middleware's CorsService reads CorsOptions when the pipeline is built: the API never starts, no page gets an answer.
            Log(api.Outcome + " " + api.Exception?.Message);
            Assert.Equal(StartOutcome.Threw, api.Outcome);
            var error = Assert.IsType<InvalidOperationException>(api.Exception);
            Assert.Contains("does not allow specifying a wildcard (any) origin and credentials at the same time", error.Message);
        }

        var fixedSource = await ScenarioApi.FixAsync("CORS001", source, TrustedOrigin);
        Assert.Contains($"WithOrigins(\"{TrustedOrigin}\")", fixedSource);
        await using (var api = await ScenarioApi.StartAsync(fixedSource))
        {
            var (trusted, attacker) = FetchCookieResponse(api);
            var seen = await ScenarioApi.SeenAsync(api);
            Log(trusted, attacker, seen);
            Assert.Equal("ok 200 user=alice", trusted);
            Assert.StartsWith("error TypeError", attacker);

            // The attacker's request did reach the API with the user's cookie: only CORS kept the answer from its page.
            Assert.Contains($"GET /api/me origin={BrowserFixture.OriginOf(_sites.Attacker)} request-headers= cookie=yes", seen);
        }
    }

    [BrowserFact]
    public async Task Browser_Cors002_AlwaysTruePredicateWithCredentialsLetsTheAttackerPageReadTheCookieResponse_AfterOurFixItCannot()
    {
        var (services, _) = ScenarioApi.Place(ScenarioApi.DocsSample("CORS002"));
        var source = ScenarioApi.Program(services, "app.UseCors(\"Frontend\");");
        await using (var api = await ScenarioApi.StartAsync(source))
        {
            var (trusted, attacker) = FetchCookieResponse(api);
            Log(trusted, attacker);
            Assert.Equal("ok 200 user=alice", attacker);
            Assert.Equal("ok 200 user=alice", trusted);
        }

        var fixedSource = await ScenarioApi.FixAsync("CORS002", source, TrustedOrigin);
        Assert.DoesNotContain("SetIsOriginAllowed", fixedSource);
        await using (var api = await ScenarioApi.StartAsync(fixedSource))
        {
            var (trusted, attacker) = FetchCookieResponse(api);
            Log(trusted, attacker);
            Assert.Equal("ok 200 user=alice", trusted);
            Assert.StartsWith("error TypeError", attacker);
        }
    }

    [BrowserFact]
    public async Task Browser_Cors004_TrailingSlashOriginBlocksTheTrustedPage_AfterOurFixItWorks()
    {
        // The sample's trusted origin, https://app.contoso.com, is the trusted page's here: "https://app.contoso.com/" becomes "http://127.0.0.1:port/".
        var sample = ScenarioApi.DocsSample("CORS004").Replace("https://app.contoso.com", TrustedOrigin, StringComparison.Ordinal);
        Assert.Contains($"\"{TrustedOrigin}/\"", sample);
        var (services, _) = ScenarioApi.Place(sample);
        var source = ScenarioApi.Program(services, "app.UseCors(\"Frontend\");");
        await using (var api = await ScenarioApi.StartAsync(source))
        {
            Chromium.Open(_sites.Trusted);
            var trusted = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"));
            Log(trusted);
            Assert.StartsWith("error TypeError", trusted);
        }

        var fixedSource = await ScenarioApi.FixAsync("CORS004", source, TrustedOrigin);
        Assert.DoesNotContain($"\"{TrustedOrigin}/\"", fixedSource);
        await using (var api = await ScenarioApi.StartAsync(fixedSource))
        {
            Chromium.Open(_sites.Trusted);
            var trusted = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"));
            Chromium.Open(_sites.Attacker);
            var attacker = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"));
            Log(trusted, attacker);
            Assert.Equal("ok 200 public data", trusted);
            Assert.StartsWith("error TypeError", attacker);
        }
    }

    [BrowserFact]
    public async Task Browser_Cors006_HandWrittenWildcardOriginWithCredentialsIsRejectedForACredentialedFetch()
    {
        // docs/rules/CORS006.md, non-compliant code: the first middleware (Access-Control-Allow-Origin: * and credentials).
        var middleware = ScenarioApi.FirstStatement(ScenarioApi.DocsSample("CORS006"));
        Assert.Contains("\"*\"", middleware);
        await using var api = await ScenarioApi.StartAsync(ScenarioApi.Program(string.Empty, middleware));
        Chromium.Open(new Uri(api.BaseAddress!, "login"));
        Chromium.Open(_sites.Trusted);
        var credentialed = Chromium.Fetch(new Uri(api.BaseAddress!, "api/me"), Credentials);
        var anonymous = Chromium.Fetch(new Uri(api.BaseAddress!, "api/data"));
        Log(credentialed, anonymous);

        // A browser never accepts "*" with credentials; without credentials the same headers work.
        Assert.StartsWith("error TypeError", credentialed);
        Assert.Equal("ok 200 public data", anonymous);
    }

    /// <summary>Signs in on the API (its cookie), then fetches the cookie-authenticated endpoint from the trusted page and from the attacker's.</summary>
    private (string Trusted, string Attacker) FetchCookieResponse(ProgramHost api)
    {
        Chromium.Open(new Uri(api.BaseAddress!, "login"));
        Chromium.Open(_sites.Trusted);
        var trusted = Chromium.Fetch(new Uri(api.BaseAddress!, "api/me"), Credentials);
        Chromium.Open(_sites.Attacker);
        var attacker = Chromium.Fetch(new Uri(api.BaseAddress!, "api/me"), Credentials);
        return (trusted, attacker);
    }

    private void Log(params string[] lines)
    {
        _output.WriteLine($"Chromium {Chromium.Version}, trusted page {_sites.Trusted}, attacker page {_sites.Attacker}");
        foreach (var line in lines)
        {
            _output.WriteLine(line);
        }
    }
}
