using System.Collections.Concurrent;
using System.Diagnostics;
using CorsAnalyzers.RuntimeTests.Hosting;
using Xunit.Abstractions;

namespace CorsAnalyzers.RuntimeTests.FixOracle;

/// <summary>
/// Issue 19, item 2: every policy fix the rule tests apply (CORS001, 002, 004, 005, 009, 010) is run for real, before
/// and after, on the installed ASP.NET Core (each program hosted from its own entry point on a TestServer; its named
/// and default policies through ICorsPolicyProvider/ICorsService; its pipeline with a preflight and a simple GET per
/// request path), over the probe origins of <see cref="ProbeOrigins"/>, and judged by <see cref="FixJudge"/>.
/// </summary>
public class PolicyFixOracleTests
{
    /// <summary>
    /// Fixes the oracle finds trusting more than the code they replace, on the code as it is today: expected failures,
    /// by <see cref="FixOutput.Describe"/>, with the reason. They are the code fixes' defects (issue 19), not the oracle's;
    /// an entry that stops failing is reported so it can be removed.
    /// </summary>
    private static readonly Dictionary<string, string> KnownBadFixes = new(StringComparer.Ordinal)
    {
    };

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ITestOutputHelper _output;

    public PolicyFixOracleTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task PolicyFixes_NeverTrustMoreAtRunTime()
    {
        var stopwatch = Stopwatch.StartNew();
        var inputs = new List<FixInput>();
        var perRule = await Task.WhenAll(PolicyFixCases.PolicyRules.Select(rule => Task.Run(() => PolicyFixCases.CollectAsync(rule))));
        foreach (var (rule, (collected, notes)) in PolicyFixCases.PolicyRules.Zip(perRule))
        {
            inputs.AddRange(collected);
            foreach (var note in notes)
            {
                _output.WriteLine(rule + ": " + note);
            }
        }

        var collectTime = stopwatch.Elapsed;
        var evaluated = new ConcurrentBag<string>();
        var skipped = new ConcurrentBag<(string Fix, string Reason, string? Detail)>();
        var violations = new ConcurrentBag<(string Fix, string Violation)>();
        await Parallel.ForEachAsync(inputs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (input, _) =>
        {
            foreach (var (fix, outcome) in await EvaluateAsync(input))
            {
                switch (outcome)
                {
                    case Skip skip:
                        skipped.Add((fix, skip.Reason, skip.Detail));
                        break;
                    case Judged judged:
                        evaluated.Add(fix);
                        foreach (var violation in judged.Violations)
                        {
                            violations.Add((fix, violation));
                        }

                        break;
                }
            }
        });

        var unexpected = violations.Where(v => !KnownBadFixes.ContainsKey(v.Fix)).OrderBy(v => v.Fix, StringComparer.Ordinal).ToList();
        var expected = violations.Where(v => KnownBadFixes.ContainsKey(v.Fix)).OrderBy(v => v.Fix, StringComparer.Ordinal).ToList();
        foreach (var group in skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"skipped ({group.Count()}): {group.Key}");
            foreach (var (fix, _, detail) in group.OrderBy(s => s.Fix, StringComparer.Ordinal))
            {
                _output.WriteLine("    " + fix + (detail is null ? string.Empty : ": " + detail));
            }
        }

        foreach (var (fix, violation) in expected)
        {
            _output.WriteLine($"expected failure: {fix}: {violation} (known: {KnownBadFixes[fix]})");
        }

        foreach (var stale in KnownBadFixes.Keys.Where(k => !violations.Any(v => v.Fix == k)))
        {
            _output.WriteLine($"expected failure no longer fails (remove it from KnownBadFixes): {stale}");
        }

        foreach (var (fix, violation) in unexpected)
        {
            _output.WriteLine($"VIOLATION: {fix}: {violation}");
        }

