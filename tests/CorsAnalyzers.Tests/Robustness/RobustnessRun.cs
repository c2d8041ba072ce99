using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Runs every analyzer of the product on projects (broken code, typically), the first action of every code fix on
/// what they report and, with that action's key, Fix All in the document, collecting exceptions: an analyzer
/// exception is AD0001 in the IDE, a fixer's is a failed light bulb. Safe to call from several threads.
/// </summary>
internal sealed class RobustnessRun
{
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly ImmutableArray<CodeFixProvider> _fixers;
    private readonly int _maxFixesPerRule;
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<string, int> _fixesPerRule = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _fixMilliseconds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _triedFixes = new(StringComparer.Ordinal);
    private int _projects;
    private int _fixesApplied;
    private int _fixAllsApplied;
    private long _analysisTicks;
    private long _fixTicks;

    /// <param name="maxFixesPerRule">Fixes tried per fixer and rule: a bound, so that a slow fixer does not dominate the run.</param>
    /// <param name="analyzers">The analyzers to run; default: the product's.</param>
    /// <param name="fixers">The code fixes to try; default: the product's.</param>
    public RobustnessRun(int maxFixesPerRule, ImmutableArray<DiagnosticAnalyzer>? analyzers = null, ImmutableArray<CodeFixProvider>? fixers = null)
    {
        _maxFixesPerRule = maxFixesPerRule;
        _analyzers = analyzers ?? MetaTests.CreateAnalyzers();
        _fixers = fixers ?? MetaTests.CreateCodeFixes();
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers => _analyzers;

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>Analyzes each project (in parallel) and tries the first fix of each fixable diagnostic not tried before.</summary>
    public Task RunAsync(IEnumerable<(string Description, Project Project)> projects) =>
        Parallel.ForEachAsync(
            projects,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            async (item, cancellationToken) => await RunOneAsync(item.Description, item.Project, cancellationToken));

    /// <summary>The counts and times of the run, and the time spent per fixer and rule.</summary>
    public void Report(ITestOutputHelper output)
    {
        output.WriteLine($"{_projects} variants, {_fixesApplied} fixes and {_fixAllsApplied} Fix All applied; analysis {Elapsed(_analysisTicks)}, fixes {Elapsed(_fixTicks)}");
        foreach (var pair in _fixMilliseconds.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  {pair.Key}: {_fixesPerRule.GetValueOrDefault(pair.Key)} fixes, {pair.Value} ms");
        }
    }

    /// <summary>Fails with the first failures, if any.</summary>
    public void AssertNoFailures() =>
        Xunit.Assert.True(_failures.IsEmpty, $"{_failures.Count} failure(s):{Environment.NewLine}" + string.Join(Environment.NewLine + Environment.NewLine, _failures.Take(10)));

    private async Task RunOneAsync(string description, Project project, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _projects);
        var watch = Stopwatch.StartNew();
        var run = await TestProjectFactory.AnalyzeAsync(project, _analyzers, cancellationToken: cancellationToken);
        Interlocked.Add(ref _analysisTicks, watch.ElapsedTicks);
        watch.Restart();
        foreach (var failure in run.Failures)
        {
            _failures.Enqueue($"{description}: {failure}");
        }

        var fixAllTried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var diagnostic in run.Diagnostics)
        {
            if (!diagnostic.Location.IsInSource)
            {
                continue;
            }

            foreach (var fixer in _fixers)
            {
                if (!fixer.FixableDiagnosticIds.Contains(diagnostic.Id))
                {
                    continue;
                }

                // The same diagnostic on the same member text was already fixed in another variant (later prefixes repeat
                // earlier members unchanged: fixing them again adds time, not coverage).
                var rule = fixer.GetType().Name + "/" + diagnostic.Id;
                if (_fixesPerRule.GetOrAdd(rule, 0) >= _maxFixesPerRule || !_triedFixes.TryAdd(FixKey(fixer, diagnostic), 0))
                {
                    continue;
                }

                _fixesPerRule.AddOrUpdate(rule, 1, (_, n) => n + 1);
                var fixWatch = Stopwatch.StartNew();
                var document = project.GetDocument(diagnostic.Location.SourceTree)!;
                var (error, key) = await TryFirstFixAsync(fixer, document, diagnostic, cancellationToken);
                Interlocked.Increment(ref _fixesApplied);
                if (error is not null)
                {
                    _failures.Enqueue($"{description}: {fixer.GetType().Name} on {diagnostic}: {error}");
                }
                else if (key is not null && fixAllTried.Add(rule))
                {
                    // Fix All in the document, once per rule and variant, with the key of the action just applied.
                    Interlocked.Increment(ref _fixAllsApplied);
                    var fixAllError = await TryFixAllAsync(fixer, document, diagnostic.Id, key, run.Diagnostics, cancellationToken);
                    if (fixAllError is not null)
                    {
                        _failures.Enqueue($"{description}: {fixer.GetType().Name} Fix All ({key}) in the document: {fixAllError}");
                    }
                }

                _fixMilliseconds.AddOrUpdate(rule, fixWatch.ElapsedMilliseconds, (_, v) => v + fixWatch.ElapsedMilliseconds);
            }
        }

