using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>The robustness tests' own parts: the variants they make, and that a throwing analyzer or fix is caught.</summary>
public class RobustnessRunTests
{
    private const string Source = "class C { int M() => int.Parse(\"1\") + Boom(); int Boom() => 0; }";

    [Fact]
    public void Variants_AreCutsDeletionsAndReplacements_Reproducibly()
    {
        var variants = SourceVariants.Create(Source, maxCuts: 5, deletions: 4, replacements: 3, seed: 7);

        Assert.Equal(12, variants.Length);
        Assert.All(variants.Take(5), v => Assert.StartsWith("prefix to ", v.Description));
        Assert.All(variants.Take(5), v => Assert.StartsWith(v.Text, Source));
        Assert.Equal("class ", variants[0].Text);
        Assert.All(variants.Skip(5).Take(4), v => Assert.StartsWith("without token ", v.Description));
        Assert.All(variants.Skip(5).Take(4), v => Assert.True(v.Text.Length < Source.Length));
        Assert.All(variants.Skip(9), v => Assert.StartsWith("with ", v.Description));
        Assert.Equal(variants.ToArray(), SourceVariants.Create(Source, maxCuts: 5, deletions: 4, replacements: 3, seed: 7).ToArray());
    }

    [Fact]
    public async Task ThrowingAnalyzer_IsAFailure()
    {
        var run = new RobustnessRun(10, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingTestAnalyzer()), ImmutableArray<CodeFixProvider>.Empty);

        await run.RunAsync(new[] { ("boom", Project()) });

        Assert.Contains(run.Failures, f => f.StartsWith("boom: ", StringComparison.Ordinal) && f.Contains("The test analyzer exploded."));
        Assert.Throws<Xunit.Sdk.TrueException>(run.AssertNoFailures);
    }

    [Fact]
    public async Task ThrowingFix_IsAFailure_AndAWorkingOneIsNot()
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new IntParseTestAnalyzer());
        var working = new RobustnessRun(10, analyzers, ImmutableArray.Create<CodeFixProvider>(new IntParseTestFixer()));
        var throwing = new RobustnessRun(10, analyzers, ImmutableArray.Create<CodeFixProvider>(new ThrowingFixer()));

        await working.RunAsync(new[] { ("fix", Project()) });
        await throwing.RunAsync(new[] { ("fix", Project()) });

        working.AssertNoFailures();
        Assert.Contains(throwing.Failures, f => f.Contains(nameof(ThrowingFixer)) && f.Contains("The test fix exploded."));
    }

    [Fact]
    public async Task ThrowingFixAll_IsAFailure()
    {
        var run = new RobustnessRun(10, ImmutableArray.Create<DiagnosticAnalyzer>(new IntParseTestAnalyzer()), ImmutableArray.Create<CodeFixProvider>(new ThrowingFixAllFixer()));

        await run.RunAsync(new[] { ("fix all", Project()) });

        Assert.Contains(run.Failures, f => f.Contains("Fix All (Zero)") && f.Contains("The test Fix All exploded."));
    }

    private static Project Project() =>
        TestProjectFactory.CreateProject(ReferenceSet.NetCore10, new[] { ("Input.cs", Source) });

    private sealed class ThrowingFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(IntParseTestAnalyzer.IntParse.Id);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) => throw new InvalidOperationException("The test fix exploded.");
    }

    private sealed class ThrowingFixAllFixer : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(IntParseTestAnalyzer.IntParse.Id);

        public override FixAllProvider GetFixAllProvider() => new Throwing();

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            context.RegisterCodeFix(CodeAction.Create("Zero", _ => Task.FromResult(context.Document), "Zero"), context.Diagnostics);
            return Task.CompletedTask;
        }

        private sealed class Throwing : FixAllProvider
        {
            public override Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext) => throw new InvalidOperationException("The test Fix All exploded.");
        }
    }
}