        var reasons = string.Join("; ", skipped.GroupBy(s => s.Reason).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
        var summary = $"{evaluated.Count} policy fixes evaluated, {skipped.Count} skipped ({(reasons.Length == 0 ? "none" : reasons)}), " +
            $"{violations.Select(v => v.Fix).Distinct().Count()} violations ({expected.Select(v => v.Fix).Distinct().Count()} expected) " +
            $"[{inputs.Count} programs from the rule tests; ASP.NET Core {RuntimeEnvironment.AspNetCoreRuntimeVersion}; collected in {collectTime.TotalSeconds:0.0} s, total {stopwatch.Elapsed.TotalSeconds:0.0} s]";
        _output.WriteLine(summary);
        Console.WriteLine("PolicyFixOracle: " + summary);

        // The oracle must judge most fixes: a harness that hosts nothing would pass everything.
        Assert.True(evaluated.Count >= 40 && evaluated.Count >= 4 * skipped.Count, "Too few fixes evaluated: " + summary);
        Assert.True(unexpected.Count == 0, "Fixes that trust more at run time than the code they replace:\n" +
            string.Join("\n", unexpected.Select(v => $"  {v.Fix}: {v.Violation}")) + "\n" + summary);
    }

    private abstract record Outcome;

    private sealed record Skip(string Reason, string? Detail = null) : Outcome;

    private sealed record Judged(List<string> Violations) : Outcome;

    private static async Task<List<(string Fix, Outcome Outcome)>> EvaluateAsync(FixInput input)
    {
        var results = new List<(string, Outcome)>();
        var beforeLiterals = ProbeOrigins.Literals(input.Sources.Select(s => s.Text)).ToList();
        var afterLiterals = ProbeOrigins.Literals(input.Fixes.SelectMany(f => f.Sources).Select(s => s.Text)).Except(beforeLiterals).ToList();
        var probes = ProbeOrigins.For(beforeLiterals, afterLiterals, ProbeOrigins.Configured(input.EditorConfig));
        var literals = beforeLiterals.Concat(afterLiterals).ToList();
        var paths = literals.Where(l => l.StartsWith('/') && !l.StartsWith("//", StringComparison.Ordinal) && !l.Contains(' '))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\{[^}]*\}", "1"))
            .Prepend("/").Distinct().Take(12).ToList();
        var questions = new CorsQuestions(probes.All.ToList(), literals, paths);

        var before = await ObserveAsync(input.Sources, input.EditorConfig, questions);
        foreach (var fix in input.Fixes)
        {
            var name = fix.Describe(input);
            if (before.Observation is null)
            {
                results.Add((name, new Skip(before.Failure!)));
                continue;
            }

            var after = await ObserveAsync(fix.Sources, input.EditorConfig, questions);
            if (after.Observation is null)
            {
                results.Add((name, after.Failure!.StartsWith("does not compile", StringComparison.Ordinal)
                    ? new Judged(new List<string> { "the fixed program " + after.Failure })
                    : new Skip("after the fix: " + after.Failure)));
                continue;
            }

            var (b, a) = (before.Observation, after.Observation);
            if (b.Start != StartOutcome.Started && a.Start != StartOutcome.Started)
            {
                results.Add((name, new Skip("throws at start before and after the fix", $"before: {b.StartError}; after: {a.StartError}")));
            }
            else if (b.Start == StartOutcome.Started && a.Start == StartOutcome.Started && NoCorsAnswer(b) && NoCorsAnswer(a))
            {
                results.Add((name, new Skip("no probe origin allowed and nothing thrown, before or after the fix")));
            }
            else
            {
                results.Add((name, new Judged(FixJudge.Violations(b, a, probes))));
            }
        }

        return results;
    }

    private static bool NoCorsAnswer(CorsObservation observation) =>
        observation.Channels.Values.All(answers => answers.Values.All(a => !a.Allowed && !a.Threw));

    /// <summary>Compiles and observes a program; null with the reason when it cannot be judged at all.</summary>
    private static async Task<(CorsObservation? Observation, string? Failure)> ObserveAsync(
        IEnumerable<(string Name, string Text)> sources, string? editorConfig, CorsQuestions questions)
    {
        var program = await WebProject.CompileAsync(WebProject.Create(sources, editorConfig));
        if (!program.Errors.IsEmpty)
        {
            return (null, "does not compile: " + program.Errors[0]);
        }

        var observation = await CorsObservation.ObserveAsync(program, questions, StartTimeout);
        return observation.Start switch
        {
            StartOutcome.NoWebHost => (null, program.HasEntryPoint ? "its entry point starts no web host" : "no entry point, Startup class or setup helper"),
            StartOutcome.TimedOut => (null, $"did not start within {StartTimeout.TotalSeconds:0} s"),
            _ => (observation, null),
        };
    }
}
