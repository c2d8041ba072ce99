using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS004: an origin given to a policy (WithOrigins, the CorsPolicyBuilder constructor, CorsPolicy.Origins) that
    /// can never equal a browser's Origin header.
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

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.OriginCanNeverMatch);

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
                        || IsMatchedAnyway(problem, origin, value, result)
                        || result.IsSupersededOnEveryPath(value)
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

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.OriginCanNeverMatch,
                        value.Syntax.GetLocation(),
                        properties,
                        origin,
                        OriginParser.Describe(problem)));
                }

                foreach (var value in result.DeadAnyOriginValues)
                {
                    if (!result.IsSupersededOnEveryPath(value) && reported.TryAdd(value.Syntax.GetLocation(), true))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(
                            DiagnosticDescriptors.OriginCanNeverMatch,
                            value.Syntax.GetLocation(),
                            ImmutableDictionary<string, string?>.Empty.Add(ProblemProperty, "DeadAnyOrigin"),
                            CorsDefaults.AnyOrigin,
                            OriginParser.DeadAnyOriginDescription));
                    }
                }
            });
        }

        /// <summary>Problems the runtime rewrites or ignores for this value (see <see cref="OriginParser"/>).</summary>
        private static bool IsMatchedAnyway(OriginProblem problem, string origin, IOperation value, PolicyAnalysisResult result)
        {
            if (problem is OriginProblem.NoScheme or OriginProblem.UnsupportedScheme or OriginProblem.NoHost)
            {
                return false;
            }

            if (OriginParser.IsWildcardSubdomainPattern(origin) && result.MayAllowWildcardSubdomains)
            {
                return true;
            }

            return problem != OriginProblem.WildcardHost && IsGivenToBuilder(value) && OriginParser.IsRebuiltByWithOrigins(origin);
        }

        /// <summary>
        /// WithOrigins and the CorsPolicyBuilder constructor receive origins as params array (or collection expression)
        /// elements; Origins.Add does not normalize.
        /// </summary>
        private static bool IsGivenToBuilder(IOperation value) => OriginArguments.IsArrayElement(value);

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
