using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace CorsAnalyzers.RuntimeTests.Differential;

/// <summary>
/// Issue 24, part 1: the policy model against the real runtime. <see cref="PolicyProgramGenerator"/> writes one class
/// with many policy methods; the product's CorsAnalyzer (every rule on, as warnings) analyzes it once, the compiled class
/// runs on the installed ASP.NET Core for every value of each method's conditions, and
/// <see cref="PolicyComparison"/> says where the two disagree. The seed is fixed per run and printed:
/// <c>CORS_RUNTIME_SEED=n</c> explores another one, <c>CORS_RUNTIME_POLICIES=n</c> generates more.
/// </summary>
public class PolicyModelDifferentialTests
{
    private const int DefaultSeed = 24;
    private const int DefaultCount = 1200;

    private readonly ITestOutputHelper _output;

    public PolicyModelDifferentialTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task GeneratedPolicies_AnalyzerAgreesWithRuntime()
    {
        var seed = Setting("CORS_RUNTIME_SEED", DefaultSeed);
        var count = Setting("CORS_RUNTIME_POLICIES", DefaultCount);
        var stopwatch = Stopwatch.StartNew();
        var (source, markerSource, policies) = PolicyProgramGenerator.Generate(seed, count);

        // (a) Compiled as C# and analyzed with every rule on.
        var analyzer = new CorsAnalyzer();
        var project = WebProject.Create(new[] { ("GeneratedPolicies.cs", source) }, raiseToWarning: new[] { analyzer }, assemblyName: "GeneratedPolicies" + seed);
        var compilation = (await project.GetCompilationAsync())!;
        var exceptions = new List<string>();
        var diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions, (e, a, d) => exceptions.Add(e.ToString()), concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var program = WebProject.Compile(compilation);
        Assert.True(program.Errors.IsEmpty, "The generated policies do not compile:\n" + string.Join("\n", program.Errors.Take(10)));
        var markers = WebProject.Compile(compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("GeneratedPolicies.cs", StringComparison.Ordinal)),
            Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(markerSource, (Microsoft.CodeAnalysis.CSharp.CSharpParseOptions)compilation.SyntaxTrees.First().Options)).WithAssemblyName("GeneratedMarkers" + seed));
        Assert.True(markers.Errors.IsEmpty, "The marker copy does not compile:\n" + string.Join("\n", markers.Errors.Take(10)));
        var analyzed = stopwatch.Elapsed;

        // (b) Executed against the real runtime, then compared.
        var context = new System.Runtime.Loader.AssemblyLoadContext("generated policies " + seed, isCollectible: true);
        var comparison = new PolicyComparison();
        try
        {
            var type = context.LoadFromStream(new MemoryStream(program.Image)).GetType(PolicyProgramGenerator.ClassName)!;
            var markerType = context.LoadFromStream(new MemoryStream(markers.Image)).GetType(PolicyProgramGenerator.ClassName)!;
            foreach (var policy in policies)
            {
                var inPolicy = diagnostics.Where(d => d.Location.SourceSpan.Start >= policy.Start && d.Location.SourceSpan.Start < policy.End).ToList();
                comparison.Compare(policy, PolicyRuntime.Run(type, markerType, policy), inPolicy);
            }
        }
        finally
        {
            context.Unload();
        }

        foreach (var disagreement in comparison.Disagreements.Take(30))
        {
            _output.WriteLine(disagreement);
        }

        foreach (var disagreement in comparison.Disagreements.Skip(30))
        {
            _output.WriteLine(disagreement.Split('\n')[0]);
        }

        var summary = $"{comparison.Policies} generated policies compared, {comparison.Disagreements.Count} disagreements " +
            $"(seed {seed}: set CORS_RUNTIME_SEED to explore another; " +
            $"runtime positives: {string.Join(", ", comparison.Positives.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value))}; " +
            $"{comparison.Literals} WithOrigins literals compared for CORS004/CORS005, {comparison.ClearedLiterals + comparison.MixedWildcardLiterals + comparison.LoneStarLiterals} not (the rules' stated limits: " +
            $"{comparison.ClearedLiterals} cleared or overridden on a path where they run, {comparison.MixedWildcardLiterals} wildcards in policies whose paths do not all build with the same origin check, " +
            $"{comparison.LoneStarLiterals} lone \"*\" made dead by a later WithOrigins); " +
            $"CORS009 not compared on {comparison.Cors009NotCompared} policies whose credentials differ by path; " +
            $"ASP.NET Core {RuntimeEnvironment.AspNetCoreRuntimeVersion}; analyzed in {analyzed.TotalSeconds:0.0} s, total {stopwatch.Elapsed.TotalSeconds:0.0} s)";
        _output.WriteLine(summary);
        Console.WriteLine("PolicyModelDifferential: " + summary);

        Assert.True(comparison.Policies >= Math.Min(count, 1000), summary);
        Assert.True(comparison.Disagreements.Count == 0, summary + "\n\n" + string.Join("\n", comparison.Disagreements.Take(10)));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
