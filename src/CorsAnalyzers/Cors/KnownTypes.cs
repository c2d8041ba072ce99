using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Every framework type the rules look up, with the assembly that declares it in .NET and ASP.NET Core (the same
    /// from 6.0 to 10.0). <see cref="Compilation.GetTypeByMetadataName"/> searches every reference (two hundred in a
    /// web project) and loads the namespaces of each; asking the declaring assembly first costs one lookup. When the
    /// type is not there (.NET Framework, netstandard facades, a type moved between versions) the full search runs,
    /// so the answer is the same, only slower.
    /// </summary>
    internal static class KnownTypes
    {
        private static readonly Dictionary<string, string> DeclaringAssemblies = new Dictionary<string, string>
        {
                { "Microsoft.AspNetCore.Builder.AuthAppBuilderExtensions", "Microsoft.AspNetCore.Authentication" },
                { "Microsoft.AspNetCore.Builder.AuthorizationAppBuilderExtensions", "Microsoft.AspNetCore.Authorization.Policy" },
                { "Microsoft.AspNetCore.Builder.CorsEndpointConventionBuilderExtensions", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Builder.EndpointRoutingApplicationBuilderExtensions", "Microsoft.AspNetCore.Routing" },
                { "Microsoft.AspNetCore.Builder.IApplicationBuilder", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Builder.MvcApplicationBuilderExtensions", "Microsoft.AspNetCore.Mvc.Core" },
                { "Microsoft.AspNetCore.Builder.ResponseCachingExtensions", "Microsoft.AspNetCore.ResponseCaching" },
                { "Microsoft.AspNetCore.Builder.RunExtensions", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Builder.WebApplication", "Microsoft.AspNetCore" },
                { "Microsoft.AspNetCore.Builder.WebApplicationBuilder", "Microsoft.AspNetCore" },
                { "Microsoft.AspNetCore.Cors.DisableCorsAttribute", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.EnableCorsAttribute", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.ICorsMetadata", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.ICorsService", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Cors.Infrastructure.IEnableCorsAttribute", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.AspNetCore.Http.HeaderDictionaryExtensions", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Http.HeaderDictionaryTypeExtensions", "Microsoft.AspNetCore.Http.Extensions" },
                { "Microsoft.AspNetCore.Http.HttpContext", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Http.HttpRequest", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Http.HttpResponse", "Microsoft.AspNetCore.Http.Abstractions" },
                { "Microsoft.AspNetCore.Http.IHeaderDictionary", "Microsoft.AspNetCore.Http.Features" },
                { "Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilter", "Microsoft.AspNetCore.Mvc.Cors" },
                { "Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilterFactory", "Microsoft.AspNetCore.Mvc.Cors" },
                { "Microsoft.AspNetCore.Mvc.MvcOptions", "Microsoft.AspNetCore.Mvc.Core" },
                { "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder", "Microsoft.AspNetCore.Routing" },
                { "Microsoft.Extensions.Configuration.ConfigurationBinder", "Microsoft.Extensions.Configuration.Binder" },
                { "Microsoft.Extensions.Configuration.ConfigurationExtensions", "Microsoft.Extensions.Configuration.Abstractions" },
                { "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute", "Microsoft.Extensions.Configuration.Abstractions" },
                { "Microsoft.Extensions.Configuration.IConfiguration", "Microsoft.Extensions.Configuration.Abstractions" },
                { "Microsoft.Extensions.Configuration.IConfigurationSection", "Microsoft.Extensions.Configuration.Abstractions" },
                { "Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions", "Microsoft.AspNetCore.Cors" },
                { "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions", "Microsoft.Extensions.DependencyInjection.Abstractions" },
                { "Microsoft.Extensions.DependencyInjection.IMvcBuilder", "Microsoft.AspNetCore.Mvc.Core" },
                { "Microsoft.Extensions.DependencyInjection.IMvcCoreBuilder", "Microsoft.AspNetCore.Mvc.Core" },
                { "Microsoft.Extensions.DependencyInjection.IServiceCollection", "Microsoft.Extensions.DependencyInjection.Abstractions" },
                { "Microsoft.Extensions.DependencyInjection.MvcCorsMvcCoreBuilderExtensions", "Microsoft.AspNetCore.Mvc.Cors" },
                { "Microsoft.Extensions.DependencyInjection.MvcServiceCollectionExtensions", "Microsoft.AspNetCore.Mvc" },
                { "Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions", "Microsoft.Extensions.Options.ConfigurationExtensions" },
                { "Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions", "Microsoft.Extensions.Options.ConfigurationExtensions" },
                { "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions", "Microsoft.Extensions.Options" },
                { "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions", "Microsoft.Extensions.DependencyInjection.Abstractions" },
                { "Microsoft.Extensions.DependencyInjection.ServiceDescriptor", "Microsoft.Extensions.DependencyInjection.Abstractions" },
                { "Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions", "Microsoft.Extensions.Hosting.Abstractions" },
                { "Microsoft.Extensions.Hosting.IHostApplicationBuilder", "Microsoft.Extensions.Hosting.Abstractions" },
                { "Microsoft.Extensions.Options.IOptionsMonitor`1", "Microsoft.Extensions.Options" },
                { "Microsoft.Extensions.Options.IOptionsSnapshot`1", "Microsoft.Extensions.Options" },
                { "Microsoft.Extensions.Options.IOptions`1", "Microsoft.Extensions.Options" },
                { "Microsoft.Extensions.Options.OptionsBuilder`1", "Microsoft.Extensions.Options" },
                { "Microsoft.Extensions.Primitives.StringValues", "Microsoft.Extensions.Primitives" },
                { "Microsoft.Net.Http.Headers.HeaderNames", "Microsoft.Net.Http.Headers" },
                { "System.Action`1", "System.Runtime" },
                { "System.Collections.Generic.CollectionExtensions", "System.Collections" },
                { "System.Collections.Generic.List`1", "System.Collections" },
                { "System.Linq.Enumerable", "System.Linq" },
                { "System.Net.Http.Headers.HttpHeaders", "System.Net.Http" },
                { "System.Net.Http.Headers.HttpRequestHeaders", "System.Net.Http" },
                { "System.Net.Http.Headers.HttpResponseHeaders", "System.Net.Http" },
                { "System.Net.Http.HttpClient", "System.Net.Http" },
                { "System.Net.Http.HttpRequestMessage", "System.Net.Http" },
                { "System.Net.Http.HttpResponseMessage", "System.Net.Http" },
                { "System.Net.HttpListenerRequest", "System.Net.HttpListener" },
                { "System.Net.HttpListenerResponse", "System.Net.HttpListener" },
                { "System.Net.HttpWebRequest", "System.Net.Requests" },
                { "System.Net.WebClient", "System.Net.WebClient" },
                { "System.Net.WebHeaderCollection", "System.Net.WebHeaderCollection" },
                { "System.Net.WebRequest", "System.Net.Requests" },
                { "System.Text.RegularExpressions.GeneratedRegexAttribute", "System.Text.RegularExpressions" },
                { "System.Text.RegularExpressions.Regex", "System.Text.RegularExpressions" },
                { "System.Uri", "System.Runtime" },
        };

        /// <summary>The table, for the test that keeps it complete and right.</summary>
        internal static IReadOnlyDictionary<string, string> DeclaringAssembliesForTesting => DeclaringAssemblies;

        private static readonly ConditionalWeakTable<Compilation, Dictionary<string, IAssemblySymbol>> ReferencedAssemblies =
            new ConditionalWeakTable<Compilation, Dictionary<string, IAssemblySymbol>>();

        /// <summary>The type with this metadata name, as <see cref="Compilation.GetTypeByMetadataName"/> finds it.</summary>
        public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            if (DeclaringAssemblies.TryGetValue(metadataName, out var assemblyName)
                && GetReferencedAssemblies(compilation).TryGetValue(assemblyName, out var assembly)
                && assembly.GetTypeByMetadataName(metadataName) is { } type)
            {
                return type;
            }

            return compilation.GetTypeByMetadataName(metadataName);
        }

        /// <summary>
        /// The type with this metadata name in the referenced assembly named <paramref name="assemblyName"/>, or null
        /// when that assembly is not referenced: for the types of third-party libraries (RestSharp, Flurl.Http, Refit,
        /// Blazor WebAssembly), which live in their own assembly only. A project without the library pays one
        /// dictionary lookup, not a search of every reference.
        /// </summary>
        public static INamedTypeSymbol? GetFromAssembly(Compilation compilation, string assemblyName, string metadataName) =>
            GetReferencedAssemblies(compilation).TryGetValue(assemblyName, out var assembly)
                ? assembly.GetTypeByMetadataName(metadataName)
                : null;

        /// <summary>Whether the compilation references an assembly of this name.</summary>
        public static bool References(Compilation compilation, string assemblyName) =>
            GetReferencedAssemblies(compilation).ContainsKey(assemblyName);

        private static Dictionary<string, IAssemblySymbol> GetReferencedAssemblies(Compilation compilation) =>
            ReferencedAssemblies.GetValue(compilation, static c =>
            {
                var assemblies = new Dictionary<string, IAssemblySymbol>();
                foreach (var assembly in c.SourceModule.ReferencedAssemblySymbols)
                {
                    // Two references with one name (unusual): keep the first, as the compiler's unification would.
                    if (!assemblies.ContainsKey(assembly.Name))
                    {
                        assemblies.Add(assembly.Name, assembly);
                    }
                }

                return assemblies;
            });
    }
}
