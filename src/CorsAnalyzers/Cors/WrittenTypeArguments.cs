using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The type arguments a call spells out (<c>AddSingleton&lt;ICorsPolicyProvider, T&gt;()</c>), read as syntax before
    /// the symbols: an application registers hundreds of services, and reading a method's TypeArguments builds a new
    /// array. One instance per compilation (it remembers the global using aliases).
    /// </summary>
    internal sealed class WrittenTypeArguments
    {
        private readonly Compilation _compilation;
        private HashSet<string>? _globalAliasNames;

        public WrittenTypeArguments(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>The type arguments written in <c>M&lt;T&gt;(...)</c>, <c>x.M&lt;T&gt;(...)</c> or <c>x?.M&lt;T&gt;(...)</c>; null when inferred.</summary>
        public static TypeArgumentListSyntax? Get(InvocationExpressionSyntax? invocation)
        {
            var name = invocation?.Expression switch
            {
                GenericNameSyntax generic => generic,
                MemberAccessExpressionSyntax memberAccess => memberAccess.Name as GenericNameSyntax,
                MemberBindingExpressionSyntax memberBinding => memberBinding.Name as GenericNameSyntax,
                _ => null,
            };
            return name?.TypeArgumentList;
        }

        /// <summary>
        /// Whether one of the written type arguments may bind to a type named one of <paramref name="typeNames"/>: it spells
        /// that name (qualified or not, nullable or not) or a using alias in scope at the call.
        /// A syntax check before reading TypeArguments: an application registers hundreds of services this way.
        /// </summary>
        public bool MayName(TypeArgumentListSyntax typeArguments, string[] typeNames)
        {
            foreach (var typeArgument in typeArguments.Arguments)
            {
                var name = GetRightmostName(typeArgument);
                if (name is null)
                {
                    continue;
                }

                foreach (var typeName in typeNames)
                {
                    if (name == typeName)
                    {
                        return true;
                    }
                }

                // Once per type argument, whatever the number of names: the walk up to the usings is the cost.
                if (IsAliasInScope(typeArguments, name))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? GetRightmostName(TypeSyntax type)
        {
            while (true)
            {
                switch (type)
                {
                    case NullableTypeSyntax nullable:
                        type = nullable.ElementType;
                        continue;
                    case QualifiedNameSyntax qualified:
                        return qualified.Right.Identifier.ValueText;
                    case AliasQualifiedNameSyntax aliasQualified:
                        return aliasQualified.Name.Identifier.ValueText;
                    case SimpleNameSyntax simple:
                        return simple.Identifier.ValueText;
                    default:
                        return null;
                }
            }
        }

        /// <summary>
        /// A using alias named <paramref name="name"/> is visible at <paramref name="node"/>: declared in an enclosing
        /// namespace or at the top of its file, or by a global using in any file. Only the call's own ancestors and the
        /// global usings are read, not every file's declarations.
        /// </summary>
        private bool IsAliasInScope(SyntaxNode node, string name)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch ((SyntaxKind)current.RawKind)
                {
                    case SyntaxKind.NamespaceDeclaration:
                    case SyntaxKind.FileScopedNamespaceDeclaration:
                        if (DeclaresAlias(((BaseNamespaceDeclarationSyntax)current).Usings, name))
                        {
                            return true;
                        }

                        break;
                    case SyntaxKind.CompilationUnit:
                        if (DeclaresAlias(((CompilationUnitSyntax)current).Usings, name))
                        {
                            return true;
                        }

                        break;
                }
            }

            return GetGlobalAliasNames().Contains(name);
        }

        private static bool DeclaresAlias(SyntaxList<UsingDirectiveSyntax> usings, string name)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias is { } alias && alias.Name.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The names of the compilation's global using aliases (<c>global using X = ...;</c>), read once.</summary>
        private HashSet<string> GetGlobalAliasNames()
        {
            var names = Volatile.Read(ref _globalAliasNames);
            if (names is not null)
            {
                return names;
            }

            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is not CompilationUnitSyntax root)
                {
                    continue;
                }

                // Global usings come first in a file (CS8915 otherwise): stop at the first one that is not.
                foreach (var directive in root.Usings)
                {
                    if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        break;
                    }

                    if (directive.Alias is { } alias)
                    {
                        names.Add(alias.Name.Identifier.ValueText);
                    }
                }
            }

            return Interlocked.CompareExchange(ref _globalAliasNames, names, null) ?? names;
        }
    }
}
