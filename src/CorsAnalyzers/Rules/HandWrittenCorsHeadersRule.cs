using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS006: <c>Access-Control-Allow-Origin</c> written by hand on a response, when it is broken ('*' with
    /// <c>Access-Control-Allow-Credentials: true</c> in the same method or middleware lambda) or unsafe (the request's
    /// <c>Origin</c> reflected without any check).
    /// </summary>
    public sealed class HandWrittenCorsHeadersRule : CorsRule
    {
        internal const string WildcardWithCredentialsMessage =
            "'Access-Control-Allow-Origin: *' with 'Access-Control-Allow-Credentials: true' is rejected by browsers";

        internal const string ReflectedOriginMessage =
            "The request's Origin is reflected into Access-Control-Allow-Origin without a check";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.HandWrittenCorsHeaders);

        internal override void Initialize(CorsCompilationContext context)
        {
            var symbols = context.Headers;
            if (!symbols.HasResponseHeaderTypes)
            {
                return;
            }

            // A compilation-wide header-write action (no per-method block actions): the method (or top-level program) a
            // write belongs to is looked at only when it writes Access-Control-Allow-Origin on a response.
            context.RegisterHeaderWriteAction((operationContext, write) =>
            {
                if (write.Side == HeaderSide.Response
                    && write.Name == CorsHeaderNames.AccessControlAllowOrigin
                    && write.Value is not null)
                {
                    AnalyzeOriginWrite(operationContext, write, symbols);
                }
            });
        }

        /// <summary>
        /// An Access-Control-Allow-Origin or -Credentials header written on a response (HeaderWrite checks the method name
        /// and the assignment target before any semantic work).
        /// </summary>
        private static bool TryGetWrite(IOperation operation, HeaderSymbols symbols, CancellationToken cancellationToken, out HeaderWrite write) =>
            HeaderWrite.TryCreate(operation, symbols, HeaderNameFilter.AllowOriginOrCredentials, cancellationToken, out write)
            && write.Side == HeaderSide.Response;

        /// <summary>
        /// One Access-Control-Allow-Origin write, judged against the other CORS header writes and the Origin reads of the
        /// operation block it belongs to (the method body, the top-level program, an initializer).
        /// </summary>
        private static void AnalyzeOriginWrite(OperationAnalysisContext context, HeaderWrite originWrite, HeaderSymbols symbols)
        {
            var block = originWrite.Operation;
            while (block.Parent is not null)
            {
                block = block.Parent;
            }

            var writes = new List<HeaderWrite>();
            foreach (var operation in block.DescendantsAndSelf())
            {
                if ((operation.Kind == OperationKind.Invocation || operation.Kind == OperationKind.SimpleAssignment)
                    && TryGetWrite(operation, symbols, context.CancellationToken, out var write))
                {
                    writes.Add(write);
                }
            }

            AnalyzeWrites(context, block, originWrite.Operation, writes, symbols);
        }

        private static void AnalyzeWrites(OperationAnalysisContext context, IOperation block, IOperation originWrite, List<HeaderWrite> writes, HeaderSymbols symbols)
        {
            // Scopes (the method, or the outermost lambda / local function in it) where credentials are turned on.
            var credentialScopes = new List<SyntaxNode>();
            var hasOriginWrite = false;
            foreach (var write in writes)
            {
                if (write.Name == CorsHeaderNames.AccessControlAllowCredentials)
                {
                    if (string.Equals(HeaderValues.GetConstantValue(write, symbols)?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                    {
                        credentialScopes.Add(GetScope(write.Operation.Syntax));
                    }
                }
                else
                {
                    hasOriginWrite = true;
                }
            }

            if (!hasOriginWrite)
            {
                return;
            }

            OriginReads? reads = null;
            foreach (var write in writes)
            {
                if (write.Operation != originWrite || write.Name != CorsHeaderNames.AccessControlAllowOrigin || write.Value is null)
                {
                    continue;
                }

                var scope = GetScope(write.Operation.Syntax);
                var value = HeaderValues.Unwrap(write.Value, symbols);
                if (HeaderValues.GetConstantValue(write, symbols)?.Trim() == "*")
                {
                    if (IsRelatedToAny(scope, credentialScopes))
                    {
                        Report(context, value, WildcardWithCredentialsMessage);
                    }

                    continue;
                }

                if (reads is null)
                {
                    reads = new OriginReads(symbols, context.CancellationToken);
                    reads.Collect(block);
                    reads.FindChecks(block);
                }

                if (reads.IsFromOrigin(value) && !reads.IsCheckedIn(scope))
                {
                    Report(context, value, ReflectedOriginMessage);
                }
            }
        }

        private static void Report(OperationAnalysisContext context, IOperation value, string message)
        {
            var syntax = value.Syntax;
            while (syntax.Parent is PostfixUnaryExpressionSyntax suppression && suppression.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                syntax = suppression;
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.HandWrittenCorsHeaders, syntax.GetLocation(), message));
        }

        /// <summary>
        /// Two scopes write the same response when they are the same, or one contains the other: a controller action and
        /// the <c>Response.OnStarting(...)</c> callback inside it. Two sibling middleware lambdas are unrelated.
        /// </summary>
        private static bool IsRelatedToAny(SyntaxNode scope, List<SyntaxNode> scopes)
        {
            foreach (var other in scopes)
            {
                if (other == scope || other.Contains(scope) || scope.Contains(other))
                {
                    return true;
                }
            }

            return false;
        }

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
