using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Runs one test against one reference set: diagnostics, code fix, Fix All.</summary>
internal sealed class VerifierEngine
{
    private const int MaxFixIterations = 10;

    private readonly ReferenceSet _references;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly CompilerDiagnostics _compilerDiagnostics;
    private readonly ImmutableHashSet<string> _disabled;
    private readonly string? _editorConfig;
    private readonly DiagnosticDescriptor? _defaultDescriptor;

    public VerifierEngine(
        ReferenceSet references,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        CompilerDiagnostics compilerDiagnostics,
        IEnumerable<string> disabledDiagnostics,
        string? editorConfig)
    {
        _references = references;
        _analyzers = analyzers;
        _compilerDiagnostics = compilerDiagnostics;
        _disabled = disabledDiagnostics.ToImmutableHashSet(StringComparer.Ordinal);
        _editorConfig = editorConfig;
        _defaultDescriptor = analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault();
    }

    private string Prefix => "[" + _references.Name + "] ";

    public async Task VerifyDiagnosticsAsync(TestState state, CancellationToken cancellationToken)
    {
        var (project, expected) = Prepare(state);
        await VerifyProjectAsync(project, expected, "test code", cancellationToken).ConfigureAwait(false);
    }

    public async Task VerifyCodeFixAsync(
        TestState testState,
        TestState fixedState,
        TestState batchState,
        CodeFixProvider fixer,
        string? equivalenceKey,
        CancellationToken cancellationToken)
    {
        var (project, _) = Prepare(testState);
        var (_, fixedExpected) = Prepare(fixedState);
        var fixedSources = StripAll(fixedState);
        var fixableIds = fixer.FixableDiagnosticIds.ToImmutableHashSet(StringComparer.Ordinal);

        // 1. One fix at a time until none is left.
        var solution = project.Solution;
        string? chosenKey = equivalenceKey;
        var appliedAny = false;
        for (var iteration = 0; ; iteration++)
        {
            var current = solution.GetProject(project.Id)!;
            var diagnostics = await FixableDiagnosticsAsync(current, fixableIds, cancellationToken).ConfigureAwait(false);
            CodeAction? chosen = null;
            var offered = new List<string>();
            foreach (var diagnostic in diagnostics)
            {
                var document = current.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = await GetActionsAsync(fixer, document, diagnostic, cancellationToken).ConfigureAwait(false);
                foreach (var action in actions)
                {
                    offered.Add(DescribeAction(action));
                    if (chosen is null && (equivalenceKey is null || action.EquivalenceKey == equivalenceKey))
                    {
                        chosen = action;
                    }
                }

                if (chosen is not null)
                {
                    break;
                }
            }

            if (chosen is null)
            {
                if (iteration == 0 && equivalenceKey is not null && offered.Count > 0)
                {
                    throw Fail($"No code action with equivalence key '{equivalenceKey}' was offered. Offered:{Environment.NewLine}  " +
                        string.Join(Environment.NewLine + "  ", offered.Distinct()));
                }

                break;
            }

            if (iteration >= MaxFixIterations)
            {
                throw Fail($"The code fix was still offered after {MaxFixIterations} iterations: it does not converge.");
            }

            chosenKey ??= chosen.EquivalenceKey;
            solution = await ApplyAsync(chosen, solution, cancellationToken).ConfigureAwait(false);
            appliedAny = true;
        }

        if (!appliedAny && !SameTexts(testState, fixedSources))
        {
            throw Fail("No code fix was offered for the test code (fixable IDs: " + string.Join(", ", fixableIds) + "), but the fixed code differs from the test code.");
        }

        var fixedProject = solution.GetProject(project.Id)!;
        await CompareDocumentsAsync(fixedProject, fixedSources, "code fix", cancellationToken).ConfigureAwait(false);
        await VerifyProjectAsync(fixedProject, fixedExpected, "fixed code", cancellationToken).ConfigureAwait(false);

        // 2. Fix All, per scope, from the test code.
        if (!appliedAny)
        {
            return;
        }

        var fixAllProvider = fixer.GetFixAllProvider();
        if (fixAllProvider is null)
        {
            return;
        }

        var (_, batchExpected) = Prepare(batchState);
        var batchSources = StripAll(batchState);
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution })
        {
            if (!fixAllProvider.GetSupportedFixAllScopes().Contains(scope))
            {
                continue;
            }

            var batchProject = await FixAllAsync(project, fixer, fixAllProvider, scope, chosenKey, fixableIds, cancellationToken).ConfigureAwait(false);
            await CompareDocumentsAsync(batchProject, batchSources, "Fix All (" + scope + ")", cancellationToken).ConfigureAwait(false);
            await VerifyProjectAsync(batchProject, batchExpected, "Fix All (" + scope + ") code", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Project> FixAllAsync(
        Project project,
        CodeFixProvider fixer,
        FixAllProvider fixAllProvider,
        FixAllScope scope,
        string? key,
        ImmutableHashSet<string> fixableIds,
        CancellationToken cancellationToken)
    {
        var solution = project.Solution;
        for (var iteration = 0; ; iteration++)
        {
            var current = solution.GetProject(project.Id)!;
            var diagnostics = await FixableDiagnosticsAsync(current, fixableIds, cancellationToken).ConfigureAwait(false);
            Diagnostic? trigger = null;
            foreach (var diagnostic in diagnostics)
            {
                var document = current.GetDocument(diagnostic.Location.SourceTree)!;
                var actions = await GetActionsAsync(fixer, document, diagnostic, cancellationToken).ConfigureAwait(false);
                if (actions.Any(a => a.EquivalenceKey == key))
                {
                    trigger = diagnostic;
                    break;
                }
            }

            if (trigger is null)
            {
                return current;
            }

            if (iteration >= MaxFixIterations)
            {
                throw Fail($"Fix All ({scope}) still had something to fix after {MaxFixIterations} iterations.");
            }

            var ids = ImmutableArray.Create(trigger.Id);
            var provider = new TestDiagnosticProvider(this, ids);
            var triggerDocument = current.GetDocument(trigger.Location.SourceTree)!;
            var context = scope == FixAllScope.Document
                ? new FixAllContext(triggerDocument, fixer, scope, key, ids, provider, cancellationToken)
                : new FixAllContext(current, fixer, scope, key, ids, provider, cancellationToken);
            var action = await fixAllProvider.GetFixAsync(context).ConfigureAwait(false);
            if (action is null)
            {
                throw Fail($"The Fix All provider returned no code action for scope {scope} and key '{key}'.");
            }

            solution = await ApplyAsync(action, solution, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(Project project, ImmutableHashSet<string> fixableIds, CancellationToken cancellationToken)
    {
        var run = await TestProjectFactory.AnalyzeAsync(project, _analyzers, cancellationToken: cancellationToken).ConfigureAwait(false);
        ThrowOnAnalyzerFailures(run, "while fixing");
        return run.Diagnostics
            .Where(d => fixableIds.Contains(d.Id) && !_disabled.Contains(d.Id) && d.Location.IsInSource)
            .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Location.SourceSpan.End)
            .ToImmutableArray();
    }

    internal async Task<ImmutableArray<Diagnostic>> AllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var run = await TestProjectFactory.AnalyzeAsync(project, _analyzers, cancellationToken: cancellationToken).ConfigureAwait(false);
        ThrowOnAnalyzerFailures(run, "during Fix All");
        return run.Diagnostics.Where(d => !_disabled.Contains(d.Id)).ToImmutableArray();
    }

    private static async Task<ImmutableArray<CodeAction>> GetActionsAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = ImmutableArray.CreateBuilder<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return Flatten(actions).ToImmutableArray();
    }

    private static IEnumerable<CodeAction> Flatten(IEnumerable<CodeAction> actions)
    {
        foreach (var action in actions)
        {
            if (action.NestedActions.IsDefaultOrEmpty)
            {
                yield return action;
            }
            else
            {
                foreach (var nested in Flatten(action.NestedActions))
                {
                    yield return nested;
                }
            }
        }
    }

    private static string DescribeAction(CodeAction action) => "'" + action.EquivalenceKey + "' (\"" + action.Title + "\")";

    private async Task<Solution> ApplyAsync(CodeAction action, Solution solution, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        var apply = operations.OfType<ApplyChangesOperation>().ToList();
        if (apply.Count != 1)
        {
            throw Fail($"The code action {DescribeAction(action)} produced {apply.Count} ApplyChangesOperation(s); expected exactly one.");
        }

        return apply[0].ChangedSolution;
    }

    private (Project Project, ImmutableArray<ExpectedDiagnostic> Expected) Prepare(TestState state)
    {
        var parsedSources = state.Sources.Select(s => (s.Name, Markup: TestMarkup.Parse(s.Text))).ToList();
        var parsedFiles = (state.AdditionalFiles.IsDefault ? ImmutableArray<(string Name, string Text)>.Empty : state.AdditionalFiles)
            .Select(s => (s.Name, Markup: TestMarkup.Parse(s.Text))).ToList();
        var project = TestProjectFactory.CreateProject(
            _references,
            parsedSources.Select(p => (p.Name, p.Markup.Text)),
            _editorConfig,
            _analyzers,
            additionalFiles: parsedFiles.Select(p => (p.Name, p.Markup.Text)));
        var parsed = parsedSources.Concat(parsedFiles).ToList();

        var keys = new Dictionary<int, (string Path, TextSpan Span)>();
        var expected = ImmutableArray.CreateBuilder<ExpectedDiagnostic>();
        foreach (var (name, markup) in parsed)
        {
            var path = TestProjectFactory.ProjectFolder + name;
            foreach (var span in markup.Spans)
            {
                if (span.Key is { } key)
                {
                    if (!keys.TryAdd(key, (path, span.Span)))
                    {
                        throw new ArgumentException($"The markup key {{|#{key}:...|}} is defined twice.");
                    }
                }
                else
                {
                    var descriptor = span.Id is null
                        ? _defaultDescriptor ?? throw new ArgumentException("[|...|] markup needs an analyzer with a supported diagnostic.")
                        : FindDescriptor(span.Id);
                    var result = descriptor is null ? new DiagnosticResult(span.Id!, null) : new DiagnosticResult(descriptor);
                    expected.Add(new ExpectedDiagnostic(result, path, span.Span, ImmutableArray<(string, TextSpan)>.Empty));
                }
            }
        }

        foreach (var result in state.ExpectedDiagnostics)
        {
            var locations = new List<(string Path, TextSpan Span)>();
            foreach (var location in result.Locations)
            {
                if (location.MarkupKey is { } key)
                {
                    if (!keys.TryGetValue(key, out var resolved))
                    {
                        throw new ArgumentException($"Expected diagnostic {result} references markup key {key}, but no {{|#{key}:...|}} is in the sources.");
                    }

                    locations.Add(resolved);
                }
                else
                {
                    locations.Add((location.Path!, location.Span));
                }
            }

            expected.Add(locations.Count == 0
                ? new ExpectedDiagnostic(result, null, default, ImmutableArray<(string, TextSpan)>.Empty)
                : new ExpectedDiagnostic(result, locations[0].Path, locations[0].Span, locations.Skip(1).ToImmutableArray()));
        }

        return (project, expected.ToImmutable());
    }

    private DiagnosticDescriptor? FindDescriptor(string id) =>
        _analyzers.SelectMany(a => a.SupportedDiagnostics).FirstOrDefault(d => d.Id == id);

    internal DiagnosticResult CreateResult(string id)
    {
        var descriptor = FindDescriptor(id);
        return descriptor is null ? new DiagnosticResult(id, null) : new DiagnosticResult(descriptor);
    }

    private static ImmutableArray<(string Path, string Text)> StripAll(TestState state) =>
        state.Sources.Select(s => (TestProjectFactory.ProjectFolder + s.Name, TestMarkup.Parse(s.Text).Text)).ToImmutableArray();

    private static bool SameTexts(TestState state, ImmutableArray<(string Path, string Text)> other)
    {
        var stripped = StripAll(state);
        return stripped.Length == other.Length && stripped.Zip(other).All(p =>
            p.First.Path == p.Second.Path && TextDiff.NormalizeLineEndings(p.First.Text) == TextDiff.NormalizeLineEndings(p.Second.Text));
    }

    private async Task CompareDocumentsAsync(Project project, ImmutableArray<(string Path, string Text)> expected, string what, CancellationToken cancellationToken)
    {
        var failures = new StringBuilder();
        var expectedByPath = expected.ToDictionary(e => e.Path, e => e.Text, StringComparer.Ordinal);
        foreach (var document in project.Documents)
        {
            if (document.FilePath == TestProjectFactory.GlobalUsingsPath)
            {
                continue;
            }

            var actual = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
            var path = document.FilePath ?? document.Name;
            if (!expectedByPath.Remove(path, out var expectedText))
            {
                failures.AppendLine($"The {what} added the document '{path}':").AppendLine(actual);
                continue;
            }

            if (TextDiff.NormalizeLineEndings(expectedText) != TextDiff.NormalizeLineEndings(actual))
            {
                failures.AppendLine($"{path} after the {what} differs from the expected text:")
                    .AppendLine(TextDiff.Unified(expectedText, actual))
                    .AppendLine("Actual text:")
                    .AppendLine(actual);
            }
        }

        foreach (var path in expectedByPath.Keys)
        {
            failures.AppendLine($"The {what} removed the document '{path}'.");
        }

        if (failures.Length > 0)
        {
            throw Fail(failures.ToString());
        }
    }

    private async Task VerifyProjectAsync(Project project, ImmutableArray<ExpectedDiagnostic> expected, string what, CancellationToken cancellationToken)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        VerifyCompiles(compilation, what);

        var run = await TestProjectFactory.AnalyzeAsync(compilation, project.AnalyzerOptions, _analyzers, cancellationToken: cancellationToken).ConfigureAwait(false);
        ThrowOnAnalyzerFailures(run, "on the " + what);

        var actual = run.Diagnostics
            .Where(d => !_disabled.Contains(d.Id))
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var expectedList = expected.Where(e => !_disabled.Contains(e.Result.Id)).ToList();
        var unmatchedActual = new List<Diagnostic>(actual);
        var unmatchedExpected = new List<ExpectedDiagnostic>();
        foreach (var e in expectedList)
        {
            var index = unmatchedActual.FindIndex(a => Matches(e, a) is null);
            if (index >= 0)
            {
                unmatchedActual.RemoveAt(index);
            }
            else
            {
                unmatchedExpected.Add(e);
            }
        }

        if (unmatchedExpected.Count == 0 && unmatchedActual.Count == 0)
        {
            return;
        }

        var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            texts[tree.FilePath] = tree.GetText(cancellationToken);
        }

        foreach (var file in project.AnalyzerOptions.AdditionalFiles)
        {
            if (file.GetText(cancellationToken) is { } text)
            {
                texts[file.Path] = text;
            }
        }

        var message = new StringBuilder();
        message.AppendLine($"Diagnostics of the {what} differ from the expected ones.");
        if (unmatchedExpected.Count > 0)
        {
            message.AppendLine($"Expected but not reported ({unmatchedExpected.Count}):");
            foreach (var e in unmatchedExpected)
            {
                message.Append("  ").AppendLine(Describe(e, texts));
                foreach (var a in unmatchedActual)
                {
                    var why = Matches(e, a);
                    if (why is not null && why.StartsWith("  same id and span", StringComparison.Ordinal))
                    {
                        message.AppendLine(why);
                    }
                }
            }
        }

        if (unmatchedActual.Count > 0)
        {
            message.AppendLine($"Reported but not expected ({unmatchedActual.Count}):");
            foreach (var a in unmatchedActual)
            {
                message.Append("  ").AppendLine(Describe(a));
            }
        }

        message.AppendLine($"All expected ({expectedList.Count}):");
        foreach (var e in expectedList)
        {
            message.Append("  ").AppendLine(Describe(e, texts));
        }

        message.AppendLine($"All reported ({actual.Count}):");
        foreach (var a in actual)
        {
            message.Append("  ").AppendLine(Describe(a));
        }

        var markup = ActualAsMarkup(texts, actual);
        if (markup is not null)
        {
            message.AppendLine("Reported diagnostics as markup:").AppendLine(markup);
        }

        throw Fail(message.ToString());
    }

    private void VerifyCompiles(Compilation compilation, string what)
    {
        if (_compilerDiagnostics == CompilerDiagnostics.None)
        {
            return;
        }

        var minimum = _compilerDiagnostics == CompilerDiagnostics.Warnings ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= minimum && !_disabled.Contains(d.Id))
            .ToList();
        if (problems.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine($"The {what} does not compile ({problems.Count} compiler diagnostic(s) of severity {minimum} or higher):");
        foreach (var problem in problems)
        {
            message.Append("  ").AppendLine(Describe(problem));
        }

        throw Fail(message.ToString());
    }

    private void ThrowOnAnalyzerFailures(AnalyzerRun run, string when)
    {
        var failures = run.Failures;
        if (failures.Length > 0)
        {
            throw Fail($"An analyzer threw {when}:{Environment.NewLine}" + string.Join(Environment.NewLine, failures));
        }
    }

    /// <summary>Null when <paramref name="actual"/> is the expected diagnostic, else why not.</summary>
    private static string? Matches(ExpectedDiagnostic expected, Diagnostic actual)
    {
        if (actual.Id != expected.Result.Id)
        {
            return "id";
        }

        // Source locations and locations in additional files (Location.Create(path, span, lineSpan)) alike.
        var hasLocation = actual.Location.IsInSource || actual.Location.Kind == LocationKind.ExternalFile;
        if (expected.Path is null)
        {
            if (hasLocation)
            {
                return "location";
            }
        }
        else if (!hasLocation || actual.Location.GetLineSpan().Path != expected.Path || actual.Location.SourceSpan != expected.Span)
        {
            return "location";
        }

        var reasons = new List<string>();
        if (expected.Result.Severity is { } severity && actual.Severity != severity)
        {
            reasons.Add($"severity: expected {severity}, actual {actual.Severity}");
        }

        var expectedMessage = expected.Result.ExpectedMessage(actual.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture));
        var actualMessage = actual.GetMessage(CultureInfo.InvariantCulture);
        if (expectedMessage is not null && expectedMessage != actualMessage)
        {
            reasons.Add($"message:{Environment.NewLine}      expected \"{expectedMessage}\"{Environment.NewLine}      actual   \"{actualMessage}\"");
        }

        if (expected.AdditionalLocations.Length > 0)
        {
            var actualAdditional = actual.AdditionalLocations
                .Select(l => (l.SourceTree?.FilePath ?? string.Empty, l.SourceSpan))
                .ToList();
            if (!actualAdditional.SequenceEqual(expected.AdditionalLocations))
            {
                reasons.Add("additional locations: expected " + string.Join(", ", expected.AdditionalLocations.Select(l => l.Path + l.Span)) +
                    ", actual " + string.Join(", ", actualAdditional.Select(l => l.Item1 + l.SourceSpan)));
            }
        }

        return reasons.Count == 0 ? null : "  same id and span, but " + string.Join("; ", reasons);
    }

    private static string Describe(ExpectedDiagnostic e, Dictionary<string, SourceText> texts)
    {
        var builder = new StringBuilder(e.Result.Id);
        if (e.Path is null)
        {
            builder.Append(" (no location)");
        }
        else
        {
            builder.Append(' ').Append(DescribeSpan(e.Path, e.Span, texts.TryGetValue(e.Path, out var text) ? text : null));
        }

        if (e.Result.Severity is { } severity)
        {
            builder.Append(' ').Append(severity);
        }

        var message = e.Result.Message ?? (e.Result.HasArguments ? e.Result.ExpectedMessage(e.Result.MessageFormat ?? "{0}") : null);
        if (e.Result.Message is not null || (e.Result.HasArguments && e.Result.MessageFormat is not null))
        {
            builder.Append(" \"").Append(message).Append('"');
        }
        else if (e.Result.HasArguments)
        {
            builder.Append(" arguments (").Append(string.Join(", ", e.Result.Arguments.Select(a => "\"" + a + "\""))).Append(')');
        }

        return builder.ToString();
    }

    private static string Describe(Diagnostic d)
    {
        var location = d.Location.IsInSource
            ? DescribeSpan(d.Location.SourceTree!.FilePath, d.Location.SourceSpan, d.Location.SourceTree.GetText())
            : d.Location.Kind == LocationKind.ExternalFile
                ? DescribeSpan(d.Location.GetLineSpan().Path, d.Location.SourceSpan, null) + " " + d.Location.GetLineSpan().Span
                : "(no location)";
        return $"{d.Id} {location} {d.Severity} \"{d.GetMessage(CultureInfo.InvariantCulture)}\"";
    }

    private static string DescribeSpan(string path, TextSpan span, SourceText? text)
    {
        if (text is null || span.End > text.Length)
        {
            return path + span;
        }

        var start = text.Lines.GetLinePosition(span.Start);
        var end = text.Lines.GetLinePosition(span.End);
        var content = text.ToString(span).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        if (content.Length > 80)
        {
            content = content.Substring(0, 77) + "...";
        }

        return $"{path}({start.Line + 1},{start.Character + 1})-({end.Line + 1},{end.Character + 1}) [{content}]";
    }

    private static string? ActualAsMarkup(Dictionary<string, SourceText> texts, List<Diagnostic> actual)
    {
        var builder = new StringBuilder();
        foreach (var (path, sourceText) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var inTree = actual.Where(d => (d.Location.IsInSource || d.Location.Kind == LocationKind.ExternalFile) && d.Location.GetLineSpan().Path == path).ToList();
            if (inTree.Count == 0)
            {
                continue;
            }

            // Insert from the end; at one position, closings go before openings, longer spans open first.
            var inserts = new List<(int Position, int Order, string Text)>();
            foreach (var d in inTree)
            {
                inserts.Add((d.Location.SourceSpan.Start, 1, "{|" + d.Id + ":"));
                inserts.Add((d.Location.SourceSpan.End, 0, "|}"));
            }

            var text = sourceText.ToString();
            foreach (var (position, _, insert) in inserts.OrderByDescending(i => i.Position).ThenByDescending(i => i.Order))
            {
                text = text.Insert(position, insert);
            }

            builder.AppendLine("// " + path).AppendLine(text);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private VerificationException Fail(string message) => new(Prefix + message);

    internal sealed record ExpectedDiagnostic(DiagnosticResult Result, string? Path, TextSpan Span, ImmutableArray<(string Path, TextSpan Span)> AdditionalLocations);

    private sealed class TestDiagnosticProvider : FixAllContext.DiagnosticProvider
    {
        private readonly VerifierEngine _engine;
        private readonly ImmutableArray<string> _ids;

        public TestDiagnosticProvider(VerifierEngine engine, ImmutableArray<string> ids)
        {
            _engine = engine;
            _ids = ids;
        }

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await _engine.AllDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => _ids.Contains(d.Id));

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            (await GetAllDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false))
                .Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == document.FilePath);

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await GetAllDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false)).Where(d => !d.Location.IsInSource);
    }
}
