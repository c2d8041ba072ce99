using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using LibraryReferenceAssemblies = Microsoft.CodeAnalysis.Testing.ReferenceAssemblies;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// The reference assemblies a rule test compiles against (<c>Verify.Test.ReferenceAssemblies</c>).
/// <see cref="AspNetCore"/> (the default) runs the whole test once per supported ASP.NET Core major (8 and 10); the
/// others run it once.
/// </summary>
public sealed class ReferenceAssemblies
{
    private ReferenceAssemblies(string name, params ReferenceSet[] sets)
    {
        Name = name;
        Sets = sets.ToImmutableArray();
    }

    public string Name { get; }

    /// <summary>The reference sets the test is run against, one run per set.</summary>
    public ImmutableArray<ReferenceSet> Sets { get; }

    /// <summary>ASP.NET Core 8 and 10 (each with its .NET reference pack): the test runs twice.</summary>
    public static ReferenceAssemblies AspNetCore { get; } = new("AspNetCore", ReferenceSet.AspNetCore8, ReferenceSet.AspNetCore10);

    public static ReferenceAssemblies AspNetCore8 { get; } = new("AspNetCore8", ReferenceSet.AspNetCore8);

    public static ReferenceAssemblies AspNetCore10 { get; } = new("AspNetCore10", ReferenceSet.AspNetCore10);

    /// <summary>Microsoft.NETCore.App.Ref 10 only: no ASP.NET Core (a console or library project).</summary>
    public static ReferenceAssemblies NetCoreOnly { get; } = new("NetCoreOnly", ReferenceSet.NetCore10);

    public override string ToString() => Name;
}

/// <summary>
/// One set of reference assemblies: the testing library's <see cref="LibraryReferenceAssemblies"/> (reference packs
/// resolved from the NuGet packages folder, where the test project's PackageDownload put them), also read as plain
/// metadata references by the tests that build their own compilations (robustness, meta).
/// </summary>
public sealed class ReferenceSet
{
    private readonly Lazy<ImmutableArray<MetadataReference>> _references;

    private ReferenceSet(string name, bool hasAspNetCore, LibraryReferenceAssemblies? library, Func<ImmutableArray<MetadataReference>> load)
    {
        Name = name;
        HasAspNetCore = hasAspNetCore;
        Library = library;
        _references = new Lazy<ImmutableArray<MetadataReference>>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    /// <summary>Whether ASP.NET Core is referenced (decides the implicit global usings: Web SDK or console SDK).</summary>
    public bool HasAspNetCore { get; }

    /// <summary>The set as the testing library's reference assemblies; null for a set only the robustness tests use.</summary>
    public LibraryReferenceAssemblies? Library { get; }

    /// <summary>The metadata references, resolved once per process.</summary>
    public ImmutableArray<MetadataReference> References => _references.Value;

    public static ReferenceSet AspNetCore8 { get; } = FromPacks("AspNetCore8", TestAssemblyMetadata.AspNetCore8RefVersion, aspNetCore: true);

    public static ReferenceSet AspNetCore10 { get; } = FromPacks("AspNetCore10", TestAssemblyMetadata.AspNetCore10RefVersion, aspNetCore: true);

    public static ReferenceSet NetCore10 { get; } = FromPacks("NetCoreOnly", TestAssemblyMetadata.AspNetCore10RefVersion, aspNetCore: false);

    /// <summary>Only System.Runtime.dll of the .NET 10 reference pack: the cheapest compilation that still has object.</summary>
    public static ReferenceSet SystemRuntimeOnly { get; } = new("SystemRuntimeOnly", false, null, () => ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(NetCore10.References.OfType<PortableExecutableReference>().Single(r => Path.GetFileName(r.FilePath) == "System.Runtime.dll").FilePath!)));

    public override string ToString() => Name;

    private static ReferenceSet FromPacks(string name, string version, bool aspNetCore)
    {
        var targetFramework = "net" + version.Split('.')[0] + ".0";
        var library = new LibraryReferenceAssemblies(targetFramework, new PackageIdentity("Microsoft.NETCore.App.Ref", version), Path.Combine("ref", targetFramework));
        if (aspNetCore)
        {
            library = library.AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", version)));
        }

        return new ReferenceSet(name, aspNetCore, library, () => Resolve(library, name));
    }

    private static ImmutableArray<MetadataReference> Resolve(LibraryReferenceAssemblies library, string name)
    {
        // Off the caller's synchronization context (xunit's): the library awaits without ConfigureAwait(false).
        var references = Task.Run(() => library.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult();
        if (references.IsDefaultOrEmpty)
        {
            throw new InvalidOperationException($"Reference set {name} resolved to no assembly: restore the test project (PackageDownload).");
        }

        return references;
    }
}

/// <summary>The AssemblyMetadata attributes the test project stamps on its assembly.</summary>
public static class TestAssemblyMetadata
{
    public static string NuGetPackageRoot => Get("NuGetPackageRoot");

    public static string AspNetCore8RefVersion => Get("AspNetCore8RefVersion");

    public static string AspNetCore10RefVersion => Get("AspNetCore10RefVersion");

    /// <summary>The repository root, with a trailing directory separator.</summary>
    public static string RepositoryRoot => Get("RepositoryRoot");

    private static string Get(string key)
    {
        foreach (var attribute in typeof(TestAssemblyMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == key && !string.IsNullOrEmpty(attribute.Value))
            {
                return attribute.Value!;
            }
        }

        throw new InvalidOperationException($"The test assembly has no AssemblyMetadata '{key}'.");
    }
}
