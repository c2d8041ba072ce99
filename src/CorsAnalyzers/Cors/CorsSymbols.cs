using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// ASP.NET Core's CORS types, resolved once per compilation. <see cref="TryCreate"/> returns null when the
    /// compilation does not reference ASP.NET Core CORS: analyzers then register nothing. The pipeline's builder types
    /// and methods (IApplicationBuilder, UseCors, UseRouting, ...) are in <see cref="PipelineSymbols"/>.
    /// </summary>
    internal sealed class CorsSymbols
    {
        private CorsSymbols(Compilation compilation, INamedTypeSymbol corsPolicyBuilder)
        {
            Compilation = compilation;
            CorsPolicyBuilder = corsPolicyBuilder;
            CorsPolicy = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy");
            CorsOptions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions");
            ICorsPolicyProvider = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider");
            CorsMiddlewareExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions");
            CorsEndpointConventionBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.CorsEndpointConventionBuilderExtensions");
            CorsServiceCollectionExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions");
            EnableCorsAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.EnableCorsAttribute");
            DisableCorsAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.DisableCorsAttribute");
            CorsAuthorizationFilterFactory = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilterFactory");

            IEnableCorsAttribute = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.IEnableCorsAttribute");
            ICorsMetadata = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.ICorsMetadata");
            CorsMiddleware = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware");
            MvcOptions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.MvcOptions");
            CorsAuthorizationFilter = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilter");

            if (CorsPolicy is not null)
            {
                foreach (var member in CorsPolicy.GetMembers("IsOriginAllowed"))
                {
                    CorsPolicyIsOriginAllowed ??= member as IPropertySymbol;
                }
            }

            var action = KnownTypes.Get(compilation, "System.Action`1");
            ActionOfCorsPolicyBuilder = action?.Construct(corsPolicyBuilder);
        }

        public Compilation Compilation { get; }

        public INamedTypeSymbol CorsPolicyBuilder { get; }

        public INamedTypeSymbol? CorsPolicy { get; }

        public INamedTypeSymbol? CorsOptions { get; }

        /// <summary><c>CorsPolicy.IsOriginAllowed</c>, the origin predicate property.</summary>
        public IPropertySymbol? CorsPolicyIsOriginAllowed { get; }

        public INamedTypeSymbol? ICorsPolicyProvider { get; }

        public INamedTypeSymbol? CorsMiddlewareExtensions { get; }

        public INamedTypeSymbol? CorsEndpointConventionBuilderExtensions { get; }

        public INamedTypeSymbol? CorsServiceCollectionExtensions { get; }

        public INamedTypeSymbol? EnableCorsAttribute { get; }

        public INamedTypeSymbol? DisableCorsAttribute { get; }

        public INamedTypeSymbol? CorsAuthorizationFilterFactory { get; }

        /// <summary><c>IEnableCorsAttribute</c>: what the CORS middleware reads a policy name from (endpoint metadata).</summary>
        public INamedTypeSymbol? IEnableCorsAttribute { get; }

        /// <summary><c>ICorsMetadata</c> (ASP.NET Core 3.0+): endpoint CORS metadata, implemented by [EnableCors] and [DisableCors].</summary>
        public INamedTypeSymbol? ICorsMetadata { get; }

        public INamedTypeSymbol? CorsMiddleware { get; }

        public INamedTypeSymbol? MvcOptions { get; }

        /// <summary>The public MVC CORS filter (its factory, <see cref="CorsAuthorizationFilterFactory"/>, is internal since ASP.NET Core 3.0).</summary>
        public INamedTypeSymbol? CorsAuthorizationFilter { get; }

        /// <summary><c>Action&lt;CorsPolicyBuilder&gt;</c>: the delegate type every policy-building API takes.</summary>
        public INamedTypeSymbol? ActionOfCorsPolicyBuilder { get; }

        public static CorsSymbols? TryCreate(Compilation compilation)
        {
            var builder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
            return builder is null ? null : new CorsSymbols(compilation, builder);
        }

        public bool IsCorsPolicyBuilder(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, CorsPolicyBuilder);

        public bool IsCorsPolicy(ITypeSymbol? type) => CorsPolicy is not null && SymbolEqualityComparer.Default.Equals(type, CorsPolicy);

        /// <summary><c>CorsPolicy</c> or a class derived from it (<c>class MyPolicy : CorsPolicy</c>).</summary>
        public bool IsCorsPolicyOrSubclass(ITypeSymbol? type)
        {
            if (CorsPolicy is null)
            {
                return false;
            }

            // Every object creation asks: most types derive from object directly, so the walk ends at once.
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, CorsPolicy))
                {
                    return true;
                }
            }

            return false;
        }

        public bool IsActionOfCorsPolicyBuilder(ITypeSymbol? type) =>
            ActionOfCorsPolicyBuilder is not null && SymbolEqualityComparer.Default.Equals(type, ActionOfCorsPolicyBuilder);

        /// <summary>A method declared by <see cref="CorsPolicyBuilder"/> itself (not a user's look-alike).</summary>
        public bool IsBuilderMethod(IMethodSymbol method) =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType, CorsPolicyBuilder);

        public bool IsCorsOptionsMethod(IMethodSymbol method, string name) =>
            method.Name == name && CorsOptions is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, CorsOptions);

        public bool IsRequireCors(IMethodSymbol method) =>
            method.Name == "RequireCors" && CorsEndpointConventionBuilderExtensions is not null
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, CorsEndpointConventionBuilderExtensions);

        public bool IsAddCors(IMethodSymbol method) =>
            method.Name == "AddCors" && CorsServiceCollectionExtensions is not null
            && SymbolEqualityComparer.Default.Equals(method.ContainingType, CorsServiceCollectionExtensions);

        /// <summary>The type is <paramref name="target"/>, derives from it or implements it.</summary>
        public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? target)
        {
            if (type is null || target is null)
            {
                return false;
            }

            if (target.TypeKind == TypeKind.Interface)
            {
                // An interface is found among AllInterfaces (which include those of the base classes), never among
                // the base classes; a class only among the base classes (the type itself first).
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target))
                {
                    return true;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
