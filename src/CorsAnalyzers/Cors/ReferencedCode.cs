using System;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>Where a method comes from: this compilation's source, the framework, or another library.</summary>
    internal static class ReferencedCode
    {
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
