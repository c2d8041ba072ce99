using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS002: a policy whose origin check accepts every origin, with credentials: every site can read credentialed responses.</summary>
    public sealed class AlwaysTruePredicateWithCredentialsRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AlwaysTruePredicateWithCredentials);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null)
            {
                return;
            }

            compilation.RegisterPolicyAction(static (context, result) =>
            {
                foreach (var finding in PolicyFindings.AlwaysTruePredicate(result))
                {
                    if (finding.WithCredentials)
                    {
                        PolicyFindings.Report(context, DiagnosticDescriptors.AlwaysTruePredicateWithCredentials, result, finding);
                    }
                }
            });
        }
    }
}
