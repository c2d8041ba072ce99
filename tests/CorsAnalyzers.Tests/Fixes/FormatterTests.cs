using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Fixes;

/// <summary>
/// <c>dotnet format analyzers</c> over every fixable rule, in process (<see cref="FormatterSimulation"/>), on the
/// multi-rule consumer project (tests/consumer/multi: several files, several rules and shapes of each, sites with and
/// without a safe rewrite): one run gives exactly its <c>fixed/</c> folder, whatever the order of the rules and whichever
/// diagnostic the formatter meets first, and a second run changes nothing. The consumer test runs the real formatter on
/// the same files.
/// </summary>
public class FormatterTests
{
    private static readonly ImmutableArray<string> FixableIds = ImmutableArray.Create(
        "CORS001", "CORS002", "CORS003", "CORS004", "CORS005", "CORS007", "CORS008", "CORS010", "CORS013");

    private static readonly string Multi = Path.Combine(TestAssemblyMetadata.RepositoryRoot, "tests", "consumer", "multi");

    /// <summary>The .cs files under a folder, by path relative to it ('/' separated).</summary>
    private static ImmutableArray<(string Name, string Text)> Files(string folder) => Directory
        .GetFiles(Path.Combine(Multi, folder), "*.cs", SearchOption.AllDirectories)
        .Select(f => (Path.GetRelativePath(Path.Combine(Multi, folder), f).Replace('\\', '/'), File.ReadAllText(f)))
        .OrderBy(f => f.Item1, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>The [*.cs] section of the project's .editorconfig.</summary>
    private static string EditorConfig() => string.Join("\n", File.ReadAllLines(Path.Combine(Multi, "src", ".editorconfig"))
        .Where(l => !l.StartsWith('[')));

    [Fact]
    public async Task OneRun_FixesEveryFixableSite_SameTextInEveryOrder_SecondRunChangesNothing()
    {
        var sources = Files("src");
        var expected = Files("fixed");
        Assert.Equal(sources.Select(s => s.Name), expected.Select(e => e.Name));
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, sources, EditorConfig(), FixSafety.Analyzers);
        var before = await FixSafety.AnalyzeAsync(project);
        Assert.Empty(before.Failures);

        var orders = new[]
        {
            FixableIds,
            FixableIds.Reverse().ToImmutableArray(),
            ImmutableArray.Create("CORS005", "CORS013", "CORS004", "CORS001", "CORS008", "CORS003", "CORS010", "CORS007", "CORS002"),
            ImmutableArray.Create("CORS010", "CORS002", "CORS007", "CORS004", "CORS003", "CORS005", "CORS001", "CORS013", "CORS008"),
        };
        string? first = null;
        for (var i = 0; i < orders.Length; i++)
        {
            var (name, pick) = FormatterSimulation.Picks[i % FormatterSimulation.Picks.Length];
            var (result, warnings) = await FormatterSimulation.RunAsync(project, orders[i], pick);
            var because = $"rules {string.Join(" ", orders[i])}, first diagnostic: {name}";
            Assert.True(warnings.IsEmpty, because + ": " + string.Join("; ", warnings));
            foreach (var (file, text) in expected)
            {
                AssertText(text, result, file, because);
            }

            if (first is null)
            {
                first = await FixSafety.SnapshotAsync(result);
                var (again, _) = await FormatterSimulation.RunAsync(result, orders[i], pick);
                Assert.Equal(first, await FixSafety.SnapshotAsync(again));
            }
        }

        // What is left is what has no safe rewrite: the "*.vercel.app" entry (turning on wildcard subdomains would trust
        // every site deployed there).
        var (fixedProject, _) = await FormatterSimulation.RunAsync(project, FixableIds, FormatterSimulation.Picks[0].Pick);
        Assert.Empty(await FixSafety.CompareAsync(project, before, fixedProject));
        var left = FixSafety.Ours(await FixSafety.AnalyzeAsync(fixedProject)).Where(d => FixableIds.Contains(d.Id)).ToList();
        var only = Assert.Single(left);
        Assert.Equal("CORS004", only.Id);
        Assert.Equal("\"https://*.vercel.app\"", only.Location.SourceTree!.GetText().ToString(only.Location.SourceSpan));
    }

    private static void AssertText(string expected, Project project, string name, string because)
    {
        var document = project.Documents.Single(d => d.FilePath == TestProjectFactory.ProjectFolder + name);
        var actual = document.GetTextAsync().Result.ToString();
        Assert.True(
            TextDiff.NormalizeLineEndings(expected) == TextDiff.NormalizeLineEndings(actual),
            $"{name} after dotnet format ({because}):{Environment.NewLine}{TextDiff.Unified(expected, actual)}{Environment.NewLine}{actual}");
    }
}
