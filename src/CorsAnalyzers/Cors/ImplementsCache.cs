using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// <see cref="CorsSymbols.Implements"/> for one target type, remembered per type for the whole compilation: the
    /// receivers of pipeline calls (a RouteGroupBuilder for every MapGet of a group), of header writes and the classes
    /// of attributes are asked about again and again. Safe for concurrent callbacks; one instance per compilation.
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
        public bool Check(ITypeSymbol? type)
        {
            if (type is null || _target is null)
            {
                return false;
            }

            if (_cache.TryGetValue(type, out var known))
            {
                return known;
            }

            var result = CorsSymbols.Implements(type, _target);
            _cache.TryAdd(type, result);
            return result;
        }
    }
}
