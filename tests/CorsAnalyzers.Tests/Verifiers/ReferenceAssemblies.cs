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

    /// <summary>
    /// The same reference sets with more references (a client library's assemblies: <see cref="ClientLibraryReferences"/>),
    /// named <c>Name+suffix</c>.
    /// </summary>
    public ReferenceAssemblies With(string suffix, Func<ImmutableArray<MetadataReference>> references)
    {
        var sets = new ReferenceSet[Sets.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            sets[i] = Sets[i].With(suffix, references);
        }

        return new ReferenceAssemblies(Name + "+" + suffix, sets);
    }

    public override string ToString() => Name;
}

/// <summary>
/// One set of reference assemblies: the testing library's <see cref="LibraryReferenceAssemblies"/> (reference packs
/// resolved from the NuGet packages folder, where the test project's PackageDownload put them), also read as plain
/// metadata references by the tests that build their own compilations (robustness, meta).
/// </summary>
public sealed class ReferenceSet
{
    private readonly Lazy<ImmutableArray<MetadataReference>> _core;
    private readonly Lazy<ImmutableArray<MetadataReference>> _references;
    private readonly Lazy<ImmutableArray<MetadataReference>> _extraReferences;

    private ReferenceSet(
        string name,
        bool hasAspNetCore,
        LibraryReferenceAssemblies? library,
        Func<ImmutableArray<MetadataReference>> load,
        Func<ImmutableArray<MetadataReference>>? loadExtra = null)
    {
        Name = name;
        HasAspNetCore = hasAspNetCore;
        Library = library;
        _core = new Lazy<ImmutableArray<MetadataReference>>(load, LazyThreadSafetyMode.ExecutionAndPublication);
        _extraReferences = new Lazy<ImmutableArray<MetadataReference>>(loadExtra ?? (() => ImmutableArray<MetadataReference>.Empty), LazyThreadSafetyMode.ExecutionAndPublication);
        _references = new Lazy<ImmutableArray<MetadataReference>>(() => _core.Value.AddRange(_extraReferences.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    /// <summary>Whether ASP.NET Core is referenced (decides the implicit global usings: Web SDK or console SDK).</summary>
    public bool HasAspNetCore { get; }

    /// <summary>The set as the testing library's reference assemblies; null for a set only the robustness tests use.</summary>
    public LibraryReferenceAssemblies? Library { get; }

    /// <summary>The metadata references, resolved once per process (<see cref="ExtraReferences"/> included).</summary>
    public ImmutableArray<MetadataReference> References => _references.Value;

    /// <summary>
    /// The references a <see cref="With"/> set adds to its base set (a client library's assemblies): given to the testing
    /// library as <c>TestState.AdditionalReferences</c> beside <see cref="Library"/>. Empty for the plain sets.
    /// </summary>
    public ImmutableArray<MetadataReference> ExtraReferences => _extraReferences.Value;

    public static ReferenceSet AspNetCore8 { get; } = FromPacks("AspNetCore8", TestAssemblyMetadata.AspNetCore8RefVersion, aspNetCore: true);

    public static ReferenceSet AspNetCore10 { get; } = FromPacks("AspNetCore10", TestAssemblyMetadata.AspNetCore10RefVersion, aspNetCore: true);

    public static ReferenceSet NetCore10 { get; } = FromPacks("NetCoreOnly", TestAssemblyMetadata.AspNetCore10RefVersion, aspNetCore: false);

    /// <summary>Only System.Runtime.dll of the .NET 10 reference pack: the cheapest compilation that still has object.</summary>
    public static ReferenceSet SystemRuntimeOnly { get; } = new("SystemRuntimeOnly", false, null, () => ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(NetCore10.References.OfType<PortableExecutableReference>().Single(r => Path.GetFileName(r.FilePath) == "System.Runtime.dll").FilePath!)));

    /// <summary>This set plus <paramref name="references"/> (loaded on first use).</summary>
    public ReferenceSet With(string suffix, Func<ImmutableArray<MetadataReference>> references)
    {
        var baseSet = this;
        return new(Name + "+" + suffix, HasAspNetCore, Library, () => baseSet._core.Value, () => baseSet.ExtraReferences.AddRange(references()));
    }

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

    /// <summary>The version of a client library package the test project downloads (ClientLibraryVersions).</summary>
    public static string ClientLibraryVersion(string package)
    {
        foreach (var pair in Get("ClientLibraryVersions").Split(';'))
        {
            var parts = pair.Split('=');
            if (parts.Length == 2 && parts[0] == package)
            {
                return parts[1];
            }
        }

        throw new InvalidOperationException($"No version of '{package}' in the test assembly's ClientLibraryVersions.");
    }

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
