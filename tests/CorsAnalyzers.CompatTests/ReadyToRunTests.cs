using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;

namespace CorsAnalyzers.CompatTests;

/// <summary>
/// The precompiled (ReadyToRun) copy of the analyzer in the package (readytorun/net10.0/linux-x64, chosen by
/// build/CorsAnalyzers.targets): made when the package is packed on linux-x64 (as .ci/run does), and the same assembly
/// as the IL one. Its native code is made against Roslyn 5.0 and only used by a compiler at least that new (the .NET 10
/// SDK's), not by this Roslyn 4.5 host: tests/consumer/run.sh checks, with the SDK's compiler, that builds pick the copy,
/// report the expected diagnostics with it, and compile (almost) none of our methods from IL.
/// </summary>
public sealed class ReadyToRunTests
{
    private const string EntryPath = "readytorun/net10.0/linux-x64/CorsAnalyzers.dll";

    // IMAGE_FILE_MACHINE_AMD64 xor the Linux marker crossgen2 writes for linux-x64 images.
    private const Machine LinuxX64 = (Machine)(0x8664 ^ 0x7B79);

    private static bool PackedOnLinuxX64 => RuntimeInformation.RuntimeIdentifier == "linux-x64";

    private static string ReadyToRunPath => Path.Combine(TestEnvironment.ExtractedPackageDirectory, "readytorun", "net10.0", "linux-x64", "CorsAnalyzers.dll");

    [Fact]
    public void Package_HasTheCopyAndItsTargets_WhenPackedOnLinuxX64()
    {
        using var zip = ZipFile.OpenRead(TestEnvironment.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();

        Assert.Contains("build/CorsAnalyzers.targets", entries);
        Assert.Contains("buildTransitive/CorsAnalyzers.targets", entries);
        var copies = entries.Where(e => e.StartsWith("readytorun/", StringComparison.Ordinal)).ToList();
        if (PackedOnLinuxX64)
        {
            Assert.Equal(new[] { EntryPath }, copies);
        }
        else
        {
            Assert.True(copies.Count == 0 || copies.SequenceEqual(new[] { EntryPath }), string.Join(", ", copies));
        }
    }

    [Fact]
    public void Copy_IsTheILAssemblyWithLinuxX64NativeCode()
    {
        if (!RequireCopy())
        {
            return;
        }

        using var ilStream = File.OpenRead(TestEnvironment.PackedAssembly("CorsAnalyzers.dll"));
        using var il = new PEReader(ilStream);
        using var r2rStream = File.OpenRead(ReadyToRunPath);
        using var r2r = new PEReader(r2rStream);

        Assert.Equal(0, il.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size);
        Assert.True(r2r.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "no ReadyToRun header: not precompiled");
        Assert.Equal(LinuxX64, r2r.PEHeaders.CoffHeader.Machine);

        var ilMetadata = il.GetMetadataReader();
        var r2rMetadata = r2r.GetMetadataReader();
        Assert.Equal(ilMetadata.GetGuid(ilMetadata.GetModuleDefinition().Mvid), r2rMetadata.GetGuid(r2rMetadata.GetModuleDefinition().Mvid));
        Assert.Equal(ilMetadata.GetAssemblyDefinition().GetAssemblyName().FullName, r2rMetadata.GetAssemblyDefinition().GetAssemblyName().FullName);
        Assert.Equal(ilMetadata.GetTableRowCount(TableIndex.MethodDef), r2rMetadata.GetTableRowCount(TableIndex.MethodDef));
    }

    /// <summary>
    /// True when the copy is there to test: always on linux-x64, where the package is packed with it (.ci/run); elsewhere
    /// the package has no copy and these tests have nothing to check.
    /// </summary>
    private static bool RequireCopy()
    {
        if (!PackedOnLinuxX64)
        {
            return false;
        }

        Assert.True(File.Exists(ReadyToRunPath), $"{EntryPath} is not in the package packed on linux-x64");
        return true;
    }
}
