using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Where a method comes from (this compilation's source, the framework, another library), and whether code of a
    /// referenced assembly can do anything with CORS at all. One instance per compilation (the answers are memos).
    /// </summary>
    internal sealed class ReferencedCode
    {
        private const string CorsAssemblyName = "Microsoft.AspNetCore.Cors";

        private readonly ConcurrentDictionary<IAssemblySymbol, bool> _reachesCors =
            new ConcurrentDictionary<IAssemblySymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Whether a method of another assembly can apply or configure CORS: its name says CORS
        /// (<c>UseCompanyCors</c>, <c>AddCorsPolicies</c>), or its assembly references ASP.NET Core's CORS assembly,
        /// directly or through the assemblies it references. Swashbuckle, Serilog or a health-check package reference
        /// no CORS: they cannot call UseCors or AddCors, whatever they do to the pipeline.
        /// <para>
        /// The framework's reference assemblies reference only what their public API needs: among them only
        /// Microsoft.AspNetCore.Cors and Microsoft.AspNetCore.Mvc.Cors reach it, and the rules know their methods by symbol.
        /// </para>
        /// </summary>
        public bool MayUseCors(IMethodSymbol method)
        {
            if (method.Name.IndexOf("Cors", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            return method.ContainingAssembly is { } assembly && ReachesCors(assembly);
        }

        private bool ReachesCors(IAssemblySymbol assembly)
        {
            if (_reachesCors.TryGetValue(assembly, out var known))
            {
                return known;
            }

            // Depth-first over the reference graph, each assembly once; a cycle counts as not reaching.
            var result = ReachesCors(assembly, new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default));
            _reachesCors.TryAdd(assembly, result);
            return result;
        }

        private bool ReachesCors(IAssemblySymbol assembly, HashSet<IAssemblySymbol> visiting)
        {
            if (assembly.Name == CorsAssemblyName)
            {
                return true;
            }

            if (_reachesCors.TryGetValue(assembly, out var known))
            {
                return known;
            }

            if (!visiting.Add(assembly))
            {
                return false;
            }

            var result = false;
            foreach (var module in assembly.Modules)
            {
                foreach (var referenced in module.ReferencedAssemblySymbols)
                {
                    if (ReachesCors(referenced, visiting))
                    {
                        result = true;
                        break;
                    }
                }

                if (result)
                {
                    break;
                }
            }

            _reachesCors.TryAdd(assembly, result);
            return result;
        }

        /// <summary>The method (its definition, for a reduced extension or a constructed generic) is declared in source.</summary>
        public static bool IsInSource(IMethodSymbol method)
        {
            var original = method.ReducedFrom ?? method.OriginalDefinition;
            foreach (var location in original.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A Microsoft.* or System.* assembly: the BCL, ASP.NET Core, Microsoft.Extensions.*.</summary>
        public static bool IsFrameworkAssembly(IAssemblySymbol? assembly)
        {
            var name = assembly?.Name;
            return name is not null
                && (name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.StartsWith("System.", StringComparison.Ordinal));
        }
    }
}
