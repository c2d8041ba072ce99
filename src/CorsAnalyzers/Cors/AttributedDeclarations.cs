using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Where a type's source can carry attributes such as [EnableCors]: the type itself when one of its declarations
    /// has attribute lists, and the methods declared with attribute lists. Read from the declarations, so that only
    /// those symbols are asked for their attributes: asking every member would create a symbol object for each (a
    /// large cost in a compilation of thousands of types, docs/performance.md).
    /// </summary>
    internal static class AttributedDeclarations
    {
        /// <param name="methods">The methods (all overloads of a name written with attribute lists); null when none.</param>
        /// <returns>Whether a declaration of the type itself has attribute lists.</returns>
        /// <remarks>
        /// Runs for every type of the compilation, so it allocates only for the methods it returns: no set of names
        /// (a controller has a handful of attributed actions; the names already found are compared in place).
        /// </remarks>
        public static bool Find(INamedTypeSymbol type, CancellationToken cancellationToken, out List<ISymbol>? methods)
        {
            var typeHasAttributes = false;
            methods = null;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                typeHasAttributes |= declaration.AttributeLists.Count > 0;
                foreach (var member in declaration.Members)
                {
                    if (member is not MethodDeclarationSyntax method || method.AttributeLists.Count == 0)
                    {
                        continue;
                    }

                    var name = method.Identifier.ValueText;
                    if (methods is not null && ContainsName(methods, name))
                    {
                        // An overload of a name already read: GetMembers returned every overload.
                        continue;
                    }

                    foreach (var symbol in type.GetMembers(name))
                    {
                        if (symbol.Kind == SymbolKind.Method)
                        {
                            (methods ??= new List<ISymbol>()).Add(symbol);
                        }
                    }
                }
            }

            return typeHasAttributes;
        }

        private static bool ContainsName(List<ISymbol> methods, string name)
        {
            foreach (var method in methods)
            {
                if (string.Equals(method.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
