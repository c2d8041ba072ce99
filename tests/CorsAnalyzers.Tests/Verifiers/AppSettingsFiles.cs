namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Rule tests of origins in configuration: the project's appsettings.json and environment files.</summary>
public static class AppSettingsFiles
{
    /// <summary>Adds appsettings.json and the given appsettings.{Environment}.json files (with markup) to the test.</summary>
    public static TTest WithAppSettings<TTest>(this TTest test, string appSettings, params (string Name, string Text)[] environments)
        where TTest : AnalyzerTestBase
    {
        test.AdditionalFiles.Add(("appsettings.json", appSettings));
        test.AdditionalFiles.AddRange(environments);
        return test;
    }
}
