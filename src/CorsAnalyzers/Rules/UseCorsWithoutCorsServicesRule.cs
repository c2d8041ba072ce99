using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS017: the application calls UseCors and nothing in the compilation registers the CORS services (AddCors,
    /// AddMvcCore().AddCors(), AddControllers, AddControllersWithViews, AddMvc). The CORS middleware cannot be
    /// created: the app throws at start. One diagnostic per compilation, on the first UseCors call. Silent when the
    /// compilation does not create the application's host (a library, a test project), and when the services could
    /// come from code we cannot see (<see cref="CorsServicesCollector.MayRegisterCorsServicesUnseen"/>).
    /// <para>
    /// The additional location is where the fix adds <c>AddCors()</c>: the <c>var app = builder.Build();</c>
    /// statement (insert before it), or the body of a Startup's ConfigureServices (append to it).
    /// </para>
    /// </summary>
    public sealed class UseCorsWithoutCorsServicesRule : CorsRule
    {
        /// <summary>Diagnostic property: where the fix writes AddCors(): <see cref="BeforeBuild"/> or <see cref="InConfigureServices"/>.</summary>
        public const string InsertionProperty = "Insertion";

        /// <summary>Diagnostic property: the services expression the fix calls AddCors() on (<c>builder.Services</c>, <c>services</c>).</summary>
        public const string ServicesProperty = "Services";

        /// <summary>
        /// Diagnostic property: the named policies the application uses and does not define, one per line, in source order
        /// (the fix defines them with the trusted origins, so that neither CORS008 nor CORS013 follows it).
        /// </summary>
        public const string PoliciesProperty = "Policies";

        /// <summary>Diagnostic property, "true": UseCors() or an unnamed [EnableCors] needs a default policy that nothing defines.</summary>
        public const string DefaultPolicyProperty = "DefaultPolicy";

        public const string BeforeBuild = "BeforeBuild";

        public const string InConfigureServices = "InConfigureServices";

        /// <summary>The runtime's message for UseCors() (ActivatorUtilities finds two CorsMiddleware constructors).</summary>
        public const string UnnamedMessage =
            "Multiple constructors accepting all given argument types have been found in type 'Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware'. There should only be one applicable constructor.";

        /// <summary>The runtime's message for UseCors("name") and UseCors(policy =&gt; ...).</summary>
        public const string NamedMessage =
            "Unable to resolve service for type 'Microsoft.AspNetCore.Cors.Infrastructure.ICorsService' while attempting to activate 'Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware'.";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.UseCorsWithoutCorsServices);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null || symbols.CorsMiddlewareExtensions is null || compilation.Pipeline is null)
            {
                return;
            }

            var kind = compilation.Compilation.Options.OutputKind;
            if (kind != OutputKind.ConsoleApplication && kind != OutputKind.WindowsApplication)
            {
                return;
            }

            var registry = compilation.GetRegistry(symbols);
            compilation.RegisterCompilationEndAction(end => Report(end, registry));
        }

        private static void Report(CompilationAnalysisContext context, CorsPolicyRegistry registry)
        {
            var services = registry.Services;
            var calls = registry.Pipeline.UseCorsCalls;
            if (calls.IsEmpty || services.RegistersCorsServices || services.MayRegisterCorsServicesUnseen || !services.CreatesHost)
            {
                return;
            }

            var first = calls[0];
            var properties = ImmutableDictionary<string, string?>.Empty;
            var additionalLocations = ImmutableArray<Location>.Empty;
            var builds = services.ApplicationBuilds;
            if (!builds.IsEmpty)
            {
                properties = properties.Add(InsertionProperty, BeforeBuild).Add(ServicesProperty, builds[0].Builder + ".Services");
                additionalLocations = ImmutableArray.Create(builds[0].Statement.GetLocation());
            }
            else if (FindConfigureServices(context) is { } configureServices)
            {
                properties = properties.Add(InsertionProperty, InConfigureServices).Add(ServicesProperty, configureServices.Parameter);
                additionalLocations = ImmutableArray.Create(configureServices.Body.GetLocation());
            }

            properties = AddMissingPolicies(properties, registry);
            if (TrustedOrigins.Read(context.Options, first.Location.SourceTree!, RuleIdentifiers.UseCorsWithoutCorsServices) is { } trusted)
            {
                properties = properties.Add(TrustedOrigins.PropertyName, trusted);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UseCorsWithoutCorsServices,
                first.Location,
                additionalLocations,
                properties,
                first.HasArgument ? NamedMessage : UnnamedMessage));
        }

        /// <summary>
        /// The policies the fix must define besides the services: every constant name used (UseCors, [EnableCors],
        /// RequireCors, a filter) that no AddPolicy defines, and the default policy when UseCors() (with no endpoint
        /// naming a policy) or an unnamed [EnableCors]/RequireCors() needs one that nothing defines.
        /// </summary>
        private static ImmutableDictionary<string, string?> AddMissingPolicies(ImmutableDictionary<string, string?> properties, CorsPolicyRegistry registry)
        {
            var defined = registry.GetDefinedNames();
            var missing = new List<string>();
            var needsDefault = !registry.Names.UseCorsCallsWithoutName.IsEmpty && !registry.Names.HasEndpointPolicyOtherThanDefault;
            foreach (var reference in registry.Names.References)
            {
                if (reference.Name is null)
                {
                    needsDefault = true;
                }
                else if (!defined.Contains(reference.Name) && !missing.Contains(reference.Name))
                {
                    missing.Add(reference.Name);
                }
            }

            if (missing.Count > 0)
            {
                properties = properties.Add(PoliciesProperty, string.Join("\n", missing));
            }

            return needsDefault && !registry.MayHaveDefaultPolicy() ? properties.Add(DefaultPolicyProperty, "true") : properties;
        }

        /// <summary>A Startup's <c>ConfigureServices(IServiceCollection services) { ... }</c> declared in source, the first in source order.</summary>
        private static (BlockSyntax Body, string Parameter)? FindConfigureServices(CompilationAnalysisContext context)
        {
            (BlockSyntax Body, string Parameter)? found = null;
            foreach (var symbol in context.Compilation.GetSymbolsWithName("ConfigureServices", SymbolFilter.Member, context.CancellationToken))
            {
                if (!(symbol is IMethodSymbol { Parameters.Length: 1 } method)
                    || method.Parameters[0].Type.Name != "IServiceCollection"
                    || method.DeclaringSyntaxReferences.Length != 1
                    || !(method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is MethodDeclarationSyntax { Body: { } body } declaration))
                {
                    continue;
                }

                if (found is null || SourceOrder.CompareLocations(body.GetLocation(), found.Value.Body.GetLocation()) < 0)
                {
                    found = (body, declaration.ParameterList.Parameters[0].Identifier.ValueText);
                }
            }

            return found;
        }
    }
}
