using System.Collections.Immutable;
using System.Reflection;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Projects without the types a rule needs must cost (almost) nothing: the analyzers register no action beyond
/// their compilation start action. Counted with Roslyn's analyzer telemetry.
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
        if (analyzers.IsEmpty)
        {
            return;
        }

        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Program.cs", MetaTests.SmallProgram) }, analyzers: analyzers);
        var run = await TestProjectFactory.AnalyzeAsync(project, analyzers, logAnalyzerExecutionTime: true);
        var total = run.Telemetry.Values.Sum(t => CountedActions.Sum(p => (int)p.GetValue(t)!));
        Assert.True(total > 0, "No analyzer registered any action on an ASP.NET Core project: the telemetry check would be vacuous.");
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
