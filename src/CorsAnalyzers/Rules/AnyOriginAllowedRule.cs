using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS009 (opt-in): a policy that allows any origin, by "*" or an always-true predicate, without credentials.
    /// With credentials it is CORS001 or CORS002 instead. Also when the only origin is a "*" read from appsettings*.json
    /// (reported there).
    /// </summary>
    public sealed class AnyOriginAllowedRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AnyOriginAllowed, DiagnosticDescriptors.InConfiguration.AnyOriginAllowed);

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

            compilation.GetConfiguredOrigins(symbols).RegisterCheck(
                DiagnosticDescriptors.InConfiguration.AnyOriginAllowed,
                static origin => origin.Text == CorsDefaults.AnyOrigin && origin.IsOnlyOrigin && origin.Reading.SoleWithoutCredentials ? string.Empty : null);
        }
    }
}
