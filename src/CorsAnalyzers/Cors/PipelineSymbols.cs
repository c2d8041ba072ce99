using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>The middleware-pipeline calls that CORS rules care about.</summary>
    internal enum PipelineCall
    {
        None = 0,

        /// <summary><c>CorsMiddlewareExtensions.UseCors</c> (any overload).</summary>
        UseCors,

        /// <summary><c>EndpointRoutingApplicationBuilderExtensions.UseRouting</c>.</summary>
        UseRouting,

        /// <summary><c>AuthAppBuilderExtensions.UseAuthentication</c>.</summary>
        UseAuthentication,

        /// <summary><c>AuthorizationAppBuilderExtensions.UseAuthorization</c>.</summary>
        UseAuthorization,

        /// <summary><c>ResponseCachingExtensions.UseResponseCaching</c>.</summary>
        UseResponseCaching,

        /// <summary><c>EndpointRoutingApplicationBuilderExtensions.UseEndpoints</c>.</summary>
        UseEndpoints,

        /// <summary>
        /// The end of the pipeline: the terminal middleware <c>RunExtensions.Run(app, handler)</c>, or running the web
        /// application (<c>WebApplication.Run/RunAsync</c>), after which the pipeline is already built.
        /// </summary>
        Run,

        /// <summary>
        /// Running the generic host: <c>HostingAbstractionsHostExtensions.Run/RunAsync</c> (Microsoft.Extensions.Hosting),
        /// e.g. <c>app.RunAsync(cancellationToken)</c> on a <c>WebApplication</c>. Ends the pipeline like <see cref="Run"/>.
        /// </summary>
        RunHost,

        /// <summary>
        /// A <c>Map*</c> method of ASP.NET Core: endpoints (<c>MapGet</c>, <c>MapControllers</c>, <c>MapHub</c>,
        /// <c>MapGroup</c>, ...) and branches (<c>Map</c>, <c>MapWhen</c>). They are declared by many extension classes
        /// across the ASP.NET Core assemblies and packages, so the declaring assembly decides, not a list of types; a
        /// caller checks that the receiver is a builder (ASP.NET Core has other <c>Map*</c> methods, e.g. on
        /// <c>ClaimActionCollection</c>).
        /// </summary>
        MapEndpoints,

        /// <summary><c>MvcApplicationBuilderExtensions.UseMvc/UseMvcWithDefaultRoute</c> (MVC's router, no endpoint routing).</summary>
        UseMvc,
    }

    /// <summary>
    /// The well-known middleware-pipeline methods (UseCors, UseRouting, UseAuthentication, UseAuthorization,
    /// UseResponseCaching, UseEndpoints, Run, Map*, UseMvc) and builder types (IApplicationBuilder,
    /// IEndpointRouteBuilder), resolved once per compilation, and how to find the builder a call is made on. Shared by
    /// the rules that reason about the pipeline: CORS007 directly, CORS008/011/013/014 through
    /// <see cref="CorsPolicyRegistry"/>.
    /// </summary>
    internal sealed class PipelineSymbols
    {
        private PipelineSymbols(Compilation compilation, INamedTypeSymbol applicationBuilder)
        {
            IApplicationBuilder = applicationBuilder;
            IEndpointRouteBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder");
            WebApplication = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.WebApplication");
            CorsMiddlewareExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions");
            EndpointRoutingApplicationBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions");
            AuthAppBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions");
            AuthorizationAppBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.AuthorizationAppBuilderExtensions");
            ResponseCachingExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.ResponseCachingExtensions");
            RunExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.RunExtensions");
            HostingAbstractionsHostExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions");
            MvcApplicationBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.MvcApplicationBuilderExtensions");
        }

        public INamedTypeSymbol IApplicationBuilder { get; }

        public INamedTypeSymbol? IEndpointRouteBuilder { get; }

        public INamedTypeSymbol? WebApplication { get; }

        public INamedTypeSymbol? CorsMiddlewareExtensions { get; }

        public INamedTypeSymbol? EndpointRoutingApplicationBuilderExtensions { get; }

        public INamedTypeSymbol? AuthAppBuilderExtensions { get; }

        public INamedTypeSymbol? AuthorizationAppBuilderExtensions { get; }

        public INamedTypeSymbol? ResponseCachingExtensions { get; }

        public INamedTypeSymbol? RunExtensions { get; }

        public INamedTypeSymbol? HostingAbstractionsHostExtensions { get; }

        public INamedTypeSymbol? MvcApplicationBuilderExtensions { get; }

        /// <summary>Null when the compilation has no <c>IApplicationBuilder</c> (no ASP.NET Core).</summary>
        public static PipelineSymbols? TryCreate(Compilation compilation)
        {
            var builder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
            return builder is null ? null : new PipelineSymbols(compilation, builder);
        }

        /// <summary>
        /// Which pipeline call <paramref name="method"/> is. The name is checked first (cheap), then the declaring
        /// type (for <c>Map*</c>: the declaring assembly), so a user's look-alike method with the same name is
        /// <see cref="PipelineCall.None"/>.
        /// </summary>
        public PipelineCall Classify(IMethodSymbol method)
        {
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "UseCors":
                    return Is(type, CorsMiddlewareExtensions) ? PipelineCall.UseCors : PipelineCall.None;
                case "UseRouting":
                    return Is(type, EndpointRoutingApplicationBuilderExtensions) ? PipelineCall.UseRouting : PipelineCall.None;
                case "UseEndpoints":
                    return Is(type, EndpointRoutingApplicationBuilderExtensions) ? PipelineCall.UseEndpoints : PipelineCall.None;
                case "UseAuthentication":
                    return Is(type, AuthAppBuilderExtensions) ? PipelineCall.UseAuthentication : PipelineCall.None;
                case "UseAuthorization":
                    return Is(type, AuthorizationAppBuilderExtensions) ? PipelineCall.UseAuthorization : PipelineCall.None;
                case "UseResponseCaching":
                    return Is(type, ResponseCachingExtensions) ? PipelineCall.UseResponseCaching : PipelineCall.None;
                case "UseMvc":
                case "UseMvcWithDefaultRoute":
                    return Is(type, MvcApplicationBuilderExtensions) ? PipelineCall.UseMvc : PipelineCall.None;
                case "Run":
                    return Is(type, RunExtensions) || Is(type, WebApplication)
                        ? PipelineCall.Run
                        : Is(type, HostingAbstractionsHostExtensions) ? PipelineCall.RunHost : PipelineCall.None;
                case "RunAsync":
                    return Is(type, WebApplication)
                        ? PipelineCall.Run
                        : Is(type, HostingAbstractionsHostExtensions) ? PipelineCall.RunHost : PipelineCall.None;
                default:
                    return IsMapName(method.Name) && IsAspNetCoreAssembly(method.ContainingAssembly)
                        ? PipelineCall.MapEndpoints
                        : PipelineCall.None;
            }
        }

        /// <summary>A cheap name test to run before <see cref="Classify"/>.</summary>
        public static bool IsCandidateName(string name)
        {
            switch (name)
            {
                case "UseCors":
                case "UseRouting":
                case "UseEndpoints":
                case "UseAuthentication":
                case "UseAuthorization":
                case "UseResponseCaching":
                case "UseMvc":
                case "UseMvcWithDefaultRoute":
                case "Run":
                case "RunAsync":
                    return true;
                default:
                    return IsMapName(name);
            }
        }

        /// <summary>
        /// The variable the call is made on: the local, parameter, field or property that holds the builder
        /// (<c>app</c> in <c>app.UseCors()</c>, in <c>app.UseRouting().UseCors()</c> and in
        /// <c>CorsMiddlewareExtensions.UseCors(app)</c>). Null when the builder is not such a variable (a call result,
        /// a conditional access, another object's field).
        /// </summary>
        public ISymbol? GetBuilderSymbol(IInvocationOperation invocation)
        {
            var receiver = GetReceiver(invocation);

            // A fluent chain: app.UseRouting().UseCors(). Every app-builder extension returns the builder it is
            // given, so walk down the chain to the variable.
            for (var depth = 0; receiver is not null && depth < 64; depth++)
            {
                switch (receiver)
                {
                    case ILocalReferenceOperation local:
                        return local.Local;
                    case IParameterReferenceOperation parameter:
                        return parameter.Parameter;
                    case IFieldReferenceOperation field when IsThisOrStatic(field.Instance):
                        return field.Field;
                    case IPropertyReferenceOperation property when property.Arguments.IsEmpty && IsThisOrStatic(property.Instance):
                        return property.Property;
                    case IInvocationOperation inner when ReturnsItsBuilder(inner.TargetMethod):
                        receiver = GetReceiver(inner);
                        break;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary>
        /// The builder operand, without implicit conversions: the instance of an instance call, the <c>this</c> argument
        /// of an extension call (found by its parameter: named arguments may be written in any order).
        /// </summary>
        public static IOperation? GetReceiver(IInvocationOperation invocation)
        {
            var receiver = invocation.Instance;
            if (receiver is null && invocation.TargetMethod.IsExtensionMethod)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        receiver = argument.Value;
                        break;
                    }
                }
            }

            while (receiver is IConversionOperation { IsImplicit: true } conversion)
            {
                receiver = conversion.Operand;
            }

            return receiver;
        }

        /// <summary>An app-builder extension (<c>IApplicationBuilder Xxx(this IApplicationBuilder app, ...)</c>): returns its builder.</summary>
        private bool ReturnsItsBuilder(IMethodSymbol method) =>
            method.IsExtensionMethod
            && method.Parameters.Length > 0
            && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, IApplicationBuilder)
            && SymbolEqualityComparer.Default.Equals(method.ReturnType, IApplicationBuilder);

        private static bool IsThisOrStatic(IOperation? instance) =>
            instance is null || instance is IInstanceReferenceOperation;

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

        private static bool IsMapName(string name) => name.StartsWith("Map", StringComparison.Ordinal);

        private static bool IsAspNetCoreAssembly(IAssemblySymbol? assembly) =>
            assembly is not null && assembly.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);
    }
}
