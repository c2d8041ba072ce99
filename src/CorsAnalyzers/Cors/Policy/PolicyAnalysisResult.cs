using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>The states one policy can end in, and every origin value it was given on the way.</summary>
    internal sealed class PolicyAnalysisResult
    {
        public PolicyAnalysisResult(
            PolicySite site,
            ImmutableArray<PolicyState> finalStates,
            ImmutableArray<IOperation> originValues,
            ImmutableArray<IOperation> deadAnyOriginValues,
            ImmutableArray<IOperation> computedOrigins = default,
            bool isTruncated = false)
        {
            ComputedOrigins = computedOrigins.IsDefault ? ImmutableArray<IOperation>.Empty : computedOrigins;
            IsTruncated = isTruncated;
            DeadAnyOriginValues = deadAnyOriginValues;
            Site = site;
            FinalStates = finalStates;
            OriginValues = originValues;
        }

        public PolicySite Site { get; }

        /// <summary>Whether some paths were dropped (too many distinct states): <see cref="FinalStates"/> is then not every path.</summary>
        public bool IsTruncated { get; }

        /// <summary>One state per distinct execution path (capped), at Build() or at the end of the configuring code.</summary>
        public ImmutableArray<PolicyState> FinalStates { get; }

        /// <summary>The origin values added (WithOrigins arguments, constructor arguments, Origins.Add, initializers).</summary>
        public ImmutableArray<IOperation> OriginValues { get; }

        /// <summary>
        /// Origin lists the policy model cannot read (a WithOrigins or constructor argument that is not an array written
        /// in place, e.g. <c>WithOrigins(configuration.GetSection("Cors:Origins").Get&lt;string[]&gt;())</c>).
        /// </summary>
        public ImmutableArray<IOperation> ComputedOrigins { get; }

        /// <summary>"*" values appended after other origins on every path: dead strings, not "any origin".</summary>
        public ImmutableArray<IOperation> DeadAnyOriginValues { get; }

        /// <summary>Whether some path ends with SetIsOriginAllowedToAllowWildcardSubdomains() (or an unknown predicate).</summary>
        public bool MayAllowWildcardSubdomains
        {
            get
            {
                foreach (var state in FinalStates)
                {
                    if (state.Predicate is PredicateShape.WildcardSubdomains or PredicateShape.Unknown)
                    {
                        return true;
                    }
                }

                return FinalStates.IsEmpty;
            }
        }

        public static PolicyAnalysisResult Empty(PolicySite site) =>
            new PolicyAnalysisResult(site, ImmutableArray<PolicyState>.Empty, ImmutableArray<IOperation>.Empty, ImmutableArray<IOperation>.Empty);
    }
}
