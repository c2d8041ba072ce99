using CorsAnalyzers.Tests.Verifiers;
using Xunit.Abstractions;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Code being typed: every analyzer, and the first action of every code fix, must survive each prefix of a real
/// file (cut at token boundaries) and the file with one token deleted or replaced by another. An exception is a
/// defect (AD0001).
/// </summary>
public class EveryPrefixTests
{
    private const int MaxCutPoints = 200;
    private const int TokenDeletions = 100;
    private const int TokenReplacements = 50;
    private const int MaxFixesPerRule = 40;

    private readonly ITestOutputHelper _output;

    public EveryPrefixTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Inputs => RobustnessCorpus.AllInputs().Select(i => new object[] { i.Key });

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task PrefixesAndDamagedTokens_DoNotBreakAnalyzersOrFixes(string input)
    {
        var run = new RobustnessRun(MaxFixesPerRule * SourceVariants.Depth);
        var text = RobustnessCorpus.Text(input);
        var depth = SourceVariants.Depth;
        var variants = SourceVariants.Create(text, MaxCutPoints * depth, TokenDeletions * depth, TokenReplacements * depth, SourceVariants.StableHash(input));
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Input.cs", text) }, analyzers: run.Analyzers);

        await run.RunAsync(SourceVariants.InProject(project, "Input.cs", input, variants));

        run.Report(_output);
        run.AssertNoFailures();
    }
}
