using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>The states one policy can end in, and every origin value it was given on the way.</summary>
    internal sealed class PolicyAnalysisResult
    {
        public PolicyAnalysisResult(PolicySite site, ImmutableArray<PolicyState> finalStates, ImmutableArray<IOperation> originValues)
        {
            Site = site;
            FinalStates = finalStates;
            OriginValues = originValues;
        }

        public PolicySite Site { get; }

        /// <summary>One state per distinct execution path (capped), at Build() or at the end of the configuring code.</summary>
        public ImmutableArray<PolicyState> FinalStates { get; }

        /// <summary>The origin values added (WithOrigins arguments, constructor arguments, Origins.Add, initializers).</summary>
        public ImmutableArray<IOperation> OriginValues { get; }

        public static PolicyAnalysisResult Empty(PolicySite site) =>
            new PolicyAnalysisResult(site, ImmutableArray<PolicyState>.Empty, ImmutableArray<IOperation>.Empty);
    }
}
