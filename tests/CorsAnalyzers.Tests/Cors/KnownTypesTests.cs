using System.Text.RegularExpressions;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="KnownTypes"/> looks a type up in its declaring assembly first and falls back to the compilation-wide
/// search, which is slow in a web project: every name the analyzers ask for must be in its table, with the assembly
/// that really declares it.
/// </summary>
public class KnownTypesTests
{
    [Fact]
    public void EveryNameTheAnalyzersLookUp_IsInTheTable()
    {
        var source = Path.Combine(TestAssemblyMetadata.RepositoryRoot, "src", "CorsAnalyzers");
        var names = Directory.GetFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(file => Regex.Matches(File.ReadAllText(file), @"KnownTypes\.Get\(\s*[\w.]+,\s*""([^""]+)""\)").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.True(names.Count > 40, $"found only {names.Count} lookups: has the call's shape changed?");
        var missing = names.Where(name => !KnownTypes.DeclaringAssembliesForTesting.ContainsKey(name)).ToList();
        Assert.True(missing.Count == 0, "not in KnownTypes' table: " + string.Join(", ", missing));
    }

    public static IEnumerable<object[]> ReferenceSets => new[]
    {
        new object[] { ReferenceSet.AspNetCore8 },
        new object[] { ReferenceSet.AspNetCore10 },
    };

    [Theory]
    [MemberData(nameof(ReferenceSets))]
    public void EveryTypeInTheTable_IsDeclaredByItsAssembly_AndFoundAsTheFullSearchFindsIt(ReferenceSet references)
    {
        var compilation = CSharpCompilation.Create("Lookup", references: references.References);
        var wrong = new List<string>();
        foreach (var (name, assembly) in KnownTypes.DeclaringAssembliesForTesting)
        {
            var expected = compilation.GetTypeByMetadataName(name);
            if (expected is not null && expected.ContainingAssembly.Name != assembly)
            {
                wrong.Add($"{name}: declared by {expected.ContainingAssembly.Name}, table says {assembly}");
            }

            if (!SymbolEqualityComparer.Default.Equals(KnownTypes.Get(compilation, name), expected))
            {
                wrong.Add($"{name}: KnownTypes.Get differs from GetTypeByMetadataName");
            }
        }

        Assert.Empty(wrong);
    }
}
