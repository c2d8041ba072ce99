using System.Collections.Immutable;
using System.Reflection;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Projects without the types a rule needs must cost (almost) nothing: the analyzers register no action beyond
/// their compilation start action; and rules turned off register nothing either. Counted with Roslyn's analyzer
/// telemetry.
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
    /// Rules that also apply without ASP.NET Core: CORS003 (CORS response headers on HttpClient/WebClient requests) and
    /// CORS006 (hand-written CORS headers, which docs/rules/CORS006.md also covers on System.Net's HttpListenerResponse).
    /// </summary>
    private static readonly string[] RulesWithoutAspNetCore =
    {
        RuleIdentifiers.CorsResponseHeaderOnRequest,
        RuleIdentifiers.HandWrittenCorsHeaders,
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
    /// The one analyzer runs thirteen rules, so Roslyn cannot skip a rule that is off: the analyzer does
    /// (<c>RuleSwitches</c>). Seen in the telemetry through the compilation-end action, which only the application-wide
    /// rules (CORS008, CORS011, CORS013, CORS014) register: with the package's own presets and an .editorconfig on top,
    /// as users configure it.
    /// </summary>
    [Theory]
    [InlineData("default", "", 1, 1)]
    [InlineData("none", "dotnet_diagnostic.CORS003.severity = warning", 1, 0)]
    [InlineData("none", "dotnet_diagnostic.CORS011.severity = warning", 1, 1)]
    [InlineData("default", "dotnet_diagnostic.CORS008.severity = none\ndotnet_diagnostic.CORS011.severity = none\ndotnet_diagnostic.CORS013.severity = none\ndotnet_diagnostic.CORS014.severity = none", 1, 0)]
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
