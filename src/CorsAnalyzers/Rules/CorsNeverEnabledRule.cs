using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS011: the application adds CORS (AddCors) and puts CORS metadata on endpoints ([EnableCors], RequireCors)
    /// but its pipeline never runs the CORS middleware (UseCors). With endpoint routing the metadata is read only by
    /// the middleware, so no CORS header is ever sent.
    /// <para>
    /// One diagnostic per compilation, on the method name of the first AddCors call (where CORS is configured). The
    /// additional location is the pipeline statement UseCors belongs next to (see <see cref="PositionProperty"/>).
    /// Only reported when this compilation builds the pipeline itself, and silent when CORS may run as MVC filters
    /// (UseMvc, MvcOptions.EnableEndpointRouting, CorsAuthorizationFilterFactory) or the pipeline calls a helper of
    /// another assembly that could call UseCors.
    /// </para>
    /// </summary>
    public sealed class CorsNeverEnabledRule : CorsRule
    {
        /// <summary>Diagnostic property: "After" or "Before" the statement of the additional location.</summary>
        public const string PositionProperty = "Position";

        /// <summary>Diagnostic property: the application builder expression (e.g. "app").</summary>
        public const string ReceiverProperty = "Receiver";

        public const string After = "After";

        public const string Before = "Before";

        /// <summary>
        /// Diagnostic property: the policy the fix passes to UseCors, when a bare <c>UseCors()</c> would find no policy
        /// (no default policy, no named endpoint policy: CORS013) and the application has exactly one named policy.
        /// Without it and in that situation, no fix is offered.
        /// </summary>
        public const string PolicyNameProperty = "PolicyName";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.CorsNeverEnabled);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null || symbols.CorsMiddlewareExtensions is null || symbols.CorsServiceCollectionExtensions is null)
            {
                return;
            }

            var registry = compilation.GetRegistry(symbols);
            compilation.RegisterCompilationEndAction(end => Report(end, registry));
        }

        private static void Report(CompilationAnalysisContext context, CorsPolicyRegistry registry)
        {
            var addCorsCalls = registry.Services.AddCorsCalls;
            if (addCorsCalls.IsEmpty
                || !registry.Names.HasEndpointCorsMetadata
                || registry.Pipeline.HasCorsMiddleware
                || registry.HasMvcFilterCors
                || registry.Pipeline.HasOpaquePipelineHelper)
            {
                return;
            }

            var pipelineCalls = registry.Pipeline.Calls;
            if (pipelineCalls.IsEmpty)
            {
                return;
            }

            // UseCors goes right after UseRouting, else before authentication, else before the endpoints. A
            // UseRouting inside a fluent chain (app.UseRouting().UseAuthorization();) leaves no right place for a
            // separate statement: then no fix is offered.
            var routing = FindAnchor(pipelineCalls, PipelineCallKind.Routing);
            var anchor = routing is not null
                ? (routing.IsWholeStatement ? routing : null)
                : FindAnchor(pipelineCalls, PipelineCallKind.Authentication) ?? FindAnchor(pipelineCalls, PipelineCallKind.Endpoints);

            var properties = ImmutableDictionary<string, string?>.Empty;
            var additionalLocations = ImmutableArray<Location>.Empty;
            if (UseCorsWithoutPolicyRule.DoesNothing(registry))
            {
                // A bare UseCors() would do nothing here (and be reported by CORS013): the fix names the only policy, or
                // there is no fix.
                if (UseCorsWithoutPolicyRule.GetSingleNamedPolicy(registry) is { } name)
                {
                    properties = properties.Add(PolicyNameProperty, name);
                }
                else
                {
                    anchor = null;
                }
            }

            if (anchor is not null)
            {
                properties = properties
                    .Add(PositionProperty, anchor.Kind == PipelineCallKind.Routing ? After : Before)
                    .Add(ReceiverProperty, anchor.Receiver);
                additionalLocations = ImmutableArray.Create(anchor.StatementLocation!);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CorsNeverEnabled,
                addCorsCalls[0],
                additionalLocations,
                properties));
        }

        private static PipelineCallSite? FindAnchor(ImmutableArray<PipelineCallSite> calls, PipelineCallKind kind)
        {
            foreach (var call in calls)
            {
                if (call.Kind == kind && call.StatementLocation is not null && call.Receiver is not null)
                {
                    return call;
                }
            }

            return null;
        }
    }
}
