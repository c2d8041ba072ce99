using System.Text.RegularExpressions;
using CorsAnalyzers.RuntimeTests.FixOracle;
using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.RuntimeTests.Browser;

/// <summary>
/// The API a browser scenario calls: a rule's sample code (from its docs page) inside a small Program with a cookie
/// login (<c>/login</c>), a cookie-authenticated endpoint (<c>/api/me</c>), a public one (<c>/api/data</c>) and a log of
/// the requests it received (<c>/__seen</c>), hosted on Kestrel at http://127.0.0.1:port.
/// </summary>
internal static partial class ScenarioApi
{
    /// <summary>The program: <paramref name="services"/> before Build(), <paramref name="pipeline"/> after it, then the endpoints.</summary>
    public static string Program(string services, string pipeline) => $$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        {{services}}
        var app = builder.Build();

        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        app.Use(async (context, next) =>
        {
            seen.Enqueue(context.Request.Method + " " + context.Request.Path + " origin=" + context.Request.Headers.Origin
                + " request-headers=" + context.Request.Headers.AccessControlRequestHeaders
                + " cookie=" + (context.Request.Cookies.ContainsKey("session") ? "yes" : "no"));
            await next();
        });

        {{pipeline}}

        app.MapGet("/login", (HttpContext context) =>
        {
            context.Response.Cookies.Append("session", "alice", new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
            return "signed in";
        });
        app.MapGet("/api/me", (HttpContext context) =>
            context.Request.Cookies.TryGetValue("session", out var user) ? Results.Text("user=" + user) : Results.Unauthorized());
        app.MapGet("/api/data", () => "public data");
        app.MapGet("/__seen", () => string.Join("\n", seen));
        app.Run();
        """;

    /// <summary>The first C# block under <paramref name="heading"/> of docs/rules/<paramref name="ruleId"/>.md.</summary>
    public static string DocsSample(string ruleId, string heading = "## Non-compliant code")
    {
        var page = File.ReadAllText(Path.Combine(RuntimeEnvironment.RepositoryRoot, "docs", "rules", ruleId + ".md"));
        var section = page.Substring(page.IndexOf(heading, StringComparison.Ordinal));
        return CodeBlock().Match(section).Groups["code"].Value.Trim();
    }

    /// <summary>The first top-level statement of a sample (a sample that shows two variants in a row).</summary>
    public static string FirstStatement(string sample) =>
        CSharpSyntaxTree.ParseText(sample).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().First().ToFullString().Trim();

    /// <summary>
    /// Where a sample's statements go: those on <c>app</c> after Build(), the others before it; a sample that configures
    /// CorsOptions (<c>options.AddPolicy(...)</c>) inside <c>builder.Services.AddCors(options => ...)</c>.
    /// </summary>
    public static (string Services, string Pipeline) Place(string sample)
    {
        if (sample.StartsWith("options.", StringComparison.Ordinal))
        {
            return ("builder.Services.AddCors(options =>\n{\n" + sample + "\n});", string.Empty);
        }

        var statements = CSharpSyntaxTree.ParseText(sample).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().ToList();
        bool OnApp(GlobalStatementSyntax s) => s.Statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "app" } } } };
        return (
            string.Join("\n", statements.Where(s => !OnApp(s)).Select(s => s.ToFullString().Trim())),
            string.Join("\n", statements.Where(OnApp).Select(s => s.ToFullString().Trim())));
    }

    /// <summary>
    /// Our code fix for <paramref name="ruleId"/>, applied to <paramref name="source"/> as the IDE applies it (the first
    /// action at each diagnostic, until none is left), with the trusted origins configured in .editorconfig.
    /// </summary>
    public static async Task<string> FixAsync(string ruleId, string source, string trustedOrigin)
    {
        var runner = PolicyFixCases.CreateRunner(ruleId);
        var project = WebProject.Create(new[] { ("Program.cs", source) }, "cors_analyzers.trusted_origins = " + trustedOrigin, new[] { runner.Analyzer });
        Assert.NotEmpty(await runner.DiagnosticsAsync(project));
        var fixedProject = await runner.ApplyAsync(project, key: null, FixMode.OneAtATime);
        Assert.Empty(await runner.DiagnosticsAsync(fixedProject));
        return (await WebProject.SourcesAsync(fixedProject)).Single().Text;
    }

    /// <summary>Compiles and starts the program on Kestrel (127.0.0.1, a free port); the result says whether it started.</summary>
    public static async Task<ProgramHost> TryStartAsync(string source)
    {
        var program = await WebProject.CompileAsync(WebProject.Create(new[] { ("Program.cs", source) }, assemblyName: "ScenarioApi"));
        Assert.True(program.Errors.IsEmpty, "The scenario's API does not compile:\n" + string.Join("\n", program.Errors) + "\n" + source);
        return await ProgramHost.StartAsync(program, ServerKind.Kestrel, TimeSpan.FromSeconds(60));
    }

    /// <summary>Compiles and starts the program on Kestrel (127.0.0.1, a free port); fails the test when it does not start.</summary>
    public static async Task<ProgramHost> StartAsync(string source)
    {
        var host = await TryStartAsync(source);
        if (host.Outcome != StartOutcome.Started)
        {
            await host.DisposeAsync();
            Assert.Fail($"The scenario's API did not start: {host.Outcome} {host.Exception}\n{source}");
        }

        return host;
    }

    /// <summary>What the API received so far (method, path, Origin, Access-Control-Request-Headers, whether the cookie came).</summary>
    public static async Task<string> SeenAsync(ProgramHost api) => await api.Client!.GetStringAsync("/__seen");

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
