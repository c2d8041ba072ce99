using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS016: a policy that, on every path through the code that configures it, ends with no origin: no
    /// WithOrigins, no AllowAnyOrigin, no origin predicate (e.g. <c>UseCors(p =&gt; p.AllowAnyHeader().AllowAnyMethod())</c>).
    /// CorsService then never finds the request's origin allowed and answers preflights 204 without
    /// Access-Control-Allow-Origin. Only a configure delegate given straight to AddPolicy, AddDefaultPolicy, UseCors or
    /// RequireCors is judged: there the delegate is the whole policy. A path the analysis cannot follow (a helper of
    /// another assembly, origins from configuration) counts as one that may add origins.
    /// </summary>
    public sealed class PolicyAllowsNoOriginRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.PolicyAllowsNoOrigin);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            var pipeline = compilation.Pipeline;
            if (symbols is null)
            {
                return;
            }

            compilation.RegisterPolicyAction((context, result) =>
            {
                if (result.Site.Kind != PolicySiteKind.ConfigureDelegate || result.FinalStates.IsEmpty)
                {
                    return;
                }

                foreach (var state in result.FinalStates)
                {
                    if (!state.AllowsNoOrigin)
                    {
                        return;
                    }
                }

                var api = GetCorsApiCall(result.Site.Operation, symbols, pipeline);
                if (api is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.PolicyAllowsNoOrigin,
                        OperationLocations.GetMethodNameLocation(api),
                        result.Site.Description));
                }
            });
        }

        /// <summary>The AddPolicy, AddDefaultPolicy, UseCors or RequireCors call the delegate is given to, or null.</summary>
        private static IInvocationOperation? GetCorsApiCall(IOperation delegateCreation, CorsSymbols symbols, PipelineSymbols? pipeline)
        {
            var current = delegateCreation;
            while (current.Parent is IConversionOperation conversion)
            {
                current = conversion;
            }

            if (!(current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }))
            {
                return null;
            }

            var method = invocation.TargetMethod;
            return symbols.IsCorsOptionsMethod(method, "AddPolicy")
                || symbols.IsCorsOptionsMethod(method, "AddDefaultPolicy")
                || symbols.IsRequireCors(method)
                || (pipeline is not null && method.Name == "UseCors" && pipeline.Classify(method) == PipelineCall.UseCors)
                ? invocation
                : null;
        }
    }
}
