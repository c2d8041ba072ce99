using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// One headless Chromium (Debian's chromium, driven through its chromium-driver by Selenium) for all browser tests, with
/// a fresh profile, started with the flags this machine kind needs (no network beyond loopback). Quit on dispose: no
/// chromium or chromedriver process is left behind.
/// </summary>
public sealed class ChromiumSession : IDisposable
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private readonly string _profile;
    private readonly ChromeDriverService _service;
    private readonly ChromeDriver _driver;

    public ChromiumSession()
    {
        _profile = Directory.CreateTempSubdirectory("cors-chromium-").FullName;
        _service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        _service.SuppressInitialDiagnosticInformation = true;
        _service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-crash-reporter", "--disable-breakpad",
            "--user-data-dir=" + _profile);
        _driver = new ChromeDriver(_service, options, TimeSpan.FromSeconds(60));
        _driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(20);
        _driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(20);
        Version = _driver.Capabilities.GetCapability("browserVersion")?.ToString() ?? "?";
    }

    public string Version { get; }

    /// <summary>Which of the browser or its driver is missing, or null when both are installed.</summary>
    public static string? Missing() =>
        !File.Exists(Browser) ? Browser : !File.Exists(Driver) ? Driver : null;

    /// <summary>Loads <paramref name="url"/> in the tab (a page, or an API endpoint that sets a cookie).</summary>
    public void Open(Uri url) => _driver.Navigate().GoToUrl(url);

    /// <summary>
    /// Runs <c>fetch(url, init)</c> in the current page, as its own script would, and returns "ok STATUS BODY" or
    /// "error MESSAGE" (a CORS failure is a TypeError: the page learns nothing else).
    /// </summary>
    public string Fetch(Uri url, string init = "{}")
    {
        var script = "const done = arguments[arguments.length - 1];" +
                     "fetch(arguments[0], " + init + ")" +
                     ".then(async r => done('ok ' + r.status + ' ' + await r.text()))" +
                     ".catch(e => done('error ' + e.name + ': ' + e.message));";
        return ((IJavaScriptExecutor)_driver).ExecuteAsyncScript(script, url.ToString()) as string ?? "error (no result)";
    }

    public void Dispose()
    {
        try
        {
            _driver.Quit();
        }
        finally
        {
            _driver.Dispose();
            _service.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
