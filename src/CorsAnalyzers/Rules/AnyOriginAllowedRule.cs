using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS009 (opt-in): a policy that allows any origin, by "*" or an always-true predicate, without credentials.
    /// With credentials it is CORS001 or CORS002 instead.
    /// </summary>
    public sealed class AnyOriginAllowedRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AnyOriginAllowed);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null)
            {
                return;
            }

            compilation.RegisterPolicyAction(static (context, result) =>
            {
                foreach (var finding in PolicyFindings.AnyOrigin(result))
                {
                    if (!finding.WithCredentials)
                    {
                        PolicyFindings.Report(context, DiagnosticDescriptors.AnyOriginAllowed, result, finding);
                    }
                }

                foreach (var finding in PolicyFindings.AlwaysTruePredicate(result))
                {
                    if (!finding.WithCredentials)
                    {
                        PolicyFindings.Report(context, DiagnosticDescriptors.AnyOriginAllowed, result, finding);
                    }
                }
            });
        }
    }
}
