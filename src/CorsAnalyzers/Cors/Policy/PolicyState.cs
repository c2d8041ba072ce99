using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>What the origin list of a policy is, as <c>CorsPolicy.AllowAnyOrigin</c> sees it.</summary>
    internal enum OriginsShape
    {
        /// <summary>No origin added yet.</summary>
        Empty,

        /// <summary>Exactly ["*"]: <c>CorsPolicy.AllowAnyOrigin</c> is true.</summary>
        AnyOrigin,

        /// <summary>Explicit origins (a "*" among others is a dead string, not "any origin").</summary>
        Explicit,

        /// <summary>Not known statically (a computed array, a policy copied from elsewhere).</summary>
        Unknown,
    }

    /// <summary>What <c>CorsPolicy.IsOriginAllowed</c> is.</summary>
    internal enum PredicateShape
    {
        /// <summary>The default: the origin must be in the origin list.</summary>
        Default,

        /// <summary>A predicate that accepts every origin ASP.NET Core passes to it.</summary>
        AlwaysTrue,

        /// <summary><c>SetIsOriginAllowedToAllowWildcardSubdomains()</c>.</summary>
        WildcardSubdomains,

        /// <summary>Any other predicate.</summary>
        Custom,

        /// <summary>Not known statically.</summary>
        Unknown,
    }

    /// <summary>Whether the policy supports credentials.</summary>
    internal enum CredentialsShape
    {
        Disallowed,
        Allowed,
        Unknown,
    }

    /// <summary>
    /// The abstract state of one CORS policy on one execution path: the origin list's shape, the origin predicate and
    /// credentials, each with the operation that last set it (what a diagnostic points at and a code fix rewrites).
    /// Immutable; compared by value so that a set of paths stays small.
    /// </summary>
    internal sealed class PolicyState : System.IEquatable<PolicyState>
    {
        public static readonly PolicyState Initial = new PolicyState(
            OriginsShape.Empty, null, PredicateShape.Default, null, CredentialsShape.Disallowed, null);

        /// <summary>The state of a policy copied from a value the analysis cannot see.</summary>
        public static readonly PolicyState Unknown = new PolicyState(
            OriginsShape.Unknown, null, PredicateShape.Unknown, null, CredentialsShape.Unknown, null);

        private PolicyState(
            OriginsShape origins,
            IOperation? originsSource,
            PredicateShape predicate,
            IOperation? predicateSource,
            CredentialsShape credentials,
            IOperation? credentialsSource,
            IOperation? originsArgument = null)
        {
            Origins = origins;
            OriginsSource = originsSource;
            OriginsArgument = originsArgument;
            Predicate = predicate;
            PredicateSource = predicateSource;
            Credentials = credentials;
            CredentialsSource = credentialsSource;
        }

        public OriginsShape Origins { get; }

        /// <summary>
        /// For <see cref="OriginsShape.AnyOrigin"/>: the operation that made it so (an <c>AllowAnyOrigin()</c> or
        /// <c>WithOrigins("*")</c> invocation, or the "*" value added to <c>CorsPolicy.Origins</c>).
        /// </summary>
        public IOperation? OriginsSource { get; }

        /// <summary>
        /// For <see cref="OriginsShape.Unknown"/>: the one computed value or list (a WithOrigins argument or element, an
        /// Origins.Add argument) that is the whole origin list on this path, e.g. origins read from configuration; null
        /// when anything else was added before or after it.
        /// </summary>
        public IOperation? OriginsArgument { get; }

        public PredicateShape Predicate { get; }

        /// <summary>The <c>SetIsOriginAllowed(...)</c> invocation or the <c>IsOriginAllowed</c> assignment.</summary>
        public IOperation? PredicateSource { get; }

        public CredentialsShape Credentials { get; }

        /// <summary>For <see cref="CredentialsShape.Allowed"/>: the <c>AllowCredentials()</c> call or the assignment.</summary>
        public IOperation? CredentialsSource { get; }

        /// <summary><c>CorsPolicy.AllowAnyOrigin</c>: the origin list is exactly ["*"].</summary>
        public bool AllowsAnyOrigin => Origins == OriginsShape.AnyOrigin;

        /// <summary>
        /// The origin predicate accepts everything and decides: with an origin list of exactly ["*"] the runtime allows any
        /// origin without asking the predicate (CorsService.IsOriginAllowed), so that state is an any-origin one only (with
        /// credentials, Build() throws: CORS001, not CORS002).
        /// </summary>
        public bool HasAlwaysTruePredicate => Predicate == PredicateShape.AlwaysTrue && Origins != OriginsShape.AnyOrigin;

        public bool AllowsCredentials => Credentials == CredentialsShape.Allowed;

        /// <summary>No origin was given on this path: no WithOrigins, no AllowAnyOrigin, no origin predicate (CORS016 when on every path).</summary>
        public bool AllowsNoOrigin => Origins == OriginsShape.Empty && Predicate == PredicateShape.Default;

        /// <summary>The origin list is exactly the computed <paramref name="argument"/> (added to an empty list).</summary>
        public PolicyState WithComputedOrigins(IOperation argument) =>
            new PolicyState(OriginsShape.Unknown, null, Predicate, PredicateSource, Credentials, CredentialsSource, argument);

        public PolicyState WithOrigins(OriginsShape origins, IOperation? source) =>
            new PolicyState(origins, origins == OriginsShape.AnyOrigin ? source : null, Predicate, PredicateSource, Credentials, CredentialsSource);

        public PolicyState WithPredicate(PredicateShape predicate, IOperation? source) =>
            new PolicyState(Origins, OriginsSource, predicate, source, Credentials, CredentialsSource, OriginsArgument);

        public PolicyState WithCredentials(CredentialsShape credentials, IOperation? source) =>
            new PolicyState(Origins, OriginsSource, Predicate, PredicateSource, credentials, credentials == CredentialsShape.Allowed ? source : null, OriginsArgument);

        public bool Equals(PolicyState? other) =>
            other is not null
            && Origins == other.Origins
            && Predicate == other.Predicate
            && Credentials == other.Credentials
            && ReferenceEquals(OriginsSource, other.OriginsSource)
            && ReferenceEquals(PredicateSource, other.PredicateSource)
            && ReferenceEquals(CredentialsSource, other.CredentialsSource)
            && ReferenceEquals(OriginsArgument, other.OriginsArgument);

        public override bool Equals(object? obj) => Equals(obj as PolicyState);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = ((int)Origins * 31 + (int)Predicate) * 31 + (int)Credentials;
                hash = hash * 31 + (OriginsSource?.GetHashCode() ?? 0);
                hash = hash * 31 + (PredicateSource?.GetHashCode() ?? 0);
                hash = hash * 31 + (OriginsArgument?.GetHashCode() ?? 0);
                return hash * 31 + (CredentialsSource?.GetHashCode() ?? 0);
            }
        }
    }
}
