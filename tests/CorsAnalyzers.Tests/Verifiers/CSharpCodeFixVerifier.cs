using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Verifies one analyzer and its code fix (shape of Microsoft.CodeAnalysis.Testing's verifier).</summary>
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

    public sealed class Test : CodeFixTestBase
    {
        protected override DiagnosticAnalyzer CreateAnalyzer() => new TAnalyzer();

        protected override CodeFixProvider? CreateCodeFixProvider() => new TCodeFix();
    }
}
