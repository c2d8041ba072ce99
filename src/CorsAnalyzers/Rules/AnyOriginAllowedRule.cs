using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS009 (opt-in): a policy that allows any origin, by "*" or an always-true predicate, without credentials; or an
    /// <c>Access-Control-Allow-Origin</c> written by hand on a response as "*" or as the request's unchecked Origin,
    /// without credentials. With credentials it is CORS001, CORS002 or CORS006 instead. Also when the only origin is a
    /// "*" read from appsettings*.json (reported there).
    /// </summary>
    public sealed class AnyOriginAllowedRule : CorsRule
    {
        /// <summary>Diagnostic property on hand-written headers: no policy to rewrite, so no code fix.</summary>
        public const string HandWrittenHeaderProperty = "HandWrittenHeader";

        private static readonly ImmutableDictionary<string, string?> HandWrittenHeaderProperties =
            ImmutableDictionary<string, string?>.Empty.Add(HandWrittenHeaderProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AnyOriginAllowed, DiagnosticDescriptors.InConfiguration.AnyOriginAllowed);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            if (compilation.Headers.HasResponseHeaderTypes)
            {
                compilation.RegisterAllowOriginWriteAction(static (context, finding) =>
                {
                    if (!finding.WithCredentials)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.AnyOriginAllowed,
                            finding.Location,
                            HandWrittenHeaderProperties,
                            finding.Kind == AllowOriginKind.AnyOrigin
                                ? "The hand-written 'Access-Control-Allow-Origin: *' header"
                                : "Reflecting the request's Origin into Access-Control-Allow-Origin without a check"));
                    }
                });
            }

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
