using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Refit's request headers declared by attributes (<c>[Headers]</c>, <c>[Header]</c>); the dictionaries given to
    /// <c>[HeaderCollection]</c> parameters are <see cref="ClientHeaderWrites"/>'. Read per interface of the compilation,
    /// only when it references Refit.
    /// </summary>
    internal static class RefitHeaderAttributes
    {
        /// <summary>
        /// Refit's attributes on an interface and its methods: <c>[Headers("Name: value", ...)]</c> (an entry without ':'
        /// removes the header, it does not set it) and <c>[Header("Name")]</c> parameters (no removal: the parameter
        /// would become a query parameter).
        /// </summary>
        public static void FromInterface(INamedTypeSymbol type, ClientLibrarySymbols clients, List<ClientHeaderWrite> found, CancellationToken cancellationToken)
        {
            if (clients.RefitHeadersAttribute is { } headersAttribute)
            {
                FromHeadersAttributes(type.GetAttributes(), headersAttribute, found, cancellationToken);
            }

            foreach (var member in type.GetMembers())
            {
                if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    continue;
                }

                if (clients.RefitHeadersAttribute is { } methodHeaders)
                {
                    FromHeadersAttributes(method.GetAttributes(), methodHeaders, found, cancellationToken);
                }

                if (clients.RefitHeaderAttribute is not { } headerAttribute)
                {
                    continue;
                }

                foreach (var parameter in method.Parameters)
                {
                    foreach (var attribute in parameter.GetAttributes())
                    {
                        if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, headerAttribute)
                            && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Value is string name
                            && CorsHeaderNames.GetResponseHeader(name) is { } header
                            && attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is AttributeSyntax { ArgumentList.Arguments.Count: 1 } syntax)
                        {
                            found.Add(new ClientHeaderWrite(syntax.ArgumentList.Arguments[0].Expression, header, null, string.Empty));
                        }
                    }
                }
            }
        }

        private static void FromHeadersAttributes(ImmutableArray<AttributeData> attributes, INamedTypeSymbol headersAttribute, List<ClientHeaderWrite> found, CancellationToken cancellationToken)
        {
            foreach (var attribute in attributes)
            {
                if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, headersAttribute)
                    || attribute.ConstructorArguments.Length != 1
                    || attribute.ConstructorArguments[0].Kind != TypedConstantKind.Array
                    || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax { ArgumentList: { } argumentList } syntax)
                {
                    continue;
                }

                // The expanded params form only: one argument per entry.
                var values = attribute.ConstructorArguments[0].Values;
                var arguments = argumentList.Arguments;
                if (values.Length != arguments.Count)
                {
                    continue;
                }

                string?[]? headers = null;
                for (var i = 0; i < values.Length; i++)
                {
                    if (arguments[i].NameEquals is not null || arguments[i].NameColon is not null
                        || values[i].Value is not string entry || entry.IndexOf(':') < 0)
                    {
                        continue;
                    }

                    if (CorsHeaderNames.GetResponseHeader(entry.Substring(0, entry.IndexOf(':'))) is { } header)
                    {
                        headers ??= new string?[values.Length];
                        headers[i] = header;
                    }
                }

                if (headers is null)
                {
                    continue;
                }

                var removed = RemovalSpans.NewMask(headers.Length);
                for (var i = 0; i < headers.Length; i++)
                {
                    removed[i] = headers[i] is not null;
                }

                for (var i = 0; i < headers.Length; i++)
                {
                    if (headers[i] is { } header)
                    {
                        found.Add(new ClientHeaderWrite(arguments[i].Expression, header, RemovalSpans.ListElement(arguments, i, removed) ?? AttributeRemoval(syntax), string.Empty));
                    }
                }
            }
        }

        /// <summary>The attribute, with its list when it is alone in it.</summary>
        private static TextSpan? AttributeRemoval(AttributeSyntax attribute)
        {
            if (attribute.Parent is not AttributeListSyntax list)
            {
                return null;
            }

            if (list.Attributes.Count == 1)
            {
                return RemovalSpans.AttributeList(list);
            }

            var index = RemovalSpans.IndexOf(list.Attributes, attribute);
            if (index < 0)
            {
                return null;
            }

            var removed = RemovalSpans.NewMask(list.Attributes.Count);
            removed[index] = true;
            return RemovalSpans.ListElement(list.Attributes, index, removed);
        }
    }
}
