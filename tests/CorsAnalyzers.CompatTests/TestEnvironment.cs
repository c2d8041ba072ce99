using System.IO.Compression;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.CompatTests;

/// <summary>Where things are: the repository, the packed .nupkg (extracted once), reference assemblies.</summary>
internal static class TestEnvironment
{
    private static readonly Lazy<string> ExtractedPackage = new(Extract);

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string NuGetPackageRoot { get; } = Metadata("NuGetPackageRoot");

    public static string PackageVersion { get; } = Metadata("PackageVersion");

    /// <summary>The floor as an assembly version (4.5.0 → 4.5.0.0).</summary>
    public static Version RoslynFloorVersion { get; } = ToAssemblyVersion(Version.Parse(Metadata("RoslynFloorVersion")));

    public static string RoslynNewerVersion { get; } = Metadata("RoslynNewerVersion");

    public static IReadOnlyList<string> AspNetCoreRefVersions { get; } = Metadata("AspNetCoreRefVersions").Split(';');

    /// <summary>The folder `dotnet pack -o` wrote to; CORS_PACKAGE_DIR overrides artifacts/packages.</summary>
    public static string PackageDirectory { get; } =
        Environment.GetEnvironmentVariable("CORS_PACKAGE_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepositoryRoot, "artifacts", "packages");

    public static string PackagePath
    {
        get
        {
            var path = Path.Combine(PackageDirectory, $"CorsAnalyzers.{PackageVersion}.nupkg");
            Assert.True(
                File.Exists(path),
                $"{path} not found: run `dotnet pack src/CorsAnalyzers.Package -c Release -o artifacts/packages` first.");
            return path;
        }
    }

    /// <summary>The .nupkg extracted into the test output (fresh for every test run).</summary>
    public static string ExtractedPackageDirectory => ExtractedPackage.Value;

    public static string PackedAssembly(string fileName) =>
        Path.Combine(ExtractedPackageDirectory, "analyzers", "dotnet", "cs", fileName);

    public static IReadOnlyList<MetadataReference> AspNetCoreReferences(string version)
    {
        var major = version.Split('.')[0];
        var references = new List<MetadataReference>();
        foreach (var pack in new[] { "microsoft.netcore.app.ref", "microsoft.aspnetcore.app.ref" })
        {
            var dir = Path.Combine(NuGetPackageRoot, pack, version, "ref", $"net{major}.0");
            Assert.True(Directory.Exists(dir), $"{dir} not found (PackageDownload in the project file).");
            foreach (var dll in Directory.EnumerateFiles(dir, "*.dll").OrderBy(f => f, StringComparer.Ordinal))
            {
                references.Add(MetadataReference.CreateFromFile(dll));
            }
        }

        return references;
    }

    private static string Extract()
    {
        var target = Path.Combine(AppContext.BaseDirectory, "extracted-package");
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        ZipFile.ExtractToDirectory(PackagePath, target);
        return target;
    }

    private static Version ToAssemblyVersion(Version v) =>
        new(v.Major, v.Minor, Math.Max(v.Build, 0), Math.Max(v.Revision, 0));

    private static string Metadata(string key) =>
        typeof(TestEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
