using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Tests.Robustness;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit.Abstractions;

namespace CorsAnalyzers.Tests.Fixes;

/// <summary>
/// The safety invariant of every fix, on every input the rule tests hold (recorded from the rule tests themselves,
/// their expected fixes included), with every rule of the product on:
/// <list type="bullet">
/// <item>every action every fixer registers, applied alone, and Fix All in the solution with every key offered, leaves
/// code that compiles and has no diagnostic of ours that the input did not have (<see cref="FixSafety"/>);</item>
/// <item>each fixer registers one default action first (one equivalence key for all sites), and its Fix All with a null
/// key (what <c>dotnet format</c> passes when the first diagnostic has no fix) does what the default key does;</item>
/// <item><c>dotnet format</c> over all fixable rules (<see cref="FormatterSimulation"/>), with the rules in several orders
/// and different "first" diagnostics, gives the same text every time, fixes everything that has a fix in one run, and a
/// second run changes nothing.</item>
/// </list>
/// </summary>
public class FixSafetyTests
{
    /// <summary>
    /// "Do not allow credentials (public API)" turns a credentialed any-origin policy into a public one: exactly what
    /// the opt-in CORS009 reports. That alternative may add CORS009, and nothing else may.
    /// </summary>
    private static readonly ImmutableDictionary<string, string> AllowedNewDiagnosticByKeySuffix =
        ImmutableDictionary<string, string>.Empty.Add(".RemoveAllowCredentials", "CORS009");

    private readonly ITestOutputHelper _output;

    public FixSafetyTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> TestClasses => RuleTestSources.TestClasses.Select(t => new object[] { t.Name });

