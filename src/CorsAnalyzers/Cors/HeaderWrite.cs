using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>Which HTTP message a header container belongs to.</summary>
    internal enum HeaderSide
    {
        Unknown,
        Request,
        Response,
    }

    /// <summary>The header API a write goes through.</summary>
    internal enum HeaderApi
    {
        /// <summary><c>System.Net.Http.Headers.HttpHeaders</c> (HttpClient, HttpRequestMessage, HttpResponseMessage).</summary>
        HttpHeaders,

        /// <summary><c>System.Net.WebHeaderCollection</c> (WebClient, WebRequest, HttpListenerResponse).</summary>
        WebHeaderCollection,

        /// <summary>ASP.NET Core's <c>IHeaderDictionary</c> (HttpRequest.Headers, HttpResponse.Headers).</summary>
        HeaderDictionary,

        /// <summary><c>HttpListenerResponse.AddHeader/AppendHeader</c>.</summary>
        HttpListenerResponse,
    }

    /// <summary>Which header names a caller of <see cref="HeaderWrite.TryCreate"/> cares about (checked before the side).</summary>
    internal enum HeaderNameFilter
    {
        /// <summary>Every header.</summary>
        Any,

        /// <summary>A CORS response header (<see cref="CorsHeaderNames.GetResponseHeader"/> is not null).</summary>
        CorsResponseHeader,

        /// <summary><c>Access-Control-Allow-Origin</c> or <c>Access-Control-Allow-Credentials</c>.</summary>
        AllowOriginOrCredentials,
    }

    /// <summary>
    /// A header written by code: <c>headers[name] = value</c>, <c>headers.Add/Append/TryAdd(name, value)</c>, an
    /// <c>IHeaderDictionary</c> typed property (<c>headers.AccessControlAllowOrigin = value</c>),
    /// <c>HttpHeaders.Add/TryAddWithoutValidation</c>, <c>WebHeaderCollection.Add/Set</c> (also <c>Add("Name: value")</c>),
    /// <c>HttpListenerResponse.AddHeader/AppendHeader</c>, also as elements of a collection or object initializer
    /// (<c>Headers = { { name, value } }</c>); with the side (request or response) decided by the container's type or
    /// the property it comes from, never by variable names. Shared by CORS003 (request side) and CORS006 (response side).
    /// A class, not a struct: a list of a struct is generic code the JIT compiles anew in every fresh compiler process.
    /// <c>TryCreate</c>'s out value is null exactly when it returns false.
    /// </summary>
    internal sealed class HeaderWrite
    {
        private const int MaxLocalDepth = 3;

        private HeaderWrite(
            IOperation operation,
            HeaderApi api,
            string? name,
            IOperation? nameOperation,
            IOperation? value,
            string? inlineValue,
            HeaderSide side,
            IOperation? headersOwner,
            bool isFrameworkMethod)
        {
            Operation = operation;
            Api = api;
            Name = name;
            NameOperation = nameOperation;
            Value = value;
            InlineValue = inlineValue;
            Side = side;
            HeadersOwner = headersOwner;
            IsFrameworkMethod = isFrameworkMethod;
        }

        /// <summary>The invocation or assignment that writes the header.</summary>
        public IOperation Operation { get; }

        public HeaderApi Api { get; }

        /// <summary>
        /// The header name: the canonical spelling for CORS headers, otherwise the name as written; null when it is not
        /// visible (not a constant, <c>HeaderNames</c> or <c>CorsConstants</c> member).
        /// </summary>
        public string? Name { get; }

        /// <summary>
        /// What names the header in the source: the name argument (for <c>Add("Name: value")</c> the whole line), the
        /// indexer argument; null for a typed property (<c>headers.AccessControlAllowOrigin = value</c>).
        /// </summary>
        public IOperation? NameOperation { get; }

        /// <summary>The written value (conversions not unwrapped); for <c>Add("Name: value")</c>, the whole argument.</summary>
        public IOperation? Value { get; }

        /// <summary>For <c>WebHeaderCollection.Add("Name: value")</c>: the value part; otherwise null.</summary>
        public string? InlineValue { get; }

        public HeaderSide Side { get; }

        /// <summary>
        /// The object whose <c>Headers</c> property is written to, when it is written right there:
        /// <c>context.Request</c> in <c>context.Request.Headers.Append(...)</c>. Null when the headers are reached through
        /// a local or an initializer, or the object is implicit.
        /// </summary>
        public IOperation? HeadersOwner { get; }

        /// <summary>
        /// The write uses the header type's own API (its members, or the framework's extension methods for it:
        /// <c>HeaderDictionaryExtensions</c>, <c>HeaderDictionaryTypeExtensions</c>, <c>CollectionExtensions.TryAdd</c>),
        /// not a user's extension method of the same name.
        /// </summary>
        public bool IsFrameworkMethod { get; }

        /// <summary>
        /// The names of the methods that can write a header: the cheap pre-filter before any semantic work.
        /// <see cref="CorsCompilationContext.RegisterHeaderWriteAction"/> routes invocations by them.
        /// </summary>
        public static readonly string[] WriteMethodNames =
        {
            "Add",
            "Append",
            "TryAdd",
            "Set",
            "AppendCommaSeparatedValues",
            "SetCommaSeparatedValues",
            "AppendList",
            "TryAddWithoutValidation",
            "AddHeader",
            "AppendHeader",
        };

        /// <summary>Cheap pre-filter: a method name that can write a header (one of <see cref="WriteMethodNames"/>).</summary>
        public static bool IsWriteMethodName(string name) => Array.IndexOf(WriteMethodNames, name) >= 0;

        public static bool TryCreate(IOperation operation, HeaderSymbols symbols, CancellationToken cancellationToken, out HeaderWrite write) =>
            TryCreate(operation, symbols, HeaderNameFilter.Any, cancellationToken, out write);

        /// <summary>
        /// Like <see cref="TryCreate(IOperation, HeaderSymbols, CancellationToken, out HeaderWrite)"/>, but false as soon
        /// as the header name is known not to pass <paramref name="filter"/>, before the (costlier) side is computed.
        /// </summary>
        public static bool TryCreate(
            IOperation operation,
            HeaderSymbols symbols,
            HeaderNameFilter filter,
            CancellationToken cancellationToken,
            out HeaderWrite write)
        {
            write = null!;
            return operation switch
            {
                ISimpleAssignmentOperation assignment => TryCreateFromAssignment(assignment, symbols, filter, cancellationToken, out write),
                IInvocationOperation invocation => TryCreateFromInvocation(invocation, symbols, filter, cancellationToken, out write),
                _ => false,
            };
        }

        private static bool Accepts(HeaderNameFilter filter, string? name)
        {
            switch (filter)
            {
                case HeaderNameFilter.CorsResponseHeader:
                    return CorsHeaderNames.GetResponseHeader(name) is not null;
                case HeaderNameFilter.AllowOriginOrCredentials:
                    return name == CorsHeaderNames.AccessControlAllowOrigin || name == CorsHeaderNames.AccessControlAllowCredentials;
                default:
                    return true;
            }
        }

        private static bool TryCreateFromAssignment(
            ISimpleAssignmentOperation assignment,
            HeaderSymbols symbols,
            HeaderNameFilter filter,
            CancellationToken cancellationToken,
            out HeaderWrite write)
        {
            write = null!;
            if (assignment.Target is not IPropertyReferenceOperation target || target.Instance is null)
            {
                return false;
            }

            var property = target.Property;
            HeaderApi api;
            string? name;
            IOperation? nameOperation;
            if (property.IsIndexer)
            {
                // headers["Access-Control-Allow-Origin"] = value; the name is checked before the container's type.
                if (target.Arguments.Length != 1 || target.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
                {
                    return false;
                }

                nameOperation = target.Arguments[0].Value;
                name = GetHeaderName(nameOperation, symbols);
                if (!Accepts(filter, name))
                {
                    return false;
                }

                var isHeaderDictionary = symbols.IsHeaderDictionary(target.Instance.Type);
                if (!(isHeaderDictionary || IsOrDerivesFrom(target.Instance.Type, symbols.WebHeaderCollection)))
                {
                    return false;
                }

                api = isHeaderDictionary ? HeaderApi.HeaderDictionary : HeaderApi.WebHeaderCollection;
            }
            else
            {
                // headers.AccessControlAllowOrigin = value (IHeaderDictionary typed properties, ASP.NET Core 7+)
                if (symbols.IHeaderDictionary is null
                    || !SymbolEqualityComparer.Default.Equals(property.ContainingType, symbols.IHeaderDictionary))
                {
                    return false;
                }

                api = HeaderApi.HeaderDictionary;
                nameOperation = null;
                name = CorsHeaderNames.GetHeaderForMemberName(property.Name);
                if (name is null || !Accepts(filter, name))
                {
                    return false;
                }
            }

            var container = Unwrap(target.Instance);
            write = new HeaderWrite(
                assignment,
                api,
                name,
                nameOperation,
                assignment.Value,
                null,
                GetSide(container, symbols, cancellationToken),
                GetHeadersOwner(container),
                isFrameworkMethod: true);
            return true;
        }

        private static bool TryCreateFromInvocation(
            IInvocationOperation invocation,
            HeaderSymbols symbols,
            HeaderNameFilter filter,
            CancellationToken cancellationToken,
            out HeaderWrite write)
        {
            write = null!;
            var method = invocation.TargetMethod;
            if (!IsWriteMethodName(method.Name))
            {
                return false;
            }

            // The name argument before the receiver's type: most Add/Append/Set calls are on lists, dictionaries and
            // string builders, and leave here (not a string, or not a header name the caller wants) without a type check.
            var isExtension = method.IsExtensionMethod && invocation.Instance is null;
            var first = isExtension ? 1 : 0;
            var nameArgument = GetArgument(invocation, first);
            var valueArgument = GetArgument(invocation, first + 1);
            if (nameArgument is null || nameArgument.Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            string? name;
            string? inlineValue = null;
            if (valueArgument is null)
            {
                // Only WebHeaderCollection.Add("Access-Control-Allow-Origin: *") writes without a value argument.
                if (!TryGetString(nameArgument, out var header))
                {
                    return false;
                }

                var colon = header.IndexOf(':');
                if (colon <= 0)
                {
                    return false;
                }

                name = Canonicalize(header.Substring(0, colon));
                if (!Accepts(filter, name))
                {
                    return false;
                }

                inlineValue = header.Substring(colon + 1).Trim();
            }
            else
            {
                name = GetHeaderName(nameArgument, symbols);
                if (!Accepts(filter, name))
                {
                    return false;
                }
            }

            // Which API, by the method and the receiver's type; then the side (walks up the receiver).
            var isListener = (method.Name == "AddHeader" || method.Name == "AppendHeader")
                && IsOrDerivesFrom(method.ContainingType, symbols.HttpListenerResponse);
            var receiver = isListener ? null : Unwrap(isExtension ? GetArgument(invocation, 0) : invocation.Instance);
            if (!isListener && receiver is null)
            {
                return false;
            }

            HeaderApi api = default;
            if (!isListener)
            {
                var receiverType = receiver!.Type;
                switch (method.Name)
                {
                    case "Add":
                    case "TryAdd":
                    case "Append":
                    case "AppendCommaSeparatedValues":
                    case "SetCommaSeparatedValues":
                    case "AppendList":
                        if (symbols.IsHeaderDictionary(receiverType))
                        {
                            api = HeaderApi.HeaderDictionary;
                            break;
                        }

                        if (method.Name == "Add" && IsOrDerivesFrom(receiverType, symbols.HttpHeaders))
                        {
                            api = HeaderApi.HttpHeaders;
                            break;
                        }

                        if (method.Name == "Add" && IsOrDerivesFrom(receiverType, symbols.WebHeaderCollection))
                        {
                            api = HeaderApi.WebHeaderCollection;
                            break;
                        }

                        return false;
                    case "TryAddWithoutValidation":
                        if (!IsOrDerivesFrom(receiverType, symbols.HttpHeaders))
                        {
                            return false;
                        }

                        api = HeaderApi.HttpHeaders;
                        break;
                    case "Set":
                        if (!IsOrDerivesFrom(receiverType, symbols.WebHeaderCollection))
                        {
                            return false;
                        }

                        api = HeaderApi.WebHeaderCollection;
                        break;
                    default:
                        return false;
                }
            }

            // HttpListenerResponse.AddHeader(name, value) / AppendHeader(name, value)
            if (isListener)
            {
                if (valueArgument is null)
                {
                    return false;
                }

                write = new HeaderWrite(
                    invocation,
                    HeaderApi.HttpListenerResponse,
                    name,
                    nameArgument,
                    valueArgument,
                    null,
                    HeaderSide.Response,
                    null,
                    isFrameworkMethod: true);
                return true;
            }

            var side = GetSide(receiver!, symbols, cancellationToken);
            var owner = GetHeadersOwner(receiver!);
            var isFrameworkMethod = !isExtension || IsFrameworkHeaderExtension(method, symbols);
            if (valueArgument is null)
            {
                // WebHeaderCollection.Add("Access-Control-Allow-Origin: *")
                if (api != HeaderApi.WebHeaderCollection)
                {
                    return false;
                }

                write = new HeaderWrite(invocation, api, name, nameArgument, nameArgument, inlineValue, side, owner, isFrameworkMethod);
                return true;
            }

            write = new HeaderWrite(invocation, api, name, nameArgument, valueArgument, null, side, owner, isFrameworkMethod);
            return true;
        }

        /// <summary>An extension method the framework declares for writing headers (not a user's look-alike).</summary>
        private static bool IsFrameworkHeaderExtension(IMethodSymbol method, HeaderSymbols symbols)
        {
            var type = method.ContainingType;
            return (symbols.HeaderDictionaryExtensions is not null && SymbolEqualityComparer.Default.Equals(type, symbols.HeaderDictionaryExtensions))
                || (symbols.HeaderDictionaryTypeExtensions is not null && SymbolEqualityComparer.Default.Equals(type, symbols.HeaderDictionaryTypeExtensions))
                || (method.Name == "TryAdd" && symbols.CollectionExtensions is not null && SymbolEqualityComparer.Default.Equals(type, symbols.CollectionExtensions));
        }

        /// <summary>
        /// The header name an operation denotes: a constant string, or a member of <c>HeaderNames</c> /
        /// <c>CorsConstants</c> (static readonly fields, so not constants); CORS header names come back canonical.
        /// </summary>
        /// <summary>
        /// The value of a constant string. A literal's value is read from its token: Roslyn's constant for a string
        /// builds the string again (and a weak reference to it) on every read, and this runs for every header write.
        /// </summary>
        private static bool TryGetString(IOperation operation, out string value)
        {
            if (operation is ILiteralOperation && operation.Syntax is LiteralExpressionSyntax literal
                && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                value = literal.Token.ValueText;
                return true;
            }

            if (operation.ConstantValue is { HasValue: true, Value: string constant })
            {
                value = constant;
                return true;
            }

            value = string.Empty;
            return false;
        }

        public static string? GetHeaderName(IOperation? operation, HeaderSymbols symbols)
        {
            operation = Unwrap(operation);
            if (operation is null)
            {
                return null;
            }

            if (TryGetString(operation, out var text))
            {
                return Canonicalize(text);
            }

            if (operation.ConstantValue.HasValue)
            {
                return null;
            }

            ISymbol? member = operation switch
            {
                IFieldReferenceOperation field => field.Field,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

            if (member is null || !member.IsStatic)
            {
                return null;
            }

            var type = member.ContainingType;
            if ((symbols.HeaderNames is not null && SymbolEqualityComparer.Default.Equals(type, symbols.HeaderNames))
                || (symbols.CorsConstants is not null && SymbolEqualityComparer.Default.Equals(type, symbols.CorsConstants)))
            {
                return CorsHeaderNames.GetHeaderForMemberName(member.Name);
            }

            return null;
        }

        /// <summary>
        /// Whether a header container (an <c>IHeaderDictionary</c>, <c>HttpHeaders</c>, <c>WebHeaderCollection</c> or
        /// <c>NameValueCollection</c> expression) belongs to a request or a response: by its type
        /// (<c>HttpRequestHeaders</c>/<c>HttpResponseHeaders</c>), by the <c>Headers</c> property it is read from
        /// (<c>HttpRequest</c>, <c>HttpResponse</c>, <c>HttpListenerRequest</c>, <c>HttpListenerResponse</c>,
        /// <c>WebClient</c>, <c>WebRequest</c>), by the member an initializer sets (<c>Headers = { ... }</c>), or through
        /// a local initialized from one of those and never written again.
        /// </summary>
        public static HeaderSide GetSide(IOperation? container, HeaderSymbols symbols, CancellationToken cancellationToken) =>
            GetSide(container, symbols, 0, cancellationToken);

        private static HeaderSide GetSide(IOperation? container, HeaderSymbols symbols, int depth, CancellationToken cancellationToken)
        {
            container = Unwrap(container);
            if (container is null)
            {
                return HeaderSide.Unknown;
            }

            if (IsOrDerivesFrom(container.Type, symbols.HttpResponseHeaders))
            {
                return HeaderSide.Response;
            }

            if (IsOrDerivesFrom(container.Type, symbols.HttpRequestHeaders))
            {
                return HeaderSide.Request;
            }

            switch (container)
            {
                case IPropertyReferenceOperation { Property: { Name: "Headers", IsIndexer: false } property }:
                    if (symbols.IsAspNetResponseHeadersProperty(property)
                        || IsOrDerivesFrom(property.ContainingType, symbols.HttpListenerResponse))
                    {
                        return HeaderSide.Response;
                    }

                    if (symbols.IsAspNetRequestHeadersProperty(property)
                        || symbols.IsOutgoingWebRequestHeadersProperty(property)
                        || IsOrDerivesFrom(property.ContainingType, symbols.HttpListenerRequest))
                    {
                        return HeaderSide.Request;
                    }

                    return HeaderSide.Unknown;

                // new HttpRequestMessage { Headers = { { name, value } } }: the Add's receiver is the object being
                // initialized, i.e. the member the enclosing initializer belongs to.
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } implicitReceiver:
                    var member = GetInitializedMember(implicitReceiver);
                    return member is null ? HeaderSide.Unknown : GetSide(member, symbols, depth, cancellationToken);

                case ILocalReferenceOperation local when depth < MaxLocalDepth:
                    return GetSide(GetLocalInitializer(local, cancellationToken), symbols, depth + 1, cancellationToken);

                default:
                    return HeaderSide.Unknown;
            }
        }

        /// <summary>The <c>x</c> of an <c>x.Headers</c> container written in the source (see <see cref="HeadersOwner"/>).</summary>
        private static IOperation? GetHeadersOwner(IOperation? container) =>
            container is IPropertyReferenceOperation { Property: { Name: "Headers", IsIndexer: false }, Instance: { IsImplicit: false } instance }
            && instance.Syntax is ExpressionSyntax
                ? instance
                : null;

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
        /// The initializer of a local declared as <c>var headers = context.Response.Headers;</c> that is never assigned
        /// again nor passed by reference; otherwise null (then the side is unknown).
        /// </summary>
        public static IOperation? GetLocalInitializer(ILocalReferenceOperation localReference, CancellationToken cancellationToken)
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

            IOperation top = localReference;
            while (top.Parent is not null)
            {
                top = top.Parent;
            }

            foreach (var operation in top.Descendants())
            {
                if (operation is ILocalReferenceOperation other
                    && SymbolEqualityComparer.Default.Equals(other.Local, local)
                    && !ReferenceEquals(other, localReference)
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

        public static bool IsOrDerivesFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        public static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        private static IOperation? GetArgument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static string Canonicalize(string name) =>
            CorsHeaderNames.GetResponseHeader(name)
            ?? (string.Equals(name.Trim(), CorsHeaderNames.Origin, StringComparison.OrdinalIgnoreCase) ? CorsHeaderNames.Origin : name.Trim());
    }
}
