using System.Collections.Immutable;
using System.Globalization;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Fixes;

/// <summary>
/// The safety invariant of a code change made by a fix, judged with every rule of the product on: the result has no
/// compiler error the input did not have, and no diagnostic of ours that the input did not have. Diagnostics outside
/// the changed text are matched by ID and position (mapped through the change); those the change touched are matched
/// by count per ID: a fix may move a diagnostic it did not fix, never add one.
/// </summary>
internal static class FixSafety
{
    /// <summary>The product's analyzers and code fixes.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = MetaTests.CreateAnalyzers();

    public static ImmutableArray<CodeFixProvider> Fixers { get; } = MetaTests.CreateCodeFixes();

    /// <summary>Analyzes the project with every analyzer of the product; analyzer exceptions are failures of the caller.</summary>
    public static Task<AnalyzerRun> AnalyzeAsync(Project project, CancellationToken cancellationToken = default) =>
        TestProjectFactory.AnalyzeAsync(project, Analyzers, cancellationToken: cancellationToken);

    /// <summary>Our diagnostics of a run (every CORS rule; not AD0001).</summary>
    public static IEnumerable<Diagnostic> Ours(AnalyzerRun run) =>
        run.Diagnostics.Where(d => d.Id.StartsWith("CORS", StringComparison.Ordinal) && d.Location.IsInSource && !d.IsSuppressed);

    /// <summary>
    /// What is wrong with <paramref name="after"/> compared with <paramref name="before"/> (empty when nothing):
    /// new compiler errors, new diagnostics of ours (except IDs <paramref name="allowNew"/> accepts), analyzer failures.
    /// </summary>
    public static async Task<List<string>> CompareAsync(
        Project before,
        AnalyzerRun beforeRun,
        Project after,
        Func<string, bool>? allowNew = null,
        CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var afterRun = await AnalyzeAsync(after, cancellationToken);
        problems.AddRange(afterRun.Failures.Select(f => "analyzer failure after the fix: " + f));

        // Compiler errors: none that the input did not have (counted per ID and message).
        var errorsBefore = Errors(beforeRun.Compilation).GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        foreach (var group in Errors(afterRun.Compilation).GroupBy(e => e))
        {
            if (group.Count() > errorsBefore.GetValueOrDefault(group.Key))
            {
                problems.Add("new compiler error: " + group.Key);
            }
        }

        // Our diagnostics: the ones outside the changed text by position, the others by count per ID.
        var changes = new Dictionary<string, ImmutableArray<TextChange>>(StringComparer.Ordinal);
        foreach (var document in after.Documents)
        {
            var old = before.GetDocument(document.Id);
            if (old is null)
            {
                continue;
            }

            changes[document.FilePath ?? document.Name] = (await document.GetTextChangesAsync(old, cancellationToken)).OrderBy(c => c.Span.Start).ToImmutableArray();
        }

        var unmatchedBefore = new List<(string Id, string Path, TextSpan? Span)>();
        foreach (var diagnostic in Ours(beforeRun))
        {
            var path = diagnostic.Location.SourceTree!.FilePath;
            var mapped = changes.TryGetValue(path, out var documentChanges) ? Map(diagnostic.Location.SourceSpan, documentChanges) : diagnostic.Location.SourceSpan;
            unmatchedBefore.Add((diagnostic.Id, path, mapped));
        }

        var unmatchedAfter = new List<Diagnostic>();
        foreach (var diagnostic in Ours(afterRun))
        {
            var index = unmatchedBefore.FindIndex(b => b.Id == diagnostic.Id && b.Span == diagnostic.Location.SourceSpan && b.Path == diagnostic.Location.SourceTree!.FilePath);
            if (index >= 0)
            {
                unmatchedBefore.RemoveAt(index);
            }
            else
            {
                unmatchedAfter.Add(diagnostic);
            }
        }

        foreach (var group in unmatchedAfter.GroupBy(d => d.Id))
        {
            var touched = unmatchedBefore.Count(b => b.Id == group.Key && b.Span is null);
            if (group.Count() > touched && allowNew?.Invoke(group.Key) != true)
            {
                problems.Add($"new {group.Key} diagnostic(s) ({group.Count()} where the change touched {touched}): " +
                    string.Join("; ", group.Select(Describe)));
            }
        }

        return problems;
    }

    /// <summary>The span in the changed text, or null when a change overlaps it.</summary>
    public static TextSpan? Map(TextSpan span, ImmutableArray<TextChange> changes)
    {
        var delta = 0;
        foreach (var change in changes)
        {
            if (change.Span.End <= span.Start)
            {
                delta += change.NewText!.Length - change.Span.Length;
            }
            else if (change.Span.Start >= span.End)
            {
                break;
            }
            else
            {
                return null;
            }
        }

        return new TextSpan(span.Start + delta, span.Length);
    }

    /// <summary>Applies a code action to <paramref name="solution"/>: the solution of its one ApplyChangesOperation.</summary>
    public static async Task<Solution> ApplyAsync(CodeAction action, CancellationToken cancellationToken = default)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        var apply = operations.OfType<ApplyChangesOperation>().ToList();
        if (apply.Count != 1)
        {
            throw new InvalidOperationException($"The code action '{action.Title}' ({action.EquivalenceKey}) produced {apply.Count} ApplyChangesOperation(s).");
        }

        return apply[0].ChangedSolution;
    }

    /// <summary>Every code action the fixer registers for the diagnostic, nested actions flattened, in registration order.</summary>
    public static async Task<ImmutableArray<CodeAction>> GetActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken = default)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
        return Flatten(actions).ToImmutableArray();

        static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions) =>
            actions.SelectMany(a => a.NestedActions.IsDefaultOrEmpty ? new[] { a } : Flatten(a.NestedActions));
    }

    /// <summary>The text of every source document (not the generated global usings), by path.</summary>
    public static async Task<string> SnapshotAsync(Project project, CancellationToken cancellationToken = default)
    {
        var parts = new List<string>();
        foreach (var document in project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            if (document.FilePath == TestProjectFactory.GlobalUsingsPath)
            {
                continue;
            }

            parts.Add("// " + document.FilePath + "\n" + (await document.GetTextAsync(cancellationToken)));
        }

        return string.Join("\n", parts);
    }

    public static string Describe(Diagnostic diagnostic)
    {
        var text = diagnostic.Location.SourceTree!.GetText();
        var line = text.Lines.GetLinePosition(diagnostic.Location.SourceSpan.Start);
        var content = text.ToString(diagnostic.Location.SourceSpan).Replace("\n", "\\n", StringComparison.Ordinal);
        if (content.Length > 60)
        {
            content = content.Substring(0, 57) + "...";
        }

        return $"{diagnostic.Id} at {Path.GetFileName(diagnostic.Location.SourceTree.FilePath)}({line.Line + 1},{line.Character + 1}) [{content}] \"{diagnostic.GetMessage(CultureInfo.InvariantCulture)}\"";
    }

    private static IEnumerable<string> Errors(Compilation compilation) => compilation.GetDiagnostics()
        .Where(d => d.Severity == DiagnosticSeverity.Error)
        .Select(d => d.Id + ": " + d.GetMessage(CultureInfo.InvariantCulture));
}
