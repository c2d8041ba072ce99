using CorsAnalyzers.Tests.Verifiers;
using Xunit.Abstractions;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Every rule test's input (and expected fix), recorded from the rule tests themselves, cut into prefixes and with a
/// token deleted or replaced: every analyzer and the first action of every code fix must survive them. The rule tests hold the
/// edge shapes of each rule, which the corpus of <see cref="EveryPrefixTests"/> does not all repeat.
/// </summary>
public class RuleTestSourceTests
{
    // Per source file of each recorded test; CORS_ROBUSTNESS_DEPTH multiplies them (SourceVariants.Depth).
    private const int CutPoints = 6;
    private const int TokenDeletions = 3;
    private const int TokenReplacements = 3;
    private const int MaxFixesPerRule = 30;

    private readonly ITestOutputHelper _output;

    public RuleTestSourceTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> TestClasses => RuleTestSources.TestClasses.Select(t => new object[] { t.Name });

    [Fact]
    public void EveryRuleTestClass_IsReplayed()
    {
        // One test class per rule (one rule = one test class): a class the recorder misses is a rule left out here.
        var ruleIds = MetaTests.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id).ToList();
        var classes = RuleTestSources.TestClasses.Select(t => t.Name).ToList();
        Assert.All(ruleIds, id => Assert.Contains(classes, c => c.StartsWith(id + "_", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(TestClasses))]
    public async Task RuleTestInputs_CutAndDamaged_DoNotBreakAnalyzersOrFixes(string testClass)
    {
        var (tests, errors) = await RuleTestSources.RecordAsync(RuleTestSources.TestClasses.Single(t => t.Name == testClass));

        // A rule test that throws while its sources are recorded either expects the verifier to fail (it records instead)
        // or does more than verify; either way its inputs would be replayed only in part: fail, and say which.
        Assert.True(errors.IsEmpty, "Test cases that threw while recording:" + Environment.NewLine + string.Join(Environment.NewLine, errors));

        // Most of the class's tests call the verifier: a recorder that records nothing would make this test vacuous.
        Assert.True(tests.Length >= 5, $"{testClass}: only {tests.Length} source sets recorded");

        var run = new RobustnessRun(MaxFixesPerRule * SourceVariants.Depth);
        var depth = SourceVariants.Depth;
        var projects = tests.SelectMany((test, index) =>
        {
            var project = TestProjectFactory.CreateProject(test.References, test.Sources, test.EditorConfig, run.Analyzers);
            return test.Sources.SelectMany(source => SourceVariants.InProject(
                project,
                source.Name,
                $"{testClass} source set {index} ({source.Name})",
                SourceVariants.Create(source.Text, CutPoints * depth, TokenDeletions * depth, TokenReplacements * depth, SourceVariants.StableHash(source.Text))));
        });

        await run.RunAsync(projects);

        _output.WriteLine($"{tests.Length} source sets recorded");
        run.Report(_output);
        run.AssertNoFailures();
    }
}
