using System.Reflection;
using System.Text.RegularExpressions;

namespace CorsAnalyzers.Tests.Packaging;

/// <summary>The commands README tells people to run are the ones CI runs.</summary>
public sealed class ReadmeCommandsTests
{
    private static readonly string RepositoryRoot = typeof(ReadmeCommandsTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static string Readme => File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));

    [Fact]
    public void Readme_FirstCommand_BuildsTheSample()
    {
        var first = Regex.Match(Readme, "```bash\\n(?<command>[^\\n]+)\\n").Groups["command"].Value;

        Assert.Equal("dotnet build samples/CorsSamples.sln --no-incremental", first);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot, "samples", "CorsSamples.sln")));
    }

    [Fact]
    public void Readme_TestCommand_IsTheOneCiRuns()
    {
        var development = Readme.Substring(Readme.IndexOf("## Development", StringComparison.Ordinal));
        var command = Regex.Match(development, "```bash\\n(?<command>[^\\n]+)\\n").Groups["command"].Value;
        var ci = File.ReadAllText(Path.Combine(RepositoryRoot, ".ci", "run"));

        Assert.StartsWith("dotnet test CorsAnalyzers.sln", command);
        Assert.Matches(new Regex("^step test +" + Regex.Escape(command) + "$", RegexOptions.Multiline), ci);
    }
}
