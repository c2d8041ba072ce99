using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// The reference assemblies a test compiles against. <see cref="AspNetCore"/> (the default) runs the whole test
/// once per supported ASP.NET Core major (8 and 10); the others run it once.
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

/// <summary>One concrete list of metadata references, loaded once per process.</summary>
public sealed class ReferenceSet
{
    private readonly Lazy<ImmutableArray<MetadataReference>> _references;

    private ReferenceSet(string name, bool hasAspNetCore, Func<ImmutableArray<MetadataReference>> load)
    {
        Name = name;
        HasAspNetCore = hasAspNetCore;
        _references = new Lazy<ImmutableArray<MetadataReference>>(load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    /// <summary>Whether ASP.NET Core is referenced (decides the implicit global usings: Web SDK or console SDK).</summary>
    public bool HasAspNetCore { get; }

    public ImmutableArray<MetadataReference> References => _references.Value;

    public static ReferenceSet AspNetCore8 { get; } = new("AspNetCore8", true, () => Load(
        PackDirectory("microsoft.netcore.app.ref", TestAssemblyMetadata.AspNetCore8RefVersion),
        PackDirectory("microsoft.aspnetcore.app.ref", TestAssemblyMetadata.AspNetCore8RefVersion)));

    public static ReferenceSet AspNetCore10 { get; } = new("AspNetCore10", true, () => Load(
        PackDirectory("microsoft.netcore.app.ref", TestAssemblyMetadata.AspNetCore10RefVersion),
        PackDirectory("microsoft.aspnetcore.app.ref", TestAssemblyMetadata.AspNetCore10RefVersion)));

    public static ReferenceSet NetCore10 { get; } = new("NetCoreOnly", false, () => Load(
        PackDirectory("microsoft.netcore.app.ref", TestAssemblyMetadata.AspNetCore10RefVersion)));

    /// <summary>Only System.Runtime.dll of the .NET 10 reference pack: the cheapest compilation that still has object.</summary>
    public static ReferenceSet SystemRuntimeOnly { get; } = new("SystemRuntimeOnly", false, () => ImmutableArray.Create<MetadataReference>(
        MetadataReference.CreateFromFile(Path.Combine(PackDirectory("microsoft.netcore.app.ref", TestAssemblyMetadata.AspNetCore10RefVersion), "System.Runtime.dll"))));

    /// <summary>This set plus <paramref name="references"/> (loaded on first use).</summary>
    public ReferenceSet With(string suffix, Func<ImmutableArray<MetadataReference>> references) =>
        new(Name + "+" + suffix, HasAspNetCore, () => References.AddRange(references()));

    public override string ToString() => Name;

    private static string PackDirectory(string package, string version)
    {
        var major = version.Split('.')[0];
        var directory = Path.Combine(TestAssemblyMetadata.NuGetPackageRoot, package, version, "ref", "net" + major + ".0");
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"Reference pack directory '{directory}' does not exist: restore the test project (PackageDownload).");
        }

        return directory;
    }

    private static ImmutableArray<MetadataReference> Load(params string[] directories)
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var directory in directories)
        {
            foreach (var file in Directory.GetFiles(directory, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                builder.Add(MetadataReference.CreateFromFile(file));
            }
        }

        return builder.ToImmutable();
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
