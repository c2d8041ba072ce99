using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS008: a policy name used by UseCors, [EnableCors], RequireCors, a CORS filter or a policy lookup that no
    /// AddPolicy of the compilation defines. ASP.NET Core looks names up ordinally (case-sensitive) and applies no
    /// CORS at all when the name is unknown. Decided at compilation end, and only when every policy name is
    /// visible (<see cref="CorsPolicyRegistry.DefinedNamesAreKnown"/>): the CORS services registered by a call we know
    /// (without them it is CORS017's finding), every configuration seen through, every defined name known (constants,
    /// locals and fields with constant values, parameters whose calls pass them), no custom ICorsPolicyProvider.
    /// </summary>
    public sealed class UnknownPolicyNameRule : CorsRule
    {
        /// <summary>Diagnostic property: the defined name the code most likely meant (absent when none is close).</summary>
        public const string SuggestedNameProperty = "SuggestedName";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UnknownPolicyName);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null || symbols.CorsOptions is null)
            {
                return;
            }

            var registry = compilation.GetRegistry(symbols);
            compilation.RegisterCompilationEndAction(end => Report(end, registry));
        }

        private static void Report(CompilationAnalysisContext context, CorsPolicyRegistry registry)
        {
            if (!registry.DefinedNamesAreKnown)
            {
                return;
            }

            var defined = registry.GetDefinedNames();
            foreach (var reference in registry.Names.References)
            {
                var name = reference.Name;
                if (name is null || defined.Contains(name))
                {
                    continue;
                }

                string suffix;
                var properties = ImmutableDictionary<string, string?>.Empty;
                switch (PolicyNameMatcher.Match(name, defined, out var suggestion))
                {
                    case PolicyNameMatchKind.CaseMismatch:
                        suffix = ": policy names are case-sensitive, the defined one is '" + suggestion + "'";
                        properties = properties.Add(SuggestedNameProperty, suggestion);
                        break;
                    case PolicyNameMatchKind.Nearest:
                        suffix = "; did you mean '" + suggestion + "'?";
                        properties = properties.Add(SuggestedNameProperty, suggestion);
                        break;
                    default:
                        suffix = " in this application";
                        break;
                }

                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.UnknownPolicyName,
                    reference.Location,
                    properties,
                    name,
                    suffix));
            }
        }
    }
}
