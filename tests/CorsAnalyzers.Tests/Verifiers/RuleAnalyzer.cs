using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests.Verifiers;

// A test-only wrapper, never loaded by a compiler (see VerifierTestAnalyzers.cs for the same suppressions).
#pragma warning disable RS1036, RS1038, RS1041

/// <summary>
/// The product's <see cref="CorsAnalyzer"/> running only <typeparamref name="TRule"/>, so that a rule's tests see
/// that rule's diagnostics and nothing else. Same code path as the shipped analyzer (its internal constructor);
/// <c>CorsAnalyzerTests</c> checks that the full analyzer reports exactly the union of the rules run alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RuleAnalyzer<TRule> : DiagnosticAnalyzer
    where TRule : CorsRule, new()
{
    private readonly CorsAnalyzer _analyzer = new(ImmutableArray.Create<CorsRule>(new TRule()));

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _analyzer.SupportedDiagnostics;

    // The wrapped analyzer enables concurrent execution and skips generated code itself.
#pragma warning disable RS1025, RS1026
    public override void Initialize(AnalysisContext context) => _analyzer.Initialize(context);
#pragma warning restore RS1025, RS1026
}
