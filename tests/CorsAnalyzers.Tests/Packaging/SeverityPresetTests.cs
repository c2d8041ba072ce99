using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Packaging;

/// <summary>
/// The CorsAnalysisMode presets shipped in the package (src/CorsAnalyzers.Package/build/config/*.globalconfig)
/// must list every rule with the severity the mode promises. Regenerate them with eng/generate-severity-presets.sh.
/// </summary>
public sealed class SeverityPresetTests
{
    private static readonly string RepositoryRoot = typeof(SeverityPresetTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private static readonly string PresetDirectory =
        Path.Combine(RepositoryRoot, "src", "CorsAnalyzers.Package", "build", "config");

    public static TheoryData<string> Modes => new() { "default", "none", "all-warnings", "all-errors" };

    private static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    [Theory]
    [MemberData(nameof(Modes))]
    public void Preset_ListsEveryDescriptorOnce(string mode)
    {
        var entries = ReadPreset(mode);

        var listed = entries.Select(e => e.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        var expected = Descriptors.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Preset_ListsEveryReleaseTrackedRule(string mode)
    {
        var tracked = ReadReleaseTrackedIds();
        Assert.NotEmpty(tracked);

        var listed = ReadPreset(mode).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(tracked, id => Assert.Contains(id, listed));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Preset_IsGlobalAtLowestPriority(string mode)
    {
        var lines = File.ReadAllLines(PresetFile(mode)).Select(l => l.Trim()).ToList();

        Assert.Contains("is_global = true", lines);
        // Below the user's own configuration: an .editorconfig or .globalconfig setting always wins.
        Assert.Contains("global_level = -1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith('['));
    }

    [Fact]
    public void DefaultPreset_MatchesDescriptorDefaults()
    {
        var entries = ReadPreset("default").ToDictionary(e => e.Id, e => e.Severity);

        Assert.All(Descriptors, d => Assert.Equal(DefaultSeverityValue(d), entries[d.Id]));
    }

    [Theory]
    [InlineData("none", "none")]
    [InlineData("all-warnings", "warning")]
    [InlineData("all-errors", "error")]
    public void UniformPreset_SetsEveryRuleTo(string mode, string severity)
    {
        Assert.All(ReadPreset(mode), e => Assert.Equal(severity, e.Severity));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void PackageProps_AddsThePresetForEachMode(string mode)
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "CorsAnalyzers.Package", "build", "CorsAnalyzers.props"));

        Assert.Contains($"build/config/{mode}.globalconfig\" Condition=\"'$(CorsAnalysisMode)' == '{mode}'\"", props);
    }

    private static string DefaultSeverityValue(DiagnosticDescriptor descriptor)
    {
        if (!descriptor.IsEnabledByDefault)
        {
            return "none";
        }

        return descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "suggestion",
            _ => "silent",
        };
    }

    private static string PresetFile(string mode) => Path.Combine(PresetDirectory, mode + ".globalconfig");

    private static List<(string Id, string Severity)> ReadPreset(string mode)
    {
        var path = PresetFile(mode);
        Assert.True(File.Exists(path), $"{path} is missing: run eng/generate-severity-presets.sh");

        var entries = new List<(string Id, string Severity)>();
        foreach (var line in File.ReadAllLines(path))
        {
            var match = Regex.Match(line, @"^\s*dotnet_diagnostic\.(?<id>[A-Z]+[0-9]+)\.severity\s*=\s*(?<severity>\w+)\s*$");
            if (match.Success)
            {
                entries.Add((match.Groups["id"].Value, match.Groups["severity"].Value));
            }
        }

        return entries;
    }

    private static List<string> ReadReleaseTrackedIds()
    {
        var ids = new List<string>();
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(RepositoryRoot, "src", "CorsAnalyzers", file)))
            {
                var match = Regex.Match(line, @"^\s*(?<id>CORS[0-9]+)\s*\|");
                if (match.Success)
                {
                    ids.Add(match.Groups["id"].Value);
                }
            }
        }

        return ids;
    }
}
