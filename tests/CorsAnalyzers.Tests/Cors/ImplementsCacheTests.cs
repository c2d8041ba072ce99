using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="ImplementsCache"/> must answer exactly as <see cref="CorsSymbols.Implements"/>, whatever the order of
/// the questions (it remembers types, their bases and their interfaces).
/// </summary>
public class ImplementsCacheTests
{
    private const string Source = """
        using Microsoft.AspNetCore.Http;

        interface IMoreHeaders : IHeaderDictionary { }
        abstract class HeadersBase : IMoreHeaders { }
        abstract class Headers : HeadersBase { }
        class Plain { }
        class Holder<T, U, V>
            where T : IHeaderDictionary
            where U : Headers
        {
            public T Constrained = default!;
            public U ByBase = default!;
            public V Unconstrained = default!;
            public System.Collections.Generic.List<IHeaderDictionary> List = default!;
            public IHeaderDictionary[] Array = default!;
        }
        """;

    private static readonly string[] TypeNames =
    {
        "IMoreHeaders", "HeadersBase", "Headers", "Plain", "Holder`3",
        "Holder`3.Constrained", "Holder`3.ByBase", "Holder`3.Unconstrained", "Holder`3.List", "Holder`3.Array",
    };

    public static TheoryData<string> Types => new(TypeNames);

    [Theory]
    [MemberData(nameof(Types))]
    public void Check_AgreesWithImplements_InAnyOrder(string name)
    {
        var compilation = Compile();
        var target = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary")!;
        var cache = new ImplementsCache(target);

        // The type asked first, then every other one (so that bases and interfaces are already remembered), twice.
        var all = TypeNames.ToList();
        all.Remove(name);
        all.Insert(0, name);
        foreach (var round in new[] { 1, 2 })
        {
            foreach (var typeName in all)
            {
                var type = Resolve(compilation, typeName);
                Assert.True(
                    CorsSymbols.Implements(type, target) == cache.Check(type),
                    $"{typeName} (round {round}): cache {cache.Check(type)}, Implements {CorsSymbols.Implements(type, target)}");
            }
        }

        Assert.True(cache.Check(Resolve(compilation, "Headers")));
        Assert.True(cache.Check(Resolve(compilation, "IMoreHeaders")));
        Assert.False(cache.Check(Resolve(compilation, "Holder`3.List")));
        Assert.False(cache.Check(Resolve(compilation, "Plain")));
        Assert.False(cache.Check(null));
    }

    [Theory]
    [InlineData("IMoreHeaders", true)] // an interface extending the target
    [InlineData("HeadersBase", true)] // implements it through IMoreHeaders
    [InlineData("Headers", true)] // only through its base class
    [InlineData("Holder`3.Constrained", false)] // type parameters are judged by themselves, not their constraints
    [InlineData("Holder`3.ByBase", false)]
    [InlineData("Plain", false)]
    [InlineData("Holder`3.Unconstrained", false)]
    [InlineData("Holder`3.List", false)]
    [InlineData("Holder`3.Array", false)]
    public void Implements_InterfaceTarget(string name, bool expected)
    {
        var compilation = Compile();
        var target = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary")!;
        Assert.Equal(expected, CorsSymbols.Implements(Resolve(compilation, name), target));
        Assert.True(CorsSymbols.Implements(target, target));
    }

    [Theory]
    [InlineData("Headers", true)] // the class itself
    [InlineData("HeadersBase", false)] // its base, not a derived class
    [InlineData("IMoreHeaders", false)]
    public void Implements_ClassTarget(string name, bool expected)
    {
        var compilation = Compile();
        Assert.Equal(expected, CorsSymbols.Implements(Resolve(compilation, name), compilation.GetTypeByMetadataName("Headers")));
    }

    [Fact]
    public void Implements_GenericInterfaceTarget_MatchesConstructedInterfaces()
    {
        var compilation = Compile();
        var target = compilation.GetSpecialType(SpecialType.System_Collections_Generic_IEnumerable_T);
        Assert.True(CorsSymbols.Implements(Resolve(compilation, "Holder`3.List"), target));
        Assert.True(CorsSymbols.Implements(Resolve(compilation, "Holder`3.Array"), target));
        Assert.True(CorsSymbols.Implements(target.Construct(compilation.GetSpecialType(SpecialType.System_String)), target));
        Assert.False(CorsSymbols.Implements(Resolve(compilation, "Plain"), target));
    }

    private static CSharpCompilation Compile() => CSharpCompilation.Create(
        "Test",
        new[] { CSharpSyntaxTree.ParseText(Source) },
        ReferenceSet.AspNetCore10.References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static ITypeSymbol Resolve(Compilation compilation, string name)
    {
        var parts = name.Split('.');
        var type = compilation.GetTypeByMetadataName(parts[0])!;
        return parts.Length == 1 ? type : type.GetMembers(parts[1]).OfType<IFieldSymbol>().Single().Type;
    }
}
