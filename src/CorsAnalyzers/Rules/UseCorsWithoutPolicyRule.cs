using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS013: <c>app.UseCors()</c> without a policy when the application defines no default policy and no
    /// endpoint names a policy (or carries an inline one): the CORS middleware then finds no policy for any request
    /// and sends no CORS header. Decided at compilation end, only when whether a default policy exists is known
    /// (<see cref="CorsPolicyRegistry.DefaultPolicyIsKnown"/>): the CORS services come from AddCors or from
    /// AddControllers/AddControllersWithViews/AddMvc, which register them too.
    /// </summary>
    public sealed class UseCorsWithoutPolicyRule : CorsRule
    {
        /// <summary>Diagnostic property: the only named policy of the application (absent unless exactly one).</summary>
        public const string SinglePolicyNameProperty = "SinglePolicyName";

        /// <summary>
        /// Diagnostic property: "true" when no endpoint carries CORS metadata ([EnableCors], [DisableCors], RequireCors):
        /// then removing the call changes nothing; with such metadata the endpoint middleware throws without UseCors.
        /// </summary>
        public const string RemovableProperty = "Removable";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UseCorsWithoutPolicy);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null || symbols.CorsOptions is null || symbols.CorsMiddlewareExtensions is null)
            {
                return;
            }

            var registry = compilation.GetRegistry(symbols);
            compilation.RegisterCompilationEndAction(end => Report(end, registry));
        }

        private static void Report(CompilationAnalysisContext context, CorsPolicyRegistry registry)
        {
            var calls = registry.Names.UseCorsCallsWithoutName;
            if (calls.IsEmpty || !DoesNothing(registry))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            var single = GetSingleNamedPolicy(registry);
            if (single is not null)
            {
                properties = properties.Add(SinglePolicyNameProperty, single);
            }

            if (!registry.Names.HasAnyEndpointCorsMetadata)
            {
                properties = properties.Add(RemovableProperty, "true");
            }

            foreach (var call in calls)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UseCorsWithoutPolicy, call.Location, properties));
            }
        }

        /// <summary>
        /// Whether <c>UseCors()</c> without a policy finds no policy for any request: every policy name is visible, no
        /// default policy may exist, and no endpoint names a policy (or carries an inline one). CORS011's fix asks too,
        /// before it adds such a call.
        /// </summary>
        internal static bool DoesNothing(CorsPolicyRegistry registry) =>
            registry.DefaultPolicyIsKnown && !registry.MayHaveDefaultPolicy() && !registry.Names.HasEndpointPolicyOtherThanDefault;

        /// <summary>The application's only named policy (AddPolicy), or null when there are none or several.</summary>
        internal static string? GetSingleNamedPolicy(CorsPolicyRegistry registry)
        {
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var definition in registry.Names.Definitions)
            {
                if (!definition.IsAddDefaultPolicy)
                {
                    names.Add(definition.Name);
                }
            }

            if (names.Count != 1)
            {
                return null;
            }

            foreach (var name in names)
            {
                return name;
            }

            return null;
        }
    }
}
