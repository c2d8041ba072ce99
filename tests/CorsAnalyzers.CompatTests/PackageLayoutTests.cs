using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace CorsAnalyzers.CompatTests;

/// <summary>The .nupkg as users get it: what is in it, and what is not.</summary>
public sealed class PackageLayoutTests
{
    private static readonly string[] AnalyzerAssemblies = { "CorsAnalyzers.dll", "CorsAnalyzers.CodeFixes.dll" };

    private static readonly string[] Modes = { "default", "none", "all-warnings", "all-errors" };

    [Fact]
    public void Package_HasBothAssembliesUnderAnalyzersDotnetCs_AndNothingElseThere()
    {
        var analyzerEntries = Entries().Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).OrderBy(e => e, StringComparer.Ordinal);

        Assert.Equal(AnalyzerAssemblies.Select(a => "analyzers/dotnet/cs/" + a).OrderBy(e => e, StringComparer.Ordinal), analyzerEntries);
    }

    [Fact]
    public void Package_HasNoLibOrRefFolder()
    {
        Assert.DoesNotContain(Entries(), e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal));
    }

    [Fact]
    public void Package_HasReadmeIconAndSeverityPresets()
    {
        var entries = Entries();

        Assert.Contains("README.md", entries);
        Assert.Contains("icon.png", entries);
        Assert.Contains("build/CorsAnalyzers.props", entries);
        Assert.Contains("buildTransitive/CorsAnalyzers.props", entries);
        Assert.All(Modes, mode => Assert.Contains($"build/config/{mode}.globalconfig", entries));
    }

    [Fact]
    public void Nuspec_IsADevelopmentDependencyWithoutDependencies()
    {
        var metadata = Nuspec();

        Assert.Equal("CorsAnalyzers", Element(metadata, "id").Value);
        Assert.Equal(TestEnvironment.PackageVersion, Element(metadata, "version").Value);
        Assert.Equal("true", Element(metadata, "developmentDependency").Value);
        var dependencies = metadata.Elements().Where(e => e.Name.LocalName == "dependencies").ToList();
        Assert.True(dependencies.Count == 0 || !dependencies.Descendants().Any(d => d.Name.LocalName == "dependency"), "the package must not depend on anything");
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "frameworkReferences");
    }

    [Fact]
    public void Nuspec_HasLicenseReadmeIconRepositoryAndTags()
    {
        var metadata = Nuspec();

        var license = Element(metadata, "license");
        Assert.Equal("expression", license.Attribute("type")?.Value);
        Assert.Equal("MIT", license.Value);
        Assert.Equal("README.md", Element(metadata, "readme").Value);
        Assert.Equal("icon.png", Element(metadata, "icon").Value);
        Assert.False(string.IsNullOrWhiteSpace(Element(metadata, "description").Value));
        var repository = Element(metadata, "repository");
        Assert.Equal("git", repository.Attribute("type")?.Value);
        Assert.StartsWith("https://", repository.Attribute("url")?.Value);
        var tags = Element(metadata, "tags").Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(new[] { "cors", "aspnetcore", "roslyn", "analyzers", "security" }, tag => Assert.Contains(tag, tags));
    }

    [Fact]
    public void Icon_IsA128PixelPng()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestEnvironment.ExtractedPackageDirectory, "icon.png"));

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8));
        // IHDR: width and height, big-endian, at offsets 16 and 20.
        Assert.Equal(128, ReadBigEndian(bytes, 16));
        Assert.Equal(128, ReadBigEndian(bytes, 20));
    }

    [Fact]
    public void PackedPresets_AreTheRepositoryPresets()
    {
        foreach (var mode in Modes)
        {
            var packed = File.ReadAllText(Path.Combine(TestEnvironment.ExtractedPackageDirectory, "build", "config", mode + ".globalconfig"));
            var source = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "src", "CorsAnalyzers.Package", "build", "config", mode + ".globalconfig"));
            Assert.Equal(source, packed);
        }
    }

    [Fact]
    public void PackedReadme_IsTheRepositoryReadme_WithAbsoluteLinks()
    {
        var packed = File.ReadAllText(Path.Combine(TestEnvironment.ExtractedPackageDirectory, "README.md"));
        var source = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));

        // the NuGet gallery shows the readme outside the repository: a relative link there is a dead link.
        Assert.DoesNotMatch(@"\]\((?!https?:|#|mailto:)[^)]+\)", packed);
        Assert.Matches(@"\]\(https://[^)]+/docs/rules/CORS001\.md\)", packed);
        var linkBase = System.Text.RegularExpressions.Regex.Match(packed, @"\]\((https://[^)]+/)docs/rules/CORS001\.md\)").Groups[1].Value;
        Assert.Equal(source.TrimEnd(), packed.Replace("](" + linkBase, "](", StringComparison.Ordinal).TrimEnd());
    }

    [Theory]
    [InlineData("CorsAnalyzers.dll")]
    [InlineData("CorsAnalyzers.CodeFixes.dll")]
    public void PackedAssembly_ReferencesNoRoslynNewerThanTheFloor(string fileName)
    {
        using var stream = File.OpenRead(TestEnvironment.PackedAssembly(fileName));
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();

        var roslynReferences = reader.AssemblyReferences
            .Select(h => reader.GetAssemblyReference(h))
            .Select(r => (Name: reader.GetString(r.Name), r.Version))
            .Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(roslynReferences, r => r.Name == "Microsoft.CodeAnalysis");
        Assert.All(roslynReferences, r => Assert.True(
            r.Version <= TestEnvironment.RoslynFloorVersion,
            $"{fileName} references {r.Name} {r.Version}, newer than the supported floor {TestEnvironment.RoslynFloorVersion}"));
    }

    [Fact]
    public void PackedAssemblies_AreNetStandard20()
    {
        foreach (var fileName in AnalyzerAssemblies)
        {
            using var stream = File.OpenRead(TestEnvironment.PackedAssembly(fileName));
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();

            Assert.Contains("netstandard", references);
            Assert.DoesNotContain("System.Runtime", references);
        }
    }

    private static IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(TestEnvironment.PackagePath);
        return zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();
    }

    private static XElement Nuspec()
    {
        using var zip = ZipFile.OpenRead(TestEnvironment.PackagePath);
        var entry = Assert.Single(zip.Entries, e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        var document = XDocument.Load(stream);
        return document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private static XElement Element(XElement parent, string localName) =>
        Assert.Single(parent.Elements(), e => e.Name.LocalName == localName);

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
