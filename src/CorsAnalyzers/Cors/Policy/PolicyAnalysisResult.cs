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

        // The epochs of the non-empty lists each AllowAnyOrigin() call cleared; read-only once built.
        private readonly Dictionary<IOperation, List<IOperation?>> _clearedEpochs;

        public PolicyAnalysisResult(
            PolicySite site,
            ImmutableArray<PolicyState> finalStates,
            ImmutableArray<IOperation> originValues,
            ImmutableArray<IOperation> deadAnyOriginValues,
            ImmutableArray<IOperation> computedOrigins,
            Dictionary<IOperation, List<IOperation?>> valueEpochs,
            bool isTruncated = false,
            Dictionary<IOperation, List<IOperation?>>? clearedEpochs = null)
        {
            _clearedEpochs = clearedEpochs ?? NoEpochs;
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

        /// <summary>
        /// Whether replacing <paramref name="source"/> (an <c>AllowAnyOrigin()</c> that cleared origins, or an always-true
        /// predicate that decides without the list) with <c>WithOrigins(...)</c> would bring back into effect an origin
        /// value that is in effect on no path today and is not a plain, valid origin: a computed one, "*", a <c>*.</c>
        /// entry, or one that can never match. The policy rules' WithOrigins fix is then not offered: it would
        /// trust what the code had made irrelevant and could raise CORS004, CORS005 or CORS015. (A value in effect on
        /// another path is trusted, and reported, already.)
        /// </summary>
        public bool RevivesQuestionableOrigins(IOperation source)
        {
            List<IOperation?>? revived = null;
            if (_clearedEpochs.TryGetValue(source, out var cleared))
            {
                revived = new List<IOperation?>(cleared);
            }

            foreach (var state in FinalStates)
            {
                if (state.PredicateSource == source && state.Origins != OriginsShape.Empty)
                {
                    revived ??= new List<IOperation?>(1);
                    revived.Add(state.OriginsEpoch);
                }
            }

            if (revived is null)
            {
                return false;
            }

            foreach (var pair in _valueEpochs)
            {
                if (!IsPlainOrigin(pair.Key) && Overlaps(pair.Value, revived) && IsSupersededOnEveryPath(pair.Key))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A valid origin without wildcard, or "null": CORS005 reports "null" wherever it is (superseded or not) and its
        /// fix removes it, so bringing it back raises nothing new and does not depend on which fix runs first.
        /// </summary>
        private static bool IsPlainOrigin(IOperation value) =>
            value.ConstantValue is { HasValue: true, Value: string origin }
            && (string.Equals(origin.Trim(), CorsDefaults.NullOrigin, System.StringComparison.OrdinalIgnoreCase)
                || (origin.IndexOf('*') < 0 && OriginParser.Analyze(origin, out _) == OriginProblem.None));

        private static bool Overlaps(List<IOperation?> first, List<IOperation?> second)
        {
            foreach (var epoch in first)
            {
                if (second.Contains(epoch))
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
