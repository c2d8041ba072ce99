namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// A test that needs Debian's chromium and chromium-driver (.ci/run installs them). Without them it is skipped, and the
/// skip reason says so in the test results: never silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (ChromiumSession.Missing() is { } missing)
        {
            Skip = missing + " is not installed: `apt-get install chromium chromium-driver` (.ci/run does) to run the browser tests.";
        }
    }
}
