using System.Collections.Immutable;
using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.RuntimeTests.FixOracle;

/// <summary>How a code fix was applied.</summary>
internal enum FixMode
{
    /// <summary>The action with the key, at the first diagnostic that offers it, again until none does (the IDE, one at a time).</summary>
    OneAtATime,

    /// <summary>The fixer's Fix All provider in document scope with the key (what <c>dotnet format</c> and an IDE's "Fix all" run).</summary>
    FixAll,
}

/// <summary>Applies a rule's real code fixes to a project in a Roslyn workspace, as the rule tests' verifier does.</summary>
internal sealed class CodeFixRunner
{
    private const int MaxIterations = 10;

    private readonly DiagnosticAnalyzer _analyzer;
    private readonly CodeFixProvider _fixer;

    // Projects are immutable: each one's diagnostics are computed once (the keys offered, then each fix's first step).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Project, Task<ImmutableArray<Diagnostic>>> _diagnostics = new();

    public CodeFixRunner(DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
    {
        _analyzer = analyzer;
        _fixer = fixer;
    }

    public DiagnosticAnalyzer Analyzer => _analyzer;

    /// <summary>The fixable diagnostics of the project, in file and position order.</summary>
    public Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project, CancellationToken cancellationToken = default) =>
        _diagnostics.GetValue(project, p => ComputeDiagnosticsAsync(p, cancellationToken));

    /// <summary>Every diagnostic the analyzer reports on the project, fixable or not.</summary>
    public async Task<ImmutableArray<Diagnostic>> AllDiagnosticsAsync(Project project, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        return await compilation
            .WithAnalyzers(ImmutableArray.Create(_analyzer), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<ImmutableArray<Diagnostic>> ComputeDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(_analyzer), project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        return diagnostics
            .Where(d => _fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
    }

    /// <summary>
    /// Every equivalence key the fixer offers for the project's diagnostics, in the order first offered, with how many
    /// diagnostics offer it.
    /// </summary>
    public async Task<ImmutableArray<(string Key, int Sites)>> OfferedKeysAsync(Project project, CancellationToken cancellationToken = default)
    {
        var keys = new List<(string Key, int Sites)>();
        foreach (var diagnostic in await DiagnosticsAsync(project, cancellationToken).ConfigureAwait(false))
        {
            foreach (var key in (await ActionsAsync(project, diagnostic, cancellationToken).ConfigureAwait(false)).Select(a => a.EquivalenceKey).OfType<string>().Distinct())
            {
                var index = keys.FindIndex(k => k.Key == key);
                if (index < 0)
                {
                    keys.Add((key, 1));
                }
                else
                {
                    keys[index] = (key, keys[index].Sites + 1);
                }
            }
        }

        return keys.ToImmutableArray();
    }

    /// <summary>
    /// The project after the fix with <paramref name="key"/> is applied in <paramref name="mode"/>; with no key, the
    /// first action offered at the first diagnostic, one at a time (the IDE's default).
    /// </summary>
    public async Task<Project> ApplyAsync(Project project, string? key, FixMode mode, CancellationToken cancellationToken = default)
    {
        var solution = project.Solution;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var current = solution.GetProject(project.Id)!;
            Diagnostic? trigger = null;
            CodeAction? chosen = null;
            foreach (var diagnostic in await DiagnosticsAsync(current, cancellationToken).ConfigureAwait(false))
            {
                chosen = (await ActionsAsync(current, diagnostic, cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => key is null || a.EquivalenceKey == key);
                if (chosen is not null)
                {
                    trigger = diagnostic;
                    break;
                }
            }

            if (trigger is null)
            {
                return current;
            }

            if (mode == FixMode.FixAll && key is not null)
            {
                var provider = _fixer.GetFixAllProvider() ?? throw new InvalidOperationException(_fixer.GetType().Name + " has no Fix All provider.");
                var ids = ImmutableArray.Create(trigger.Id);
                var context = new FixAllContext(
                    current.GetDocument(trigger.Location.SourceTree)!, _fixer, FixAllScope.Document, key, ids, new DiagnosticProvider(this), cancellationToken);
                chosen = await provider.GetFixAsync(context).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The Fix All provider returned no action for '" + key + "'.");
            }

            var operations = await chosen!.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        throw new InvalidOperationException($"The fix '{key}' was still offered after {MaxIterations} iterations.");
    }

    private async Task<ImmutableArray<CodeAction>> ActionsAsync(Project project, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var document = project.GetDocument(diagnostic.Location.SourceTree)!;
        await _fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
        return Flatten(actions).ToImmutableArray();
    }

    private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions) =>
        actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : Flatten(a.NestedActions));

    private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly CodeFixRunner _runner;

        public DiagnosticProvider(CodeFixRunner runner) => _runner = runner;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            (await _runner.DiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false)).Where(d => d.Location.SourceTree?.FilePath == document.FilePath);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await _runner.DiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await _runner.DiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
    }
}
