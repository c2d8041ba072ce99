using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Tests.Fixes;

/// <summary>
/// What <c>dotnet format analyzers --diagnostics &lt;ids&gt; --severity info</c> does with a package's code fixes
/// (dotnet/sdk src/BuiltInTools/dotnet-format/Analyzers: AnalyzerFormatter.FixDiagnosticsAsync, SolutionCodeFixApplier):
/// it analyzes once to learn which IDs are reported, then for each of those IDs in turn (in hash-set order, which
/// differs between processes) it analyzes again, keeping every diagnostic of any of the requested IDs (our one
/// analyzer reports them all); takes the first of them (in the analyzer's output order, not stable) whatever its ID;
/// asks the ID's fixer to register fixes for it; takes the first registered action's equivalence key (null when none);
/// and applies the fixer's Fix All provider in solution scope with that key and that ID. The order of IDs and the
/// choice of the first diagnostic are parameters here, so a test can try several.
/// </summary>
internal static class FormatterSimulation
{
    /// <summary>One run. Returns the final project and the warnings the formatter would print.</summary>
    /// <param name="idOrder">The order the reported IDs are fixed in (IDs not reported at the start are never fixed).</param>
    /// <param name="pickFirst">Chooses "the first diagnostic" among all diagnostics of the requested IDs.</param>
    public static async Task<(Project Project, ImmutableArray<string> Warnings)> RunAsync(
        Project project,
        ImmutableArray<string> idOrder,
        Func<ImmutableArray<Diagnostic>, string, Diagnostic> pickFirst,
        CancellationToken cancellationToken = default)
    {
        var requested = idOrder.ToImmutableHashSet(StringComparer.Ordinal);
        var warnings = ImmutableArray.CreateBuilder<string>();
        var reported = Requested(await FixSafety.AnalyzeAsync(project, cancellationToken), requested).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var solution = project.Solution;
        foreach (var id in idOrder)
        {
            if (!reported.Contains(id))
            {
                continue;
            }

            var fixers = FixSafety.Fixers.Where(f => f.FixableDiagnosticIds.Contains(id)).ToList();
            if (fixers.Count == 0)
            {
                continue;
            }

            var current = solution.GetProject(project.Id)!;
            var run = await FixSafety.AnalyzeAsync(current, cancellationToken);
            if (!run.Failures.IsEmpty)
            {
                warnings.Add($"analyzer failure while fixing {id}: {run.Failures[0]}");
            }

            var diagnostics = Requested(run, requested).ToImmutableArray();
            if (diagnostics.IsEmpty)
            {
                continue;
            }

            foreach (var fixer in fixers)
            {
                var first = pickFirst(diagnostics, id);
                var document = current.GetDocument(first.Location.SourceTree)!;
                CodeAction? action = null;
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (a, _) => action ??= a, cancellationToken));
                var provider = fixer.GetFixAllProvider();
                if (provider is null || !provider.GetSupportedFixAllScopes().Contains(FixAllScope.Solution))
                {
                    warnings.Add($"Unable to fix {id}. Code fix {fixer.GetType().Name} doesn't support Fix All in Solution.");
                    continue;
                }

                var context = new FixAllContext(document, fixer, FixAllScope.Solution, action?.EquivalenceKey!, new[] { id }, new Provider(diagnostics), cancellationToken);
                var fixAll = await provider.GetFixAsync(context);
                if (fixAll is null)
                {
                    warnings.Add($"Unable to fix {id}. Code fix {fixer.GetType().Name} didn't return a Fix All action.");
                    continue;
                }

                var changed = await FixSafety.ApplyAsync(fixAll, cancellationToken);
                if (changed.GetChanges(solution).GetProjectChanges().Any())
                {
                    solution = changed;
                }
            }
        }

        return (solution.GetProject(project.Id)!, warnings.ToImmutable());
    }

    /// <summary>The ways "the first diagnostic" is chosen: by position, the last one, one of another ID than the one fixed, one of the same ID.</summary>
    public static ImmutableArray<(string Name, Func<ImmutableArray<Diagnostic>, string, Diagnostic> Pick)> Picks { get; } = ImmutableArray.Create<(string, Func<ImmutableArray<Diagnostic>, string, Diagnostic>)>(
        ("first", (all, _) => Sorted(all).First()),
        ("last", (all, _) => Sorted(all).Last()),
        ("another rule's", (all, id) => Sorted(all).FirstOrDefault(d => d.Id != id) ?? Sorted(all).Last()),
        ("the rule's last", (all, id) => Sorted(all).LastOrDefault(d => d.Id == id) ?? Sorted(all).First()));

    private static IEnumerable<Diagnostic> Sorted(ImmutableArray<Diagnostic> diagnostics) => diagnostics
        .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
        .ThenBy(d => d.Location.SourceSpan.Start)
        .ThenBy(d => d.Id, StringComparer.Ordinal);

    /// <summary>What the formatter keeps of an analysis: the requested IDs, in source, not suppressed, Info or above.</summary>
    private static IEnumerable<Diagnostic> Requested(AnalyzerRun run, ImmutableHashSet<string> requested) => run.Diagnostics
        .Where(d => requested.Contains(d.Id) && d.Location.IsInSource && !d.IsSuppressed && d.Severity >= DiagnosticSeverity.Info);

    /// <summary>The formatter's provider: every kept diagnostic of the project, whatever its ID (FixAllContext filters by ID).</summary>
    private sealed class Provider : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public Provider(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath).ToImmutableArray());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
