using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS001: a policy that ends with any origin and credentials; ASP.NET Core throws for it at run time.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AnyOriginWithCredentialsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AnyOriginWithCredentials);

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
                    foreach (var finding in PolicyFindings.AnyOrigin(result))
                    {
                        if (finding.WithCredentials)
                        {
                            PolicyFindings.Report(context, DiagnosticDescriptors.AnyOriginWithCredentials, result, finding);
                        }
                    }
                });
            });
        }
    }
}
