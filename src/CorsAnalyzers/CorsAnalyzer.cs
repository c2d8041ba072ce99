using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers
{
    /// <summary>
    /// The package's one <see cref="DiagnosticAnalyzer"/>: it runs every rule of <c>Rules/</c> (one file per rule).
    /// <para>
    /// One analyzer rather than one per rule, as ASP.NET Core's own analyzers do (RouteHandlerAnalyzer,
    /// WebApplicationBuilderAnalyzer): the rules read the same framework symbols, the same policy model and the same
    /// compilation-wide registry, and Roslyn charges a fixed cost per callback and per analyzer. Resolving the symbols
    /// once, interpreting each policy once and visiting each operation once is what keeps the package well under the
    /// cost of the compile (docs/performance.md). Each rule is still tested alone (tests/.../RuleAnalyzer).
    /// </para>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class CorsAnalyzer : DiagnosticAnalyzer
    {
        private readonly ImmutableArray<CorsRule> _rules;

        public CorsAnalyzer()
            : this(AllRules)
        {
        }

        /// <summary>An analyzer that runs only <paramref name="rules"/> (tests run one rule at a time).</summary>
        internal CorsAnalyzer(ImmutableArray<CorsRule> rules)
        {
            _rules = rules;
            var descriptors = new List<DiagnosticDescriptor>();
            foreach (var rule in rules)
            {
                foreach (var descriptor in rule.SupportedDiagnostics)
                {
                    if (!descriptors.Contains(descriptor))
                    {
                        descriptors.Add(descriptor);
                    }
                }
            }

            SupportedDiagnostics = descriptors.ToImmutableArray();
        }

        /// <summary>Every rule of the package, in ID order.</summary>
        internal static ImmutableArray<CorsRule> AllRules { get; } = ImmutableArray.Create<CorsRule>(
            new AnyOriginWithCredentialsRule(),
            new AlwaysTruePredicateWithCredentialsRule(),
            new CorsResponseHeaderOnRequestRule(),
            new OriginCanNeverMatchRule(),
            new NullOriginAllowedRule(),
            new HandWrittenCorsHeadersRule(),
            new UseCorsMisplacedRule(),
            new UnknownPolicyNameRule(),
            new AnyOriginAllowedRule(),
            new SubstringOriginCheckRule(),
            new CorsNeverEnabledRule(),
            new NoCorsRequestModeRule(),
            new UseCorsWithoutPolicyRule(),
            new UnusedPolicyRule(),
            new SharedHostingOriginRule(),
            new PolicyAllowsNoOriginRule(),
            new UseCorsWithoutCorsServicesRule());

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            var rules = _rules;
            context.RegisterCompilationStartAction(start =>
            {
                // Rules whose diagnostics are all off (severity none in .editorconfig or a global config, a
                // CorsAnalysisMode preset, /nowarn) register nothing; Roslyn can only skip a whole analyzer.
                List<CorsRule>? enabled = null;
                foreach (var rule in rules)
                {
                    if (!RuleSwitches.IsOff(rule, start.Compilation, start.Options, start.CancellationToken))
                    {
                        (enabled ??= new List<CorsRule>(rules.Length)).Add(rule);
                    }
                }

                if (enabled is null)
                {
                    return;
                }

                var compilation = CorsCompilationContext.TryCreate(start.Compilation, start.CancellationToken, start.Options);
                if (compilation is null)
                {
                    return;
                }

                foreach (var rule in enabled)
                {
                    rule.Initialize(compilation);
                }

                compilation.RegisterWith(start);
            });
        }
    }
}
