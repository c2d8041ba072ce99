using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>The robustness corpus (Robustness/Corpus/*.cs) and, when present, the sample app's sources.</summary>
internal static class RobustnessCorpus
{
    public static string CorpusDirectory => Path.Combine(TestAssemblyMetadata.RepositoryRoot, "tests", "CorsAnalyzers.Tests", "Robustness", "Corpus");

    /// <summary>The corpus files: (file name, text), in name order.</summary>
    public static ImmutableArray<(string Name, string Text)> CorpusFiles { get; } = Directory
        .GetFiles(CorpusDirectory, "*.cs")
        .OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
        .ToImmutableArray();

    /// <summary>The C# sources of samples/ (without bin/obj), keyed by their path under the repository.</summary>
    public static ImmutableArray<(string Name, string Text)> SampleFiles { get; } = LoadSamples();

    public static (string Name, string Text) Corpus(string name) => CorpusFiles.Single(f => f.Name == name);

    /// <summary>Every file the every-prefix test walks: "corpus/X.cs" and "samples/...".</summary>
    public static IEnumerable<(string Key, string Text)> AllInputs() =>
        CorpusFiles.Select(f => ("corpus/" + f.Name, f.Text)).Concat(SampleFiles);

    public static string Text(string key) => AllInputs().Single(i => i.Key == key).Text;

    /// <summary>Sorted, comparable text of diagnostics: id, file, span, message.</summary>
    public static ImmutableArray<string> Describe(IEnumerable<Diagnostic> diagnostics) => diagnostics
        .Select(d => $"{d.Id} {d.Location.SourceTree?.FilePath}{d.Location.SourceSpan} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToImmutableArray();

    private static ImmutableArray<(string Name, string Text)> LoadSamples()
    {
        var samples = Path.Combine(TestAssemblyMetadata.RepositoryRoot, "samples");
        if (!Directory.Exists(samples))
        {
            return ImmutableArray<(string, string)>.Empty;
        }

        var separator = Path.DirectorySeparatorChar;
        return Directory.GetFiles(samples, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(separator + "obj" + separator, StringComparison.Ordinal) && !f.Contains(separator + "bin" + separator, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => ("samples/" + Path.GetRelativePath(samples, f).Replace(separator, '/'), File.ReadAllText(f)))
            .ToImmutableArray();
    }
}
