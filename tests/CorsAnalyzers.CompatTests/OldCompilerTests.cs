using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.CompatTests;

/// <summary>
/// The packed DLLs in the oldest compiler README promises (Roslyn 4.5: .NET 7 SDK, VS 2022 17.5), hosted here the way
/// a compiler hosts analyzers: AnalyzerFileReference + an analyzer assembly loader. The consumer end-to-end test
/// (tests/consumer/run.sh) covers today's SDK compiler.
/// </summary>
public sealed class OldCompilerTests
{
    private const string ProgramPath = "/consumer/Program.cs";

    // What the Web SDK's implicit usings add to a `dotnet new web` project.
    private const string WebSdkGlobalUsings = """
        global using global::Microsoft.AspNetCore.Builder;
        global using global::Microsoft.AspNetCore.Hosting;
        global using global::Microsoft.AspNetCore.Http;
        global using global::Microsoft.AspNetCore.Routing;
        global using global::Microsoft.Extensions.Configuration;
        global using global::Microsoft.Extensions.DependencyInjection;
        global using global::Microsoft.Extensions.Hosting;
        global using global::Microsoft.Extensions.Logging;
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Net.Http.Json;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private const string ProbeAnalyzerSource = """
        using System.Collections.Immutable;
        using Microsoft.CodeAnalysis;
        using Microsoft.CodeAnalysis.Diagnostics;

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class ProbeAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule =
                new DiagnosticDescriptor("PROBE001", "Probe", "Probe ran", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.EnableConcurrentExecution();
                context.RegisterCompilationAction(c => c.ReportDiagnostic(Diagnostic.Create(Rule, Location.None)));
            }
        }
        """;

    public static TheoryData<string, string> CasesOnAspNetCoreVersions()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in ConsumerCases.RunnableCaseNames())
        {
            foreach (var version in ConsumerCases.Load(name).AspNetCoreVersions)
            {
                data.Add(name, version);
            }
        }

        return data;
    }

    public static TheoryData<string> CasesWithFixableExpectations()
    {
        var data = new TheoryData<string>();
        foreach (var name in ConsumerCases.RunnableCaseNames())
        {
            if (ConsumerCases.Load(name).Expected.Any(e => !e.NoFix && ConsumerCases.FixableRules.Contains(e.Id)))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void Host_IsTheRoslynFloor()
    {
        // If the host were a newer Roslyn, every test here would prove nothing about old compilers.
        Assert.Equal(TestEnvironment.RoslynFloorVersion, typeof(CSharpCompilation).Assembly.GetName().Version);
        Assert.Equal(TestEnvironment.RoslynFloorVersion, typeof(CodeFixProvider).Assembly.GetName().Version);
    }

    [Fact]
    public void PackedAnalyzers_LoadWithoutFailure_AndCoverEveryImplementedRule()
    {
        var (analyzers, failures) = LoadPackedAnalyzers(new IsolatedAnalyzerLoader());

        Assert.Empty(failures);
        var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        // Rules are classes registered by the one CorsAnalyzer: look for the rule class in the packed assembly.
        var types = analyzers.Select(a => a.GetType().Assembly).Distinct()
            .SelectMany(a => a.GetTypes()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(ConsumerCases.ImplementedRules);
        Assert.All(ConsumerCases.ImplementedRules, rule =>
        {
            Assert.Contains(rule.Key, ids);
            Assert.Contains(rule.Value, types);
        });
    }

    [Fact]
    public void PackedCodeFixes_LoadInTheOldWorkspaces_ForEveryImplementedFixableRule()
    {
        var loader = new IsolatedAnalyzerLoader();
        LoadPackedAnalyzers(loader);
        var fixers = LoadPackedFixers(loader);

        var fixableIds = fixers.SelectMany(f => f.FixableDiagnosticIds).ToHashSet(StringComparer.Ordinal);
        Assert.All(fixers, f => Assert.NotNull(f.GetFixAllProvider()));
        var expected = ConsumerCases.ImplementedRules.Keys.Where(ConsumerCases.FixableRules.Contains).ToList();
        Assert.All(expected, id => Assert.Contains(id, fixableIds));
    }

    [Theory]
    [MemberData(nameof(CasesOnAspNetCoreVersions))]
    public async Task Case_ReportsTheExpectedDiagnostics(string caseName, string aspNetCoreVersion)
    {
        var @case = ConsumerCases.Load(caseName);
        var (analyzers, failures) = LoadPackedAnalyzers(new IsolatedAnalyzerLoader());
        Assert.Empty(failures);

        var compilation = CreateCompilation(@case, aspNetCoreVersion);
        var diagnostics = await AnalyzeAsync(compilation, analyzers, @case);

        // Program.cs, and the appsettings files given as additional files (diagnostics located in them, Roslyn 4.5 too).
        var expected = @case.Expected.Select(e => $"{e.File} {e.Line} {e.Id}").Distinct().OrderBy(s => s, StringComparer.Ordinal);
        var actual = diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id.StartsWith("CORS", StringComparison.Ordinal))
            .Select(d => d.Location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile && d.Location.GetLineSpan().Path.StartsWith("/consumer/", StringComparison.Ordinal)
                ? $"{System.IO.Path.GetFileName(d.Location.GetLineSpan().Path)} {d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.Id}"
                : $"? 0 {d.Id}")
            .Distinct()
            .OrderBy(s => s, StringComparer.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(CasesWithFixableExpectations))]
    public async Task Case_EachFixAppliesInTheOldWorkspaces(string caseName)
    {
        var @case = ConsumerCases.Load(caseName);
        var loader = new IsolatedAnalyzerLoader();
        var (analyzers, _) = LoadPackedAnalyzers(loader);
        var fixers = LoadPackedFixers(loader);
        var version = @case.AspNetCoreVersions[^1];

        using var workspace = new AdhocWorkspace();
        var template = CreateCompilation(@case, version);
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Consumer", "Consumer", LanguageNames.CSharp,
                compilationOptions: template.Options,
                parseOptions: (CSharpParseOptions)template.SyntaxTrees[0].Options,
                metadataReferences: template.References))
            .AddDocument(DocumentId.CreateNewId(projectId), "GlobalUsings.g.cs", SourceText.From(WebSdkGlobalUsings), filePath: "/consumer/GlobalUsings.g.cs")
            .AddDocument(DocumentId.CreateNewId(projectId), "Program.cs", SourceText.From(@case.Text), filePath: ProgramPath)
            // A workspace takes severities from .editorconfig documents, as the IDE does, not from the options.
            .AddAnalyzerConfigDocument(
                DocumentId.CreateNewId(projectId),
                ".editorconfig",
                SourceText.From("root = true\n[*.cs]\n" + string.Join("\n", @case.EditorConfig) + "\n"),
                filePath: "/consumer/.editorconfig");
        var document = solution.GetProject(projectId)!.Documents.Single(d => d.FilePath == ProgramPath);
        var before = await AnalyzeAsync((await document.Project.GetCompilationAsync())!, analyzers, @case);

        foreach (var expectation in @case.Expected.Where(e => !e.NoFix && ConsumerCases.FixableRules.Contains(e.Id)))
        {
            var diagnostic = Assert.Single(before, d => d.Id == expectation.Id && d.Location.IsInSource && d.Location.GetLineSpan().StartLinePosition.Line + 1 == expectation.Line);
            var actions = new List<CodeAction>();
            foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(expectation.Id)))
            {
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            }

            Assert.True(actions.Count > 0, $"no code fix offered for {expectation.Id} on line {expectation.Line}");
            var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            var changed = Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
            var fixedCompilation = (await changed.GetProject(projectId)!.GetCompilationAsync())!;
            Assert.Empty(fixedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var after = await AnalyzeAsync(fixedCompilation, analyzers, @case);
            Assert.True(
                after.Count(d => d.Id == expectation.Id) < before.Count(d => d.Id == expectation.Id),
                $"the fix '{actions[0].Title}' ({actions[0].EquivalenceKey}) left every {expectation.Id} in place");
        }
    }

    [Fact]
    public void AnalyzerBuiltAgainstNewerRoslyn_IsRefusedByTheOldCompiler()
    {
        var newer = Path.Combine(TestEnvironment.NuGetPackageRoot, "microsoft.codeanalysis.common", TestEnvironment.RoslynNewerVersion, "lib", "netstandard2.0", "Microsoft.CodeAnalysis.dll");
        var path = EmitProbeAnalyzer("ProbeAnalyzerNewer", MetadataReference.CreateFromFile(newer));
        var reference = new AnalyzerFileReference(path, new IsolatedAnalyzerLoader());
        var failures = new List<AnalyzerLoadFailureEventArgs>();
        reference.AnalyzerLoadFailed += (_, e) => failures.Add(e);

        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);

        Assert.Empty(analyzers);
        var failure = Assert.Single(failures);
        Assert.Equal(AnalyzerLoadFailureEventArgs.FailureErrorCode.ReferencesNewerCompiler, failure.ErrorCode);
    }

    [Fact]
    public async Task AnalyzerBuiltAgainstTheFloor_LoadsAndRuns()
    {
        // The control for the test above: the same analyzer built against the host's Roslyn loads and reports.
        var path = EmitProbeAnalyzer("ProbeAnalyzerFloor", MetadataReference.CreateFromFile(typeof(DiagnosticAnalyzer).Assembly.Location));
        var reference = new AnalyzerFileReference(path, new IsolatedAnalyzerLoader());
        var failures = new List<AnalyzerLoadFailureEventArgs>();
        reference.AnalyzerLoadFailed += (_, e) => failures.Add(e);

        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);

        Assert.Empty(failures);
        var compilation = CSharpCompilation.Create("Probe", new[] { CSharpSyntaxTree.ParseText("class C { }") }, PlatformReferences(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.Contains(diagnostics, d => d.Id == "PROBE001");
    }

    private static (ImmutableArray<DiagnosticAnalyzer> Analyzers, List<AnalyzerLoadFailureEventArgs> Failures) LoadPackedAnalyzers(IsolatedAnalyzerLoader loader)
    {
        var failures = new List<AnalyzerLoadFailureEventArgs>();
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var file in new[] { "CorsAnalyzers.dll", "CorsAnalyzers.CodeFixes.dll" })
        {
            var path = TestEnvironment.PackedAssembly(file);
            Assert.True(File.Exists(path), $"{path} is not in the package");
            loader.AddDependencyLocation(path);
            var reference = new AnalyzerFileReference(path, loader);
            reference.AnalyzerLoadFailed += (_, e) => failures.Add(e);
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }

        return (analyzers.ToImmutable(), failures);
    }

    private static IReadOnlyList<CodeFixProvider> LoadPackedFixers(IsolatedAnalyzerLoader loader)
    {
        var assembly = loader.LoadFromPath(TestEnvironment.PackedAssembly("CorsAnalyzers.CodeFixes.dll"));
        return assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .ToList();
    }

    private static CSharpCompilation CreateCompilation(ConsumerCases.Case @case, string aspNetCoreVersion)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var severities = new Dictionary<string, ReportDiagnostic>(StringComparer.Ordinal);
        foreach (var (key, value) in EditorConfigEntries(@case))
        {
            var parts = key.Split('.');
            if (parts.Length == 3 && parts[0] == "dotnet_diagnostic" && parts[2] == "severity")
            {
                severities[parts[1]] = value switch
                {
                    "error" => ReportDiagnostic.Error,
                    "warning" => ReportDiagnostic.Warn,
                    "suggestion" => ReportDiagnostic.Info,
                    "silent" => ReportDiagnostic.Hidden,
                    "none" => ReportDiagnostic.Suppress,
                    _ => ReportDiagnostic.Default,
                };
            }
        }

        var compilation = CSharpCompilation.Create(
            "Consumer",
            new[]
            {
                CSharpSyntaxTree.ParseText(WebSdkGlobalUsings, parseOptions, "/consumer/GlobalUsings.g.cs"),
                CSharpSyntaxTree.ParseText(@case.Text, parseOptions, ProgramPath),
            },
            TestEnvironment.AspNetCoreReferences(aspNetCoreVersion).Concat(TestEnvironment.PackageReferences(@case.Packages, aspNetCoreVersion)),
            new CSharpCompilationOptions(
                OutputKind.ConsoleApplication,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: severities));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{@case.Name} does not compile with Roslyn {TestEnvironment.RoslynFloorVersion} and ASP.NET Core {aspNetCoreVersion}: {string.Join("; ", errors)}");
        return compilation;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, ConsumerCases.Case @case)
    {
        var exceptions = new List<string>();
        var options = new AnalyzerOptions(
            @case.AppSettings.Select(file => (AdditionalText)new InMemoryText("/consumer/" + file.Name, file.Text)).ToImmutableArray(),
            new DictionaryOptionsProvider(EditorConfigEntries(@case).Where(e => !e.Key.StartsWith("dotnet_diagnostic.", StringComparison.Ordinal))));
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                options,
                (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception}"); } },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    private static IEnumerable<KeyValuePair<string, string>> EditorConfigEntries(ConsumerCases.Case @case)
    {
        foreach (var line in @case.EditorConfig)
        {
            var separator = line.IndexOf('=');
            if (separator > 0)
            {
                yield return new(line[..separator].Trim(), line[(separator + 1)..].Trim());
            }
        }
    }

    private static string EmitProbeAnalyzer(string assemblyName, MetadataReference roslyn)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(ProbeAnalyzerSource) },
            PlatformReferences().Append(roslyn),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var folder = Path.Combine(AppContext.BaseDirectory, "probe-analyzers", assemblyName);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, assemblyName + ".dll");
        using (var stream = File.Create(path))
        {
            var result = compilation.Emit(stream);
            Assert.True(result.Success, string.Join("; ", result.Diagnostics));
        }

        return path;
    }

    /// <summary>The running runtime's assemblies (not Roslyn): enough to compile a small analyzer or class.</summary>
    private static IEnumerable<MetadataReference> PlatformReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => MetadataReference.CreateFromFile(p));

    private sealed class DictionaryOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly DictionaryOptions _options;

        public DictionaryOptionsProvider(IEnumerable<KeyValuePair<string, string>> entries) =>
            _options = new DictionaryOptions(entries.ToImmutableDictionary(AnalyzerConfigOptions.KeyComparer));

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;
    }

    private sealed class DictionaryOptions : AnalyzerConfigOptions
    {
        private readonly ImmutableDictionary<string, string> _entries;

        public DictionaryOptions(ImmutableDictionary<string, string> entries) => _entries = entries;

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            _entries.TryGetValue(key, out value);
    }
}

/// <summary>An additional file (a case's appsettings file) as the compiler hands it to analyzers.</summary>
internal sealed class InMemoryText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
