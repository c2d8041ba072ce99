using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>Verifies the diagnostics of one analyzer (shape of Microsoft.CodeAnalysis.Testing's verifier).</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of the analyzer's first supported descriptor.</summary>
    public static DiagnosticResult Diagnostic() => new(new TAnalyzer().SupportedDiagnostics[0]);

    /// <summary>A diagnostic with this ID (with the descriptor's severity and message format when the analyzer supports it).</summary>
    public static DiagnosticResult Diagnostic(string diagnosticId)
    {
        foreach (var descriptor in new TAnalyzer().SupportedDiagnostics)
        {
            if (descriptor.Id == diagnosticId)
            {
                return new DiagnosticResult(descriptor);
            }
        }

        return new DiagnosticResult(diagnosticId, null);
    }

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Markup diagnostics of <paramref name="source"/> plus <paramref name="expected"/> must be exactly the reported ones.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public sealed class Test : AnalyzerTestBase
    {
        protected override DiagnosticAnalyzer CreateAnalyzer() => new TAnalyzer();
    }
}
