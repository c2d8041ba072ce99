using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>Registers the operation actions that find every place a CORS policy is built and analyzes it.</summary>
    internal static class PolicySites
    {
        /// <summary>
        /// Calls <paramref name="onPolicy"/> once per policy site (an Action&lt;CorsPolicyBuilder&gt;, a
        /// <c>new CorsPolicyBuilder(...)</c> or a <c>new CorsPolicy</c>) with the states the policy can end in.
        /// The per-operation cost for everything else is one type comparison.
        /// </summary>
        public static void Register(
            CompilationStartAnalysisContext context,
            CorsSymbols symbols,
            Action<OperationAnalysisContext, PolicyAnalysisResult> onPolicy)
        {
            context.RegisterOperationAction(
                operationContext =>
                {
                    var site = PolicySite.TryCreate(operationContext.Operation, symbols);
                    if (site is null)
                    {
                        return;
                    }

                    onPolicy(operationContext, PolicyInterpreter.Analyze(site, symbols, operationContext.CancellationToken));
                },
                OperationKind.DelegateCreation,
                OperationKind.ObjectCreation);
        }
    }
}
