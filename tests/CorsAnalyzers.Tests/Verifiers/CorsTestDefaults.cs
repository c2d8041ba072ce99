using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit.Sdk;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>A test failure, with the reference set it happened on first (e.g. <c>[AspNetCore8]</c>).</summary>
public sealed class VerificationException : XunitException
{
    public VerificationException(string message)
        : base(message)
    {
    }

    public VerificationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// What our <c>Verify.Test</c> classes (<see cref="CSharpAnalyzerVerifier{TAnalyzer}.Test"/>,
/// <see cref="CSharpCodeFixVerifier{TAnalyzer, TCodeFix}.Test"/>) add to Microsoft.CodeAnalysis.Testing's test classes:
/// the project of <see cref="TestProjectFactory"/> (Web SDK usings, .editorconfig, .globalconfig, top-level programs),
/// one run per reference set, and the recording of the inputs for the robustness replay. Shared here because the
/// library's analyzer and code-fix tests have no common base we could add it to.
/// </summary>
internal static class CorsTestDefaults
{
    /// <summary><c>[|...|]</c> is the analyzer's first descriptor; <c>$$</c> is code (C# raw strings), not a position.</summary>
    public const MarkupOptions Markup = MarkupOptions.UseFirstDescriptor | MarkupOptions.TreatPositionIndicatorsAsCode;

    public const string MainSourceName = "Test0.cs";

    /// <summary>
    /// Fills <paramref name="state"/> with the project's documents for <paramref name="set"/>: <c>/0/Test0.cs</c>,
    /// <c>/0/&lt;name&gt;</c> for the other sources, the SDK's implicit usings, <c>/0/.editorconfig</c> and the
    /// <c>/0/.globalconfig</c> that enables the analyzers' disabled-by-default rules, the additional files (appsettings*.json)
    /// at <c>/0/&lt;name&gt;</c>, and the set's extra references (client libraries). Called before every run (the
    /// test runs once per set), so it replaces what a previous run put there.
    /// </summary>
    public static void Fill(
        SolutionState state,
        ReferenceSet set,
        string mainSource,
        IEnumerable<(string Name, string Text)> otherSources,
        string? editorConfig,
        IEnumerable<DiagnosticAnalyzer> analyzers,
        IEnumerable<(string Name, string Text)> additionalFiles)
    {
        var sources = new List<(string Name, string Text)> { (MainSourceName, mainSource) };
        sources.AddRange(otherSources);

        state.Sources.Clear();
        foreach (var (name, text) in sources)
        {
            state.Sources.Add((TestProjectFactory.ProjectFolder + name, text));
        }

        state.Sources.Add((TestProjectFactory.GlobalUsingsPath, TestProjectFactory.GlobalUsingsSource(set)));
        state.AdditionalFiles.Clear();
        foreach (var (name, text) in additionalFiles)
        {
            state.AdditionalFiles.Add((TestProjectFactory.ProjectFolder + name, text));
        }

        state.AdditionalReferences.Clear();
        state.AdditionalReferences.AddRange(set.ExtraReferences);
        state.AnalyzerConfigFiles.Clear();
        state.AnalyzerConfigFiles.Add((TestProjectFactory.EditorConfigPath, TestProjectFactory.EditorConfigSource(editorConfig)));
        state.AnalyzerConfigFiles.Add((TestProjectFactory.GlobalConfigPath, TestProjectFactory.GlobalConfigSource(analyzers)));
        state.OutputKind = TestProjectFactory.OutputKindFor(sources.Select(s => WithoutMarkup(s.Text)));
        state.DocumentationMode = TestProjectFactory.ParseOptions.DocumentationMode;
    }

    /// <summary>An output state (fixed, batch fixed) that inherits nothing: its markup is the diagnostics that remain.</summary>
    public static void MakeExplicit(SolutionState state, IEnumerable<DiagnosticResult> expected)
    {
        var copy = expected.ToList();
        state.InheritanceMode = StateInheritanceMode.Explicit;
        state.MarkupHandling = MarkupMode.Allow;
        state.ExpectedDiagnostics.Clear();
        state.ExpectedDiagnostics.AddRange(copy);
    }

    /// <summary>
    /// Runs <paramref name="run"/> once per set of <paramref name="references"/> after <paramref name="prepare"/>; a
    /// failure names its set. While <see cref="TestSourceRecorder"/> records on this flow, records the source sets
    /// instead and verifies nothing.
    /// </summary>
    public static async Task RunPerReferenceSetAsync(
        ReferenceAssemblies references,
        string? editorConfig,
        IEnumerable<ImmutableArray<(string Name, string Text)>> sourceSets,
        Action<ReferenceSet> prepare,
        Func<Task> run)
    {
        if (TestSourceRecorder.TryRecord(sourceSets, editorConfig, references))
        {
            return;
        }

        foreach (var set in references.Sets)
        {
            prepare(set);
            try
            {
                await run().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                throw new VerificationException($"[{set.Name}] {e.Message}", e);
            }
        }
    }

