using System.Collections.Immutable;
using System.Reflection;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Projects without the types a rule needs must cost (almost) nothing: the analyzers register no action beyond
/// their compilation start action; and rules turned off register nothing either. Counted with Roslyn's analyzer
/// telemetry. The appsettings*.json files (additional files) are read only when some policy reads configuration, and
/// then once each.
/// </summary>
public class ZeroCostTests
{
    private const string PlainSource = """
        using System;

        namespace Plain
        {
            public class Widget
            {
                private readonly string _name = "Access-Control-Allow-Origin";

                public string Name => _name;

                public int Count(string[] items)
                {
                    var total = 0;
                    foreach (var item in items)
                    {
                        if (item.Contains("origin"))
                        {
                            total += item.Length;
                        }
                    }

                    Func<int, bool> isOdd = x => x % 2 == 1;
                    return isOdd(total) ? total : -total;
                }

                public override string ToString() => string.Concat(Name, "AllowAnyOrigin", "UseCors");
            }
        }
        """;

    private const string ConsoleSource = """
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Add("Accept", "application/json");
        var text = await client.GetStringAsync("https://example.com");
        Console.WriteLine(text.Length);

        public class Worker
        {
            public async Task<string> RunAsync(HttpClient client)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.com/a");
                request.Headers.Add("X-Id", "1");
                var response = await client.SendAsync(request);
                return await response.Content.ReadAsStringAsync();
            }
        }
        """;

