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
    /// <c>HttpRequest.Headers</c>. Whether the headers belong to a request is decided by the receiver's type
    /// (<c>HttpRequestHeaders</c>) or by the property it comes from (<c>WebClient.Headers</c>,
    /// <c>WebRequest.Headers</c>, <c>HttpRequest.Headers</c>), never by names of variables.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CorsResponseHeaderOnRequestAnalyzer : DiagnosticAnalyzer
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

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var symbols = HeaderSymbols.Create(start.Compilation);
                if (!symbols.HasRequestHeaderTypes)
                {
                    return;
                }

                var analysis = new Analysis(symbols);
                start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
                if (symbols.WebHeaderCollection is not null || symbols.AspNetHttpRequest is not null)
                {
                    // Indexer writes (WebHeaderCollection, IHeaderDictionary) and typed properties (IHeaderDictionary).
                    start.RegisterOperationAction(analysis.AnalyzeAssignment, OperationKind.SimpleAssignment);
                }
            });
        }

        private enum RequestKind
        {
            None,

            /// <summary><c>System.Net.Http.Headers.HttpRequestHeaders</c> (HttpClient, HttpRequestMessage).</summary>
            HttpRequestHeaders,

            /// <summary>A <c>WebHeaderCollection</c> from <c>WebClient.Headers</c> or <c>WebRequest.Headers</c>.</summary>
            WebRequestHeaders,

            /// <summary>ASP.NET Core's <c>HttpRequest.Headers</c>.</summary>
            AspNetRequestHeaders,
        }

        /// <summary>Per-compilation analysis; holds only the symbols resolved by the start action.</summary>
        private sealed class Analysis
        {
            private readonly HeaderSymbols _symbols;

            public Analysis(HeaderSymbols symbols)
            {
                _symbols = symbols;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;

                // Cheap pre-filter on the name before any semantic work.
                switch (method.Name)
                {
                    case "Add":
                    case "TryAddWithoutValidation":
                    case "Append":
                    case "TryAdd":
                    case "Set":
                    case "AppendCommaSeparatedValues":
                    case "SetCommaSeparatedValues":
                        break;
                    default:
                        return;
                }

                var isExtension = method.IsExtensionMethod;
                var nameOrdinal = isExtension ? 1 : 0;
                if (method.Parameters.Length <= nameOrdinal
                    || method.Parameters[nameOrdinal].Type.SpecialType != SpecialType.System_String)
                {
                    return;
                }

                var nameArgument = GetArgument(invocation.Arguments, nameOrdinal);
                var receiverArgument = isExtension ? GetArgument(invocation.Arguments, 0) : null;
                var receiver = isExtension ? receiverArgument?.Value : invocation.Instance;
                if (nameArgument is null || receiver is null)
                {
                    return;
                }

                // WebHeaderCollection.Add("Name: value") carries the name in front of the colon.
                var isHeaderLine = !isExtension && method.Parameters.Length == 1;
                var header = isHeaderLine ? GetHeaderLineName(nameArgument.Value) : _symbols.GetCorsResponseHeaderName(nameArgument.Value);
                if (header is null)
                {
                    return;
                }

                var kind = ClassifyReceiver(receiver, context.CancellationToken, out var requestExpression);
                if (kind == RequestKind.None || !IsHeaderWrite(kind, method, isHeaderLine))
                {
                    return;
                }

                Report(context, nameArgument.Value.Syntax.GetLocation(), header, kind, invocation, requestExpression);
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is not IPropertyReferenceOperation target || target.Instance is null)
                {
                    return;
                }

                var property = target.Property;
                string? header;
                Location location;
                if (property.IsIndexer)
                {
                    // IHeaderDictionary[string] and NameValueCollection[string] (WebHeaderCollection).
                    if (target.Arguments.Length != 1
                        || property.Parameters.Length != 1
                        || property.Parameters[0].Type.SpecialType != SpecialType.System_String)
                    {
                        return;
                    }

                    var nameValue = target.Arguments[0].Value;
                    header = _symbols.GetCorsResponseHeaderName(nameValue);
                    location = nameValue.Syntax.GetLocation();
                }
                else
                {
                    // IHeaderDictionary.AccessControlAllowOrigin and friends (ASP.NET Core 6+).
                    if (!property.Name.StartsWith("AccessControl", System.StringComparison.Ordinal)
                        || _symbols.IHeaderDictionary is null
                        || !SymbolEqualityComparer.Default.Equals(property.ContainingType, _symbols.IHeaderDictionary))
                    {
                        return;
                    }

                    header = CorsHeaderNames.GetResponseHeaderForTypedProperty(property.Name);
                    location = GetPropertyNameLocation(target.Syntax);
                }

                if (header is null)
                {
                    return;
                }

                var kind = ClassifyReceiver(target.Instance, context.CancellationToken, out var requestExpression);
                var isWrite = property.IsIndexer
                    ? kind == RequestKind.WebRequestHeaders || kind == RequestKind.AspNetRequestHeaders
                    : kind == RequestKind.AspNetRequestHeaders;
                if (!isWrite)
                {
                    return;
                }

                Report(context, location, header, kind, assignment, requestExpression);
            }

            private static void Report(
                OperationAnalysisContext context,
                Location location,
                string header,
                RequestKind kind,
                IOperation write,
                IOperation? requestExpression)
            {
                Diagnostic diagnostic;
                if (kind == RequestKind.AspNetRequestHeaders)
                {
                    diagnostic = requestExpression is null
                        ? Diagnostic.Create(DiagnosticDescriptors.CorsResponseHeaderOnRequest, location, IncomingProperties, header, IncomingRequestText)
                        : Diagnostic.Create(
                            DiagnosticDescriptors.CorsResponseHeaderOnRequest,
                            location,
                            new[] { requestExpression.Syntax.GetLocation() },
                            IncomingProperties,
                            header,
                            IncomingRequestText);
                }
                else
                {
                    diagnostic = Diagnostic.Create(
                        DiagnosticDescriptors.CorsResponseHeaderOnRequest,
                        location,
                        new[] { write.Syntax.GetLocation() },
                        OutgoingProperties,
                        header,
                        OutgoingRequestText);
                }

                context.ReportDiagnostic(diagnostic);
            }

            /// <summary>
            /// Whether the method called on a request's headers adds a header. The receiver is already known to be
            /// the framework's, so its instance members are the framework's; extension methods are checked by their
            /// declaring type (a user's own <c>Append</c> extension is not ASP.NET Core's).
            /// </summary>
            private bool IsHeaderWrite(RequestKind kind, IMethodSymbol method, bool isHeaderLine)
            {
                switch (kind)
                {
                    case RequestKind.HttpRequestHeaders:
                        return !method.IsExtensionMethod
                            && !isHeaderLine
                            && (method.Name == "Add" || method.Name == "TryAddWithoutValidation")
                            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.HttpHeaders);

                    case RequestKind.WebRequestHeaders:
                        return !method.IsExtensionMethod
                            && (method.Name == "Add" || (method.Name == "Set" && !isHeaderLine))
                            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.WebHeaderCollection);

                    case RequestKind.AspNetRequestHeaders:
                        if (!method.IsExtensionMethod)
                        {
                            // IDictionary<string, StringValues>.Add(string, StringValues).
                            return method.Name == "Add" && !isHeaderLine;
                        }

                        if (method.Name == "TryAdd")
                        {
                            return _symbols.CollectionExtensions is not null
                                && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.CollectionExtensions);
                        }

                        return method.Name != "Add"
                            && method.Name != "Set"
                            && _symbols.HeaderDictionaryExtensions is not null
                            && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.HeaderDictionaryExtensions);

                    default:
                        return false;
                }
            }

            /// <summary>
            /// Which request, if any, the headers receiver belongs to. <paramref name="requestExpression"/> is the
            /// <c>HttpRequest</c> expression of <c>x.Headers</c> for ASP.NET Core when it is written in the source
            /// right there (null when reached through a local or an initializer).
            /// </summary>
            private RequestKind ClassifyReceiver(IOperation receiver, CancellationToken cancellationToken, out IOperation? requestExpression)
            {
                requestExpression = null;
                receiver = SkipImplicitConversions(receiver);

                // `new HttpRequestMessage { Headers = { { name, value } } }`: the Add has an implicit receiver, the
                // object being initialized, i.e. the member the enclosing initializer belongs to.
                var direct = true;
                if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver })
                {
                    var member = GetInitializedMember(receiver);
                    if (member is null)
                    {
                        return IsHttpRequestHeaders(receiver.Type) ? RequestKind.HttpRequestHeaders : RequestKind.None;
                    }

                    receiver = member;
                    direct = false;
                }

                if (IsHttpRequestHeaders(receiver.Type))
                {
                    return RequestKind.HttpRequestHeaders;
                }

                // `var headers = request.Headers; headers.Add(...)`: follow a local initialized from the headers and
                // never written again.
                if (receiver is ILocalReferenceOperation localReference)
                {
                    var initializer = GetLocalInitializer(localReference, cancellationToken);
                    if (initializer is null)
                    {
                        return RequestKind.None;
                    }

                    receiver = SkipImplicitConversions(initializer);
                    direct = false;
                }

                if (receiver is not IPropertyReferenceOperation propertyReference)
                {
                    return RequestKind.None;
                }

                var property = propertyReference.Property;
                if (property.Name != "Headers")
                {
                    return RequestKind.None;
                }

                if (_symbols.WebHeaderCollection is not null && _symbols.IsOutgoingWebRequestHeadersProperty(property))
                {
                    return RequestKind.WebRequestHeaders;
                }

                if (_symbols.AspNetHttpRequest is not null && _symbols.IsAspNetRequestHeadersProperty(property))
                {
                    var instance = propertyReference.Instance;
                    if (direct
                        && instance is not null
                        && !instance.IsImplicit
                        && instance.Syntax is ExpressionSyntax)
                    {
                        requestExpression = instance;
                    }

                    return RequestKind.AspNetRequestHeaders;
                }

                return RequestKind.None;
            }

            private bool IsHttpRequestHeaders(ITypeSymbol? type) =>
                type is not null
                && _symbols.HttpRequestHeaders is not null
                && SymbolEqualityComparer.Default.Equals(type, _symbols.HttpRequestHeaders);

            /// <summary>The string before the colon of a constant "Name: value" header line, when it is a CORS response header.</summary>
            private static string? GetHeaderLineName(IOperation value)
            {
                var constant = value.ConstantValue;
                if (!constant.HasValue || constant.Value is not string line)
                {
                    return null;
                }

                var colon = line.IndexOf(':');
                return colon > 0 ? CorsHeaderNames.GetResponseHeader(line.Substring(0, colon)) : null;
            }

            private static IArgumentOperation? GetArgument(ImmutableArray<IArgumentOperation> arguments, int ordinal)
            {
                foreach (var argument in arguments)
                {
                    if (argument.Parameter is { } parameter && parameter.Ordinal == ordinal)
                    {
                        return argument;
                    }
                }

                return null;
            }

            private static IOperation SkipImplicitConversions(IOperation operation)
            {
                while (operation is IConversionOperation { IsImplicit: true } conversion)
                {
                    operation = conversion.Operand;
                }

                return operation;
            }

            /// <summary>The member whose nested initializer an implicit receiver refers to (<c>Headers</c> in <c>Headers = { ... }</c>).</summary>
            private static IOperation? GetInitializedMember(IOperation implicitReceiver)
            {
                for (var current = implicitReceiver.Parent; current is not null; current = current.Parent)
                {
                    if (current is IObjectOrCollectionInitializerOperation initializer)
                    {
                        return initializer.Parent is IMemberInitializerOperation memberInitializer
                            ? memberInitializer.InitializedMember
                            : null;
                    }
                }

                return null;
            }

            /// <summary>
            /// The initializer of a local declared as <c>var x = expression;</c> that is never assigned again nor passed
            /// by reference; otherwise null (then the rule stays silent).
            /// </summary>
            private static IOperation? GetLocalInitializer(ILocalReferenceOperation localReference, CancellationToken cancellationToken)
            {
                var local = localReference.Local;
                var model = localReference.SemanticModel;
                if (local.IsRef || model is null || local.DeclaringSyntaxReferences.Length != 1)
                {
                    return null;
                }

                var reference = local.DeclaringSyntaxReferences[0];
                if (reference.SyntaxTree != model.SyntaxTree
                    || reference.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } equalsValue })
                {
                    return null;
                }

                var root = localReference;
                IOperation top = localReference;
                while (top.Parent is not null)
                {
                    top = top.Parent;
                }

                foreach (var operation in top.Descendants())
                {
                    if (operation is ILocalReferenceOperation other
                        && SymbolEqualityComparer.Default.Equals(other.Local, local)
                        && !ReferenceEquals(other, root)
                        && IsWrite(other))
                    {
                        return null;
                    }
                }

                return model.GetOperation(equalsValue.Value, cancellationToken);
            }

            private static bool IsWrite(ILocalReferenceOperation reference)
            {
                switch (reference.Parent)
                {
                    case IAssignmentOperation assignment:
                        return ReferenceEquals(assignment.Target, reference);
                    case IArgumentOperation argument:
                        return argument.Parameter is { RefKind: not RefKind.None and not RefKind.In };
                    case ITupleOperation:
                        // A deconstruction target: (headers, other) = ...
                        return true;
                    case IIncrementOrDecrementOperation:
                        return true;
                    default:
                        return false;
                }
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
}
