using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>Concurrent execution gives the same diagnostics every time, and the corpus is valid code.</summary>
public class ConcurrencyTests
{
    [Theory]
    [MemberData(nameof(AspNetCoreSets))]
    public async Task Corpus_CompilesWithoutErrors(string referenceSet)
    {
        var references = referenceSet == ReferenceSet.AspNetCore8.Name ? ReferenceSet.AspNetCore8 : ReferenceSet.AspNetCore10;
        var project = TestProjectFactory.CreateProject(references, RobustnessCorpus.CorpusFiles);
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    public static IEnumerable<object[]> AspNetCoreSets => new[]
    {
        new object[] { ReferenceSet.AspNetCore8.Name },
        new object[] { ReferenceSet.AspNetCore10.Name },
    };

    [Fact]
    public async Task ConcurrentAnalysis_OfTheCorpus_IsDeterministic()
    {
        var analyzers = MetaTests.CreateAnalyzers();
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, RobustnessCorpus.CorpusFiles, analyzers: analyzers);
        var compilation = (await project.GetCompilationAsync())!;

        ImmutableArray<string>? first = null;
        for (var i = 0; i < 20; i++)
        {
            // Fresh analyzer instances and a fresh compilation (no shared semantic caches) each time.
            var run = await TestProjectFactory.AnalyzeAsync(compilation.Clone(), project.AnalyzerOptions, MetaTests.CreateAnalyzers());
            Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));

            var described = RobustnessCorpus.Describe(run.Diagnostics);
            if (first is null)
            {
                first = described;
                Assert.NotEmpty(described);
            }
            else if (!described.SequenceEqual(first.Value))
            {
                Assert.Fail($"Run {i + 1} differs from run 1:{Environment.NewLine}only in run 1: " +
                    string.Join(Environment.NewLine + "  ", first.Value.Except(described)) +
                    $"{Environment.NewLine}only in run {i + 1}: " + string.Join(Environment.NewLine + "  ", described.Except(first.Value)));
            }
        }
    }
}
