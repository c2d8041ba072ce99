using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Diagnostics;

namespace CorsAnalyzers.CompatTests;

/// <summary>
/// The precompiled (ReadyToRun) copy of the analyzer in the package (readytorun/net10.0/linux-x64, chosen by
/// build/CorsAnalyzers.targets): every package has it, since the pack fails where it cannot be made (elsewhere than on
/// linux-x64) unless told to leave it out, and it is the same assembly as the IL one. Its native code is made against
/// Roslyn 5.0 and only used by a compiler at least that new (the .NET 10 SDK's), not by this Roslyn 4.5 host:
/// tests/consumer/run.sh checks, with the SDK's compiler, that builds pick the copy, report the expected diagnostics
/// with it, and compile (almost) none of our methods from IL.
/// </summary>
public sealed class ReadyToRunTests
{
    private const string EntryPath = "readytorun/net10.0/linux-x64/CorsAnalyzers.dll";

    // IMAGE_FILE_MACHINE_AMD64 xor the Linux marker crossgen2 writes for linux-x64 images.
    private const Machine LinuxX64 = (Machine)(0x8664 ^ 0x7B79);

    private static string ReadyToRunPath => Path.Combine(TestEnvironment.ExtractedPackageDirectory, "readytorun", "net10.0", "linux-x64", "CorsAnalyzers.dll");

    [Fact]
    public void Package_HasTheCopyAndItsTargets()
    {
        using var zip = ZipFile.OpenRead(TestEnvironment.PackagePath);
        var entries = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToList();

        Assert.Contains("build/CorsAnalyzers.targets", entries);
        Assert.Contains("buildTransitive/CorsAnalyzers.targets", entries);
        Assert.Equal(new[] { EntryPath }, entries.Where(e => e.StartsWith("readytorun/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Copy_IsTheILAssemblyWithLinuxX64NativeCode()
    {
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
    /// Packing elsewhere than on linux-x64 fails instead of producing a package of the same version without the copy;
    /// -p:CorsPackReadyToRun=false packs without it on purpose. (The machine is pretended through the property the
    /// pack reads it from.)
    /// </summary>
    [Fact]
    public async Task Pack_ElsewhereThanLinuxX64_FailsUnlessTheCopyIsTurnedOff()
    {
        var output = Directory.CreateTempSubdirectory("cors-pack-").FullName;
        try
        {
            var (failed, log) = await PackAsync(output, "-p:_CorsPackHostRuntimeIdentifier=osx-arm64");
            Assert.True(failed, "The pack succeeded on a pretended osx-arm64 machine." + Environment.NewLine + log);
            Assert.Contains("-p:CorsPackReadyToRun=false", log);

            (failed, log) = await PackAsync(output, "-p:_CorsPackHostRuntimeIdentifier=osx-arm64", "-p:CorsPackReadyToRun=false");
            Assert.False(failed, log);
            using var zip = ZipFile.OpenRead(Path.Combine(output, $"CorsAnalyzers.{TestEnvironment.PackageVersion}.nupkg"));
            Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("readytorun/", StringComparison.Ordinal));
            Assert.Contains(zip.Entries, e => e.FullName.Replace('\\', '/') == "analyzers/dotnet/cs/CorsAnalyzers.dll");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(bool Failed, string Log)> PackAsync(string output, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "pack", Path.Combine(TestEnvironment.RepositoryRoot, "src", "CorsAnalyzers.Package"), "-c", "Release", "--no-restore", "-nologo", "-o", output }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode != 0, await stdout + await stderr);
    }
}
