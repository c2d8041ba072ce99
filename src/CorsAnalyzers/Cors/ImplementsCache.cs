using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// <see cref="CorsSymbols.Implements"/> for one target type, remembered per type for the whole compilation, so the
    /// base types every controller or attribute shares (ControllerBase, Attribute, ...) are walked once, not once per
    /// callback. Safe for concurrent callbacks; one instance per compilation.
    /// </summary>
    internal sealed class ImplementsCache
    {
        private readonly INamedTypeSymbol? _target;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> _cache =
            new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);

        public ImplementsCache(INamedTypeSymbol? target)
        {
            _target = target;
        }

        /// <summary>The type is the target, derives from it or implements it.</summary>
        /// <remarks>
        /// The type itself is remembered too: the receivers of pipeline calls (a RouteGroupBuilder for every MapGet of
        /// a group) are asked about again and again, and computing means one lookup per interface.
        /// </remarks>
        public bool Check(ITypeSymbol? type) => type is not null && _target is not null && Check(type, depth: 0);

        private bool Check(ITypeSymbol type, int depth)
        {
            if (_cache.TryGetValue(type, out var known))
            {
                return known;
            }

            var result = Compute(type, depth);
            _cache.TryAdd(type, result);
            return result;
        }

        private bool Compute(ITypeSymbol type, int depth)
        {
            bool result;
            if (depth > 64)
            {
                result = CorsSymbols.Implements(type, _target);
            }
            else
            {
                result = SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, _target)
                    || SymbolEqualityComparer.Default.Equals(type, _target)
                    || (type.BaseType is { } baseType && Check(baseType, depth + 1));
                if (!result)
                {
                    foreach (var implemented in type.Interfaces)
                    {
                        if (Check(implemented, depth + 1))
                        {
                            result = true;
                            break;
                        }
                    }
                }
            }

            return result;
        }
    }
}
