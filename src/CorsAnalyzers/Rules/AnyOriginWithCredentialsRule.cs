using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS001: a policy that ends with any origin and credentials; ASP.NET Core throws for it at run time. Also when the
    /// only origin is a "*" read from appsettings*.json (reported there).
    /// </summary>
    public sealed class AnyOriginWithCredentialsRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AnyOriginWithCredentials, DiagnosticDescriptors.InConfiguration.AnyOriginWithCredentials);

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
                    if (finding.WithCredentials)
                    {
                        PolicyFindings.Report(context, DiagnosticDescriptors.AnyOriginWithCredentials, result, finding);
                    }
                }
            });

            compilation.GetConfiguredOrigins(symbols).RegisterCheck(
                DiagnosticDescriptors.InConfiguration.AnyOriginWithCredentials,
                static origin => origin.Text == CorsDefaults.AnyOrigin && origin.IsOnlyOrigin && origin.Reading.SoleWithCredentials ? string.Empty : null);
        }
    }
}
