namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>What both <c>Verify.Test</c> classes (analyzer and code fix) have of ours, for helpers that serve both.</summary>
public interface ICorsTest
{
    /// <summary>Additional files (AdditionalFiles in MSBuild, such as appsettings.json) at <c>/0/&lt;name&gt;</c>, with markup.</summary>
    List<(string Name, string Text)> AdditionalFiles { get; }
}

/// <summary>Rule tests of origins in configuration: the project's appsettings.json and environment files.</summary>
public static class AppSettingsFiles
{
    /// <summary>Adds appsettings.json and the given appsettings.{Environment}.json files (with markup) to the test.</summary>
    public static TTest WithAppSettings<TTest>(this TTest test, string appSettings, params (string Name, string Text)[] environments)
        where TTest : ICorsTest
    {
        test.AdditionalFiles.Add(("appsettings.json", appSettings));
        test.AdditionalFiles.AddRange(environments);
        return test;
    }
}
