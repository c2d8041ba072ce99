using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Projects that reference only part of ASP.NET Core (a class library with a few packages, a broken restore) give
/// the analyzers some CORS types without the others, and two versions of it make every framework type ambiguous:
/// the corpus, analyzed with each ASP.NET Core reference assembly left out in turn, with only
/// Microsoft.AspNetCore.Cors kept, and with ASP.NET Core 8 and 10 both referenced, must not make any analyzer or
/// fix throw.
/// </summary>
public class MissingOrDuplicateReferenceTests
{
    private const string CorsAssembly = "Microsoft.AspNetCore.Cors";

    private readonly ITestOutputHelper _output;

    public MissingOrDuplicateReferenceTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Corpus_WithAspNetCoreAssembliesMissingOrTwice_DoesNotBreakAnalyzersOrFixes()
    {
        var run = new RobustnessRun(maxFixesPerRule: 10);
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, RobustnessCorpus.CorpusFiles, analyzers: run.Analyzers);
        var all = project.MetadataReferences.ToImmutableArray();
        var aspNetCore = all.Where(IsAspNetCore).ToImmutableArray();
        Assert.Contains(aspNetCore, r => Name(r) == CorsAssembly);

        var variants = aspNetCore
            .Select(missing => ($"without {Name(missing)}", project.WithMetadataReferences(all.Remove(missing))))
            .Append(($"with only {CorsAssembly} of ASP.NET Core", project.WithMetadataReferences(all.Where(r => !IsAspNetCore(r) || Name(r) == CorsAssembly))))
            .Append(("with ASP.NET Core 8 and 10", project.WithMetadataReferences(all.Concat(ReferenceSet.AspNetCore8.References.Where(IsAspNetCore)))));

        await run.RunAsync(variants);

        _output.WriteLine($"{aspNetCore.Length} ASP.NET Core reference assemblies, each left out once");
        run.Report(_output);
        run.AssertNoFailures();
    }

    // The pack's folder: microsoft.aspnetcore.app.ref/<version>/ in the NuGet cache, Microsoft.AspNetCore.App.Ref.<version>/
    // where the testing library extracts it.
    private static bool IsAspNetCore(MetadataReference reference) =>
        reference.Display is { } path && path.Contains("microsoft.aspnetcore.app.ref", StringComparison.OrdinalIgnoreCase);

    private static string Name(MetadataReference reference) => Path.GetFileNameWithoutExtension(reference.Display ?? string.Empty);
}
