using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS003: a CORS response header (Access-Control-Allow-*, -Expose-Headers, -Max-Age) added to a request: an
    /// outgoing one (HttpClient, HttpRequestMessage, WebClient, HttpWebRequest) or ASP.NET Core's incoming
    /// <c>HttpRequest.Headers</c>. What a header write is, its name and whether the headers belong to a request (by the
    /// receiver's type or the property it comes from, never by names of variables) is the shared
    /// <see cref="HeaderWrite"/>'s knowledge. The client libraries (RestSharp, Flurl.Http, Refit) are in
    /// CorsResponseHeaderOnRequestRule.ClientLibraries.cs.
    /// </summary>
    public sealed partial class CorsResponseHeaderOnRequestRule : CorsRule
    {
        /// <summary>Diagnostic property: which request the header was added to.</summary>
        internal const string TargetProperty = "Target";

        /// <summary>
        /// An outgoing request. When the diagnostic has an additional location, it is the write (invocation or
        /// assignment) that the fix may remove.
        /// </summary>
        internal const string OutgoingTarget = "Outgoing";

        /// <summary>
        /// ASP.NET Core's incoming request. When the diagnostic has an additional location, it is the
        /// <c>HttpRequest</c> expression (<c>Request</c>, <c>context.Request</c>, <c>req</c>) that the fix replaces
        /// with the response.
        /// </summary>
        internal const string IncomingTarget = "Incoming";

        private const string OutgoingRequestText = "an outgoing request";
        private const string IncomingRequestText = "the incoming request";

        private static readonly ImmutableDictionary<string, string?> OutgoingProperties =
            ImmutableDictionary<string, string?>.Empty.Add(TargetProperty, OutgoingTarget);

        private static readonly ImmutableDictionary<string, string?> IncomingProperties =
            ImmutableDictionary<string, string?>.Empty.Add(TargetProperty, IncomingTarget);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.CorsResponseHeaderOnRequest);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Headers;
            if (symbols.HasRequestHeaderTypes)
            {
                compilation.RegisterHeaderWriteAction(Analyze);
            }

            if (compilation.ClientLibraries is { HasHeaderLibrary: true } clients)
            {
                InitializeClientLibraries(compilation, clients);
            }
        }

        /// <summary>
        /// A CORS response header written with the framework's own API to a request's headers: ASP.NET Core's
        /// incoming <c>HttpRequest.Headers</c> (<see cref="HeaderApi.HeaderDictionary"/>), or an outgoing request's
        /// <c>HttpRequestHeaders</c> / <c>WebClient.Headers</c> / <c>WebRequest.Headers</c>.
        /// </summary>
        private static void Analyze(OperationAnalysisContext context, HeaderWrite write)
        {
            if (write.Side != HeaderSide.Request
                || !write.IsFrameworkMethod
                || CorsHeaderNames.GetResponseHeader(write.Name) is not { } header)
            {
                return;
            }

            var location = write.NameOperation is { } nameOperation
                ? nameOperation.Syntax.GetLocation()
                : GetPropertyNameLocation(((ISimpleAssignmentOperation)write.Operation).Target.Syntax);

            Diagnostic diagnostic;
            if (write.Api == HeaderApi.HeaderDictionary)
            {
                // The fix replaces the request expression written right there (Request, context.Request, req).
                diagnostic = write.HeadersOwner is not { } request
                    ? Diagnostic.Create(DiagnosticDescriptors.CorsResponseHeaderOnRequest, location, IncomingProperties, header, IncomingRequestText)
                    : Diagnostic.Create(
                        DiagnosticDescriptors.CorsResponseHeaderOnRequest,
                        location,
                        new[] { request.Syntax.GetLocation() },
                        IncomingProperties,
                        header,
                        IncomingRequestText);
            }
            else
            {
                // The fix removes the write.
                diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.CorsResponseHeaderOnRequest,
                    location,
                    new[] { write.Operation.Syntax.GetLocation() },
                    OutgoingProperties,
                    header,
                    OutgoingRequestText);
            }

            context.ReportDiagnostic(diagnostic);
        }

        private static Location GetPropertyNameLocation(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.Name.GetLocation();
                case MemberBindingExpressionSyntax memberBinding:
                    return memberBinding.Name.GetLocation();
                default:
                    return syntax.GetLocation();
            }
        }
    }
}