    public static ImmutableArray<(string Name, string Text)> WithMainSource(string main, IEnumerable<(string Name, string Text)> others) =>
        ImmutableArray.Create((MainSourceName, main)).AddRange(others);

    /// <summary>
    /// A code-fix test that names an equivalence key no action has, while other actions are offered, fails and lists
    /// them (the library would apply nothing: a typo in a key, or a test that expects the fix not to be offered, would
    /// otherwise pass only because the fixed code equals the test code). Null when the key was offered, or nothing was.
    /// </summary>
    public static VerificationException? AbsentKeyFailure(string? key, IReadOnlyCollection<CodeAction> offered)
    {
        if (key is null || offered.Count == 0 || offered.Any(action => action.EquivalenceKey == key))
        {
            return null;
        }

        var list = offered.Select(action => $"'{action.EquivalenceKey}' (\"{action.Title}\")").Distinct().Order(StringComparer.Ordinal);
        return new VerificationException(
            $"No code action with equivalence key '{key}' was offered. Offered:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", list));
    }

    /// <summary>
    /// The library forces every supported diagnostic on through <c>SpecificDiagnosticOptions</c>, which outrank
    /// .editorconfig (severity <c>none</c> could not turn a rule off, <c>error</c> could not raise a warning). Our
    /// projects enable the disabled-by-default rules through <c>/0/.globalconfig</c> instead, as users do; only the
    /// test's <c>DisabledDiagnostics</c> stay suppressed in the compilation options.
    /// </summary>
    public static Project WithoutForcedSeverities(Project project, IEnumerable<DiagnosticAnalyzer> analyzers, ICollection<string> disabled)
    {
        var options = project.CompilationOptions!;
        var specific = options.SpecificDiagnosticOptions;
        foreach (var analyzer in analyzers)
        {
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (!disabled.Contains(descriptor.Id))
                {
                    specific = specific.Remove(descriptor.Id);
                }
            }
        }

        return project.WithCompilationOptions(options.WithSpecificDiagnosticOptions(specific));
    }

    /// <summary>
    /// The library checks that a fix never targets a non-local diagnostic (one an editor computes only with full
    /// solution analysis). A rule reported at compilation end (<see cref="WellKnownDiagnosticTags.CompilationEnd"/>:
    /// CORS008, CORS011, CORS013, CORS014) is non-local by design, so its fix tests skip that check; for the other
    /// rules it stays on, and a test that reports outside the code that triggered the analysis says so itself.
    /// </summary>
    public static CodeFixTestBehaviors DefaultBehaviors(DiagnosticAnalyzer analyzer, CodeFixProvider fixer)
    {
        var fixable = fixer.FixableDiagnosticIds;
        var compilationEnd = !fixable.IsEmpty;
        foreach (var id in fixable)
        {
            var descriptor = analyzer.SupportedDiagnostics.FirstOrDefault(d => d.Id == id);
            compilationEnd &= descriptor is not null && descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd);
        }

        return compilationEnd ? CodeFixTestBehaviors.SkipLocalDiagnosticCheck : CodeFixTestBehaviors.None;
    }

    public static CompilationOptions CompilationOptions() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    public static ParseOptions ParseOptions() => TestProjectFactory.ParseOptions;

    /// <summary>A descriptor of the analyzer by ID, for <c>Verify.Diagnostic("CORS001")</c>.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticAnalyzer analyzer, string diagnosticId)
    {
        foreach (var descriptor in analyzer.SupportedDiagnostics)
        {
            if (descriptor.Id == diagnosticId)
            {
                return new DiagnosticResult(descriptor);
            }
        }

        throw new ArgumentException($"{analyzer.GetType().Name} does not support {diagnosticId}; for a compiler diagnostic use DiagnosticResult.CompilerError/CompilerWarning.", nameof(diagnosticId));
    }

    /// <summary>The text without diagnostic markup, as the library's markup processing leaves it.</summary>
    public static string WithoutMarkup(string text)
    {
        TestFileMarkupParser.GetSpans(text, treatPositionIndicatorsAsCode: true, out var output, out ImmutableDictionary<string, ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan>> _);
        return output;
    }
}
