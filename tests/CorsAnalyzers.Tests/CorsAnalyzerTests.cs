using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Robustness;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests;

/// <summary>
/// The shipped <see cref="CorsAnalyzer"/> runs every rule, and running them together changes nothing: the rule tests
/// run each rule alone (<see cref="RuleAnalyzer{TRule}"/>), so this is what ties them to the product.
/// </summary>
public class CorsAnalyzerTests
{
    private static readonly ImmutableArray<Type> RuleTypes = MetaTests.AnalyzerAssembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CorsRule).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    [Fact]
    public void AllRules_HoldsEveryRuleClassOnce()
    {
        Assert.Equal(16, RuleTypes.Length);
        Assert.Equal(
            RuleTypes.Select(t => t.FullName),
            CorsAnalyzer.AllRules.Select(r => r.GetType()).OrderBy(t => t.FullName, StringComparer.Ordinal).Select(t => t.FullName));
    }

    [Fact]
    public void SupportedDiagnostics_AreEveryDescriptor()
    {
        Assert.Equal(
            MetaTests.AllDescriptors.Select(d => d.Id).OrderBy(id => id),
            new CorsAnalyzer().SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id));
        Assert.Equal(
            MetaTests.AllDescriptors.Length + MetaTests.VariantDescriptors.Length,
            new CorsAnalyzer().SupportedDiagnostics.Length);
    }

    [Fact]
    public void Rules_AreSealedWithOneRuleEach_AndHaveATestClass()
    {
        var testClasses = typeof(CorsAnalyzerTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet();
        foreach (var type in RuleTypes)
        {
            Assert.True(type.IsSealed, type.Name + " is not sealed.");
            var rule = (CorsRule)Activator.CreateInstance(type)!;
            // One rule's descriptor, and that rule's variants for origins in configuration (same ID).
            var descriptor = Assert.Single(rule.SupportedDiagnostics, d => MetaTests.AllDescriptors.Contains(d));
            Assert.All(rule.SupportedDiagnostics, d => Assert.Equal(descriptor.Id, d.Id));
            var expectedTest = $"{descriptor.Id}_{type.Name.Substring(0, type.Name.Length - "Rule".Length)}Tests";
            Assert.True(testClasses.Contains(expectedTest), $"{type.Name}: no test class {expectedTest}.");
        }
    }

    [Theory]
    [MemberData(nameof(ConcurrencyTests.AspNetCoreSets), MemberType = typeof(ConcurrencyTests))]
    public async Task TheWholeAnalyzer_ReportsTheUnionOfTheRulesRunAlone(string referenceSet)
    {
        var references = referenceSet == ReferenceSet.AspNetCore8.Name ? ReferenceSet.AspNetCore8 : ReferenceSet.AspNetCore10;
        var project = TestProjectFactory.CreateProject(references, RobustnessCorpus.CorpusFiles);
        var compilation = (await project.GetCompilationAsync())!;

        var whole = await TestProjectFactory.AnalyzeAsync(compilation.Clone(), project.AnalyzerOptions, ImmutableArray.Create<DiagnosticAnalyzer>(new CorsAnalyzer()));
        Assert.True(whole.Failures.IsEmpty, string.Join(Environment.NewLine, whole.Failures));

        var alone = new List<Diagnostic>();
        foreach (var rule in CorsAnalyzer.AllRules)
        {
            var analyzer = new CorsAnalyzer(ImmutableArray.Create(rule));
            var run = await TestProjectFactory.AnalyzeAsync(compilation.Clone(), project.AnalyzerOptions, ImmutableArray.Create<DiagnosticAnalyzer>(analyzer));
            Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
            alone.AddRange(run.Diagnostics);
        }

        var expected = RobustnessCorpus.Describe(alone.ToImmutableArray());
        var actual = RobustnessCorpus.Describe(whole.Diagnostics);
        Assert.NotEmpty(actual);
        Assert.True(
            expected.SequenceEqual(actual),
            "only when run alone:" + Environment.NewLine + string.Join(Environment.NewLine, expected.Except(actual))
            + Environment.NewLine + "only in the whole analyzer:" + Environment.NewLine + string.Join(Environment.NewLine, actual.Except(expected)));

        // The corpus exercises most rules, so the comparison means something.
        Assert.True(whole.Diagnostics.Select(d => d.Id).Distinct().Count() >= 8, string.Join(", ", whole.Diagnostics.Select(d => d.Id).Distinct()));
    }
}
