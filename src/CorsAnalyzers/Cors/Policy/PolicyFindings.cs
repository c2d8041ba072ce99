using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>One permissive part of a policy (an any-origin call or an always-true predicate) and the credential calls on its paths.</summary>
    internal sealed class PolicyFinding
    {
        public PolicyFinding(IOperation source)
        {
            Source = source;
        }

        /// <summary>The AllowAnyOrigin()/WithOrigins("*")/"*" value, or the predicate setter.</summary>
        public IOperation Source { get; }

        /// <summary>The AllowCredentials()/SupportsCredentials = true operations that reach the end together with it.</summary>
        public List<IOperation> Credentials { get; } = new List<IOperation>();

        /// <summary>Whether some path ends with it and credentials allowed.</summary>
        public bool WithCredentials => Credentials.Count > 0;

        /// <summary>
        /// For an any-origin part: the always-true predicates set on its paths. The runtime never asks them while the
        /// origin list is exactly ["*"], but replacing "*" with a list would bring them into effect.
        /// </summary>
        public List<IOperation> MaskedPredicates { get; } = new List<IOperation>();

        /// <summary>For an any-origin part: a path also sets a predicate of its own or one the analysis cannot see.</summary>
        public bool HasOtherMaskedPredicate { get; set; }
    }

    /// <summary>Turns a policy's final states into the findings the policy rules report.</summary>
    internal static class PolicyFindings
    {
        /// <summary>
        /// Diagnostic property, "true" when every path that ends with one of the finding's credential operations also
        /// ends reported (any origin, or an always-true check): removing those operations breaks no path that works.
        /// </summary>
        public const string CredentialsRemovableProperty = "CredentialsRemovable";

        /// <summary>
        /// Diagnostic property of an any-origin finding: how many always-true predicates its paths set (masked by the "*"
        /// list); their locations follow the site among the additional locations, and the WithOrigins fix replaces them too.
        /// </summary>
        public const string MaskedPredicatesProperty = "MaskedPredicates";

        /// <summary>
        /// Diagnostic property of an any-origin finding: "true" when a path also sets a predicate of its own (or one not
        /// visible): listing origins would bring it into effect, so the WithOrigins fix is not offered.
        /// </summary>
        public const string OtherMaskedPredicateProperty = "OtherMaskedPredicate";

        /// <summary>The any-origin parts still in effect at the end of some path.</summary>
        public static List<PolicyFinding> AnyOrigin(PolicyAnalysisResult result) =>
            Group(result, static state => state.AllowsAnyOrigin ? state.OriginsSource : null);

        /// <summary>The always-true origin predicates still in effect at the end of some path.</summary>
        public static List<PolicyFinding> AlwaysTruePredicate(PolicyAnalysisResult result) =>
            Group(result, static state => state.HasAlwaysTruePredicate ? state.PredicateSource : null);

        private static List<PolicyFinding> Group(PolicyAnalysisResult result, Func<PolicyState, IOperation?> selectSource)
        {
            var findings = new List<PolicyFinding>();
            foreach (var state in result.FinalStates)
            {
                var source = selectSource(state);
                if (source is null)
                {
                    continue;
                }

                PolicyFinding? finding = null;
                foreach (var existing in findings)
                {
                    if (existing.Source == source)
                    {
                        finding = existing;
                        break;
                    }
                }

                if (finding is null)
                {
                    finding = new PolicyFinding(source);
                    findings.Add(finding);
                }

                if (state.AllowsCredentials && state.CredentialsSource is { } credentials && !finding.Credentials.Contains(credentials))
                {
                    finding.Credentials.Add(credentials);
                }

                if (state.AllowsAnyOrigin)
                {
                    if (state.Predicate == PredicateShape.AlwaysTrue && state.PredicateSource is { } predicate)
                    {
                        if (!finding.MaskedPredicates.Contains(predicate))
                        {
                            finding.MaskedPredicates.Add(predicate);
                        }
                    }
                    else if (state.Predicate is PredicateShape.Custom or PredicateShape.Unknown)
                    {
                        finding.HasOtherMaskedPredicate = true;
                    }
                }
            }

            return findings;
        }

        /// <summary>
        /// Reports a finding: on its source (name and arguments of a call), with the policy's site (the lambda, method
        /// group or object creation), the masked always-true predicates and then the credential operations as additional
        /// locations, and the configured trusted origins as a property, for the code fixes.
        /// </summary>
        public static void Report(OperationAnalysisContext context, DiagnosticDescriptor descriptor, PolicyAnalysisResult result, PolicyFinding finding)
        {
            var location = OperationLocations.GetNameAndArgumentsLocation(finding.Source);
            var additionalLocations = new List<Location>(finding.Credentials.Count + finding.MaskedPredicates.Count + 1) { result.Site.Operation.Syntax.GetLocation() };
            foreach (var predicate in finding.MaskedPredicates)
            {
                additionalLocations.Add(OperationLocations.GetNameAndArgumentsLocation(predicate));
            }

            foreach (var credentials in finding.Credentials)
            {
                additionalLocations.Add(OperationLocations.GetNameAndArgumentsLocation(credentials));
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (location.SourceTree is { } tree && TrustedOrigins.Read(context.Options, tree, descriptor.Id) is { } origins)
            {
                properties = properties.Add(TrustedOrigins.PropertyName, origins);
            }

            if (finding.WithCredentials && OnlyReportedPathsUse(result, finding.Credentials))
            {
                properties = properties.Add(CredentialsRemovableProperty, "true");
            }

            if (finding.MaskedPredicates.Count > 0)
            {
                properties = properties.Add(MaskedPredicatesProperty, finding.MaskedPredicates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (finding.HasOtherMaskedPredicate)
            {
                properties = properties.Add(OtherMaskedPredicateProperty, "true");
            }

            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, additionalLocations, properties, result.Site.Description));
        }

        /// <summary>Whether every final state that allows credentials through one of <paramref name="credentials"/> allows any origin or has an always-true check.</summary>
        private static bool OnlyReportedPathsUse(PolicyAnalysisResult result, List<IOperation> credentials)
        {
            if (result.IsTruncated)
            {
                return false;
            }

            foreach (var state in result.FinalStates)
            {
                if (state.Credentials == CredentialsShape.Unknown)
                {
                    // A path through code the analysis does not follow may still rely on these credentials.
                    return false;
                }

                if (state.AllowsCredentials
                    && state.CredentialsSource is { } source
                    && credentials.Contains(source)
                    && !state.AllowsAnyOrigin
                    && !state.HasAlwaysTruePredicate)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
