using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// Usage: Inproc <generated project dir> [repetitions=5] [--sonar] [--probe] [--each-rule]
var directory = args.Length > 0 ? args[0] : throw new ArgumentException("usage: Inproc <project dir> [repetitions] [--sonar]");
var repetitions = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 5;
var withSonar = args.Contains("--sonar");
// --probe: a no-op analyzer with the same kinds of actions instead of ours (what Roslyn itself costs per callback).
var probe = args.Contains("--probe");
// --each-rule: also run each rule alone (CorsAnalyzer's internal constructor, as the tests do): where the time goes.
var eachRule = args.Contains("--each-rule");

string Metadata(string key) => typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
var packages = Metadata("NuGetPackageRoot");
var version = Metadata("AspNetCoreRefVersion");
var major = version.Split('.')[0];
var references = Directory.GetFiles(Path.Combine(packages, "microsoft.netcore.app.ref", version, "ref", $"net{major}.0"), "*.dll")
    .Concat(Directory.GetFiles(Path.Combine(packages, "microsoft.aspnetcore.app.ref", version, "ref", $"net{major}.0"), "*.dll"))
    .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
    .ToList();

var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
var usings = string.Join("\n", new[]
{
    "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json", "System.Threading",
    "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
    "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
    "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
}.Select(u => $"global using global::{u};"));
var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(usings, parseOptions, path: "GlobalUsings.g.cs") };
foreach (var file in Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories))
{
    if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
    {
        continue;
    }

    trees.Add(CSharpSyntaxTree.ParseText(File.ReadAllText(file), parseOptions, path: file));
}

// The project's appsettings*.json, as the package's build/CorsAnalyzers.targets gives them to the compiler.
var appSettings = Directory.GetFiles(directory, "appsettings*.json")
    .Select(path => (AdditionalText)new FileText(path))
    .ToImmutableArray();
Console.WriteLine($"{appSettings.Length} appsettings file(s) as additional files");

var compilation = CSharpCompilation.Create(
    "BenchApp",
    trees,
    references,
    new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
Console.WriteLine($"{trees.Count} files, {errors.Count} compile errors{(errors.Count > 0 ? ": " + errors[0] : string.Empty)}");

var ours = typeof(CorsAnalyzers.RuleIdentifiers).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
    .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
    .ToList();
if (probe)
{
    ours = new List<DiagnosticAnalyzer> { new ProbeAnalyzer() };
}
else if (eachRule)
{
    // Each rule alone, named by the rule's class. Their sum is more than the whole analyzer (shared work is counted
    // in every rule that needs it); the whole analyzer is measured alongside.
    var analyzerType = typeof(CorsAnalyzers.CorsAnalyzer);
    var rules = (IEnumerable<CorsAnalyzers.Cors.CorsRule>)analyzerType
        .GetProperty("AllRules", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
    var constructor = analyzerType.GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, new[] { typeof(ImmutableArray<CorsAnalyzers.Cors.CorsRule>) })!;
    foreach (var rule in rules)
    {
        ours.Add(new RuleAlone(rule.GetType().Name, (DiagnosticAnalyzer)constructor.Invoke(new object[] { ImmutableArray.Create(rule) })));
    }
}

var analyzers = new List<DiagnosticAnalyzer>(ours);
if (withSonar)
{
    var sonarPath = Directory.GetFiles(Path.Combine(packages, "sonaranalyzer.csharp"), "SonarAnalyzer.CSharp.dll", SearchOption.AllDirectories).First();
    var reference = new AnalyzerFileReference(sonarPath, new Loader());
    analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp).Where(a => a.SupportedDiagnostics.Any(d => d.Id == "S5122")));
}

// Every diagnostic on, so disabled-by-default rules are measured too.
var options = compilation.Options.WithSpecificDiagnosticOptions(
    analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().ToDictionary(id => id, _ => ReportDiagnostic.Warn));
compilation = compilation.WithOptions(options);

var best = new Dictionary<string, double>();
var counts = new Dictionary<string, int>();
for (var i = 0; i < repetitions; i++)
{
    // A fresh compilation each time, so nothing is cached between repetitions.
    var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(trees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), parseOptions, t.FilePath)));
    fresh.GetDiagnostics();
    var withAnalyzers = fresh.WithAnalyzers(
        analyzers.ToImmutableArray(),
        new CompilationWithAnalyzersOptions(new AnalyzerOptions(appSettings), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    var stopwatch = Stopwatch.StartNew();
    var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
    stopwatch.Stop();
    foreach (var analyzer in analyzers)
    {
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        var name = (analyzer is RuleAlone alone ? alone.Name : analyzer.GetType().Name) + " (" + string.Join(",", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().Take(3)) + ")";
        var ms = telemetry.ExecutionTime.TotalMilliseconds;
        best[name] = best.TryGetValue(name, out var previous) ? Math.Min(previous, ms) : ms;
    }

    foreach (var group in diagnostics.GroupBy(d => d.Id))
    {
        counts[group.Key] = group.Count();
    }

    var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024.0);
    Console.WriteLine($"repetition {i + 1}: {stopwatch.ElapsedMilliseconds} ms for all analyzers, {allocated:F1} MB allocated (includes Roslyn's operation trees)");
}

var ourNames = new HashSet<string>(ours.Where(a => a is not RuleAlone).Select(a => a.GetType().Name));
Console.WriteLine();
Console.WriteLine("best of repetitions, ms, single-threaded:");
foreach (var (name, ms) in best.OrderByDescending(p => p.Value))
{
    Console.WriteLine($"  {ms,9:F1}  {name}");
}

Console.WriteLine($"  {best.Where(p => ourNames.Contains(p.Key.Split(' ')[0])).Sum(p => p.Value),9:F1}  total CorsAnalyzers");
Console.WriteLine("diagnostics: " + string.Join(" ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));

sealed class FileText(string path) : AdditionalText
{
    public override string Path { get; } = path;

    public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
        Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(Path));
}

sealed class Loader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath)
    {
    }

    public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
}

// A benchmark-only analyzer, never shipped: the packaging rules for analyzer assemblies do not apply.
#pragma warning disable RS1001, RS1025, RS1026, RS1036, RS1038, RS1041, RS2008

/// <summary>Registers the kinds of actions CorsAnalyzer registers, and does nothing in them.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
sealed class ProbeAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = new("PROBE", "probe", "probe", "probe", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationAction(
                c => { if (c.Operation.Kind == OperationKind.None) c.ReportDiagnostic(Diagnostic.Create(Rule, null)); },
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.DelegateCreation, OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment, OperationKind.CoalesceAssignment, OperationKind.TypeOf, OperationKind.AnonymousFunction,
                OperationKind.LocalFunction);
            start.RegisterSymbolAction(c => { if (c.Symbol.Name.Length == 0) c.ReportDiagnostic(Diagnostic.Create(Rule, null)); }, SymbolKind.NamedType);
            start.RegisterCompilationEndAction(_ => { });
        });
    }
}

/// <summary>One rule run alone under the rule's name (Roslyn's telemetry is per analyzer instance); configured by CorsAnalyzer.</summary>
sealed class RuleAlone : DiagnosticAnalyzer
{
    private readonly DiagnosticAnalyzer _inner;

    public RuleAlone(string name, DiagnosticAnalyzer inner)
    {
        Name = name;
        _inner = inner;
    }

    public string Name { get; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => _inner.Initialize(context);
}
