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
        public static bool Find(INamedTypeSymbol type, CancellationToken cancellationToken, out List<ISymbol>? methods)
        {
            var typeHasAttributes = false;
            HashSet<string>? methodNames = null;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
                {
                    continue;
                }

                typeHasAttributes |= declaration.AttributeLists.Count > 0;
                foreach (var member in declaration.Members)
                {
                    if (member is MethodDeclarationSyntax method && method.AttributeLists.Count > 0)
                    {
                        (methodNames ??= new HashSet<string>(StringComparer.Ordinal)).Add(method.Identifier.ValueText);
                    }
                }
            }

            methods = null;
            if (methodNames is not null)
            {
                foreach (var name in methodNames)
                {
                    foreach (var member in type.GetMembers(name))
                    {
                        if (member.Kind == SymbolKind.Method)
                        {
                            (methods ??= new List<ISymbol>()).Add(member);
                        }
                    }
                }
            }

            return typeHasAttributes;
        }
    }
}
