using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Configuration;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS004: an origin given to a policy (WithOrigins, the CorsPolicyBuilder constructor, CorsPolicy.Origins) that
    /// can never equal a browser's Origin header; also where the origin is written in appsettings*.json (reported there),
    /// and the host filtering setting (AllowedHosts) read as origins (reported in the code).
    /// </summary>
    public sealed class OriginCanNeverMatchRule : CorsRule
    {
        /// <summary>Diagnostic property: the <see cref="OriginProblem"/> name.</summary>
        public const string ProblemProperty = "Problem";

        /// <summary>Diagnostic property: the origin a browser would send, when there is a mechanical answer.</summary>
        public const string NormalizedProperty = "Normalized";

        /// <summary>
        /// Diagnostic property, for <see cref="OriginProblem.WildcardHost"/>: "true" when the policy ends with an
        /// origin predicate of its own (SetIsOriginAllowed), which adding SetIsOriginAllowedToAllowWildcardSubdomains()
        /// would replace.
        /// </summary>
        public const string OtherPredicateProperty = "OtherPredicate";

        /// <summary>
        /// Diagnostic property, for a <c>*.</c> host (possibly with a path or default port, which the wildcard check
        /// ignores): "true" when turning on SetIsOriginAllowedToAllowWildcardSubdomains() for the policy trusts only what
        /// its entries name: no origin check of its own, every origin of the policy a visible constant, and every wildcard
        /// entry under a domain of one owner (not a shared hosting domain such as vercel.app, not a bare or public suffix
        /// such as com or co.uk). The diagnostic's additional location is the policy's site.
        /// </summary>
        public const string WildcardSubdomainsProperty = "WildcardSubdomains";

        /// <summary>Second-level labels under which a two-letter country domain hands out names (co.uk, com.au, gov.br, ...).</summary>
        private static readonly string[] PublicSecondLevelLabels =
        {
            "ac", "co", "com", "edu", "go", "gob", "gov", "govt", "ltd", "mil", "ne", "net", "nic", "nhs", "or", "org", "plc", "sch",
        };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(
                DiagnosticDescriptors.OriginCanNeverMatch,
                DiagnosticDescriptors.InConfiguration.OriginCanNeverMatch,
                DiagnosticDescriptors.InConfiguration.AllowedHostsAsOrigins);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null)
            {
                return;
            }

            // A helper that several policies share is visited once per policy: report each value once.
            // Keyed by location: the same helper can be read through two semantic models (two IOperation trees).
            var reported = new ConcurrentDictionary<Location, bool>();
            compilation.RegisterPolicyAction((context, result) =>
            {
                bool? wildcardSubdomainsAllowed = null;
                Location[]? siteLocation = null;
                foreach (var value in result.OriginValues)
                {
                    if (value.ConstantValue is not { HasValue: true, Value: string origin }
                        || origin == CorsDefaults.AnyOrigin
                        || string.Equals(origin.Trim(), CorsDefaults.NullOrigin, System.StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var problem = OriginParser.Analyze(origin, out var normalized);
                    if (problem == OriginProblem.None
                        || IsMatchedAnyway(problem, origin, IsGivenToBuilder(value), result.MayAllowWildcardSubdomains)
                        || !reported.TryAdd(value.Syntax.GetLocation(), true))
                    {
                        continue;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, OriginParser.GetName(problem));
                    if (normalized is not null)
                    {
                        properties = properties.Add(NormalizedProperty, normalized);
                    }

                    if (problem == OriginProblem.WildcardHost && HasOtherPredicate(result))
                    {
                        properties = properties.Add(OtherPredicateProperty, "true");
                    }

                    if (OriginParser.IsWildcardSubdomainPattern(origin)
                        && (wildcardSubdomainsAllowed ??= CanAllowWildcardSubdomains(result)))
                    {
                        properties = properties.Add(WildcardSubdomainsProperty, "true");
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.OriginCanNeverMatch,
                        value.Syntax.GetLocation(),
                        siteLocation ??= new[] { result.Site.Operation.Syntax.GetLocation() },
                        properties,
                        origin,
                        OriginParser.Describe(problem)));
                }

                foreach (var value in result.DeadAnyOriginValues)
                {
                    if (reported.TryAdd(value.Syntax.GetLocation(), true))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.OriginCanNeverMatch,
                            value.Syntax.GetLocation(),
                            siteLocation ??= new[] { result.Site.Operation.Syntax.GetLocation() },
                            ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, "DeadAnyOrigin"),
                            CorsDefaults.AnyOrigin,
                            OriginParser.DeadAnyOriginDescription));
                    }
                }
            });

            var configured = compilation.GetConfiguredOrigins(symbols);
            var reportedHosts = new ConcurrentDictionary<Location, bool>();
            configured.RegisterReadingAction((context, reading) =>
            {
                // AllowedHosts is "*" in every template: reported in the code, whatever the JSON says.
                var location = reading.Operation.Syntax.GetLocation();
                if (reading.Read.IsAllowedHosts && reportedHosts.TryAdd(location, true))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InConfiguration.AllowedHostsAsOrigins, location, reading.Read.Path));
                }
            });
            configured.RegisterCheck(DiagnosticDescriptors.InConfiguration.OriginCanNeverMatch, CheckConfigured);
        }

        /// <summary>An origin written in appsettings*.json: the same checks, and "*" among other origins.</summary>
        private static string? CheckConfigured(ConfiguredOrigin configured)
        {
            var origin = configured.Text;
            if (origin == CorsDefaults.AnyOrigin)
            {
                return configured.HasOthers ? OriginParser.DeadAnyOriginDescription : null;
            }

            if (string.Equals(origin.Trim(), CorsDefaults.NullOrigin, System.StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var problem = OriginParser.Analyze(origin, out _);
            return problem == OriginProblem.None
                   || IsMatchedAnyway(problem, origin, configured.Reading.GivenToBuilder, configured.Reading.MayAllowWildcardSubdomains)
                ? null
                : OriginParser.Describe(problem);
        }

        /// <summary>Problems the runtime rewrites or ignores for this value (see <see cref="OriginParser"/>).</summary>
        private static bool IsMatchedAnyway(OriginProblem problem, string origin, bool givenToBuilder, bool mayAllowWildcardSubdomains)
        {
            if (problem is OriginProblem.NoScheme or OriginProblem.UnsupportedScheme or OriginProblem.NoHost)
            {
                return false;
            }

            if (OriginParser.IsWildcardSubdomainPattern(origin) && mayAllowWildcardSubdomains)
            {
                return true;
            }

            return problem != OriginProblem.WildcardHost && givenToBuilder && OriginParser.IsRebuiltByWithOrigins(origin);
        }

        /// <summary>WithOrigins and the CorsPolicyBuilder constructor receive origins as params array elements; Origins.Add does not normalize.</summary>
        private static bool IsGivenToBuilder(IOperation value)
        {
            var parent = value.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArrayInitializerOperation;
        }

        /// <summary>See <see cref="WildcardSubdomainsProperty"/>.</summary>
        private static bool CanAllowWildcardSubdomains(PolicyAnalysisResult result)
        {
            if (result.IsTruncated || result.FinalStates.IsEmpty || HasOtherPredicate(result))
            {
                return false;
            }

            foreach (var state in result.FinalStates)
            {
                if (state.Origins == OriginsShape.Unknown || state.Predicate == PredicateShape.Unknown)
                {
                    return false;
                }
            }

            foreach (var value in result.OriginValues)
            {
                if (value.ConstantValue is not { HasValue: true, Value: string origin })
                {
                    return false;
                }

                if (OriginParser.IsWildcardSubdomainPattern(origin) && !IsOwnedDomain(WildcardDomain(origin)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The domain whose subdomains a wildcard entry stands for: "contoso.com" for "https://*.contoso.com:8443/".</summary>
        private static string WildcardDomain(string origin)
        {
            var start = origin.IndexOf("://*.", System.StringComparison.Ordinal) + 5;
            var end = origin.IndexOfAny(new[] { ':', '/', '?', '#' }, start);
            return (end < 0 ? origin.Substring(start) : origin.Substring(start, end - start)).Trim();
        }

        /// <summary>
        /// Whether every subdomain of <paramref name="domain"/> belongs to the domain's owner: not a shared hosting domain
        /// (<see cref="SharedHosting"/>), not a single label (com), not a country's public second level (co.uk, com.au).
        /// </summary>
        private static bool IsOwnedDomain(string domain)
        {
            var labels = domain.ToLowerInvariant().Split('.');
            if (labels.Length < 2 || System.Array.IndexOf(labels, string.Empty) >= 0 || SharedHosting.IsSharedHostingDomain(domain, out _))
            {
                return false;
            }

            return !(labels.Length == 2 && labels[1].Length == 2 && System.Array.IndexOf(PublicSecondLevelLabels, labels[0]) >= 0);
        }

        private static bool HasOtherPredicate(PolicyAnalysisResult result)
        {
            foreach (var state in result.FinalStates)
            {
                if (state.Predicate is PredicateShape.AlwaysTrue or PredicateShape.Custom)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
