using System.Collections.Immutable;
using System.Threading;
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

        /// <summary>An outgoing request (HttpClient, HttpRequestMessage, WebClient, HttpWebRequest).</summary>
        internal const string OutgoingTarget = "Outgoing";

        /// <summary>ASP.NET Core's incoming request (<c>HttpRequest.Headers</c>).</summary>
        internal const string IncomingTarget = "Incoming";

        /// <summary>
        /// Diagnostic property, on the incoming request only: "true" when writing the same value to the response is safe:
        /// the value is a constant (nothing taken from the request), the header is not
        /// <c>Access-Control-Allow-Credentials</c>, and a "*" origin would not meet credentials written in the same code
        /// (CORS006). The additional locations are the write (invocation or assignment) and, when the request is written
        /// right there (<c>Request</c>, <c>context.Request</c>, <c>req</c>), that request expression.
        /// </summary>
        internal const string MovableProperty = "Movable";

        private const string OutgoingRequestText =
            "set on an outgoing request it does nothing, and in a browser it forces a preflight; the server must send it on its response";

        private const string IncomingRequestText =
            "set on the incoming request it does nothing; the server sends it on its response (HttpResponse.Headers, or the CORS middleware)";

        private static readonly ImmutableDictionary<string, string?> OutgoingProperties =
            ImmutableDictionary<string, string?>.Empty.Add(TargetProperty, OutgoingTarget);

        private static readonly ImmutableDictionary<string, string?> IncomingProperties =
            ImmutableDictionary<string, string?>.Empty.Add(TargetProperty, IncomingTarget);

        private static readonly ImmutableDictionary<string, string?> MovableIncomingProperties =
            IncomingProperties.Add(MovableProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.CorsResponseHeaderOnRequest);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Headers;
            if (symbols.HasRequestHeaderTypes)
            {
                compilation.RegisterHeaderWriteAction((context, write) => Analyze(context, write, symbols));
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
        private static void Analyze(OperationAnalysisContext context, HeaderWrite write, HeaderSymbols symbols)
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
            var writeLocation = write.Operation.Syntax.GetLocation();
            if (write.Api == HeaderApi.HeaderDictionary)
            {
                var properties = IsMovable(write, symbols, context.CancellationToken) ? MovableIncomingProperties : IncomingProperties;
                var additionalLocations = write.HeadersOwner is { } request
                    ? new[] { writeLocation, request.Syntax.GetLocation() }
                    : new[] { writeLocation };
                diagnostic = Diagnostic.Create(DiagnosticDescriptors.CorsResponseHeaderOnRequest, location, additionalLocations, properties, header, IncomingRequestText);
            }
            else
            {
                diagnostic = Diagnostic.Create(
                    DiagnosticDescriptors.CorsResponseHeaderOnRequest,
                    location,
                    new[] { writeLocation },
                    OutgoingProperties,
                    header,
                    OutgoingRequestText);
            }

            context.ReportDiagnostic(diagnostic);
        }

        /// <summary>
        /// Whether the write can go to the response as it is: a constant value (never one taken from the request), not
        /// Access-Control-Allow-Credentials, and for a "*" origin no Access-Control-Allow-Credentials written anywhere in the
        /// same method or program (CORS006 reports "*" with credentials on a response).
        /// </summary>
        private static bool IsMovable(HeaderWrite write, HeaderSymbols symbols, CancellationToken cancellationToken)
        {
            if (write.Name == CorsHeaderNames.AccessControlAllowCredentials
                || write.HeadersOwner is null
                || HeaderValues.GetConstantValue(write, symbols) is not { } value)
            {
                return false;
            }

            if (write.Name != CorsHeaderNames.AccessControlAllowOrigin || value.Trim() != CorsDefaults.AnyOrigin)
            {
                return true;
            }

            var block = write.Operation;
            while (block.Parent is not null)
            {
                block = block.Parent;
            }

            foreach (var operation in block.DescendantsAndSelf())
            {
                if ((operation.Kind == OperationKind.Invocation || operation.Kind == OperationKind.SimpleAssignment)
                    && HeaderWrite.TryCreate(operation, symbols, HeaderNameFilter.AllowOriginOrCredentials, cancellationToken, out var other)
                    && other.Name == CorsHeaderNames.AccessControlAllowCredentials)
                {
                    return false;
                }
            }

            return true;
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
