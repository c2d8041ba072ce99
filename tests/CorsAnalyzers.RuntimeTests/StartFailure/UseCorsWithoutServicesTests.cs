using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.RuntimeTests.FixOracle;
using CorsAnalyzers.RuntimeTests.Hosting;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.RuntimeTests.StartFailure;

/// <summary>
/// Issue 25: CORS017 on the real runtime. A program that calls UseCors without the CORS services fails at start with
/// the exception the rule's message quotes; the program its default fix writes starts, allows the origins the fix
/// lists (the marked placeholder here) and no other, and has no diagnostic of ours left.
/// </summary>
public class UseCorsWithoutServicesTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private const string Placeholder = "https://app.example.com";

    private const string Attacker = "https://evil.example.net";

    public static TheoryData<string, string, string> Programs() => new()
    {
        {
            "UseCors() without services",
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRouting();
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/orders", () => "orders");
            app.Run();
            """,
            UseCorsWithoutCorsServicesRule.UnnamedMessage
        },
        {
            "UseCors(\"Frontend\") without services, RequireCors too",
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRouting();
            var app = builder.Build();
            app.UseRouting();
            app.UseCors("Frontend");
            app.MapGet("/orders", () => "orders").RequireCors("Partners");
            app.Run();
            """,
            UseCorsWithoutCorsServicesRule.NamedMessage
        },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Cors017_ProgramFailsAtStart_AndTheFixedProgramStartsAndTrustsOnlyTheListedOrigins(string scenario, string source, string runtimeMessage)
    {
        // Every rule on, those off by default too (CORS009, CORS014).
        var project = WebProject.Create(new[] { ("Program.cs", source) }, raiseToWarning: new[] { new CorsAnalyzer() });
        var runner = new CodeFixRunner(new CorsAnalyzer(), new UseCorsWithoutCorsServicesFixer());

        // The rule reports, and the runtime fails the way its message says.
        var reported = await runner.DiagnosticsAsync(project);
        Assert.Single(reported, d => d.Id == "CORS017");
        await using (var before = await ProgramHost.StartAsync(await WebProject.CompileAsync(project), ServerKind.TestServer, StartTimeout))
        {
            Assert.True(before.Outcome == StartOutcome.Threw, $"{scenario}: expected a failure at start, got {before.Outcome}");
            Assert.Equal(runtimeMessage, Innermost(before.Exception!).Message);
        }

        // The default fix (what dotnet format applies), then the fixed program for real.
        var fixedProject = await runner.ApplyAsync(project, UseCorsWithoutCorsServicesFixer.AddCorsKey, FixMode.FixAll);
        var fixedSources = await WebProject.SourcesAsync(fixedProject);
        Assert.Contains(".AddCors(", fixedSources.Single().Text, StringComparison.Ordinal);
        var left = (await new CodeFixRunner(new CorsAnalyzer(), new UseCorsWithoutCorsServicesFixer()).AllDiagnosticsAsync(fixedProject))
            .Where(d => d.Id.StartsWith("CORS", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Info)
            .Select(d => d.Id + " " + d.GetMessage())
            .ToList();
        Assert.True(left.Count == 0, scenario + ": diagnostics after the fix: " + string.Join("; ", left) + "\n" + fixedSources.Single().Text);

        var compiled = await WebProject.CompileAsync(fixedProject);
        Assert.Empty(compiled.Errors);
        await using var after = await ProgramHost.StartAsync(compiled, ServerKind.TestServer, StartTimeout);
        Assert.True(after.Outcome == StartOutcome.Started, $"{scenario}: the fixed program did not start ({after.Outcome}: {after.Exception?.Message})");
        Assert.Equal(Placeholder, await AllowOriginAsync(after.Client!, Placeholder));
        Assert.Null(await AllowOriginAsync(after.Client!, Attacker));
    }

    /// <summary>Access-Control-Allow-Origin of a cross-origin GET /orders from <paramref name="origin"/> (null when absent).</summary>
    private static async Task<string?> AllowOriginAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Add("Origin", origin);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET /orders from {origin}: {(int)response.StatusCode}");
        return response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && exception.InnerException is not null)
        {
            exception = exception.InnerException!;
        }

        return exception;
    }
}
