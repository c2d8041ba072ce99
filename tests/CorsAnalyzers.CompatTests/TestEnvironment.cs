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

    /// <summary>The ASP.NET Core 10 reference packs, for consumer cases that exist on net10.0 only.</summary>
    public static string AspNetCore10RefVersion { get; } = Metadata("AspNetCore10RefVersion");

    /// <summary>
    /// The assemblies of a consumer case's packages (downloaded at restore: PackageDownload) and of their dependencies
    /// that were downloaded too, from the lib folder that fits <paramref name="aspNetCoreVersion"/>'s framework.
    /// </summary>
    public static IReadOnlyList<MetadataReference> PackageReferences(IEnumerable<(string Id, string Version)> packages, string aspNetCoreVersion)
    {
        var major = int.Parse(aspNetCoreVersion.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        var frameworks = new List<string>();
        for (var m = major; m >= 5; m--)
        {
            frameworks.Add($"net{m}.0");
        }

        frameworks.AddRange(new[] { "netstandard2.1", "netstandard2.0" });
        var references = new List<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<(string Id, string Version)>(packages);
        while (pending.Count > 0)
        {
            var (id, version) = pending.Dequeue();
            var root = Path.Combine(NuGetPackageRoot, id.ToLowerInvariant(), version);
            if (!seen.Add(id) || !Directory.Exists(root))
            {
                continue;
            }

            var lib = frameworks.Select(f => Path.Combine(root, "lib", f)).FirstOrDefault(Directory.Exists);
            if (lib is not null)
            {
                references.AddRange(Directory.EnumerateFiles(lib, "*.dll").OrderBy(f => f, StringComparer.Ordinal).Select(f => MetadataReference.CreateFromFile(f)));
            }

            // Dependencies from the nuspec (any group: only the downloaded ones are found).
            foreach (var nuspec in Directory.EnumerateFiles(root, "*.nuspec"))
            {
                foreach (System.Text.RegularExpressions.Match dependency in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(nuspec), "<dependency id=\"(?<id>[^\"]+)\" version=\"\\[?(?<version>[^\",\\]]+)"))
                {
                    pending.Enqueue((dependency.Groups["id"].Value, dependency.Groups["version"].Value));
                }
            }
        }

        return references;
    }

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