    /// <summary>Every "...ActionsCount" of the telemetry except compilation start actions.</summary>
    private static readonly ImmutableArray<PropertyInfo> CountedActions = typeof(AnalyzerTelemetryInfo)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(int) && p.Name.EndsWith("ActionsCount", StringComparison.Ordinal) && p.Name != nameof(AnalyzerTelemetryInfo.CompilationStartActionsCount))
        .ToImmutableArray();

    [Fact]
    public void Telemetry_CountsTheActionKinds()
    {
        foreach (var name in new[] { "SyntaxNodeActionsCount", "OperationActionsCount", "OperationBlockActionsCount", "OperationBlockStartActionsCount", "SymbolActionsCount", "SymbolStartActionsCount", "SyntaxTreeActionsCount", "SemanticModelActionsCount", "CodeBlockActionsCount", "CodeBlockStartActionsCount", "CompilationActionsCount", "CompilationEndActionsCount" })
        {
            Assert.Contains(CountedActions, p => p.Name == name);
        }
    }

    [Fact]
    public async Task SystemRuntimeOnly_EveryAnalyzerRegistersOnlyCompilationStart()
    {
        var problems = await RegisteredActionsAsync(ReferenceSet.SystemRuntimeOnly, PlainSource, implicitUsings: false, mayRegister: _ => false);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// Rules that also apply without ASP.NET Core: CORS003 (CORS response headers on HttpClient/WebClient requests),
    /// CORS006 and CORS009 (hand-written CORS headers, which their pages also cover on System.Net's HttpListenerResponse).
    /// </summary>
    private static readonly string[] RulesWithoutAspNetCore =
    {
        RuleIdentifiers.CorsResponseHeaderOnRequest,
        RuleIdentifiers.HandWrittenCorsHeaders,

        // Hand-written Access-Control-Allow-Origin without credentials (HttpListener, HttpResponseMessage): the same
        // header-write action as CORS006.
        RuleIdentifiers.AnyOriginAllowed,
    };

    [Fact]
    public async Task NetCoreOnly_OnlyRulesForPlainDotNetRegisterActions()
    {
        var problems = await RegisteredActionsAsync(
            ReferenceSet.NetCore10,
            ConsoleSource,
            implicitUsings: true,
            mayRegister: a => a.SupportedDiagnostics.Any(d => RulesWithoutAspNetCore.Contains(d.Id)));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task AspNetCore_TelemetryDoesSeeRegisteredActions()
    {
        // The control: with ASP.NET Core referenced, the analyzers do register actions, so zero above means something.
        var analyzers = MetaTests.CreateAnalyzers();
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Program.cs", MetaTests.SmallProgram) }, analyzers: analyzers);
        var run = await TestProjectFactory.AnalyzeAsync(project, analyzers, logAnalyzerExecutionTime: true);
        var total = run.Telemetry.Values.Sum(t => CountedActions.Sum(p => (int)p.GetValue(t)!));
        Assert.True(total > 0, "No analyzer registered any action on an ASP.NET Core project: the telemetry check would be vacuous.");
    }

    /// <summary>
    /// The one analyzer runs every rule, so Roslyn cannot skip a rule that is off: the analyzer does
    /// (<c>RuleSwitches</c>). Seen in the telemetry through the compilation-end action, which only the application-wide
    /// rules (CORS008, CORS011, CORS013, CORS014, CORS017) register: with the package's own presets and an .editorconfig
    /// on top, as users configure it (CORS017 alone left on keeps the action).
    /// </summary>
    [Theory]
    [InlineData("default", "", 1, 1)]
    [InlineData("none", "dotnet_diagnostic.CORS003.severity = warning", 1, 0)]
    [InlineData("none", "dotnet_diagnostic.CORS011.severity = warning", 1, 1)]
    [InlineData("default", "dotnet_diagnostic.CORS008.severity = none\ndotnet_diagnostic.CORS011.severity = none\ndotnet_diagnostic.CORS013.severity = none\ndotnet_diagnostic.CORS014.severity = none\ndotnet_diagnostic.CORS017.severity = none", 1, 0)]
    [InlineData("default", "dotnet_diagnostic.CORS008.severity = none\ndotnet_diagnostic.CORS011.severity = none\ndotnet_diagnostic.CORS013.severity = none\ndotnet_diagnostic.CORS014.severity = none", 1, 1)]
    [InlineData("all-warnings", "", 1, 1)]
    [InlineData("none", "", 0, 0)]
    public async Task RulesTurnedOff_RegisterNothing(string preset, string editorConfig, int operationActions, int compilationEndActions)
    {
        var analyzer = new CorsAnalyzer();
        var presetPath = Path.Combine(TestAssemblyMetadata.RepositoryRoot, "src", "CorsAnalyzers.Package", "build", "config", preset + ".globalconfig");
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Program.cs", MetaTests.SmallProgram) }, editorConfig)
            .AddAnalyzerConfigDocument(preset + ".globalconfig", Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(presetPath)), filePath: "/0/" + preset + ".globalconfig")
            .Project;

        var run = await TestProjectFactory.AnalyzeAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), logAnalyzerExecutionTime: true);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));

        var telemetry = run.Telemetry[analyzer];
        Assert.Equal((operationActions, compilationEndActions), (telemetry.OperationActionsCount, telemetry.CompilationEndActionsCount));
    }

    /// <summary>
    /// The client libraries (RestSharp, Flurl.Http, Refit, Blazor WebAssembly) cost nothing when not referenced: their
    /// types are not looked up (one dictionary lookup per library), CORS012 registers nothing, and no symbol action (Refit's
    /// attributes) is registered. With Refit referenced, the symbol action is there: the control.
    /// </summary>
    [Fact]
    public async Task ClientLibraries_NotReferenced_NothingRegistered()
    {
        var withoutLibraries = await ClientLibraryTelemetryAsync(ReferenceSet.AspNetCore10);
        Assert.Null(withoutLibraries.Symbols);
        Assert.Equal(0, withoutLibraries.SymbolActions);
        Assert.Equal(0, withoutLibraries.NoCorsRuleActions);

        var withRefit = await ClientLibraryTelemetryAsync(ClientLibraryReferences.Refit.Sets[^1]);
        Assert.NotNull(withRefit.Symbols);
        Assert.True(withRefit.Symbols!.HasRefit && !withRefit.Symbols.HasRestSharp && !withRefit.Symbols.HasFlurl && !withRefit.Symbols.HasBrowserRequestOptions);
        Assert.True(withRefit.SymbolActions > 0, "With Refit referenced, the analyzer must register its symbol action (else the check above is vacuous).");
        Assert.Equal(0, withRefit.NoCorsRuleActions);

        var withBlazor = await ClientLibraryTelemetryAsync(ClientLibraryReferences.BlazorWebAssembly.Sets[0]);
        Assert.True(withBlazor.Symbols is { HasBrowserRequestOptions: true, HasHeaderLibrary: false });
        Assert.True(withBlazor.NoCorsRuleActions > 0, "With Blazor WebAssembly referenced, CORS012 must register its action.");
    }

    private static async Task<(CorsAnalyzers.Cors.ClientLibrarySymbols? Symbols, int SymbolActions, int NoCorsRuleActions)> ClientLibraryTelemetryAsync(ReferenceSet references)
    {
        var product = new CorsAnalyzer();
        var noCors = new CorsAnalyzer(ImmutableArray.Create<CorsAnalyzers.Cors.CorsRule>(new CorsAnalyzers.Rules.NoCorsRequestModeRule()));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(product, noCors);
        var project = TestProjectFactory.CreateProject(references, new[] { ("Program.cs", MetaTests.SmallProgram) }, analyzers: analyzers);
        var compilation = (await project.GetCompilationAsync())!;
        var run = await TestProjectFactory.AnalyzeAsync(compilation, project.AnalyzerOptions, analyzers, logAnalyzerExecutionTime: true);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
        var noCorsActions = CountedActions.Sum(p => (int)p.GetValue(run.Telemetry[noCors])!);
        return (CorsAnalyzers.Cors.ClientLibrarySymbols.TryCreate(compilation), run.Telemetry[product].SymbolActionsCount, noCorsActions);
    }

    private const string ConfiguredPolicies = """
        var builder = WebApplication.CreateBuilder(args);
        var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy.WithOrigins(origins).AllowCredentials());
            options.AddPolicy("Admin", policy => policy.WithOrigins(builder.Configuration["Cors:Admin"]!.Split(',')));
        });
        var app = builder.Build();
        app.UseCors("Frontend");
        app.MapGet("/admin", () => "").RequireCors("Admin");
        app.Run();
        """;

    /// <summary>An appsettings file that counts how often the analyzers read it.</summary>
    private sealed class CountingText(string path, string text) : AdditionalText
    {
        private int _reads;

        public int Reads => _reads;

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return SourceText.From(text);
        }
    }

    private static CountingText[] AppSettingsFiles() => new[]
    {
        new CountingText("/0/appsettings.json", """{ "Cors": { "Origins": [ "https://app.contoso.com/" ], "Admin": "https://admin.contoso.com" }, "AllowedHosts": "*" }"""),
        new CountingText("/0/appsettings.Production.json", """{ "Cors": { "Origins": [ "https://www.contoso.com" ] } }"""),
    };

    [Fact]
    public async Task AspNetCore_WithoutConfiguredPolicies_NeverReadsAppSettings()
    {
        var files = AppSettingsFiles();
        var run = await RunWithFilesAsync(ReferenceSet.AspNetCore10, MetaTests.SmallProgram, files);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
        Assert.All(files, file => Assert.Equal(0, file.Reads));
    }

    [Fact]
    public async Task AspNetCore_WithConfiguredPolicies_ReadsEachAppSettingsFileOnce()
    {
        // Two policies, two kinds of reads, every rule that looks at configuration: one read of each file.
        var files = AppSettingsFiles();
        var run = await RunWithFilesAsync(ReferenceSet.AspNetCore10, ConfiguredPolicies, files);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
        Assert.Contains(run.Diagnostics, d => d.Id == RuleIdentifiers.OriginCanNeverMatch && d.Location.GetLineSpan().Path == "/0/appsettings.json");
        Assert.All(files, file => Assert.Equal(1, file.Reads));
    }

    [Fact]
    public async Task SystemRuntimeOnly_WithAppSettings_RegistersNothingAndReadsNothing()
    {
        var files = AppSettingsFiles();
        var analyzers = MetaTests.CreateAnalyzers();
        var project = TestProjectFactory.CreateProject(ReferenceSet.SystemRuntimeOnly, new[] { ("Source.cs", PlainSource) }, analyzers: analyzers, implicitUsings: false);
        var compilation = (await project.GetCompilationAsync())!;
        var run = await TestProjectFactory.AnalyzeAsync(compilation, new AnalyzerOptions(files.ToImmutableArray<AdditionalText>()), analyzers, logAnalyzerExecutionTime: true);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
        Assert.All(run.Telemetry.Values, telemetry => Assert.All(CountedActions, property => Assert.Equal(0, (int)property.GetValue(telemetry)!)));
        Assert.All(files, file => Assert.Equal(0, file.Reads));
    }

    private static async Task<AnalyzerRun> RunWithFilesAsync(ReferenceSet references, string source, CountingText[] files)
    {
        var analyzers = MetaTests.CreateAnalyzers();
        var project = TestProjectFactory.CreateProject(references, new[] { ("Program.cs", source) }, analyzers: analyzers);
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await TestProjectFactory.AnalyzeAsync(compilation, new AnalyzerOptions(files.ToImmutableArray<AdditionalText>(), project.AnalyzerOptions.AnalyzerConfigOptionsProvider), analyzers);
    }

    private static async Task<List<string>> RegisteredActionsAsync(ReferenceSet references, string source, bool implicitUsings, Func<DiagnosticAnalyzer, bool> mayRegister)
    {
        // The product's analyzer, and each rule alone (the one analyzer registers the union of what its rules ask).
        var analyzers = MetaTests.CreateAnalyzers().AddRange(
            CorsAnalyzer.AllRules.Select(rule => (DiagnosticAnalyzer)new CorsAnalyzer(ImmutableArray.Create(rule))));
        var project = TestProjectFactory.CreateProject(references, new[] { ("Source.cs", source) }, analyzers: analyzers, implicitUsings: implicitUsings);
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The source must compile: " + string.Join(Environment.NewLine, errors));

        var run = await TestProjectFactory.AnalyzeAsync(compilation, project.AnalyzerOptions, analyzers, logAnalyzerExecutionTime: true);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));

        var problems = new List<string>();
        foreach (var analyzer in analyzers)
        {
            if (mayRegister(analyzer))
            {
                continue;
            }

            var telemetry = run.Telemetry[analyzer];
            foreach (var property in CountedActions)
            {
                var count = (int)property.GetValue(telemetry)!;
                if (count != 0)
                {
                    problems.Add($"{analyzer.GetType().Name} ({string.Join(",", analyzer.SupportedDiagnostics.Select(d => d.Id))}) registers {count} {property.Name.Replace("Count", string.Empty, StringComparison.Ordinal)} on a {references.Name} compilation.");
                }
            }
        }

        return problems;
    }
}
