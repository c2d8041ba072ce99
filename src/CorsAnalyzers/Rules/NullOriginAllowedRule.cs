using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS005: the "null" origin among a policy's trusted origins, in the code or in appsettings*.json.</summary>
    public sealed class NullOriginAllowedRule : CorsRule
    {
        /// <summary>
        /// Diagnostic property: "true" when removing every "null" value of the policy, together with its dead "*" values
        /// (CORS004), leaves no path allowing any origin that did not before: with "null" gone, a "*" that followed it
        /// could become the policy's only origin. The additional locations are the policy's site, then the other values
        /// the fix removes with this one.
        /// </summary>
        internal const string RemovableProperty = "Removable";

        private static readonly ImmutableDictionary<string, string?> RemovableProperties =
            ImmutableDictionary<string, string?>.Empty.Add(RemovableProperty, "true");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.NullOriginAllowed, DiagnosticDescriptors.InConfiguration.NullOriginAllowed);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null)
            {
                return;
            }

            // Keyed by location: the same helper can be read through two semantic models (two IOperation trees).
            var reported = new ConcurrentDictionary<Location, bool>();
            compilation.RegisterPolicyAction((context, result) =>
            {
                List<IOperation>? nulls = null;
                foreach (var value in result.OriginValues)
                {
                    if (IsNullOrigin(value))
                    {
                        (nulls ??= new List<IOperation>()).Add(value);
                    }
                }

                if (nulls is null)
                {
                    return;
                }

                var removed = new List<IOperation>(nulls);
                removed.AddRange(result.DeadAnyOriginValues);
                var removable = IsSafeToRemove(result, removed, symbols, context.CancellationToken);
                foreach (var value in nulls)
                {
                    var location = value.Syntax.GetLocation();
                    if (!reported.TryAdd(location, true))
                    {
                        continue;
                    }

                    var additional = new List<Location>(removed.Count) { result.Site.Operation.Syntax.GetLocation() };
                    foreach (var other in removed)
                    {
                        if (other != value)
                        {
                            additional.Add(other.Syntax.GetLocation());
                        }
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.NullOriginAllowed,
                        location,
                        additional,
                        removable ? RemovableProperties : ImmutableDictionary<string, string?>.Empty));
                }
            });

            compilation.GetConfiguredOrigins(symbols).RegisterCheck(
                DiagnosticDescriptors.InConfiguration.NullOriginAllowed,
                static origin => string.Equals(origin.Text.Trim(), CorsDefaults.NullOrigin, StringComparison.OrdinalIgnoreCase) ? string.Empty : null);
        }

        private static bool IsNullOrigin(IOperation value) =>
            value.ConstantValue is { HasValue: true, Value: string origin }
            && string.Equals(origin.Trim(), CorsDefaults.NullOrigin, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Whether the policy without <paramref name="removed"/> allows any origin only where (through the same operation)
        /// it already did, and still allows some origin on some path.
        /// </summary>
        private static bool IsSafeToRemove(PolicyAnalysisResult result, List<IOperation> removed, CorsSymbols symbols, System.Threading.CancellationToken cancellationToken)
        {
            if (result.IsTruncated)
            {
                return false;
            }

            var syntax = new HashSet<SyntaxNode>();
            foreach (var value in removed)
            {
                syntax.Add(value.Syntax);
            }

            var without = PolicyInterpreter.AnalyzeWithout(result.Site, symbols, syntax, cancellationToken);
            if (without.IsTruncated)
            {
                return false;
            }

            var allowsNoOrigin = true;
            foreach (var state in without.FinalStates)
            {
                if (state.AllowsAnyOrigin && !AllowsAnyOriginThrough(result, state.OriginsSource))
                {
                    return false;
                }

                allowsNoOrigin &= state.AllowsNoOrigin;
            }

            // A policy whose only origins are removed would allow no origin at all (CORS016): which origins to trust
            // instead is the user's decision.
            return !allowsNoOrigin || without.FinalStates.IsEmpty;
        }

        private static bool AllowsAnyOriginThrough(PolicyAnalysisResult result, IOperation? source)
        {
            foreach (var state in result.FinalStates)
            {
                if (state.AllowsAnyOrigin && state.OriginsSource is { } other && source is not null && other.Syntax == source.Syntax)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
