using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS002: a policy whose origin check accepts every origin, with credentials: every site can read credentialed responses.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AlwaysTruePredicateWithCredentialsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AlwaysTruePredicateWithCredentials);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var symbols = CorsSymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                PolicySites.Register(start, symbols, static (context, result) =>
                {
                    foreach (var finding in PolicyFindings.AlwaysTruePredicate(result))
                    {
                        if (finding.WithCredentials)
                        {
                            PolicyFindings.Report(context, DiagnosticDescriptors.AlwaysTruePredicateWithCredentials, result, finding);
                        }
                    }
                });
            });
        }
    }
}
