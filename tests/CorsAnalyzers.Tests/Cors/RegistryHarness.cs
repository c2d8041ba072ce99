using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests.Cors;

// A test-only analyzer, never shipped: the packaging and release-tracking rules for analyzers do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

/// <summary>
/// Runs <see cref="CorsPolicyRegistry"/> (and so its collectors) on real sources compiled against ASP.NET Core 10, and
/// hands back the registry as the rules read it at compilation end.
/// </summary>
internal static class RegistryHarness
{
    /// <summary>The registry of an application made of <paramref name="sources"/> (top-level statements allowed).</summary>
    public static Task<CorsPolicyRegistry> CollectAsync(params string[] sources) =>
        CollectAsync(sources, ImmutableArray<MetadataReference>.Empty);

    public static async Task<CorsPolicyRegistry> CollectAsync(string[] sources, ImmutableArray<MetadataReference> extraReferences)
    {
        var parseOptions = TestProjectFactory.ParseOptions;
        var trees = sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: "/0/Test" + i + ".cs")).ToList();
        trees.Add(CSharpSyntaxTree.ParseText(TestProjectFactory.GlobalUsingsSource(ReferenceSet.AspNetCore10), parseOptions, path: "/0/GlobalUsings.g.cs"));
        var hasTopLevel = trees.Any(t => t.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create(
            "App",
            trees,
            ReferenceSet.AspNetCore10.References.AddRange(extraReferences),
            new CSharpCompilationOptions(
                hasTopLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));

        var probe = new Probe();
        var exceptions = new List<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(probe),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (exception, _, _) => exceptions.Add(exception.ToString()),
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false));
        await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        return Assert.IsType<CorsPolicyRegistry>(probe.Registry);
    }

    /// <summary>A library compiled from <paramref name="source"/>, as a metadata reference (a package's DLL).</summary>
    public static MetadataReference CompileLibrary(string assemblyName, string source)
    {
        var library = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, TestProjectFactory.ParseOptions) },
            ReferenceSet.AspNetCore10.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emit = library.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    /// <summary>"line:text" of a location (1-based line), for readable assertions.</summary>
    public static string Describe(Location location) =>
        (location.GetLineSpan().StartLinePosition.Line + 1) + ":" + location.SourceTree!.GetText().ToString(location.SourceSpan);

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Probe : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Descriptor = new("REGISTRYPROBE", "probe", "probe", "Test", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

        public CorsPolicyRegistry? Registry { get; private set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptor);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = CorsCompilationContext.TryCreate(start.Compilation, start.CancellationToken)!;
                var registry = compilation.GetRegistry(compilation.Cors!);
                compilation.RegisterCompilationEndAction(_ => Registry = registry);
                compilation.RegisterWith(start);
            });
        }
    }
}
