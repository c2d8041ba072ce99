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
    /// them (a lambda or local function is its own pipeline), and decide at the end of the block. Calls in plain
    /// blocks, try blocks (Serilog's bootstrap wraps all of Program.cs in try/catch/finally), using and lock bodies,
    /// and if/else or switch branches are considered; two calls are compared only when both can run on one path and
    /// then always run in source order: never when they sit in different arms of one branch, nor when the earlier
    /// one is in an arm that can leave (return, throw, goto) before reaching the later one. Calls in loops, catch or
    /// finally blocks and in the middle of other expressions are skipped.
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
            if (!IsOrdered(call) || !TryGetFunction(invocation, out var function, out var arms))
            {
                return null;
            }

            var builder = pipeline.GetBuilderSymbol(invocation);
            return builder is null ? null : new Entry(call, invocation, builder, function, invocation.Syntax.Span.End, arms);
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
                        if (!useCors.SamePipeline(other) || !Entry.Comparable(useCors, other))
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
                        if (useCors.SamePipeline(other) && Entry.Comparable(useCors, other)
                            && other.Order > useCors.Order && other.Order < routing.Order && IsMustFollow(other.Call))
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
            public Entry(PipelineCall call, IInvocationOperation invocation, ISymbol builder, IOperation function, int order, List<Arm>? arms)
            {
                Call = call;
                Invocation = invocation;
                Builder = builder;
                Function = function;
                Order = order;
                Arms = arms;
            }

            /// <summary>The branch arms the call sits in, innermost first; null when it runs unconditionally in its function.</summary>
            public List<Arm>? Arms { get; }

            /// <summary>
            /// Whether the two calls can both run on one path, and then in source order: no branch puts them in
            /// different arms, and no arm holding only the earlier one can leave before the later one.
            /// </summary>
            public static bool Comparable(Entry a, Entry b)
            {
                var (earlier, later) = a.Order <= b.Order ? (a, b) : (b, a);
                if (earlier.Arms is not null)
                {
                    foreach (var arm in earlier.Arms)
                    {
                        var shared = later.FindArm(arm.Branch);
                        if (shared is null)
                        {
                            if (arm.CanLeave)
                            {
                                return false;
                            }
                        }
                        else if (shared.Index != arm.Index)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            private Arm? FindArm(IOperation branch)
            {
                if (Arms is not null)
                {
                    foreach (var arm in Arms)
                    {
                        if (ReferenceEquals(arm.Branch, branch))
                        {
                            return arm;
                        }
                    }
                }

                return null;
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

        /// <summary>One arm of an if/else or a switch that a call sits in.</summary>
        private sealed class Arm
        {
            public Arm(IOperation branch, int index, bool canLeave)
            {
                Branch = branch;
                Index = index;
                CanLeave = canLeave;
            }

            /// <summary>The if statement or the switch.</summary>
            public IOperation Branch { get; }

            /// <summary>0 for the if's statement, 1 for its else; the section's index in a switch.</summary>
            public int Index { get; }

            /// <summary>The arm holds a return, throw or jump out (a switch section's own break does not count).</summary>
            public bool CanLeave { get; }
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
        /// The function (method body, lambda, local function) the call runs in, and the branch arms it sits in: the
        /// call sits in a statement (possibly in a fluent chain, an await, a declaration or a return) of the function's
        /// body, of nested blocks, try, using and lock bodies, or if/else and switch arms. Calls in loops, catch and
        /// finally blocks, and in the middle of other expressions, are skipped.
        /// </summary>
        private static bool TryGetFunction(IInvocationOperation invocation, out IOperation function, out List<Arm>? arms)
        {
            function = invocation;
            arms = null;
            IOperation current = invocation;

            // Up to the statement.
            while (true)
            {
                var parent = current.Parent;
                if (parent is null)
                {
                    return false;
                }

                if (parent is IBlockOperation || parent is ISwitchCaseOperation || IsIfArm(parent, current))
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

            // Up through blocks and arms to the function.
            var child = current;
            while (true)
            {
                var container = child.Parent;
                switch (container)
                {
                    case null:
                        function = child;
                        return true;
                    case IMethodBodyOperation:
                    case IConstructorBodyOperation:
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        function = container;
                        return true;
                    case IBlockOperation:
                        break;
                    case ITryOperation tryOperation when ReferenceEquals(tryOperation.Body, child):
                    case IUsingOperation usingOperation when ReferenceEquals(usingOperation.Body, child):
                    case ILockOperation lockOperation when ReferenceEquals(lockOperation.Body, child):
                        break;
                    case IConditionalOperation conditional when IsIfArm(conditional, child):
                        (arms ??= new List<Arm>()).Add(new Arm(conditional, ReferenceEquals(conditional.WhenTrue, child) ? 0 : 1, CanLeave(child, null)));
                        break;
                    case ISwitchCaseOperation section when section.Parent is ISwitchOperation switchOperation:
                        (arms ??= new List<Arm>()).Add(new Arm(switchOperation, switchOperation.Cases.IndexOf(section), CanLeave(section, switchOperation.ExitLabel)));
                        child = switchOperation;
                        continue;
                    default:
                        return false;
                }

                child = container;
            }
        }

        /// <summary><paramref name="child"/> is the statement or else of an if statement (not its condition, not a ?: arm).</summary>
        private static bool IsIfArm(IOperation parent, IOperation child) =>
            parent is IConditionalOperation { IsRef: false } conditional
            && conditional.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax
            && (ReferenceEquals(conditional.WhenTrue, child) || ReferenceEquals(conditional.WhenFalse, child));

        /// <summary>The arm holds a return, throw, yield break or a jump other than the switch's own break.</summary>
        private static bool CanLeave(IOperation arm, ILabelSymbol? ownBreak)
        {
            foreach (var operation in arm.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IReturnOperation:
                    case IThrowOperation:
                        return true;
                    case IBranchOperation branch when ownBreak is null || !SymbolEqualityComparer.Default.Equals(branch.Target, ownBreak):
                        return true;
                }
            }

            return false;
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
