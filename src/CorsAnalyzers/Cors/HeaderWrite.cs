using System;
using Microsoft.CodeAnalysis;
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

    /// <summary>
    /// A header written by code: <c>headers[name] = value</c>, <c>headers.Add/Append/TryAdd(name, value)</c>, an
    /// <c>IHeaderDictionary</c> typed property (<c>headers.AccessControlAllowOrigin = value</c>),
    /// <c>HttpHeaders.Add/TryAddWithoutValidation</c>, <c>WebHeaderCollection.Add/Set</c> (also <c>Add("Name: value")</c>),
    /// <c>HttpListenerResponse.AddHeader/AppendHeader</c>; with the side (request or response) decided by the container's
    /// type or the property it comes from, never by variable names.
    /// </summary>
    internal readonly struct HeaderWrite
    {
        private const int MaxLocalDepth = 3;

        private HeaderWrite(IOperation operation, string? name, IOperation? value, string? inlineValue, HeaderSide side)
        {
            Operation = operation;
            Name = name;
            Value = value;
            InlineValue = inlineValue;
            Side = side;
        }

        /// <summary>The invocation or assignment that writes the header.</summary>
        public IOperation Operation { get; }

        /// <summary>
        /// The header name: the canonical spelling for CORS headers, otherwise the name as written; null when it is not
        /// visible (not a constant, <c>HeaderNames</c> or <c>CorsConstants</c> member).
        /// </summary>
        public string? Name { get; }

        /// <summary>The written value (conversions not unwrapped); for <c>Add("Name: value")</c>, the whole argument.</summary>
        public IOperation? Value { get; }

        /// <summary>For <c>WebHeaderCollection.Add("Name: value")</c>: the value part; otherwise null.</summary>
        public string? InlineValue { get; }

        public HeaderSide Side { get; }

        /// <summary>Cheap pre-filter: a method name that can write a header.</summary>
        public static bool IsWriteMethodName(string name)
        {
            switch (name)
            {
                case "Add":
                case "Append":
                case "TryAdd":
                case "Set":
                case "AppendCommaSeparatedValues":
                case "SetCommaSeparatedValues":
                case "AppendList":
                case "TryAddWithoutValidation":
                case "AddHeader":
                case "AppendHeader":
                    return true;
                default:
                    return false;
            }
        }

        public static bool TryCreate(IOperation operation, HeaderSymbols symbols, out HeaderWrite write)
        {
            write = default;
            return operation switch
            {
                ISimpleAssignmentOperation assignment => TryCreateFromAssignment(assignment, symbols, out write),
                IInvocationOperation invocation => TryCreateFromInvocation(invocation, symbols, out write),
                _ => false,
            };
        }

        private static bool TryCreateFromAssignment(ISimpleAssignmentOperation assignment, HeaderSymbols symbols, out HeaderWrite write)
        {
            write = default;
            if (assignment.Target is not IPropertyReferenceOperation target || target.Instance is null)
            {
                return false;
            }

            var property = target.Property;
            if (property.IsIndexer)
            {
                // headers["Access-Control-Allow-Origin"] = value
                if (target.Arguments.Length != 1
                    || !(IsHeaderDictionary(target.Instance.Type, symbols) || IsOrDerivesFrom(target.Instance.Type, symbols.WebHeaderCollection))
                    || target.Arguments[0].Value.Type?.SpecialType != SpecialType.System_String)
                {
                    return false;
                }

                write = new HeaderWrite(
                    assignment, GetHeaderName(target.Arguments[0].Value, symbols), assignment.Value, null, GetSide(target.Instance, symbols, 0));
                return true;
            }

            // headers.AccessControlAllowOrigin = value (IHeaderDictionary typed properties, ASP.NET Core 7+)
            if (symbols.IHeaderDictionary is null
                || !SymbolEqualityComparer.Default.Equals(property.ContainingType, symbols.IHeaderDictionary)
                || CorsHeaderNames.GetHeaderForMemberName(property.Name) is not { } name)
            {
                return false;
            }

            write = new HeaderWrite(assignment, name, assignment.Value, null, GetSide(target.Instance, symbols, 0));
            return true;
        }

        private static bool TryCreateFromInvocation(IInvocationOperation invocation, HeaderSymbols symbols, out HeaderWrite write)
        {
            write = default;
            var method = invocation.TargetMethod;
            if (!IsWriteMethodName(method.Name))
            {
                return false;
            }

            var isExtension = method.IsExtensionMethod && invocation.Instance is null;
            var receiver = Unwrap(isExtension ? GetArgument(invocation, 0) : invocation.Instance);
            var first = isExtension ? 1 : 0;
            var nameArgument = GetArgument(invocation, first);
            var valueArgument = GetArgument(invocation, first + 1);
            if (nameArgument is null || nameArgument.Type?.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            // HttpListenerResponse.AddHeader(name, value) / AppendHeader(name, value)
            if ((method.Name == "AddHeader" || method.Name == "AppendHeader")
                && IsOrDerivesFrom(method.ContainingType, symbols.HttpListenerResponse))
            {
                write = new HeaderWrite(invocation, GetHeaderName(nameArgument, symbols), valueArgument, null, HeaderSide.Response);
                return valueArgument is not null;
            }

            if (receiver is null)
            {
                return false;
            }

            var receiverType = receiver.Type;
            switch (method.Name)
            {
                case "Add":
                case "TryAdd":
                case "Append":
                case "AppendCommaSeparatedValues":
                case "SetCommaSeparatedValues":
                case "AppendList":
                    if (IsHeaderDictionary(receiverType, symbols))
                    {
                        break;
                    }

                    if (method.Name == "Add" && (IsOrDerivesFrom(receiverType, symbols.HttpHeaders) || IsOrDerivesFrom(receiverType, symbols.WebHeaderCollection)))
                    {
                        break;
                    }

                    return false;
                case "TryAddWithoutValidation":
                    if (!IsOrDerivesFrom(receiverType, symbols.HttpHeaders))
                    {
                        return false;
                    }

                    break;
                case "Set":
                    if (!IsOrDerivesFrom(receiverType, symbols.WebHeaderCollection))
                    {
                        return false;
                    }

                    break;
                default:
                    return false;
            }

            var side = GetSide(receiver, symbols, 0);
            if (valueArgument is null)
            {
                // WebHeaderCollection.Add("Access-Control-Allow-Origin: *")
                if (!IsOrDerivesFrom(receiverType, symbols.WebHeaderCollection)
                    || !nameArgument.ConstantValue.HasValue
                    || nameArgument.ConstantValue.Value is not string header)
                {
                    return false;
                }

                var colon = header.IndexOf(':');
                if (colon <= 0)
                {
                    return false;
                }

                write = new HeaderWrite(invocation, Canonicalize(header.Substring(0, colon)), nameArgument, header.Substring(colon + 1).Trim(), side);
                return true;
            }

            write = new HeaderWrite(invocation, GetHeaderName(nameArgument, symbols), valueArgument, null, side);
            return true;
        }

        /// <summary>
        /// The header name an operation denotes: a constant string, or a member of <c>HeaderNames</c> /
        /// <c>CorsConstants</c> (static readonly fields, so not constants); CORS header names come back canonical.
        /// </summary>
        public static string? GetHeaderName(IOperation? operation, HeaderSymbols symbols)
        {
            operation = Unwrap(operation);
            if (operation is null)
            {
                return null;
            }

            if (operation.ConstantValue.HasValue)
            {
                return operation.ConstantValue.Value is string text ? Canonicalize(text) : null;
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
        /// <c>WebClient</c>, <c>WebRequest</c>), or through a local initialized from one of those.
        /// </summary>
        public static HeaderSide GetSide(IOperation? container, HeaderSymbols symbols, int depth)
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
                        || IsOrDerivesFrom(property.ContainingType, symbols.HttpListenerRequest)
                        || IsOrDerivesFrom(property.ContainingType, symbols.WebRequest)
                        || IsOrDerivesFrom(property.ContainingType, symbols.WebClient))
                    {
                        return HeaderSide.Request;
                    }

                    return HeaderSide.Unknown;

                case ILocalReferenceOperation local when depth < MaxLocalDepth:
                    return GetSide(GetLocalInitializer(local), symbols, depth + 1);

                default:
                    return HeaderSide.Unknown;
            }
        }

        /// <summary>The initializer of a local (<c>var headers = context.Response.Headers;</c>), from its declaration.</summary>
        public static IOperation? GetLocalInitializer(ILocalReferenceOperation local)
        {
            var model = local.SemanticModel;
            if (model is null || local.Local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var reference = local.Local.DeclaringSyntaxReferences[0];
            if (reference.SyntaxTree != model.SyntaxTree
                || reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                return null;
            }

            return model.GetOperation(initializer.Value);
        }

        public static bool IsHeaderDictionary(ITypeSymbol? type, HeaderSymbols symbols)
        {
            if (type is null || symbols.IHeaderDictionary is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, symbols.IHeaderDictionary))
            {
                return true;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(@interface, symbols.IHeaderDictionary))
                {
                    return true;
                }
            }

            return false;
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