        Interlocked.Add(ref _fixTicks, watch.ElapsedTicks);
    }

    /// <summary>The fixer, the rule, the text of the member (or top-level statement) holding the diagnostic and the span within it.</summary>
    private static string FixKey(CodeFixProvider fixer, Diagnostic diagnostic)
    {
        var root = diagnostic.Location.SourceTree!.GetRoot();
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var member = node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax) ?? root;
        var span = diagnostic.Location.SourceSpan;
        return $"{fixer.GetType().Name}|{diagnostic.Id}|{span.Start - member.FullSpan.Start}|{span.Length}|{member.ToFullString()}";
    }

    /// <summary>
    /// Registers the fixes and applies the first action; returns the exception text (or null) and the action's
    /// equivalence key (null when no action was offered).
    /// </summary>
    private static async Task<(string? Error, string? Key)> TryFirstFixAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        try
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken));
            var action = actions.FirstOrDefault();
            while (action is not null && !action.NestedActions.IsDefaultOrEmpty)
            {
                action = action.NestedActions[0];
            }

            if (action is null)
            {
                return (null, null);
            }

            await ApplyAsync(action, document.Project.Solution, cancellationToken);
            return (null, action.EquivalenceKey);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (e.ToString(), null);
        }
    }

    /// <summary>Fix All in <paramref name="document"/> for <paramref name="id"/> and <paramref name="key"/>; returns the exception text, or null.</summary>
    private static async Task<string?> TryFixAllAsync(
        CodeFixProvider fixer, Document document, string id, string key, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        try
        {
            var provider = fixer.GetFixAllProvider();
            if (provider is null)
            {
                return null;
            }

            var ids = ImmutableArray.Create(id);
            var context = new FixAllContext(document, fixer, FixAllScope.Document, key, ids, new KnownDiagnostics(diagnostics, id), cancellationToken);
            if (await provider.GetFixAsync(context) is { } action)
            {
                await ApplyAsync(action, document.Project.Solution, cancellationToken);
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.ToString();
        }
    }

    /// <summary>Computes the action's operations and the text of every document it changes.</summary>
    private static async Task ApplyAsync(CodeAction action, Solution solution, CancellationToken cancellationToken)
    {
        foreach (var operation in await action.GetOperationsAsync(cancellationToken))
        {
            if (operation is ApplyChangesOperation apply)
            {
                foreach (var changed in apply.ChangedSolution.GetChanges(solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                {
                    await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync(cancellationToken);
                }
            }
        }
    }

    /// <summary>The diagnostics of the analysis just made (the project is unchanged), for Fix All.</summary>
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics, string id) =>
            _diagnostics = diagnostics.Where(d => d.Id == id).ToImmutableArray();

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => !d.Location.IsInSource));
    }

    private static TimeSpan Elapsed(long ticks) => TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
}
