using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Verifies the diagnostics of one analyzer on Microsoft.CodeAnalysis.Testing, with our project defaults.</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of the analyzer's first supported descriptor.</summary>
    public static DiagnosticResult Diagnostic() => new(new TAnalyzer().SupportedDiagnostics[0]);

    /// <summary>A diagnostic of the analyzer's descriptor with this ID.</summary>
    public static DiagnosticResult Diagnostic(string diagnosticId) => CorsTestDefaults.Diagnostic(new TAnalyzer(), diagnosticId);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Markup diagnostics of <paramref name="source"/> plus <paramref name="expected"/> must be exactly the reported ones.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// The library's analyzer test with our defaults (see <see cref="CorsTestDefaults"/> and Verifiers/README.md).
    /// <see cref="TestCode"/>, <see cref="AdditionalSources"/>, <see cref="AdditionalFiles"/>, <see cref="EditorConfig"/> and
    /// <see cref="ReferenceAssemblies"/> are ours; <c>ExpectedDiagnostics</c>, <c>CompilerDiagnostics</c>,
    /// <c>DisabledDiagnostics</c> are the library's.
    /// </summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>, ICorsTest
    {
        public Test()
        {
            MarkupOptions = CorsTestDefaults.Markup;
        }

        /// <summary>The main source, <c>/0/Test0.cs</c>, with diagnostic markup.</summary>
        public new string TestCode { get; set; } = string.Empty;

        /// <summary>More sources, at <c>/0/&lt;name&gt;</c>, which may carry markup.</summary>
        public List<(string Name, string Text)> AdditionalSources { get; } = new();

        /// <summary>Additional files (appsettings*.json) at <c>/0/&lt;name&gt;</c>, with markup (the library's <c>TestState.AdditionalFiles</c>).</summary>
        public List<(string Name, string Text)> AdditionalFiles { get; } = new();

        /// <summary>Lines placed under <c>[*.cs]</c> of <c>/0/.editorconfig</c>.</summary>
        public string? EditorConfig { get; set; }

        /// <summary>The reference sets the test runs against, once each (default: ASP.NET Core 8 and 10).</summary>
        public new ReferenceAssemblies ReferenceAssemblies { get; set; } = ReferenceAssemblies.AspNetCore;

        protected override Task RunImplAsync(CancellationToken cancellationToken) =>
            CorsTestDefaults.RunPerReferenceSetAsync(
                ReferenceAssemblies,
                EditorConfig,
                new[] { CorsTestDefaults.WithMainSource(TestCode, AdditionalSources) },
                set =>
                {
                    base.ReferenceAssemblies = set.Library!;
                    CorsTestDefaults.Fill(TestState, set, TestCode, AdditionalSources, EditorConfig, GetDiagnosticAnalyzers(), AdditionalFiles);
                },
                () => base.RunImplAsync(cancellationToken));

        protected override Project ApplyCompilationOptions(Project project) =>
            CorsTestDefaults.WithoutForcedSeverities(base.ApplyCompilationOptions(project), GetDiagnosticAnalyzers(), DisabledDiagnostics);

        protected override CompilationOptions CreateCompilationOptions() => CorsTestDefaults.CompilationOptions();

        protected override ParseOptions CreateParseOptions() => CorsTestDefaults.ParseOptions();
    }
}
