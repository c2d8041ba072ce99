using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS006: <c>Access-Control-Allow-Origin</c> written by hand on a response together with credentials, when it is
    /// broken ('*' with <c>Access-Control-Allow-Credentials: true</c> in the same method or middleware lambda) or unsafe
    /// (the request's <c>Origin</c> reflected without any check). The analysis is <see cref="AllowOriginWrite"/>.
    /// </summary>
    public sealed class HandWrittenCorsHeadersRule : CorsRule
    {
        internal const string WildcardWithCredentialsMessage =
            "'Access-Control-Allow-Origin: *' with 'Access-Control-Allow-Credentials: true' is rejected by browsers";

        internal const string ReflectedOriginMessage =
            "The request's Origin is reflected into Access-Control-Allow-Origin without a check, and credentials are allowed";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.HandWrittenCorsHeaders);

        internal override void Initialize(CorsCompilationContext context)
        {
            if (!context.Headers.HasResponseHeaderTypes)
            {
                return;
            }

            // With credentials only: without, the same writes let any origin in, which is CORS009's business (off by default).
            context.RegisterAllowOriginWriteAction(static (operationContext, finding) =>
            {
                if (finding.WithCredentials)
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.HandWrittenCorsHeaders,
                        finding.Location,
                        finding.Kind == AllowOriginKind.AnyOrigin ? WildcardWithCredentialsMessage : ReflectedOriginMessage));
                }
            });
        }
    }
}
