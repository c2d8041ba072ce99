using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS007: <c>UseCors</c> is called after <c>UseAuthorization</c>, <c>UseResponseCaching</c>, <c>UseEndpoints</c>,
    /// a terminal <c>Run</c> or the app's <c>Run</c>/<c>RunAsync</c>, or before an explicit <c>UseRouting</c> while
    /// endpoints carry CORS metadata. After <c>UseAuthentication</c> (and before <c>UseAuthorization</c>) is not
    /// reported: the authentication middleware only sets the user and never rejects a request, so CORS works there;
    /// the documented order (UseCors first) is a convention, not a failure.
    /// </summary>
    /// <remarks>
    /// Follows ASP.NET Core's StartupAnalyzer model: per operation block (a method body, the top-level statements),
    /// collect the pipeline calls, grouped by the builder variable they are made on and by the function that makes
    /// them (a lambda or local function is its own pipeline), and decide at the end of the block. Only calls that
    /// run unconditionally in their function are considered: a call under if/else, switch, a loop or try is skipped.
    /// </remarks>
    public sealed class UseCorsMisplacedRule : CorsRule
    {
        /// <summary>
        /// Diagnostic property: where the fix moves UseCors relative to the last additional location ("Before"/"After"):
        /// the conflicting call, or a UseAuthentication before it (the documented order). Absent when no move can fix it.
        /// </summary>
        public const string PlacementKey = "Placement";

        /// <summary>Diagnostic property: the message argument ("before UseAuthorization", "after UseRouting", ...).</summary>
        public const string WhereKey = "Where";

        public const string PlacementBefore = "Before";
        public const string PlacementAfter = "After";

        public const string BeforeEndpoints = "before the endpoints (UseEndpoints/Run)";

        /// <summary>Diagnostic property: where the fix moves UseCors, for its title ("before UseAuthorization", "before RunAsync()").</summary>
        public const string TitleKey = "Title";
        public const string AfterUseRouting = "after UseRouting";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UseCorsMisplaced);

        internal override void Initialize(CorsCompilationContext context)
        {
            var cors = context.Cors;
            var pipeline = context.Pipeline;
            if (cors is null || pipeline is null || pipeline.CorsMiddlewareExtensions is null)
            {
                return;
            }

            // [EnableCors]/[DisableCors] on a controller, action or handler anywhere in the compilation: read at most
            // once per compilation (shared with the policy registry), and only when a UseCors before an explicit
            // UseRouting asks for it.
            var declarations = context.GetDeclarationIndex(cors);

            // A compilation-wide action (no per-method block actions) for calls named UseCors: the block a call belongs
            // to is looked at only when the call is ASP.NET Core's UseCors.
            context.RegisterInvocationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (CreateEntry(invocation, pipeline) is not { Call: PipelineCall.UseCors })
                    {
                        return;
                    }

                    IOperation block = invocation;
                    while (block.Parent is not null)
                    {
                        block = block.Parent;
                    }

                    var entries = new List<Entry>();
                    foreach (var operation in block.DescendantsAndSelf())
                    {
                        if (operation is IInvocationOperation call && CreateEntry(call, pipeline) is { } entry)
                        {
                            entries.Add(entry);
                        }
                    }

                    BlockState.Decide(operationContext, invocation, block, entries, cors, declarations, pipeline);
                },
                "UseCors");
        }

        /// <summary>A call whose order relative to UseCors matters, made unconditionally on a builder variable; otherwise null.</summary>
        private static Entry? CreateEntry(IInvocationOperation invocation, PipelineSymbols pipeline)
        {
            var method = invocation.TargetMethod;
            if (!PipelineSymbols.IsCandidateName(method.Name))
            {
                return null;
            }

            var call = pipeline.Classify(method);
            if (!IsOrdered(call) || !TryGetFunction(invocation, out var function))
            {
                return null;
            }

            var builder = pipeline.GetBuilderSymbol(invocation);
            return builder is null ? null : new Entry(call, invocation, builder, function, invocation.Syntax.Span.End);
        }

        /// <summary>Judges one UseCors call against the ordered calls of its operation block.</summary>
        private static class BlockState
        {
            public static void Decide(
                OperationAnalysisContext context,
                IInvocationOperation target,
                IOperation block,
                List<Entry> entries,
                CorsSymbols cors,
                CorsDeclarationIndex declarations,
                PipelineSymbols pipeline)
            {
                entries.Sort(static (a, b) => a.Order.CompareTo(b.Order));
                bool? endpointMetadata = null;

                foreach (var useCors in entries)
                {
                    if (useCors.Call != PipelineCall.UseCors || !ReferenceEquals(useCors.Invocation, target))
                    {
                        continue;
                    }

                    // The earliest call before UseCors that UseCors must precede.
                    Entry? mustFollow = null;
                    Entry? lastRoutingAfter = null;
                    var routingAfterMustFollow = false;
                    foreach (var other in entries)
                    {
                        if (!useCors.SamePipeline(other))
                        {
                            continue;
                        }

                        if (other.Order < useCors.Order && mustFollow is null && IsMustFollow(other.Call))
                        {
                            mustFollow = other;
                        }
                        else if (other.Call == PipelineCall.UseRouting)
                        {
                            if (mustFollow is not null)
                            {
                                routingAfterMustFollow = true;
                            }

                            if (other.Order > useCors.Order)
                            {
                                lastRoutingAfter = other;
                            }
                        }
                    }

                    if (mustFollow is { } before)
                    {
                        // Moving UseCors right before that call fixes it, unless it would cross a UseRouting. A
                        // UseAuthentication before that call is where the docs put UseCors: the move goes there when it
                        // crosses no UseRouting either (UseCors after UseAuthentication works too, but is not the
                        // documented order people compare with).
                        var (where, title) = GetBeforeText(before, pipeline);
                        Entry? moveTarget = null;
                        if (!routingAfterMustFollow && FindDocumentedAnchor(entries, useCors, before) is { } authentication)
                        {
                            moveTarget = authentication;
                            title = "before UseAuthentication";
                        }

                        Report(context, useCors, before, where, title, routingAfterMustFollow ? null : PlacementBefore, moveTarget);
                        continue;
                    }

                    if (lastRoutingAfter is not { } routing)
                    {
                        continue;
                    }

                    // Before routing the endpoint is not selected: the middleware cannot see endpoint CORS metadata,
                    // and the endpoint middleware throws for an endpoint with CORS metadata. A policy given to UseCors
                    // itself still applies, so without endpoint metadata this order is harmless.
                    endpointMetadata ??= HasEndpointMetadataInBlock(block, cors, declarations, context.CancellationToken)
                        || declarations.HasMetadataCarriers(context.CancellationToken);
                    if (endpointMetadata != true)
                    {
                        continue;
                    }

                    // Moving UseCors right after the last UseRouting fixes it, unless it would pass a call it must precede.
                    var passesMustFollow = false;
                    foreach (var other in entries)
                    {
                        if (useCors.SamePipeline(other) && other.Order > useCors.Order && other.Order < routing.Order && IsMustFollow(other.Call))
                        {
                            passesMustFollow = true;
                            break;
                        }
                    }

                    Report(context, useCors, routing, AfterUseRouting, AfterUseRouting, passesMustFollow ? null : PlacementAfter);
                }
            }
        }

        /// <summary>
        /// The earliest UseAuthentication of the pipeline before <paramref name="mustFollow"/> with no UseRouting after it,
        /// or null: moving UseCors before it gives the documented order (routing, CORS, authentication, authorization).
        /// </summary>
        private static Entry? FindDocumentedAnchor(List<Entry> entries, Entry useCors, Entry mustFollow)
        {
            Entry? anchor = null;
            foreach (var other in entries)
            {
                if (!useCors.SamePipeline(other))
                {
                    continue;
                }

                if (anchor is null && other.Call == PipelineCall.UseAuthentication && other.Order < mustFollow.Order)
                {
                    anchor = other;
                }
                else if (anchor is not null && other.Call == PipelineCall.UseRouting)
                {
                    return null;
                }
            }

            return anchor;
        }

        /// <summary>
        /// One ordered call. A class, not a struct: List&lt;T&gt; and its sort over a struct are generic code the JIT compiles
        /// anew in every fresh compiler process; over a class they share the framework's precompiled code.
        /// </summary>
        private sealed class Entry
        {
            public Entry(PipelineCall call, IInvocationOperation invocation, ISymbol builder, IOperation function, int order)
            {
                Call = call;
                Invocation = invocation;
                Builder = builder;
                Function = function;
                Order = order;
            }

            public PipelineCall Call { get; }

            public IInvocationOperation Invocation { get; }

            public ISymbol Builder { get; }

            /// <summary>The function body the call runs in: the method body, a lambda or a local function.</summary>
            public IOperation Function { get; }

            /// <summary>Where the call ends in the source: its execution order within one function (a chain's inner call ends first).</summary>
            public int Order { get; }

            public bool SamePipeline(Entry other) =>
                ReferenceEquals(Function, other.Function) && SymbolEqualityComparer.Default.Equals(Builder, other.Builder);
        }

        /// <summary>The calls whose order relative to UseCors this rule checks (not Map* nor UseMvc); UseAuthentication only as a place to move UseCors to.</summary>
        private static bool IsOrdered(PipelineCall call) =>
            call == PipelineCall.UseCors || call == PipelineCall.UseRouting || call == PipelineCall.UseAuthentication || IsMustFollow(call);

        /// <summary>The calls UseCors must precede. Not UseAuthentication: it never rejects a request, so CORS after it still works.</summary>
        private static bool IsMustFollow(PipelineCall call) =>
            call == PipelineCall.UseAuthorization
            || call == PipelineCall.UseResponseCaching
            || call == PipelineCall.UseEndpoints
            || call == PipelineCall.Run
            || call == PipelineCall.RunHost;

        /// <summary>The message's "where" and the fix's title text for a call UseCors must precede.</summary>
        private static (string Where, string Title) GetBeforeText(Entry call, PipelineSymbols pipeline)
        {
            switch (call.Call)
            {
                case PipelineCall.UseAuthorization:
                    return ("before UseAuthorization", "before UseAuthorization");
                case PipelineCall.UseResponseCaching:
                    return ("before UseResponseCaching", "before UseResponseCaching");
                case PipelineCall.Run or PipelineCall.RunHost when StartsTheApp(call.Invocation.TargetMethod, pipeline):
                    var name = call.Invocation.TargetMethod.Name + "()";
                    return ("before " + name + ": the app builds its pipeline when it starts, so a UseCors after " + name + " never runs for a request", "before " + name);
                default:
                    return (BeforeEndpoints, BeforeEndpoints);
            }
        }

        /// <summary><c>WebApplication.Run/RunAsync</c> or the generic host's <c>Run/RunAsync</c>, not the terminal middleware <c>app.Run(handler)</c>.</summary>
        private static bool StartsTheApp(IMethodSymbol method, PipelineSymbols pipeline) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType, pipeline.WebApplication)
            || SymbolEqualityComparer.Default.Equals(method.ContainingType, pipeline.HostingAbstractionsHostExtensions);

        /// <summary>
        /// Reports on UseCors; the additional locations are the conflicting call and, when the fix moves UseCors elsewhere
        /// (before a UseAuthentication that precedes it), that call.
        /// </summary>
        private static void Report(OperationAnalysisContext context, Entry useCors, Entry conflicting, string where, string title, string? placement, Entry? moveTarget = null)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties.Add(WhereKey, where);
            properties.Add(TitleKey, title);
            if (placement is not null)
            {
                properties.Add(PlacementKey, placement);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UseCorsMisplaced,
                OperationLocations.GetNameAndArgumentsLocation(useCors.Invocation),
                moveTarget is null
                    ? ImmutableArray.Create(OperationLocations.GetNameAndArgumentsLocation(conflicting.Invocation))
                    : ImmutableArray.Create(
                        OperationLocations.GetNameAndArgumentsLocation(conflicting.Invocation),
                        OperationLocations.GetNameAndArgumentsLocation(moveTarget.Invocation)),
                properties.ToImmutable(),
                where));
        }

        /// <summary>
        /// The function (method body, lambda, local function) the call runs in, when it runs unconditionally there:
        /// the call sits in a statement (possibly in a fluent chain, an await, a declaration or a return) of the
        /// function's body, or of plain nested blocks. Calls under if/else, switch, loops, try, using or lock, and
        /// calls in the middle of other expressions, are skipped.
        /// </summary>
        private static bool TryGetFunction(IInvocationOperation invocation, out IOperation function)
        {
            function = invocation;
            IOperation current = invocation;

            // Up to the statement.
            while (true)
            {
                var parent = current.Parent;
                if (parent is null)
                {
                    return false;
                }

                if (parent is IBlockOperation)
                {
                    break;
                }

                switch (parent)
                {
                    case IConversionOperation:
                    case IAwaitOperation:
                    case IExpressionStatementOperation:
                    case IReturnOperation:
                    case IVariableInitializerOperation:
                    case IVariableDeclaratorOperation:
                    case IVariableDeclarationOperation:
                    case IVariableDeclarationGroupOperation:
                        break;
                    case ISimpleAssignmentOperation assignment when ReferenceEquals(assignment.Value, current):
                        break;
                    case IInvocationOperation chained when ReferenceEquals(chained.Instance, current):
                        break;
                    case IArgumentOperation argument
                        when argument.Parent is IInvocationOperation owner
                            && owner.TargetMethod.IsExtensionMethod
                            && !owner.Arguments.IsEmpty
                            && ReferenceEquals(owner.Arguments[0], argument):
                        break;
                    case IInvocationOperation:
                        // Reached through the extension receiver argument above.
                        if (current is IArgumentOperation)
                        {
                            break;
                        }

                        return false;
                    default:
                        return false;
                }

                current = parent;
            }

            // Up through plain blocks to the function.
            var block = current.Parent!;
            while (true)
            {
                var parent = block.Parent;
                switch (parent)
                {
                    case null:
                        function = block;
                        return true;
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        function = parent;
                        return true;
                    case IBlockOperation:
                        block = parent;
                        break;
                    default:
                        return false;
                }
            }
        }

        /// <summary>A RequireCors call, or a lambda or local function with CORS metadata attributes, in this block.</summary>
        private static bool HasEndpointMetadataInBlock(
            IOperation block,
            CorsSymbols cors,
            CorsDeclarationIndex declarations,
            CancellationToken cancellationToken)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation invocation when cors.IsRequireCors(invocation.TargetMethod):
                        return true;
                    case IAnonymousFunctionOperation lambda when declarations.HasMetadataAttribute(lambda.Symbol):
                        return true;
                    case ILocalFunctionOperation localFunction when declarations.HasMetadataAttribute(localFunction.Symbol):
                        return true;
                }
            }

            return false;
        }
    }
}
