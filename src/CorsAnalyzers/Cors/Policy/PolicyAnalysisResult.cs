using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>The states one policy can end in, and every origin value it was given on the way.</summary>
    internal sealed class PolicyAnalysisResult
    {
        private static readonly Dictionary<IOperation, List<IOperation?>> NoEpochs = new Dictionary<IOperation, List<IOperation?>>();

        // The origin-list epochs (PolicyState.OriginsEpoch) each origin value was added under; read-only once built.
        private readonly Dictionary<IOperation, List<IOperation?>> _valueEpochs;

        public PolicyAnalysisResult(
            PolicySite site,
            ImmutableArray<PolicyState> finalStates,
            ImmutableArray<IOperation> originValues,
            ImmutableArray<IOperation> deadAnyOriginValues,
            ImmutableArray<IOperation> computedOrigins,
            Dictionary<IOperation, List<IOperation?>> valueEpochs,
            bool isTruncated = false)
        {
            ComputedOrigins = computedOrigins.IsDefault ? ImmutableArray<IOperation>.Empty : computedOrigins;
            IsTruncated = isTruncated;
            DeadAnyOriginValues = deadAnyOriginValues;
            Site = site;
            FinalStates = finalStates;
            OriginValues = originValues;
            _valueEpochs = valueEpochs;
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
        /// in place nor a known array, e.g. <c>WithOrigins(configuration.GetSection("Cors:Origins").Get&lt;string[]&gt;())</c>,
        /// or the unknown spread of a collection expression).
        /// </summary>
        public ImmutableArray<IOperation> ComputedOrigins { get; }

        /// <summary>
        /// "*" values that are never the only entry on any path that keeps them (appended after other origins, or
        /// followed by others): dead strings, not "any origin".
        /// </summary>
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

        /// <summary>
        /// Whether the origin list no longer decides anything about <paramref name="value"/> on any path: a later
        /// <c>AllowAnyOrigin()</c> or <c>Origins.Clear()</c> removed it, or the path ends with an always-true origin
        /// predicate (the origin list is then not consulted, and "*" alone is not what the value made it). The later
        /// call is what the policy rules report; a problem of the value itself is not worth a warning of its own.
        /// </summary>
        public bool IsSupersededOnEveryPath(IOperation value)
        {
            if (FinalStates.IsEmpty || !_valueEpochs.TryGetValue(value, out var epochs))
            {
                return false;
            }

            foreach (var state in FinalStates)
            {
                if (state.Predicate == PredicateShape.AlwaysTrue)
                {
                    continue;
                }

                if (state.Origins == OriginsShape.Unknown || epochs.Contains(state.OriginsEpoch))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether some path ends with <paramref name="value"/> (an origin value, or a list of <see cref="ComputedOrigins"/>)
        /// still in the origin list and
        /// <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c> as the origin check: a <c>*.</c> entry then trusts every
        /// subdomain.
        /// </summary>
        public bool MatchesAsWildcardSubdomainsOnSomePath(IOperation value)
        {
            if (!_valueEpochs.TryGetValue(value, out var epochs))
            {
                return false;
            }

            foreach (var state in FinalStates)
            {
                if (state.Predicate == PredicateShape.WildcardSubdomains && epochs.Contains(state.OriginsEpoch))
                {
                    return true;
                }
            }

            return false;
        }

        public static PolicyAnalysisResult Empty(PolicySite site) =>
            new PolicyAnalysisResult(
                site, ImmutableArray<PolicyState>.Empty, ImmutableArray<IOperation>.Empty, ImmutableArray<IOperation>.Empty, ImmutableArray<IOperation>.Empty, NoEpochs);
    }
}
