using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Compilation-wide facts about a CORS application, collected by operation actions and, at compilation end, from
    /// the declarations' attributes (<see cref="CorsDeclarationIndex"/>), and read in compilation-end actions (the
    /// ASP.NET Core StartupAnalyzer model). Three collectors hold the facts: <see cref="Names"/> (policy definitions and
    /// references), <see cref="Services"/> (AddCors, its configuration, custom policy providers) and
    /// <see cref="Pipeline"/> (the middleware pipeline); this class routes each operation to them with one callback
    /// per kind and answers the questions that need more than one of them. One instance per compilation start: create
    /// it with <see cref="Collect"/> (through <see cref="CorsCompilationContext.GetRegistry"/>), read it in a
    /// compilation-end action.
    /// </summary>
    internal sealed class CorsPolicyRegistry
    {
        private readonly PipelineSymbols? _pipelineSymbols;
        private readonly CorsDeclarationIndex _declarations;

        private CorsPolicyRegistry(CorsSymbols symbols, PipelineSymbols? pipeline, CorsDeclarationIndex declarations)
        {
            Symbols = symbols;
            _pipelineSymbols = pipeline;
            _declarations = declarations;
            var referencedCode = new ReferencedCode();
            Names = new PolicyNameCollector(symbols);
            Services = new CorsServicesCollector(symbols, referencedCode);
            Pipeline = new PipelineCollector(symbols, pipeline, referencedCode);
        }

        public CorsSymbols Symbols { get; }

        /// <summary>Policy definitions, policy references and endpoint CORS metadata.</summary>
        public PolicyNameCollector Names { get; }

        /// <summary>AddCors calls, their configuration, custom policy providers.</summary>
        public CorsServicesCollector Services { get; }

        /// <summary>The middleware pipeline.</summary>
        public PipelineCollector Pipeline { get; }

        /// <summary>
        /// Every place that can define a policy or change how names are looked up is visible: the CORS services are
        /// registered by a call we know (AddCors, AddControllers, ...; without them UseCors fails at start, CORS017),
        /// every CorsOptions configuration can be seen through, nothing we cannot see may register CORS services, the
        /// default policy keeps its name and there is no custom policy provider.
        /// </summary>
        public bool PolicySourcesAreVisible =>
            Services.RegistersCorsServices && !Services.HasOpaqueCorsConfiguration && !Services.MayRegisterCorsServicesUnseen
            && !Services.HasCustomPolicyProvider && !Names.DefaultPolicyNameAssigned;

        /// <summary>
        /// Every defined policy name is known (CORS008): the sources are visible and no AddPolicy name is unknown. A
        /// name defined from configuration could be any name, so it makes every reference uncertain.
        /// </summary>
        public bool DefinedNamesAreKnown => PolicySourcesAreVisible && !Names.HasComputedDefinition;

        /// <summary>
        /// Whether a default policy exists is known (CORS013): the sources are visible. An AddPolicy with a computed
        /// name is uncertain about that name only: code that means the default policy says AddDefaultPolicy or
        /// CorsOptions.DefaultPolicyName (both seen).
        /// </summary>
        public bool DefaultPolicyIsKnown => PolicySourcesAreVisible;

        /// <summary>CORS may run as MVC filters without the middleware: UseMvc, EnableEndpointRouting set, a CORS filter created in code.</summary>
        public bool HasMvcFilterCors => Pipeline.UsesMvcRouter || Names.HasMvcCorsFilter;

        /// <summary>
        /// Creates the registry of one compilation and registers the callbacks that fill it. Use
        /// <see cref="CorsCompilationContext.GetRegistry"/>, which creates one per compilation for every rule that reads it.
        /// </summary>
        public static CorsPolicyRegistry Collect(CorsCompilationContext context, CorsSymbols symbols)
        {
            var registry = new CorsPolicyRegistry(symbols, context.Pipeline, context.GetDeclarationIndex(symbols));
            context.RegisterOperationAction(registry.AnalyzeInvocation, OperationKind.Invocation);
            context.RegisterOperationAction(registry.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            context.RegisterOperationAction(registry.AnalyzeTypeOf, OperationKind.TypeOf);
            // Property writes only (DefaultPolicyName, EnableEndpointRouting, PolicyName): far fewer than property reads.
            context.RegisterOperationAction(
                registry.AnalyzeAssignment,
                OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment,
                OperationKind.CoalesceAssignment);
            context.RegisterOperationAction(function => registry.Names.AnalyzeFunction(function, registry._declarations), OperationKind.AnonymousFunction, OperationKind.LocalFunction);
            return registry;
        }

        /// <summary>The names defined with constants (ordinal set; includes the default policy's name).</summary>
        public HashSet<string> GetDefinedNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var definition in Names.Definitions)
            {
                names.Add(definition.Name);
            }

            return names;
        }

        /// <summary>A default policy exists (AddDefaultPolicy, AddPolicy under the default name) or may exist (DefaultPolicyName reassigned).</summary>
        public bool MayHaveDefaultPolicy()
        {
            if (Names.DefaultPolicyNameAssigned)
            {
                return true;
            }

            foreach (var definition in Names.Definitions)
            {
                if (definition.Name == CorsDefaults.DefaultPolicyName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Adds what the compilation's declarations say (their [EnableCors] attributes, a custom ICorsPolicyProvider
        /// class), read once by <see cref="CorsDeclarationIndex"/>. Called once, at compilation end, before the rules
        /// read the registry (<see cref="CorsCompilationContext.RegisterWith"/>).
        /// </summary>
        public void Complete(CancellationToken cancellationToken)
        {
            Services.Complete(_declarations, cancellationToken);
            Names.Complete(_declarations, cancellationToken);
        }

        private static bool IsCandidateInvocationName(string name)
        {
            switch (name)
            {
                case "UseMiddleware":
                    return true;
                default:
                    return PolicyNameCollector.IsCandidateName(name) || CorsServicesCollector.IsCandidateName(name) || PipelineSymbols.IsCandidateName(name);
            }
        }

        private void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;

            if (method.IsGenericMethod)
            {
                Services.AnalyzeGenericInvocation(invocation);
            }

            if (!IsCandidateInvocationName(method.Name))
            {
                CheckLibraryHelper(invocation, method);
                return;
            }

            if (Names.AnalyzeInvocation(invocation, method, context.CancellationToken) || Services.AnalyzeInvocation(invocation, method))
            {
                return;
            }

            var call = _pipelineSymbols?.Classify(method) ?? PipelineCall.None;
            if (call == PipelineCall.UseCors)
            {
                Pipeline.AddUseCors(invocation);
                Names.AnalyzeUseCors(invocation, method, context.CancellationToken);
                return;
            }

            if (call == PipelineCall.None && method.Name != "UseMiddleware")
            {
                CheckLibraryHelper(invocation, method);
                return;
            }

            Pipeline.AnalyzeInvocation(invocation, method, call);
        }

        /// <summary>
        /// An extension method of another library (not the BCL, not this compilation) called on the application
        /// builder or on the services: it may use CORS where we cannot see it (<see cref="ReferencedCode.MayUseCors"/>).
        /// </summary>
        private void CheckLibraryHelper(IInvocationOperation invocation, IMethodSymbol method)
        {
            // The arguments, not method.Parameters (which builds a new array on every read).
            if (invocation.Arguments.IsEmpty)
            {
                return;
            }

            var assembly = method.ContainingAssembly;
            if (assembly is null || IsPlatformAssembly(assembly.Name))
            {
                // LINQ, the BCL, ASP.NET Core and Microsoft.Extensions: most calls of a program. Their reference
                // assemblies reach CORS only through the methods the collectors know by symbol (ReferencedCode.MayUseCors).
                return;
            }

            if (!method.IsExtensionMethod)
            {
                if (!method.IsStatic || ReferencedCode.IsFrameworkAssembly(assembly) || ReferencedCode.IsInSource(method))
                {
                    return;
                }

                // Company.Setup.Register(builder.Services): a library method handed the services.
                foreach (var argument in invocation.Arguments)
                {
                    if (Services.CheckLibraryHelper(method, argument.Value.Type))
                    {
                        return;
                    }
                }

                return;
            }

            var receiverType = PipelineSymbols.GetReceiver(invocation)?.Type;
            if (receiverType is null || ReferencedCode.IsInSource(method))
            {
                return;
            }

            if (!Pipeline.CheckLibraryHelper(method, receiverType))
            {
                Services.CheckLibraryHelper(method, receiverType);
            }
        }

        private static bool IsPlatformAssembly(string name) =>
            name.StartsWith("System.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal);

        private void AnalyzeObjectCreation(OperationAnalysisContext context) =>
            Names.AnalyzeObjectCreation((IObjectCreationOperation)context.Operation, context.CancellationToken);

        private void AnalyzeTypeOf(OperationAnalysisContext context) =>
            Services.AnalyzeTypeOf((ITypeOfOperation)context.Operation);

        private void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation reference))
            {
                return;
            }

            switch (reference.Property.Name)
            {
                case "DefaultPolicyName":
                case "PolicyName":
                    Names.AnalyzeAssignment(assignment, reference, context.CancellationToken);
                    break;
                case "EnableEndpointRouting":
                    Pipeline.AnalyzeAssignment(reference);
                    break;
            }
        }
    }
}
