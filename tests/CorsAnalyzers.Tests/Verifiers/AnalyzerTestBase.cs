using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Which compiler diagnostics of the test (and fixed) sources fail the test.</summary>
public enum CompilerDiagnostics
{
    /// <summary>Compiler diagnostics are ignored (robustness tests on broken code).</summary>
    None,

    /// <summary>Any compiler error fails the test (the default).</summary>
    Errors,

    /// <summary>Any compiler error or warning fails the test.</summary>
    Warnings,
}

/// <summary>A verification failure: the message says what was expected and what happened.</summary>
public sealed class VerificationException : XunitException
{
    public VerificationException(string message)
        : base(message)
    {
    }
}

/// <summary>The analyzer-only test: sources with markup, expected diagnostics, options, reference assemblies.</summary>
public abstract class AnalyzerTestBase
{
    /// <summary>The main source, <c>/0/Test0.cs</c>, with diagnostic markup.</summary>
    public string TestCode { get; set; } = string.Empty;

    /// <summary>Diagnostics expected in addition to the markup ones (by markup key: <c>WithLocation(0)</c>).</summary>
    public List<DiagnosticResult> ExpectedDiagnostics { get; } = new();

    /// <summary>More sources, at <c>/0/&lt;name&gt;</c>, which may carry markup.</summary>
    public List<(string Name, string Text)> AdditionalSources { get; } = new();

    /// <summary>
    /// Additional files (AdditionalFiles in MSBuild, such as appsettings.json), at <c>/0/&lt;name&gt;</c>, which may carry
    /// diagnostic markup (Microsoft.CodeAnalysis.Testing: <c>TestState.AdditionalFiles</c>).
    /// </summary>
    public List<(string Name, string Text)> AdditionalFiles { get; } = new();

    /// <summary>Lines placed under <c>[*.cs]</c> of <c>/0/.editorconfig</c>.</summary>
    public string? EditorConfig { get; set; }

    public ReferenceAssemblies ReferenceAssemblies { get; set; } = ReferenceAssemblies.AspNetCore;

    public CompilerDiagnostics CompilerDiagnostics { get; set; } = CompilerDiagnostics.Errors;

    /// <summary>Diagnostic IDs that are ignored (neither expected nor reported).</summary>
    public List<string> DisabledDiagnostics { get; } = new();

    protected abstract DiagnosticAnalyzer CreateAnalyzer();

    protected virtual CodeFixProvider? CreateCodeFixProvider() => null;

    /// <summary>Runs the test once per reference set of <see cref="ReferenceAssemblies"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (TestSourceRecorder.TryRecord(SourceSets(), EditorConfig, ReferenceAssemblies))
        {
            return;
        }

        foreach (var references in ReferenceAssemblies.Sets)
        {
            var analyzer = CreateAnalyzer();
            var engine = new VerifierEngine(references, ImmutableArray.Create(analyzer), CompilerDiagnostics, DisabledDiagnostics, EditorConfig);
            await RunAsync(engine, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The source sets the test compiles (with markup): the test code, and for a code-fix test the expected fix.</summary>
    private protected virtual IEnumerable<ImmutableArray<(string Name, string Text)>> SourceSets()
    {
        yield return WithMainSource(TestCode, AdditionalSources);
    }

    private protected virtual Task RunAsync(VerifierEngine engine, CancellationToken cancellationToken) =>
        engine.VerifyDiagnosticsAsync(TestState(), cancellationToken);

    private protected TestState TestState() =>
        new(WithMainSource(TestCode, AdditionalSources), ExpectedDiagnostics.ToImmutableArray(), AdditionalFiles.ToImmutableArray());

    private protected static ImmutableArray<(string Name, string Text)> WithMainSource(string main, IEnumerable<(string Name, string Text)> additional) =>
        ImmutableArray.Create(("Test0.cs", main)).AddRange(additional);
}

/// <summary>The code-fix test: the analyzer test plus the expected fixed sources.</summary>
public abstract class CodeFixTestBase : AnalyzerTestBase
{
    /// <summary>The expected <c>/0/Test0.cs</c> after the fix is applied until no fixable diagnostic is left; markup = diagnostics that remain.</summary>
    public string? FixedCode { get; set; }

    /// <summary>The expected result of Fix All (document, project and solution scopes) when it differs from <see cref="FixedCode"/>.</summary>
    public string? BatchFixedCode { get; set; }

    /// <summary>The equivalence key of the code action to apply; null: the first action offered.</summary>
    public string? CodeActionEquivalenceKey { get; set; }

    /// <summary>The expected additional sources after the fix; when empty, <see cref="AnalyzerTestBase.AdditionalSources"/> (with their markup) are expected unchanged.</summary>
    public List<(string Name, string Text)> FixedAdditionalSources { get; } = new();

    /// <summary>Diagnostics expected to remain after the fix, in addition to the markup of <see cref="FixedCode"/>.</summary>
    public List<DiagnosticResult> FixedExpectedDiagnostics { get; } = new();

    private protected override IEnumerable<ImmutableArray<(string Name, string Text)>> SourceSets()
    {
        foreach (var sources in base.SourceSets())
        {
            yield return sources;
        }

        if (FixedCode is not null)
        {
            yield return WithMainSource(FixedCode, FixedAdditionalSources.Count > 0 ? FixedAdditionalSources : AdditionalSources);
        }
    }

    private protected override async Task RunAsync(VerifierEngine engine, CancellationToken cancellationToken)
    {
        var testState = TestState();
        await engine.VerifyDiagnosticsAsync(testState, cancellationToken).ConfigureAwait(false);
        if (FixedCode is null)
        {
            return;
        }

        var fixer = CreateCodeFixProvider() ?? throw new InvalidOperationException("No code fix provider.");
        var additional = FixedAdditionalSources.Count > 0 ? FixedAdditionalSources : AdditionalSources;
        var fixedState = new TestState(WithMainSource(FixedCode, additional), FixedExpectedDiagnostics.ToImmutableArray(), AdditionalFiles.ToImmutableArray());
        var batchState = BatchFixedCode is null
            ? fixedState
            : new TestState(WithMainSource(BatchFixedCode, additional), FixedExpectedDiagnostics.ToImmutableArray(), AdditionalFiles.ToImmutableArray());
        await engine.VerifyCodeFixAsync(testState, fixedState, batchState, fixer, CodeActionEquivalenceKey, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Sources (with markup) and explicitly expected diagnostics.</summary>
internal sealed record TestState(
    ImmutableArray<(string Name, string Text)> Sources,
    ImmutableArray<DiagnosticResult> ExpectedDiagnostics,
    ImmutableArray<(string Name, string Text)> AdditionalFiles = default);
