using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="AttributedDeclarations.Find"/>: which of a type's methods are asked for their attributes (every overload
/// of a name written with attribute lists, once each, across partial declarations) and whether the type itself is.
/// </summary>
public class AttributedDeclarationsTests
{
    private const string Source = """
        using System;

        [Obsolete]
        partial class Attributed
        {
            [Obsolete] void A() { }
            void A(int x) { }
            [Obsolete] void A(string s) { }
            void Plain() { }
            [Obsolete] int Property => 0;
            [Obsolete] void B() { }
        }

        partial class Attributed
        {
            [Obsolete] void B(int x) { }
            [Obsolete] void C() { }
        }

        class Bare
        {
            void M() { }
            int P { get; set; }
        }

        [Obsolete]
        class OnlyTheType
        {
            void M() { }
        }
        """;

    [Theory]
    [InlineData("Attributed", true, "A(), A(int), A(string), B(), B(int), C()")]
    [InlineData("Bare", false, "")]
    [InlineData("OnlyTheType", true, "")]
    public void Find_ReturnsEveryOverloadOfAttributedNamesOnce(string typeName, bool typeHasAttributes, string expected)
    {
        var compilation = CSharpCompilation.Create(
            "Test",
            new[] { CSharpSyntaxTree.ParseText(Source) },
            new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        var type = compilation.GetTypeByMetadataName(typeName)!;

        var result = AttributedDeclarations.Find(type, CancellationToken.None, out var methods);

        Assert.Equal(typeHasAttributes, result);
        var found = (methods ?? new List<ISymbol>())
            .Select(m => m.ToDisplayString(new SymbolDisplayFormat(
                memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
                parameterOptions: SymbolDisplayParameterOptions.IncludeType,
                miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes)))
            .OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(", ", found));
    }
}
