using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// The browser and the two web sites its pages come from, shared by the browser tests: a trusted site and an attacker's
/// site, each a plain HTML page served by Kestrel on its own port of 127.0.0.1 (origins differ by port; cookies are per
/// host, so the API's cookie is sent from both: only CORS decides what a page can read).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private WebApplication? _pages;

    public ChromiumSession? Chromium { get; private set; }

    /// <summary>The trusted site's page (http://127.0.0.1:port/).</summary>
    public Uri Trusted { get; private set; } = null!;

    /// <summary>The attacker's page (http://127.0.0.1:other-port/).</summary>
    public Uri Attacker { get; private set; } = null!;

    /// <summary>An origin as the browser sends it: http://127.0.0.1:port.</summary>
    public static string OriginOf(Uri site) => site.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        if (ChromiumSession.Missing() is not null)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
        _pages = builder.Build();
        _pages.MapGet("/", (HttpContext context) => Results.Content(
            "<!doctype html><html><head><title>" + context.Request.Host + "</title></head><body>a page</body></html>", "text/html"));
        await _pages.StartAsync();
        var addresses = _pages.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/")).OrderBy(a => a.Port).ToList();
        (Trusted, Attacker) = (addresses[0], addresses[1]);
        Chromium = new ChromiumSession();
    }

    public async Task DisposeAsync()
    {
        Chromium?.Dispose();
        if (_pages is not null)
        {
            await _pages.StopAsync();
            await _pages.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
