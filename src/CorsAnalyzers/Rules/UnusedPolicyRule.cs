using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS014: a policy added under a known name that no UseCors("x"), [EnableCors("x")], RequireCors("x"),
    /// CORS filter or policy lookup of the compilation references, or a default policy that nothing applies (no
    /// UseCors(), no [EnableCors] or filter without a name). Decided at compilation end; silent when a
    /// name is computed anywhere, a custom ICorsPolicyProvider exists, the default policy name is reassigned, the
    /// compilation builds no pipeline (a library defining policies for others), or the pipeline calls a helper of
    /// another assembly that could reference the name.
    /// </summary>
    public sealed class UnusedPolicyRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UnusedPolicy);

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
            var definitions = registry.Names.Definitions;
            if (definitions.IsEmpty
                || registry.Names.HasComputedReference
                || registry.Services.HasCustomPolicyProvider
                || registry.Names.DefaultPolicyNameAssigned
                || registry.Pipeline.HasOpaquePipelineHelper
                || !registry.Pipeline.BuildsPipeline)
            {
                return;
            }

            var referenced = new HashSet<string>(System.StringComparer.Ordinal);
            var appliesDefault = !registry.Names.UseCorsCallsWithoutName.IsEmpty;
            foreach (var reference in registry.Names.References)
            {
                if (reference.Name is null || reference.Name == CorsDefaults.DefaultPolicyName)
                {
                    appliesDefault = true;
                }
                else
                {
                    referenced.Add(reference.Name);
                }
            }

            foreach (var definition in definitions)
            {
                var isDefault = definition.IsAddDefaultPolicy || definition.Name == CorsDefaults.DefaultPolicyName;
                if (isDefault ? appliesDefault : referenced.Contains(definition.Name))
                {
                    continue;
                }

                var description = isDefault ? "The default CORS policy" : "The CORS policy '" + definition.Name + "'";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnusedPolicy, definition.Location, description));
            }
        }
    }
}
