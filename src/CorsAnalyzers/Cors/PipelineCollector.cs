using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The request pipeline the compilation builds: its anchor calls (UseRouting, UseAuthentication/UseAuthorization,
    /// Map*/UseEndpoints/Run), whether the CORS middleware runs (UseCors, UseMiddleware&lt;CorsMiddleware&gt;), whether
    /// MVC's own router runs (UseMvc, EnableEndpointRouting), and whether it calls a helper of another library that
    /// could call UseCors where we cannot see it. Part of <see cref="CorsPolicyRegistry"/>, which routes the operations
    /// here; read at compilation end.
    /// </summary>
    internal sealed class PipelineCollector
    {
        private readonly CorsSymbols _symbols;
        private readonly PipelineSymbols? _pipeline;
        private readonly ReferencedCode _referencedCode;

        // Lock-free: every call of MapGet/MapPost/... on an endpoint builder adds a pipeline call, from several threads.
        private readonly ConcurrentQueue<PipelineCallSite> _calls = new ConcurrentQueue<PipelineCallSite>();
        private readonly ConcurrentQueue<UseCorsCall> _useCorsCalls = new ConcurrentQueue<UseCorsCall>();

        // Per-compilation memos of the type tests made for every extension call's receiver.
        private readonly ImplementsCache _isApplicationBuilder;
        private readonly ImplementsCache _isEndpointRouteBuilder;

        private int _hasCorsMiddleware;
        private int _usesMvcRouter;
        private int _hasOpaquePipelineHelper;

        public PipelineCollector(CorsSymbols symbols, PipelineSymbols? pipeline, ReferencedCode referencedCode)
        {
            _symbols = symbols;
            _referencedCode = referencedCode;
            _pipeline = pipeline;
            _isApplicationBuilder = new ImplementsCache(pipeline?.IApplicationBuilder);
            _isEndpointRouteBuilder = new ImplementsCache(pipeline?.IEndpointRouteBuilder);
        }

        /// <summary>The pipeline calls UseRouting, UseAuthentication/UseAuthorization, Map*, UseEndpoints and Run, in source order.</summary>
        public ImmutableArray<PipelineCallSite> Calls => SourceOrder.Snapshot(_calls, p => p.CallSyntax);

        /// <summary>UseCors (any overload) or UseMiddleware&lt;CorsMiddleware&gt; is called.</summary>
        public bool HasCorsMiddleware => AtomicFlag.IsSet(ref _hasCorsMiddleware);

        /// <summary>MVC's router may run CORS as filters: UseMvc is called or MvcOptions.EnableEndpointRouting is set.</summary>
        public bool UsesMvcRouter => AtomicFlag.IsSet(ref _usesMvcRouter);

        /// <summary>The pipeline calls an extension method of another library that can use CORS (<see cref="ReferencedCode.MayUseCors"/>): it may call UseCors itself.</summary>
        public bool HasOpaquePipelineHelper => AtomicFlag.IsSet(ref _hasOpaquePipelineHelper);

        /// <summary>The compilation builds a request pipeline (UseRouting, Map*, UseEndpoints, Run, ...).</summary>
        public bool BuildsPipeline => !_calls.IsEmpty;

        /// <summary>The calls of ASP.NET Core's UseCors (any overload), in source order.</summary>
        public ImmutableArray<UseCorsCall> UseCorsCalls => SourceOrder.Snapshot(_useCorsCalls, c => c.Location);

        /// <summary>ASP.NET Core's UseCors, any overload.</summary>
        public void AddUseCors(IInvocationOperation invocation)
        {
            AtomicFlag.Set(ref _hasCorsMiddleware);
            _useCorsCalls.Enqueue(new UseCorsCall(OperationLocations.GetNameAndArgumentsLocation(invocation), Arguments.GetExplicit(invocation, 1) is not null));
        }

        /// <summary>A candidate pipeline method other than UseCors, classified as <paramref name="call"/>.</summary>
        public void AnalyzeInvocation(IInvocationOperation invocation, IMethodSymbol method, PipelineCall call)
        {
            if (method.Name == "UseMiddleware")
            {
                if (method.TypeArguments.Length == 1
                    && _symbols.CorsMiddleware is not null
                    && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], _symbols.CorsMiddleware))
                {
                    AtomicFlag.Set(ref _hasCorsMiddleware);
                }

                return;
            }

            PipelineCallKind kind;
            switch (call)
            {
                case PipelineCall.UseMvc:
                    AtomicFlag.Set(ref _usesMvcRouter);
                    return;
                case PipelineCall.UseRouting:
                    kind = PipelineCallKind.Routing;
                    break;
                case PipelineCall.UseAuthentication:
                case PipelineCall.UseAuthorization:
                    kind = PipelineCallKind.Authentication;
                    break;
                case PipelineCall.MapEndpoints:
                case PipelineCall.UseEndpoints:
                case PipelineCall.Run:
                    kind = PipelineCallKind.Endpoints;
                    break;
                default:
                    // UseResponseCaching is no anchor for UseCors here; the generic host's Run/RunAsync
                    // (Microsoft.Extensions.Hosting) is not counted as building the pipeline.
                    return;
            }

            var receiver = PipelineSymbols.GetReceiver(invocation);
            if (receiver is null
                || !(_isApplicationBuilder.Check(receiver.Type) || _isEndpointRouteBuilder.Check(receiver.Type)))
            {
                return;
            }

            var statement = FindApplicationStatement(invocation, out var root);
            _calls.Enqueue(new PipelineCallSite(
                kind,
                invocation.Syntax,
                statement?.Syntax,
                root?.Syntax,
                statement is not null && statement.Operation == invocation));
        }

        /// <summary>A write of a property named EnableEndpointRouting (the registry filters by name first).</summary>
        public void AnalyzeAssignment(IPropertyReferenceOperation reference)
        {
            if (SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, _symbols.MvcOptions))
            {
                AtomicFlag.Set(ref _usesMvcRouter);
            }
        }

        /// <summary>
        /// An extension method of another library on the application builder (the registry has checked the rest):
        /// opaque when it can use CORS. Swashbuckle's UseSwagger, Serilog's UseSerilogRequestLogging and the like
        /// reference no CORS and stay transparent. False when the receiver is no application builder.
        /// </summary>
        public bool CheckLibraryHelper(IMethodSymbol method, ITypeSymbol receiverType)
        {
            if (!_isApplicationBuilder.Check(receiverType))
            {
                return false;
            }

            if (_referencedCode.MayUseCors(method))
            {
                AtomicFlag.Set(ref _hasOpaquePipelineHelper);
            }

            return true;
        }

        /// <summary>
        /// The expression statement, among the call's ancestors, whose call chain starts from an application
        /// builder variable (<c>app.UseRouting();</c>; for a Map* inside <c>app.UseEndpoints(e =&gt; ...)</c> the
        /// UseEndpoints statement), when it sits in a block or at top level.
        /// </summary>
        private IExpressionStatementOperation? FindApplicationStatement(IInvocationOperation invocation, out IOperation? root)
        {
            for (IOperation? current = invocation; current is not null; current = current.Parent)
            {
                if (current is IExpressionStatementOperation statement
                    && statement.Syntax is ExpressionStatementSyntax statementSyntax
                    && (statementSyntax.Parent is BlockSyntax || statementSyntax.Parent is GlobalStatementSyntax))
                {
                    var start = GetChainRoot(statement.Operation);
                    if (start is not null && _isApplicationBuilder.Check(start.Type))
                    {
                        root = start;
                        return statement;
                    }
                }
            }

            root = null;
            return null;
        }

        private static IOperation? GetChainRoot(IOperation operation)
        {
            var current = operation;
            while (current is IInvocationOperation call)
            {
                var next = PipelineSymbols.GetReceiver(call);
                if (next is null)
                {
                    return null;
                }

                current = next;
            }

            switch (current.Kind)
            {
                case OperationKind.LocalReference:
                case OperationKind.ParameterReference:
                case OperationKind.FieldReference:
                case OperationKind.PropertyReference:
                    return current;
                default:
                    return null;
            }
        }
    }
}
