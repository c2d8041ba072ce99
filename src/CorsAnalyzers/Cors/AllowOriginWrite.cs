using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>What a hand-written <c>Access-Control-Allow-Origin</c> lets in.</summary>
    internal enum AllowOriginKind
    {
        /// <summary>The value "*" (or <c>CorsConstants.AnyOrigin</c>).</summary>
        AnyOrigin,

        /// <summary>The request's <c>Origin</c>, never checked in the scope that writes it.</summary>
        ReflectedOrigin,
    }

    /// <summary>
    /// An <c>Access-Control-Allow-Origin</c> header written by hand on a response (<see cref="HeaderWrite"/>) that lets
    /// every origin in: "*", or the request's <c>Origin</c> reflected without a check; with whether the same response
    /// allows credentials. Computed once per write and read by CORS006 (with credentials: broken or a vulnerability) and
    /// CORS009 (without: any origin, the strict mode).
    /// <para>
    /// Scope: the method (a controller action, a middleware's <c>InvokeAsync</c>), or the outermost lambda or local
    /// function in it (each <c>app.Use(async (context, next) =&gt; ...)</c>, a minimal API handler); a scope and the ones
    /// nested in it write the same response. Credentials: <c>Access-Control-Allow-Credentials</c> written in a related
    /// scope as "true" (any case); for a reflected origin also as a value that is not a constant (it may be "true").
    /// </para>
    /// </summary>
    internal sealed class AllowOriginWrite
    {
        private AllowOriginWrite(HeaderWrite write, IOperation value, AllowOriginKind kind, bool withCredentials)
        {
            Write = write;
            Value = value;
            Kind = kind;
            WithCredentials = withCredentials;
        }

        public HeaderWrite Write { get; }

        /// <summary>The written value without conversions or StringValues/one-element array wrappers: what diagnostics point at.</summary>
        public IOperation Value { get; }

        public AllowOriginKind Kind { get; }

        public bool WithCredentials { get; }

        /// <summary>Where a diagnostic points: the value, with its <c>!</c> when it has one.</summary>
        public Location Location
        {
            get
            {
                var syntax = Value.Syntax;
                while (syntax.Parent is PostfixUnaryExpressionSyntax suppression && suppression.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                {
                    syntax = suppression;
                }

                return syntax.GetLocation();
            }
        }

        /// <summary>
        /// The finding of one <c>Access-Control-Allow-Origin</c> write on a response, or null when the value is neither "*"
        /// nor the request's unchecked Origin.
        /// </summary>
        public static AllowOriginWrite? TryCreate(HeaderWrite originWrite, HeaderSymbols symbols, CancellationToken cancellationToken)
        {
            if (originWrite.Side != HeaderSide.Response || originWrite.Name != CorsHeaderNames.AccessControlAllowOrigin || originWrite.Value is null)
            {
                return null;
            }

            // The operation block the write belongs to (the method body, the top-level program, an initializer).
            var block = originWrite.Operation;
            while (block.Parent is not null)
            {
                block = block.Parent;
            }

            var scope = GetScope(originWrite.Operation.Syntax);
            var value = HeaderValues.Unwrap(originWrite.Value, symbols);
            if (HeaderValues.GetConstantValue(originWrite, symbols)?.Trim() == CorsDefaults.AnyOrigin)
            {
                return new AllowOriginWrite(originWrite, value, AllowOriginKind.AnyOrigin, HasCredentials(block, scope, symbols, unknownCounts: false, cancellationToken));
            }

            var reads = new OriginReads(symbols, cancellationToken);
            reads.Collect(block);
            if (!reads.IsFromOrigin(value))
            {
                return null;
            }

            reads.FindChecks(block);
            return reads.IsCheckedIn(scope)
                ? null
                : new AllowOriginWrite(originWrite, value, AllowOriginKind.ReflectedOrigin, HasCredentials(block, scope, symbols, unknownCounts: true, cancellationToken));
        }

        /// <summary>Access-Control-Allow-Credentials written as "true" (or, when <paramref name="unknownCounts"/>, as a non-constant) in a related scope.</summary>
        private static bool HasCredentials(IOperation block, SyntaxNode scope, HeaderSymbols symbols, bool unknownCounts, CancellationToken cancellationToken)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if ((operation.Kind == OperationKind.Invocation || operation.Kind == OperationKind.SimpleAssignment)
                    && HeaderWrite.TryCreate(operation, symbols, HeaderNameFilter.AllowOriginOrCredentials, cancellationToken, out var write)
                    && write.Side == HeaderSide.Response
                    && write.Name == CorsHeaderNames.AccessControlAllowCredentials)
                {
                    var credentials = HeaderValues.GetConstantValue(write, symbols);
                    if ((string.Equals(credentials?.Trim(), "true", StringComparison.OrdinalIgnoreCase) || (unknownCounts && credentials is null))
                        && IsRelated(scope, GetScope(write.Operation.Syntax)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Two scopes write the same response when they are the same, or one contains the other: a controller action and
        /// the <c>Response.OnStarting(...)</c> callback inside it. Two sibling middleware lambdas are unrelated.
        /// </summary>
        private static bool IsRelatedToAny(SyntaxNode scope, List<SyntaxNode> scopes)
        {
            foreach (var other in scopes)
            {
                if (IsRelated(scope, other))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsRelated(SyntaxNode scope, SyntaxNode other) => other == scope || other.Contains(scope) || scope.Contains(other);

        /// <summary>
        /// The unit in which the headers of one response are written: the outermost lambda or local function of the
        /// member (a middleware <c>app.Use(async (context, next) =&gt; ...)</c>, a minimal API handler), or the member
        /// itself (a controller action, a middleware's <c>InvokeAsync</c>). See <see cref="IsRelatedToAny"/> for how
        /// scopes combine.
        /// </summary>
        private static SyntaxNode GetScope(SyntaxNode node)
        {
            SyntaxNode? function = null;
            foreach (var ancestor in node.AncestorsAndSelf())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                        function = ancestor;
                        break;
                    case GlobalStatementSyntax:
                        break;
                    case MemberDeclarationSyntax:
                    case CompilationUnitSyntax:
                        return function ?? ancestor;
                }
            }

            return function ?? node;
        }

        /// <summary>
        /// Values read from the request's <c>Origin</c> header in one operation block, the locals that hold them, and the
        /// scopes in which one of them is checked.
        /// </summary>
        /// <remarks>
        /// A check is any use of the origin (or a local holding it) as an argument of a call, the receiver of a call that
        /// returns bool, an operand of a comparison, a switch value or a pattern-matched value; except a null/empty test
        /// (<c>string.IsNullOrEmpty</c>, <c>StringValues.IsNullOrEmpty</c>, <c>Any()</c>, <c>== null</c>,
        /// <c>is null</c>), a header write, logging and <c>TryGetValue(..., out origin)</c>. Where the check happens in the
        /// scope (before, around or after the write) and what it compares against are not considered.
        /// </remarks>
        private sealed class OriginReads
        {
            private readonly HeaderSymbols _symbols;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ILocalSymbol> _locals = new(SymbolEqualityComparer.Default);
            private readonly List<SyntaxNode> _checkedScopes = new();

            public OriginReads(HeaderSymbols symbols, CancellationToken cancellationToken)
            {
                _symbols = symbols;
                _cancellationToken = cancellationToken;
            }

            public void Collect(IOperation block)
            {
                foreach (var operation in block.Descendants())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation { Initializer: { } initializer } declarator when IsFromOrigin(initializer.Value):
                            _locals.Add(declarator.Symbol);
                            break;
                        case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } assignment when IsFromOrigin(assignment.Value):
                            _locals.Add(local.Local);
                            break;
                        case IInvocationOperation invocation when IsOriginTryGet(invocation, out var local):
                            _locals.Add(local!);
                            break;
                    }
                }
            }

            public void FindChecks(IOperation block)
            {
                foreach (var operation in block.Descendants())
                {
                    var isOccurrence = operation is ILocalReferenceOperation local
                        ? _locals.Contains(local.Local) && !local.IsDeclaration
                        : IsOriginRead(operation);
                    if (isOccurrence && IsCheck(operation))
                    {
                        var scope = GetScope(operation.Syntax);
                        if (!_checkedScopes.Contains(scope))
                        {
                            _checkedScopes.Add(scope);
                        }
                    }
                }
            }

            public bool IsCheckedIn(SyntaxNode scope) => IsRelatedToAny(scope, _checkedScopes);

            /// <summary>A value that is the request's Origin: read directly, through a local, or converted/normalized.</summary>
            public bool IsFromOrigin(IOperation? operation)
            {
                operation = HeaderWrite.Unwrap(operation);
                switch (operation)
                {
                    case null:
                        return false;
                    case ILocalReferenceOperation local:
                        return _locals.Contains(local.Local);
                    case ICoalesceOperation coalesce:
                        return IsFromOrigin(coalesce.Value);
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                        return IsFromOrigin(conditional.WhenTrue) || IsFromOrigin(whenFalse);
                    default:
                        if (IsOriginRead(operation))
                        {
                            return true;
                        }

                        var source = GetPreservedSource(operation);
                        return source is not null && IsFromOrigin(source);
                }
            }

            /// <summary>
            /// For an operation that keeps its input's value (<c>ToString()</c>, <c>Trim()</c>, <c>ToLower*()</c>,
            /// <c>First()</c>-like LINQ, <c>values[0]</c>, <c>new StringValues(x)</c>): that input.
            /// </summary>
            private IOperation? GetPreservedSource(IOperation operation)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        switch (method.Name)
                        {
                            case "ToString" when method.Parameters.Length == 0:
                                return invocation.Instance;
                            case "Trim":
                            case "ToLower":
                            case "ToLowerInvariant":
                                return method.ContainingType?.SpecialType == SpecialType.System_String ? invocation.Instance : null;
                            case "First":
                            case "FirstOrDefault":
                            case "Single":
                            case "SingleOrDefault":
                            case "Last":
                            case "LastOrDefault":
                                return method.IsExtensionMethod && method.Parameters.Length == 1 && invocation.Arguments.Length == 1
                                    ? invocation.Arguments[0].Value
                                    : null;
                            default:
                                return null;
                        }

                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer
                        when _symbols.StringValues is not null
                             && SymbolEqualityComparer.Default.Equals(indexer.Property.ContainingType, _symbols.StringValues):
                        return indexer.Instance;

                    case IObjectCreationOperation creation
                        when _symbols.StringValues is not null
                             && SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.StringValues)
                             && creation.Arguments.Length == 1:
                        return creation.Arguments[0].Value;

                    default:
                        return null;
                }
            }

            /// <summary>
            /// <c>Request.Headers["Origin"]</c>, <c>Request.Headers[HeaderNames.Origin]</c>, <c>Request.Headers.Origin</c>,
            /// <c>request.Headers.GetValues("Origin")</c> (<c>HttpRequestHeaders</c>), <c>listenerRequest.Headers["Origin"]</c>
            /// and <c>.Get("Origin")</c>.
            /// </summary>
            private bool IsOriginRead(IOperation operation)
            {
                switch (operation)
                {
                    case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer:
                        return IsOriginName(indexer.Arguments[0].Value) && IsRequestHeaders(indexer.Instance);

                    case IPropertyReferenceOperation { Property.Name: "Origin" } property:
                        return _symbols.IHeaderDictionary is not null
                               && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _symbols.IHeaderDictionary)
                               && IsRequestHeaders(property.Instance);

                    case IInvocationOperation { TargetMethod.Name: "GetValues" or "Get", Arguments.Length: 1 } invocation:
                        return IsOriginName(invocation.Arguments[0].Value) && IsRequestHeaders(invocation.Instance);

                    default:
                        return false;
                }
            }

            /// <summary><c>Request.Headers.TryGetValue("Origin", out var origin)</c> / <c>TryGetValues</c>: the local receives the Origin.</summary>
            private bool IsOriginTryGet(IInvocationOperation invocation, out ILocalSymbol? local)
            {
                local = null;
                if ((invocation.TargetMethod.Name != "TryGetValue" && invocation.TargetMethod.Name != "TryGetValues")
                    || invocation.Arguments.Length != 2
                    || !IsOriginName(invocation.Arguments[0].Value)
                    || !IsRequestHeaders(invocation.Instance))
                {
                    return false;
                }

                var target = invocation.Arguments[1].Value is IDeclarationExpressionOperation declaration ? declaration.Expression : invocation.Arguments[1].Value;
                local = (target as ILocalReferenceOperation)?.Local;
                return local is not null;
            }

            private bool IsOriginName(IOperation operation) => HeaderWrite.GetHeaderName(operation, _symbols) == CorsHeaderNames.Origin;

            private bool IsRequestHeaders(IOperation? instance) =>
                instance is not null && HeaderWrite.GetSide(instance, _symbols, _cancellationToken) == HeaderSide.Request;

            /// <summary>Whether this occurrence of the origin is compared, matched or passed to something.</summary>
            private bool IsCheck(IOperation occurrence)
            {
                var current = occurrence;
                var parent = current.Parent;
                while (parent is not null)
                {
                    if (parent is IConversionOperation
                        || (parent is ICoalesceOperation coalesce && coalesce.Value == current)
                        || (parent is IConditionalOperation conditional && conditional.Condition != current))
                    {
                        current = parent;
                        parent = parent.Parent;
                        continue;
                    }

                    if (parent is IArgumentOperation argumentOfPreserving && argumentOfPreserving.Parent is { } owner && GetPreservedSource(owner) == current)
                    {
                        current = owner;
                        parent = owner.Parent;
                        continue;
                    }

                    if (GetPreservedSource(parent) == current)
                    {
                        current = parent;
                        parent = parent.Parent;
                        continue;
                    }

                    break;
                }

                switch (parent)
                {
                    case IArgumentOperation argument:
                        return argument.Parameter?.RefKind != RefKind.Out && IsCheckingCall(argument.Parent);

                    case IInvocationOperation invocation when invocation.Instance == current:
                        return invocation.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean;

                    case IBinaryOperation binary:
                        var other = binary.LeftOperand == current ? binary.RightOperand : binary.LeftOperand;
                        return !IsNullOrDefault(other);

                    case IIsPatternOperation pattern:
                        return !IsNullTest(pattern.Pattern);

                    case ISwitchOperation:
                    case ISwitchExpressionOperation:
                        return true;

                    default:
                        return false;
                }
            }

            private bool IsCheckingCall(IOperation? call)
            {
                switch (call)
                {
                    case IInvocationOperation invocation:
                        var method = invocation.TargetMethod;
                        if (HeaderWrite.TryCreate(invocation, _symbols, _cancellationToken, out _))
                        {
                            return false;
                        }

                        switch (method.Name)
                        {
                            case "IsNullOrEmpty":
                            case "IsNullOrWhiteSpace":
                                return false;
                            case "Any" when method.IsExtensionMethod && method.Parameters.Length == 1:
                                return false;
                        }

                        var ns = method.ContainingNamespace?.ToDisplayString();
                        return ns != "Microsoft.Extensions.Logging"
                               && !(ns == "System" && method.ContainingType?.Name == "Console")
                               && ns != "System.Diagnostics";

                    case IObjectCreationOperation:
                        return true;

                    default:
                        return false;
                }
            }

            private static bool IsNullOrDefault(IOperation operation)
            {
                operation = HeaderWrite.Unwrap(operation)!;
                return operation is IDefaultValueOperation || (operation.ConstantValue.HasValue && operation.ConstantValue.Value is null);
            }

            private static bool IsNullTest(IPatternOperation pattern) =>
                pattern switch
                {
                    IConstantPatternOperation constant => IsNullOrDefault(constant.Value),
                    INegatedPatternOperation negated => IsNullTest(negated.Pattern),
                    IRecursivePatternOperation { DeconstructionSubpatterns.Length: 0, PropertySubpatterns.Length: 0 } => true,
                    ITypePatternOperation => true,
                    IDeclarationPatternOperation => true,
                    _ => false,
                };
        }
    }
}