    [Fact]
    public void EveryFixer_FixesAllWithTheSiteProvider_InEveryScope()
    {
        // A null key (dotnet format, when the first diagnostic has no fix) must mean the default, never "nothing".
        Assert.All(FixSafety.Fixers, fixer =>
        {
            var provider = fixer.GetFixAllProvider();
            Assert.Equal("SiteFixAllProvider", provider?.GetType().Name);
            Assert.Equal(new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution }, provider!.GetSupportedFixAllScopes());
        });
    }

    [Fact]
    public void EveryFixKey_IsOnItsRulePage_AndEveryDefaultInTheReadmeTable()
    {
        var readme = File.ReadAllText(Path.Combine(TestAssemblyMetadata.RepositoryRoot, "README.md"));
        var table = readme.Substring(readme.IndexOf("## Fix from the command line", StringComparison.Ordinal));
        foreach (var fixer in FixSafety.Fixers)
        {
            var keys = fixer.GetType().GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
                .Where(f => f.IsLiteral && f.Name.EndsWith("Key", StringComparison.Ordinal))
                .Select(f => (string)f.GetRawConstantValue()!)
                .ToList();
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                var id = key.Substring(0, key.IndexOf('.'));
                var page = File.ReadAllText(Path.Combine(TestAssemblyMetadata.RepositoryRoot, "docs", "rules", id + ".md"));
                Assert.True(page.Contains("`" + key + "`", StringComparison.Ordinal), $"docs/rules/{id}.md does not name the fix key {key}.");
                Assert.True(table.Contains("`" + key + "`", StringComparison.Ordinal), $"README's \"Fix from the command line\" does not name the fix key {key}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestClasses))]
    public async Task EveryFix_OnEveryRuleTestInput_IsSafeAndDeterministic(string testClass)
    {
        var (tests, _) = await RuleTestSources.RecordAsync(RuleTestSources.TestClasses.Single(t => t.Name == testClass));
        var problems = new ConcurrentQueue<string>();
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            tests.Select((test, index) => (test, index)),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            async (item, cancellationToken) =>
            {
                var description = $"{testClass} source set {item.index} ({string.Join(", ", item.test.Sources.Select(s => s.Name))})";
                foreach (var problem in await CheckAsync(item.test, counts, cancellationToken))
                {
                    problems.Enqueue(description + ": " + problem);
                }
            });

        _output.WriteLine($"{tests.Length} source sets; " + string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        Assert.True(problems.IsEmpty, $"{problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine + Environment.NewLine, problems.Take(15)));
    }

    public static IEnumerable<object[]> CorpusAndSampleApps =>
        new[] { new object[] { "corpus" } }.Concat(
            RobustnessCorpus.SampleFiles.Select(f => f.Name.Split('/')[1]).Distinct().Select(app => new object[] { "samples/" + app }));

    [Theory]
    [MemberData(nameof(CorpusAndSampleApps))]
    public async Task EveryFix_OnTheCorpusAndTheSampleApps_IsSafeAndDeterministic(string input)
    {
        // Code shaped like real programs: the robustness corpus as one project, each sample app as one project.
        var sources = input == "corpus"
            ? RobustnessCorpus.CorpusFiles
            : RobustnessCorpus.SampleFiles.Where(f => f.Name.StartsWith(input + "/", StringComparison.Ordinal))
                .Select(f => (f.Name.Substring(input.Length + 1), f.Text)).ToImmutableArray();
        var counts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        // The client-library sample needs its packages (without them its client code does not compile, and nothing is reported).
        var references = input == "samples/CorsClientLibraries" ? ClientLibraryReferences.ClientLibrariesSample.Sets[0] : ReferenceSet.AspNetCore10;
        var problems = await CheckAsync(new RecordedTest(sources, null, references), counts, CancellationToken.None);
        _output.WriteLine(string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
        Assert.True(counts.GetValueOrDefault("actions") > 0, input + ": no fix was tried");
        Assert.True(problems.Count == 0, $"{problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine + Environment.NewLine, problems.Take(15)));
    }

    private static async Task<List<string>> CheckAsync(RecordedTest test, ConcurrentDictionary<string, int> counts, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var project = TestProjectFactory.CreateProject(test.References, test.Sources, test.EditorConfig, FixSafety.Analyzers);
        var before = await FixSafety.AnalyzeAsync(project, cancellationToken);
        if (!before.Failures.IsEmpty)
        {
            problems.Add("analyzer failure: " + before.Failures[0]);
            return problems;
        }

        var fixable = FixSafety.Ours(before).Where(d => FixersOf(d.Id).Any()).ToImmutableArray();
        if (fixable.IsEmpty)
        {
            return problems;
        }

        // 1. Every action of every fixer, alone.
        var keysByFixer = new Dictionary<CodeFixProvider, List<string?>>();
        var defaultKeys = new Dictionary<CodeFixProvider, HashSet<string?>>();
        foreach (var diagnostic in fixable)
        {
            foreach (var fixer in FixersOf(diagnostic.Id))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = await FixSafety.GetActionsAsync(fixer, document, diagnostic, cancellationToken);
                if (actions.IsEmpty)
                {
                    continue;
                }

                (defaultKeys.TryGetValue(fixer, out var set) ? set : defaultKeys[fixer] = new HashSet<string?>()).Add(actions[0].EquivalenceKey);
                foreach (var action in actions)
                {
                    counts.AddOrUpdate("actions", 1, (_, n) => n + 1);
                    (keysByFixer.TryGetValue(fixer, out var keys) ? keys : keysByFixer[fixer] = new List<string?>()).Add(action.EquivalenceKey);
                    var what = $"{fixer.GetType().Name} action '{action.EquivalenceKey}' on {FixSafety.Describe(diagnostic)}";
                    try
                    {
                        var after = (await FixSafety.ApplyAsync(action, cancellationToken)).GetProject(project.Id)!;
                        foreach (var problem in await FixSafety.CompareAsync(project, before, after, AllowNew(action.EquivalenceKey), cancellationToken))
                        {
                            problems.Add(what + ": " + problem + Environment.NewLine + await FixSafety.SnapshotAsync(after, cancellationToken));
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        problems.Add(what + " threw: " + e);
                    }
                }
            }
        }

        // 2. One default key per fixer; Fix All with every key, and with null (what the formatter passes when the first
        // diagnostic it looks at has no fix), which must do what the default key does.
        foreach (var (fixer, keys) in defaultKeys)
        {
            if (keys.Count != 1)
            {
                problems.Add($"{fixer.GetType().Name} registers different first actions at different sites: {string.Join(", ", keys.Select(k => k ?? "(null)"))}");
            }
        }

        foreach (var (fixer, keys) in keysByFixer)
        {
            var defaultKey = defaultKeys[fixer].First();
            string? defaultText = null;
            foreach (var key in keys.Distinct().Append(null))
            {
                counts.AddOrUpdate("fix all", 1, (_, n) => n + 1);
                var what = $"{fixer.GetType().Name} Fix All (solution) with key '{key ?? "(null)"}'";
                try
                {
                    var after = await FixAllAsync(project, fixer, key, fixable, cancellationToken);
                    if (after is null)
                    {
                        problems.Add(what + ": no Fix All action");
                        continue;
                    }

                    foreach (var problem in await FixSafety.CompareAsync(project, before, after, AllowNew(key), cancellationToken))
                    {
                        problems.Add(what + ": " + problem + Environment.NewLine + await FixSafety.SnapshotAsync(after, cancellationToken));
                    }

                    var text = await FixSafety.SnapshotAsync(after, cancellationToken);
                    if (key == defaultKey)
                    {
                        defaultText = text;
                    }
                    else if (key is null && defaultText is not null && text != defaultText)
                    {
                        problems.Add($"{fixer.GetType().Name} Fix All with a null key differs from Fix All with its default key '{defaultKey}':{Environment.NewLine}{text}{Environment.NewLine}---{Environment.NewLine}{defaultText}");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Add(what + " threw: " + e);
                }
            }
        }

        // 3. dotnet format over every fixable rule of the input, in several orders.
        var ids = fixable.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToImmutableArray();
        var random = new Random(ids.Length * 31 + fixable.Length);
        var orders = new[] { ids, ids.Reverse().ToImmutableArray(), ids.OrderBy(_ => random.Next()).ToImmutableArray(), ids.OrderBy(_ => random.Next()).ToImmutableArray() };
        string? firstResult = null;
        Project? formatted = null;
        for (var i = 0; i < orders.Length; i++)
        {
            counts.AddOrUpdate("format runs", 1, (_, n) => n + 1);
            var (name, pick) = FormatterSimulation.Picks[i % FormatterSimulation.Picks.Length];
            var what = $"dotnet format (rules {string.Join(" ", orders[i])}, first diagnostic: {name})";
            try
            {
                var (result, warnings) = await FormatterSimulation.RunAsync(project, orders[i], pick, cancellationToken);
                problems.AddRange(warnings.Select(w => what + ": " + w));
                var text = await FixSafety.SnapshotAsync(result, cancellationToken);
                if (firstResult is null)
                {
                    firstResult = text;
                    formatted = result;
                }
                else if (text != firstResult)
                {
                    problems.Add($"{what} gives another result than the first order:{Environment.NewLine}{text}{Environment.NewLine}--- first:{Environment.NewLine}{firstResult}");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add(what + " threw: " + e);
            }
        }

        if (formatted is not null)
        {
            foreach (var problem in await FixSafety.CompareAsync(project, before, formatted, _ => false, cancellationToken))
            {
                problems.Add("dotnet format: " + problem + Environment.NewLine + firstResult);
            }

            // One run fixes everything that has a fix; a second run changes nothing.
            var left = await FixSafety.AnalyzeAsync(formatted, cancellationToken);
            foreach (var diagnostic in FixSafety.Ours(left).Where(d => ids.Contains(d.Id)))
            {
                foreach (var fixer in FixersOf(diagnostic.Id))
                {
                    var actions = await FixSafety.GetActionsAsync(fixer, formatted.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, cancellationToken);
                    if (!actions.IsEmpty)
                    {
                        problems.Add($"dotnet format left a fixable diagnostic after one run: {FixSafety.Describe(diagnostic)} ({actions[0].EquivalenceKey}){Environment.NewLine}{firstResult}");
                    }
                }
            }

            var (again, _) = await FormatterSimulation.RunAsync(formatted, ids, FormatterSimulation.Picks[0].Pick, cancellationToken);
            if (await FixSafety.SnapshotAsync(again, cancellationToken) != firstResult)
            {
                problems.Add($"a second dotnet format run changed the code:{Environment.NewLine}{await FixSafety.SnapshotAsync(again, cancellationToken)}{Environment.NewLine}--- after the first:{Environment.NewLine}{firstResult}");
            }
        }

        return problems;
    }

    private static IEnumerable<CodeFixProvider> FixersOf(string id) => FixSafety.Fixers.Where(f => f.FixableDiagnosticIds.Contains(id));

    private static Func<string, bool> AllowNew(string? key) =>
        id => key is not null && AllowedNewDiagnosticByKeySuffix.Any(p => key.EndsWith(p.Key, StringComparison.Ordinal) && p.Value == id);

    private static async Task<Project?> FixAllAsync(Project project, CodeFixProvider fixer, string? key, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var ids = fixer.FixableDiagnosticIds.Where(id => diagnostics.Any(d => d.Id == id)).ToImmutableArray();
        var provider = fixer.GetFixAllProvider();
        if (provider is null)
        {
            return null;
        }

        var context = new FixAllContext(project, fixer, FixAllScope.Solution, key!, ids, new KnownDiagnostics(diagnostics), cancellationToken);
        var action = await provider.GetFixAsync(context);
        return action is null ? null : (await FixSafety.ApplyAsync(action, cancellationToken)).GetProject(project.Id);
    }

    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToImmutableArray());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(ImmutableArray<Diagnostic>.Empty);
    }
}
