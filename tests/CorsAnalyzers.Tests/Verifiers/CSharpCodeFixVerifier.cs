using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Verifies one analyzer and its code fix on Microsoft.CodeAnalysis.Testing, with our project defaults.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

    public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic(diagnosticId);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The markup diagnostics of <paramref name="source"/> are reported, and the fix turns it into <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string? equivalenceKey = null) =>
        VerifyCodeFixAsync(source, Array.Empty<DiagnosticResult>(), fixedSource, equivalenceKey);

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource, string? equivalenceKey = null) =>
        VerifyCodeFixAsync(source, new[] { expected }, fixedSource, equivalenceKey);

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, string? equivalenceKey = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// The library's code-fix test with our defaults (see <see cref="CorsTestDefaults"/> and Verifiers/README.md).
    /// <see cref="TestCode"/>, <see cref="FixedCode"/>, <see cref="BatchFixedCode"/>, <see cref="AdditionalSources"/>,
    /// <see cref="FixedAdditionalSources"/>, <see cref="AdditionalFiles"/>, <see cref="EditorConfig"/> and <see cref="ReferenceAssemblies"/> are ours;
    /// <c>ExpectedDiagnostics</c>, <c>CodeActionEquivalenceKey</c>, <c>CompilerDiagnostics</c>,
    /// <c>DisabledDiagnostics</c> and the iteration counts are the library's.
    /// </summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>, ICorsTest
    {
        public Test()
        {
            MarkupOptions = CorsTestDefaults.Markup;
            CodeFixTestBehaviors = CorsTestDefaults.DefaultBehaviors(new TAnalyzer(), new TCodeFix());
        }

        /// <summary>The main source, <c>/0/Test0.cs</c>, with diagnostic markup.</summary>
        public new string TestCode { get; set; } = string.Empty;

        /// <summary>
        /// The expected <c>/0/Test0.cs</c> after the fix is applied one diagnostic at a time until none is fixable; its
        /// markup is the diagnostics that remain. Null: the test only verifies the diagnostics.
        /// </summary>
        public new string? FixedCode { get; set; }

        /// <summary>The expected result of Fix All (document, project and solution scopes) when it differs from <see cref="FixedCode"/>.</summary>
        public new string? BatchFixedCode { get; set; }

        /// <summary>More sources, at <c>/0/&lt;name&gt;</c>, which may carry markup.</summary>
        public List<(string Name, string Text)> AdditionalSources { get; } = new();

        /// <summary>The other sources after the fix; when empty, <see cref="AdditionalSources"/> (with their markup) are expected unchanged.</summary>
        public List<(string Name, string Text)> FixedAdditionalSources { get; } = new();

        /// <summary>
        /// Additional files (appsettings*.json) at <c>/0/&lt;name&gt;</c>, with markup (the library's
        /// <c>TestState.AdditionalFiles</c>); the same files, with the same markup, after the fix (fixes change C# only).
        /// </summary>
        public List<(string Name, string Text)> AdditionalFiles { get; } = new();

        /// <summary>Diagnostics expected to remain after the fix, in addition to the markup of <see cref="FixedCode"/>.</summary>
        public List<DiagnosticResult> FixedExpectedDiagnostics => FixedState.ExpectedDiagnostics;

        /// <summary>Lines placed under <c>[*.cs]</c> of <c>/0/.editorconfig</c>.</summary>
        public string? EditorConfig { get; set; }

        /// <summary>The reference sets the test runs against, once each (default: ASP.NET Core 8 and 10).</summary>
        public new ReferenceAssemblies ReferenceAssemblies { get; set; } = ReferenceAssemblies.AspNetCore;

        /// <summary>Every action the fixer offered in this run (the library's iterations and Fix All flows run concurrently).</summary>
        private readonly ConcurrentQueue<CodeAction> _offered = new();

        private List<(string Name, string Text)> FixedOthers => FixedAdditionalSources.Count > 0 ? FixedAdditionalSources : AdditionalSources;

        protected override Task RunImplAsync(CancellationToken cancellationToken) =>
            CorsTestDefaults.RunPerReferenceSetAsync(ReferenceAssemblies, EditorConfig, SourceSets(), Prepare, () => RunOnceAsync(cancellationToken));

        protected override ImmutableArray<CodeAction> FilterCodeActions(ImmutableArray<CodeAction> actions)
        {
            var filtered = base.FilterCodeActions(actions);
            foreach (var action in filtered)
            {
                _offered.Enqueue(action);
            }

            return filtered;
        }

        private async Task RunOnceAsync(CancellationToken cancellationToken)
        {
            try
            {
                await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (FixedCode is not null && CorsTestDefaults.AbsentKeyFailure(CodeActionEquivalenceKey, _offered) is { } absent)
            {
                // The absent key explains the failure better than the text that did not change.
                throw absent;
            }

            if (FixedCode is not null && CorsTestDefaults.AbsentKeyFailure(CodeActionEquivalenceKey, _offered) is { } failure)
            {
                throw failure;
            }
        }

        protected override Project ApplyCompilationOptions(Project project) =>
            CorsTestDefaults.WithoutForcedSeverities(base.ApplyCompilationOptions(project), GetDiagnosticAnalyzers(), DisabledDiagnostics);

        protected override CompilationOptions CreateCompilationOptions() => CorsTestDefaults.CompilationOptions();

        protected override ParseOptions CreateParseOptions() => CorsTestDefaults.ParseOptions();

        private IEnumerable<ImmutableArray<(string Name, string Text)>> SourceSets()
        {
            yield return CorsTestDefaults.WithMainSource(TestCode, AdditionalSources);
            if (FixedCode is not null)
            {
                yield return CorsTestDefaults.WithMainSource(FixedCode, FixedOthers);
            }
        }

        private void Prepare(ReferenceSet set)
        {
            var analyzers = GetDiagnosticAnalyzers().ToList();
            _offered.Clear();
            base.ReferenceAssemblies = set.Library!;
            CorsTestDefaults.Fill(TestState, set, TestCode, AdditionalSources, EditorConfig, analyzers, AdditionalFiles);
            if (FixedCode is null)
            {
                return;
            }

            CorsTestDefaults.MakeExplicit(FixedState, FixedState.ExpectedDiagnostics);
            CorsTestDefaults.Fill(FixedState, set, FixedCode, FixedOthers, EditorConfig, analyzers, AdditionalFiles);
            if (BatchFixedCode is not null)
            {
                CorsTestDefaults.MakeExplicit(BatchFixedState, FixedState.ExpectedDiagnostics);
                CorsTestDefaults.Fill(BatchFixedState, set, BatchFixedCode, FixedOthers, EditorConfig, analyzers, AdditionalFiles);
            }
        }
    }
}
