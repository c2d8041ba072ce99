using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// Reference sets with the real HTTP client libraries (the packages the test project downloads at restore:
/// PackageDownload, versions in its ClientLibraryVersions metadata): RestSharp, Flurl.Http, Refit on ASP.NET Core 8 and
/// 10, Blazor WebAssembly (net10.0 only) on ASP.NET Core 10.
/// </summary>
public static class ClientLibraryReferences
{
    public static ReferenceAssemblies RestSharp { get; } = ReferenceAssemblies.AspNetCore.With("RestSharp", () => Load(
        ("RestSharp", "lib/net8.0/RestSharp.dll")));

    public static ReferenceAssemblies Flurl { get; } = ReferenceAssemblies.AspNetCore.With("Flurl", () => Load(
        ("Flurl.Http", "lib/net6.0/Flurl.Http.dll"),
        ("Flurl", "lib/netstandard2.0/Flurl.dll")));

    public static ReferenceAssemblies Refit { get; } = ReferenceAssemblies.AspNetCore.With("Refit", () => Load(
        ("Refit", "lib/net8.0/Refit.dll")));

    /// <summary>Refit with Refit.HttpClientFactory (<c>AddRefitClient</c>; built against Microsoft.Extensions.Http 10).</summary>
    public static ReferenceAssemblies RefitHttpClientFactory { get; } = ReferenceAssemblies.AspNetCore10.With("RefitHttpClientFactory", () => Load(
        ("Refit", "lib/net8.0/Refit.dll"),
        ("Refit.HttpClientFactory", "lib/net8.0/Refit.HttpClientFactory.dll")));

    /// <summary>RestSharp, Flurl.Http and Refit in one project (ASP.NET Core 10).</summary>
    public static ReferenceAssemblies AllClients { get; } = ReferenceAssemblies.AspNetCore10.With("AllClients", () => Load(
        ("RestSharp", "lib/net8.0/RestSharp.dll"),
        ("Flurl.Http", "lib/net6.0/Flurl.Http.dll"),
        ("Flurl", "lib/netstandard2.0/Flurl.dll"),
        ("Refit", "lib/net8.0/Refit.dll")));

    /// <summary>Everything samples/CorsClientLibraries references: RestSharp, Flurl.Http, Refit and Blazor WebAssembly (ASP.NET Core 10).</summary>
    public static ReferenceAssemblies ClientLibrariesSample { get; } = ReferenceAssemblies.AspNetCore10.With("ClientLibrariesSample", () => Load(
        ("RestSharp", "lib/net8.0/RestSharp.dll"),
        ("Flurl.Http", "lib/net6.0/Flurl.Http.dll"),
        ("Flurl", "lib/netstandard2.0/Flurl.dll"),
        ("Refit", "lib/net8.0/Refit.dll"),
        ("Microsoft.AspNetCore.Components.WebAssembly", "lib/net10.0/Microsoft.AspNetCore.Components.WebAssembly.dll")));

    public static ReferenceAssemblies BlazorWebAssembly { get; } = ReferenceAssemblies.AspNetCore10.With("BlazorWebAssembly", () => Load(
        ("Microsoft.AspNetCore.Components.WebAssembly", "lib/net10.0/Microsoft.AspNetCore.Components.WebAssembly.dll")));

    private static ImmutableArray<MetadataReference> Load(params (string Package, string Path)[] assemblies)
    {
        var builder = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var (package, path) in assemblies)
        {
            var file = System.IO.Path.Combine(
                TestAssemblyMetadata.NuGetPackageRoot,
                package.ToLowerInvariant(),
                TestAssemblyMetadata.ClientLibraryVersion(package),
                path);
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"'{file}' does not exist: restore the test project (PackageDownload).");
            }

            builder.Add(MetadataReference.CreateFromFile(file));
        }

        return builder.ToImmutable();
    }
}
