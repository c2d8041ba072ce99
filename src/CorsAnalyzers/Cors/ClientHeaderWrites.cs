using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// A CORS response header that a client library writes to an outgoing request, with what removing it means: the
    /// text to delete or replace (<see cref="Removal"/>, null when no removal leaves valid code).
    /// </summary>
    internal sealed class ClientHeaderWrite
    {
        public ClientHeaderWrite(SyntaxNode nameSyntax, string header, TextSpan? removal, string replacement)
        {
            NameSyntax = nameSyntax;
            Header = header;
            Removal = removal;
            Replacement = replacement;
        }

        /// <summary>What names the header: the name argument, the anonymous property, the dictionary key, the attribute argument.</summary>
        public SyntaxNode NameSyntax { get; }

        /// <summary>The canonical CORS response header.</summary>
        public string Header { get; }

        public TextSpan? Removal { get; }

        /// <summary>The text that replaces <see cref="Removal"/> (empty: a deletion).</summary>
        public string Replacement { get; }
    }

    /// <summary>
    /// The request-header APIs of the client libraries, by symbol (a user's own <c>AddHeader</c> or <c>WithHeader</c> is
    /// not theirs): RestSharp (<c>AddHeader</c>, <c>AddOrUpdateHeader</c>, <c>AddDefaultHeader</c>, the <c>*Headers</c>
    /// dictionaries, <c>HeaderParameter</c> and <c>ParameterType.HttpHeader</c> parameters), Flurl.Http (<c>WithHeader</c>,
    /// <c>WithHeaders</c> with an anonymous object or a dictionary, <c>Headers.Add/AddOrReplace</c> on a request, client or
    /// client builder) and Refit (<c>[Headers]</c>, <c>[Header]</c>, <c>[HeaderCollection]</c> dictionaries). Header names
    /// must be visible: constants, <c>HeaderNames</c>/<c>CorsConstants</c> members.
    /// </summary>
    internal static class ClientHeaderWrites
    {
        public static readonly string[] RestSharpMethodNames =
        {
            "AddHeader", "AddOrUpdateHeader", "AddDefaultHeader", "AddParameter", "AddOrUpdateParameter", "AddDefaultParameter",
        };

        public static readonly string[] FlurlMethodNames = { "WithHeader", "WithHeaders", "Add", "AddOrReplace" };

        /// <summary>The invocations that write a header, anonymous-object <c>WithHeaders</c> members included.</summary>
        public static void FromInvocation(
            IInvocationOperation invocation,
            ClientLibrarySymbols clients,
            HeaderSymbols headers,
            ref List<ClientHeaderWrite>? found,
            CancellationToken cancellationToken)
        {
            if (TryGetCallWrite(invocation, clients, headers, out var nameOperation, out var header))
            {
                (found ??= new List<ClientHeaderWrite>()).Add(new ClientHeaderWrite(nameOperation.Syntax, header, CallRemoval(invocation, clients, headers, cancellationToken), string.Empty));
                return;
            }

            if (invocation.TargetMethod.Name == "WithHeaders" && IsFlurlHeaderExtension(invocation.TargetMethod, clients))
            {
                FromAnonymousHeaders(invocation, clients, headers, ref found, cancellationToken);
            }
        }

        /// <summary>
        /// <c>new HeaderParameter(name, value)</c> (RestSharp), and a dictionary created with CORS response header keys
        /// that is given to a header API: RestSharp <c>AddHeaders/AddOrUpdateHeaders/AddDefaultHeaders</c>, Flurl
        /// <c>WithHeaders</c>, a Refit <c>[HeaderCollection]</c> parameter (directly, or through a local never written again).
        /// </summary>
        public static void FromObjectCreation(
            IObjectCreationOperation creation,
            ClientLibrarySymbols clients,
            HeaderSymbols headers,
            ref List<ClientHeaderWrite>? found,
            CancellationToken cancellationToken)
        {
            if (clients.RestHeaderParameter is { } headerParameter
                && SymbolEqualityComparer.Default.Equals(creation.Type, headerParameter))
            {
                if (GetArgument(creation.Arguments, "name") is { } name && HeaderWrite.GetHeaderName(name, headers) is { } parameterName
                    && CorsHeaderNames.GetResponseHeader(parameterName) is { } parameterHeader)
                {
                    (found ??= new List<ClientHeaderWrite>()).Add(new ClientHeaderWrite(name.Syntax, parameterHeader, ParameterRemoval(creation, clients, headers, cancellationToken), string.Empty));
                }

                return;
            }

            if (creation.Initializer is { Initializers.Length: > 0 } initializer && creation.Syntax is BaseObjectCreationExpressionSyntax { Initializer: { } initializerSyntax } creationSyntax)
            {
                FromDictionary(creation, initializer, creationSyntax, initializerSyntax, clients, headers, ref found, cancellationToken);
            }
        }

        /// <summary>A call that writes one header: RestSharp's and Flurl's single-header APIs.</summary>
        public static bool TryGetCallWrite(
            IInvocationOperation invocation,
            ClientLibrarySymbols clients,
            HeaderSymbols headers,
            out IOperation nameOperation,
            out string header)
        {
            nameOperation = null!;
            header = null!;
            var method = invocation.TargetMethod;
            IOperation? name = null;
            switch (method.Name)
            {
                case "AddHeader":
                case "AddOrUpdateHeader":
                    if (ClientLibrarySymbols.IsDeclaredBy(method, clients.RestRequestExtensions))
                    {
                        name = GetArgument(invocation.Arguments, "name");
                    }

                    break;
                case "AddDefaultHeader":
                    if (ClientLibrarySymbols.IsDeclaredBy(method, clients.RestClientExtensions))
                    {
                        name = GetArgument(invocation.Arguments, "name");
                    }

                    break;
                case "AddParameter":
                case "AddOrUpdateParameter":
                case "AddDefaultParameter":
                    if ((ClientLibrarySymbols.IsDeclaredBy(method, clients.RestRequestExtensions) || ClientLibrarySymbols.IsDeclaredBy(method, clients.RestClientExtensions))
                        && IsHttpHeaderType(GetArgument(invocation.Arguments, "type"), clients))
                    {
                        name = GetArgument(invocation.Arguments, "name");
                    }

                    break;
                case "WithHeader":
                    if (IsFlurlHeaderExtension(method, clients))
                    {
                        name = GetArgument(invocation.Arguments, "name");
                    }

                    break;
                case "Add":
                case "AddOrReplace":
                    if (IsFlurlRequestHeaders(invocation, clients))
                    {
                        name = GetArgument(invocation.Arguments, "name");
                    }

                    break;
            }

            if (name is null || HeaderWrite.GetHeaderName(name, headers) is not { } written || CorsHeaderNames.GetResponseHeader(written) is not { } responseHeader)
            {
                return false;
            }

            nameOperation = name;
            header = responseHeader;
            return true;
        }

        private static bool IsFlurlHeaderExtension(IMethodSymbol method, ClientLibrarySymbols clients) =>
            ClientLibrarySymbols.IsDeclaredBy(method, clients.FlurlHeaderExtensions) || ClientLibrarySymbols.IsDeclaredBy(method, clients.FlurlGeneratedExtensions);

        /// <summary><c>x.Headers.Add(name, value)</c> where <c>Headers</c> is the request headers of a Flurl request, client or builder.</summary>
        private static bool IsFlurlRequestHeaders(IInvocationOperation invocation, ClientLibrarySymbols clients)
        {
            var declaring = invocation.TargetMethod.ContainingType?.OriginalDefinition;
            if (clients.FlurlHeadersContainer is not { } container
                || !(SymbolEqualityComparer.Default.Equals(declaring, clients.FlurlNameValueListInterface)
                     || SymbolEqualityComparer.Default.Equals(declaring, clients.FlurlNameValueList)))
            {
                return false;
            }

            var receiver = HeaderWrite.Unwrap(invocation.Instance);
            if (receiver is ILocalReferenceOperation local)
            {
                receiver = HeaderWrite.Unwrap(HeaderWrite.GetLocalInitializer(local, CancellationToken.None));
            }

            if (receiver is not IPropertyReferenceOperation { Property: { Name: "Headers", IsStatic: false } property })
            {
                return false;
            }

            var owner = property.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(owner, container))
            {
                return true;
            }

            foreach (var implemented in owner.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, container))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsHttpHeaderType(IOperation? type, ClientLibrarySymbols clients)
        {
            if (type is null || clients.RestParameterType is not { } parameterType || !type.ConstantValue.HasValue)
            {
                return false;
            }

            foreach (var member in parameterType.GetMembers("HttpHeader"))
            {
                if (member is IFieldSymbol { HasConstantValue: true } field)
                {
                    return Equals(field.ConstantValue, type.ConstantValue.Value);
                }
            }

            return false;
        }

        /// <summary><c>WithHeaders(new { Access_Control_Allow_Origin = "*" })</c>: property names with '_' made '-', as Flurl does.</summary>
        private static void FromAnonymousHeaders(
            IInvocationOperation invocation,
            ClientLibrarySymbols clients,
            HeaderSymbols headers,
            ref List<ClientHeaderWrite>? found,
            CancellationToken cancellationToken)
        {
            // Flurl replaces underscores only when asked (the default) and only for objects parsed into properties.
            var replace = GetArgument(invocation.Arguments, "replaceUnderscoreWithHyphen");
            if (replace is not null && !(replace.ConstantValue.HasValue && replace.ConstantValue.Value is true))
            {
                return;
            }

            var argument = HeaderWrite.Unwrap(GetArgument(invocation.Arguments, "headers"));
            var direct = true;
            if (argument is ILocalReferenceOperation local)
            {
                argument = HeaderWrite.Unwrap(HeaderWrite.GetLocalInitializer(local, cancellationToken));
                direct = false;
            }

            if (argument is not IAnonymousObjectCreationOperation { Syntax: AnonymousObjectCreationExpressionSyntax syntax } anonymous
                || syntax.Initializers.Count != anonymous.Initializers.Length)
            {
                return;
            }

            var members = syntax.Initializers;
            var removed = RemovalSpans.NewMask(members.Count);
            var names = new string?[members.Count];
            for (var i = 0; i < anonymous.Initializers.Length; i++)
            {
                if (anonymous.Initializers[i] is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { } property } })
                {
                    names[i] = CorsHeaderNames.GetResponseHeader(property.Name.Replace('_', '-'));
                    removed[i] = names[i] is not null;
                }
            }

            TextSpan? container = null;
            var replacement = string.Empty;
            for (var i = 0; i < members.Count; i++)
            {
                if (names[i] is not { } header)
                {
                    continue;
                }

                var member = members[i];
                SyntaxNode nameSyntax = member.NameEquals is { } nameEquals ? nameEquals.Name : member.Expression;
                var span = RemovalSpans.ListElement(members, i, removed);
                if (span is null)
                {
                    // Every member goes: the call when the object is written in it, else an empty object.
                    if (container is null)
                    {
                        if (direct)
                        {
                            container = CallRemoval(invocation, clients, headers, cancellationToken);
                        }
                        else
                        {
                            container = TextSpan.FromBounds(syntax.OpenBraceToken.SpanStart, syntax.CloseBraceToken.Span.End);
                            replacement = "{ }";
                        }
                    }

                    (found ??= new List<ClientHeaderWrite>()).Add(new ClientHeaderWrite(nameSyntax, header, container, replacement));
                }
                else
                {
                    (found ??= new List<ClientHeaderWrite>()).Add(new ClientHeaderWrite(nameSyntax, header, span, string.Empty));
                }
            }
        }

        private static void FromDictionary(
            IObjectCreationOperation creation,
            IObjectOrCollectionInitializerOperation initializer,
            BaseObjectCreationExpressionSyntax creationSyntax,
            InitializerExpressionSyntax initializerSyntax,
            ClientLibrarySymbols clients,
            HeaderSymbols headers,
            ref List<ClientHeaderWrite>? found,
            CancellationToken cancellationToken)
        {
            var elements = initializerSyntax.Expressions;
            if (elements.Count != initializer.Initializers.Length)
            {
                return;
            }

            // The cheap part first: a key that is a CORS response header (almost never), then where the dictionary goes.
            string?[]? names = null;
            IOperation?[]? keys = null;
            for (var i = 0; i < initializer.Initializers.Length; i++)
            {
                var key = GetDictionaryKey(initializer.Initializers[i]);
                if (key is not null && HeaderWrite.GetHeaderName(key, headers) is { } name && CorsHeaderNames.GetResponseHeader(name) is { } header)
                {
                    names ??= new string?[elements.Count];
                    keys ??= new IOperation?[elements.Count];
                    names[i] = header;
                    keys[i] = key;
                }
            }

            if (names is null || keys is null || GetHeaderSink(creation, clients, cancellationToken) is not { } sink)
            {
                return;
            }

            var removed = RemovalSpans.NewMask(elements.Count);
            for (var i = 0; i < names.Length; i++)
            {
                removed[i] = names[i] is not null;
            }

            TextSpan? container = null;
            var replacement = string.Empty;
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i] is not { } header)
                {
                    continue;
                }

                var span = RemovalSpans.ListElement(elements, i, removed);
                if (span is null)
                {
                    if (container is null)
                    {
                        if (sink.Call is { } call)
                        {
                            container = CallRemoval(call, clients, headers, cancellationToken);
                        }
                        else if (creationSyntax.ArgumentList is { } arguments)
                        {
                            container = TextSpan.FromBounds(arguments.Span.End, initializerSyntax.Span.End);
                        }
                        else if (creationSyntax is ObjectCreationExpressionSyntax { Type: { } type })
                        {
                            container = TextSpan.FromBounds(type.Span.End, initializerSyntax.Span.End);
                            replacement = "()";
                        }
                    }

                    (found ??= new List<ClientHeaderWrite>()).Add(new ClientHeaderWrite(keys[i]!.Syntax, header, container, replacement));
                }
                else
                {
                    (found ??= new List<ClientHeaderWrite>()).Add(new ClientHeaderWrite(keys[i]!.Syntax, header, span, string.Empty));
                }
            }
        }

        /// <summary>The key of <c>{ key, value }</c> (an implicit <c>Add</c>) or <c>[key] = value</c> in a collection initializer.</summary>
        private static IOperation? GetDictionaryKey(IOperation element)
        {
            switch (element)
            {
                case IInvocationOperation { Arguments.Length: 2 } add when add.TargetMethod.Name == "Add":
                    return add.Arguments[0].Value;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer }:
                    return indexer.Arguments[0].Value;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Where a dictionary of headers goes; <see cref="Call"/> is the library's header call when the dictionary is
        /// written in it (RestSharp, Flurl; never a Refit API call, which does more than set headers).
        /// </summary>
        private sealed class HeaderSink
        {
            public HeaderSink(IInvocationOperation? call) => Call = call;

            public IInvocationOperation? Call { get; }
        }

        private enum SinkKind
        {
            None,

            /// <summary>The <c>headers</c> argument of a RestSharp or Flurl header call.</summary>
            HeaderCall,

            /// <summary>A Refit <c>[HeaderCollection]</c> parameter.</summary>
            HeaderCollection,
        }

        private static HeaderSink? GetHeaderSink(IObjectCreationOperation creation, ClientLibrarySymbols clients, CancellationToken cancellationToken)
        {
            IOperation value = creation;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            if (value.Parent is IArgumentOperation argument)
            {
                switch (GetSinkKind(argument, clients))
                {
                    case SinkKind.HeaderCall:
                        return new HeaderSink(argument.Parent as IInvocationOperation);
                    case SinkKind.HeaderCollection:
                        return new HeaderSink(null);
                    default:
                        return null;
                }
            }

            // var headers = new Dictionary<string, string> { ... }; ... api.Get(headers);
            if (value.Parent is not IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
            {
                return null;
            }

            IOperation top = declarator;
            while (top.Parent is not null)
            {
                top = top.Parent;
            }

            foreach (var operation in top.Descendants())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, declarator.Symbol)
                    && Skip(reference) is IArgumentOperation passed
                    && GetSinkKind(passed, clients) != SinkKind.None
                    && HeaderWrite.GetLocalInitializer(reference, cancellationToken)?.Syntax == creation.Syntax)
                {
                    return new HeaderSink(null);
                }
            }

            return null;

            static IOperation? Skip(IOperation operation)
            {
                var parent = operation.Parent;
                while (parent is IConversionOperation)
                {
                    parent = parent.Parent;
                }

                return parent;
            }
        }

        private static SinkKind GetSinkKind(IArgumentOperation argument, ClientLibrarySymbols clients)
        {
            if (argument.Parameter is not { } parameter)
            {
                return SinkKind.None;
            }

            if (clients.RefitHeaderCollectionAttribute is { } headerCollection)
            {
                foreach (var attribute in parameter.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, headerCollection))
                    {
                        return SinkKind.HeaderCollection;
                    }
                }
            }

            if (argument.Parent is not IInvocationOperation invocation || parameter.Name != "headers")
            {
                return SinkKind.None;
            }

            var method = invocation.TargetMethod;
            var isHeaderCall = method.Name switch
            {
                "AddHeaders" or "AddOrUpdateHeaders" => ClientLibrarySymbols.IsDeclaredBy(method, clients.RestRequestExtensions),
                "AddDefaultHeaders" => ClientLibrarySymbols.IsDeclaredBy(method, clients.RestClientExtensions),
                "WithHeaders" => IsFlurlHeaderExtension(method, clients),
                _ => false,
            };
            return isHeaderCall ? SinkKind.HeaderCall : SinkKind.None;
        }

        /// <summary>
        /// <c>new HeaderParameter(...)</c> or <c>Parameter.CreateParameter(...)</c> given to a RestSharp <c>AddParameter</c>-like
        /// call: that call goes; elsewhere (a list, a field) no removal is safe.
        /// </summary>
        private static TextSpan? ParameterRemoval(IOperation parameter, ClientLibrarySymbols clients, HeaderSymbols headers, CancellationToken cancellationToken)
        {
            IOperation value = parameter;
            while (value.Parent is IConversionOperation conversion)
            {
                value = conversion;
            }

            if (value.Parent is IArgumentOperation { Parent: IInvocationOperation call }
                && call.Arguments.Length == 1
                && call.TargetMethod.ContainingAssembly?.Name == "RestSharp"
                && call.TargetMethod.Name is "AddParameter" or "AddOrUpdateParameter" or "AddDefaultParameter" or "ReplaceParameter")
            {
                return CallRemoval(call, clients, headers, cancellationToken);
            }

            return null;
        }

        /// <summary>
        /// Removing a header call: the whole statement when every call of its chain writes a CORS response header and the
        /// chain starts on a plain reference (<c>request.AddHeader(a).AddHeader(b);</c>); otherwise the call alone
        /// (<c>.AddHeader(...)</c>, from the end of its receiver), when the result keeps its type or the next call of the
        /// chain binds the same way without it (<c>"https://api".WithHeader(...).GetJsonAsync&lt;T&gt;()</c>). Null when neither
        /// leaves valid code.
        /// </summary>
        public static TextSpan? CallRemoval(IInvocationOperation invocation, ClientLibrarySymbols clients, HeaderSymbols headers, CancellationToken cancellationToken)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax syntax || invocation.SemanticModel is not { } model)
            {
                return null;
            }

            // The run of header calls this one belongs to: up while the next call is one, down while the receiver is one.
            ExpressionSyntax top = syntax;
            while (top.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax outer } access
                   && access.Expression == top
                   && outer.Expression == access
                   && IsWholeCallWrite(outer, model, clients, headers, cancellationToken))
            {
                top = outer;
            }

            var receiver = syntax.Expression is MemberAccessExpressionSyntax memberAccess ? memberAccess.Expression : null;
            var bottom = receiver;
            while (bottom is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax inner } call
                   && IsWholeCallWrite(call, model, clients, headers, cancellationToken))
            {
                bottom = inner.Expression;
            }

            if (top.Parent is ExpressionStatementSyntax statement && !IsStatementExpression(bottom))
            {
                // request.AddHeader(...); or r.AddHeader(a).AddHeader(b); (a static call too): the statement goes.
                return receiver is null || IsPlainReference(bottom) ? RemovalSpans.Statement(statement) : null;
            }

            if (receiver is null || (IsVoidExpressionBody(top, model, cancellationToken) && !IsStatementExpression(receiver)))
            {
                // builder => builder.WithHeader(...) as an Action<T>: `builder => builder` would not compile.
                return null;
            }

            var link = TextSpan.FromBounds(receiver.Span.End, syntax.Span.End);
            var receiverType = model.GetTypeInfo(receiver, cancellationToken).Type;
            var resultType = model.GetTypeInfo(syntax, cancellationToken).Type;
            if (receiverType is not null && SymbolEqualityComparer.Default.Equals(receiverType, resultType))
            {
                return link;
            }

            // "https://api".WithHeader(...).GetJsonAsync<T>(): the next call must bind on the receiver to a method of the same result.
            if (syntax.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax next } nextAccess
                && nextAccess.Expression == syntax
                && model.GetSymbolInfo(next, cancellationToken).Symbol is IMethodSymbol original)
            {
                var rewritten = next.ReplaceNode(syntax, receiver.WithoutTrivia());
                if (model.GetSpeculativeSymbolInfo(next.SpanStart, rewritten, SpeculativeBindingOption.BindAsExpression).Symbol is IMethodSymbol speculative
                    && SymbolEqualityComparer.Default.Equals(speculative.ReturnType, original.ReturnType))
                {
                    return link;
                }
            }

            return null;
        }

        /// <summary>The expression body of a lambda or member that returns nothing: it must stay a statement expression.</summary>
        private static bool IsVoidExpressionBody(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (expression.Parent)
            {
                case LambdaExpressionSyntax lambda when lambda.ExpressionBody == expression:
                    return model.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol { ReturnsVoid: true };
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is not null:
                    return model.GetDeclaredSymbol(arrow.Parent, cancellationToken) is IMethodSymbol { ReturnsVoid: true };
                default:
                    return false;
            }
        }

        private static bool IsWholeCallWrite(InvocationExpressionSyntax call, SemanticModel model, ClientLibrarySymbols clients, HeaderSymbols headers, CancellationToken cancellationToken) =>
            model.GetOperation(call, cancellationToken) is IInvocationOperation operation
            && TryGetCallWrite(operation, clients, headers, out _, out _);

        /// <summary>An expression that can stand as a statement once the calls after it are removed (a call, an object creation, an await).</summary>
        private static bool IsStatementExpression(ExpressionSyntax? expression) =>
            expression is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or AwaitExpressionSyntax;

        /// <summary>A receiver whose evaluation does nothing: a name, <c>this</c>, a member of one (<c>this.request</c>, <c>_client</c>).</summary>
        private static bool IsPlainReference(ExpressionSyntax? expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case IdentifierNameSyntax:
                    case ThisExpressionSyntax:
                    case BaseExpressionSyntax:
                        return true;
                    case MemberAccessExpressionSyntax access:
                        expression = access.Expression;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    default:
                        return false;
                }
            }
        }

        private static IOperation? GetArgument(IEnumerable<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue && parameterName != "replaceUnderscoreWithHyphen" ? null : argument.Value;
                }
            }

            return null;
        }
    }
}
