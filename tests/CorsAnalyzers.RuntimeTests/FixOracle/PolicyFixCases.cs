using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Rules;
using CorsAnalyzers.RuntimeTests.Hosting;
using CorsAnalyzers.Tests.Robustness;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.RuntimeTests.FixOracle;

/// <summary>One program from a rule test and what the rule's code fixes make of it.</summary>
internal sealed record FixInput(
    string RuleId,
    string TestCase,
    ImmutableArray<(string Name, string Text)> Sources,
    string? EditorConfig,
    ImmutableArray<FixOutput> Fixes);

/// <summary>The program after one fix (key and mode), and the test cases that lead to the same one.</summary>
internal sealed record FixOutput(string Key, FixMode Mode, ImmutableArray<(string Name, string Text)> Sources)
{
    public string Describe(FixInput input) => $"{input.TestCase} [{Key}, {(Mode == FixMode.FixAll ? "Fix All" : "one at a time")}]";
}

/// <summary>
/// The policy fixes the rule test suite applies: every program the rule tests of CORS001, 002, 004, 005, 009 and 010
/// compile (recorded by <see cref="RuleTestSources"/> from the tests themselves: test code and expected fixes), run
/// through that rule's analyzer; where it reports, every code fix the rule's fixer offers, with each equivalence key,
/// one at a time and by Fix All. The rule tests check that the key they name gives their FixedCode, so these include
/// every fix they apply (and the alternatives).
/// </summary>
internal static class PolicyFixCases
{
    public static readonly ImmutableArray<string> PolicyRules = ImmutableArray.Create("CORS001", "CORS002", "CORS004", "CORS005", "CORS009", "CORS010");

    public static async Task<(ImmutableArray<FixInput> Inputs, ImmutableArray<string> Notes)> CollectAsync(string ruleId)
    {
        // The rule's test classes: CORS005_NullOriginAllowedTests and, e.g., CORS005_NullOriginAllowedInConfigurationTests.
        var runner = CreateRunner(ruleId);
        var notes = new List<string>();
        var inputs = new List<FixInput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var testClass in RuleTestSources.TestClasses.Where(t => t.Name.StartsWith(ruleId + "_", StringComparison.Ordinal)))
        {
            var (cases, errors) = await RuleTestSources.RecordCasesAsync(testClass).ConfigureAwait(false);
            notes.AddRange(errors.Select(e => "threw while recording: " + e));
            foreach (var testCase in cases)
            {
                foreach (var recorded in testCase.Recorded)
                {
                    if (!recorded.References.HasAspNetCore || !seen.Add(Key(recorded.Sources) + "\0" + recorded.EditorConfig))
                    {
                        continue;
                    }

                    var project = WebProject.Create(recorded.Sources, recorded.EditorConfig, new[] { runner.Analyzer });
                    var outputs = new List<FixOutput>();
                    var texts = new HashSet<string>(StringComparer.Ordinal) { Key(recorded.Sources) };
                    foreach (var (key, sites) in await runner.OfferedKeysAsync(project).ConfigureAwait(false))
                    {
                        // Fix All differs from one at a time only where several sites offer the key.
                        foreach (var mode in sites > 1 ? new[] { FixMode.OneAtATime, FixMode.FixAll } : new[] { FixMode.OneAtATime })
                        {
                            var fixedSources = await WebProject.SourcesAsync(await runner.ApplyAsync(project, key, mode).ConfigureAwait(false)).ConfigureAwait(false);
                            if (texts.Add(Key(fixedSources)))
                            {
                                outputs.Add(new FixOutput(key, mode, fixedSources));
                            }
                        }
                    }

                    if (outputs.Count > 0)
                    {
                        inputs.Add(new FixInput(ruleId, testClass.Name + "." + testCase.Name, recorded.Sources, recorded.EditorConfig, outputs.ToImmutableArray()));
                    }
                }
            }
        }

        return (inputs.ToImmutableArray(), notes.ToImmutableArray());
    }

    /// <summary>The rule alone in the product's analyzer (as its tests run it) and its fixer.</summary>
    public static CodeFixRunner CreateRunner(string ruleId)
    {
        var ruleType = typeof(CorsAnalyzer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CorsRule)) && !t.IsAbstract)
            .Single(t => ((CorsRule)Activator.CreateInstance(t)!).SupportedDiagnostics.Any(d => d.Id == ruleId));
        var fixerType = typeof(OriginCanNeverMatchFixer).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(CodeFixProvider)) && !t.IsAbstract)
            .Single(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds.Contains(ruleId));
        return new CodeFixRunner(
            (DiagnosticAnalyzer)Activator.CreateInstance(typeof(RuleAnalyzer<>).MakeGenericType(ruleType))!,
            (CodeFixProvider)Activator.CreateInstance(fixerType)!);
    }

    private static string Key(ImmutableArray<(string Name, string Text)> sources) =>
        string.Join("\0", sources.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Name + "\0" + s.Text));
}
