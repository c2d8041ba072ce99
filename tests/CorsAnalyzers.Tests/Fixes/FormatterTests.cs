using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Tests.Fixes;

/// <summary>
/// <c>dotnet format analyzers</c> over every fixable rule, in process (<see cref="FormatterSimulation"/>), on a web project
/// of several files holding several rules and several shapes of each, with sites that have a safe rewrite and sites
/// that have none: one run gives exactly the expected text, whatever the order of the rules and whichever diagnostic
/// the formatter meets first, and a second run changes nothing. The consumer test (tests/consumer) runs the real
/// formatter on a project like this one.
/// </summary>
public class FormatterTests
{
    private static readonly ImmutableArray<string> FixableIds = ImmutableArray.Create(
        "CORS001", "CORS002", "CORS003", "CORS004", "CORS005", "CORS007", "CORS008", "CORS010", "CORS013");

    private const string Program = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowCredentials());
            options.AddPolicy("Partners", policy =>
            {
                policy.WithOrigins(configured).AllowCredentials();
                if (configured.Length == 0)
                {
                    policy.SetIsOriginAllowed(_ => true);
                }
            });
            options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com/", "null", "https://*.contoso.com"));
            options.AddPolicy("Previews", policy => policy.WithOrigins("https://*.vercel.app").AllowCredentials());
            CorsSetup.AddLegacy(options);
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseRouting();
        app.UseAuthorization();
        app.UseCors("Frontnd");
        app.Map("/legacy", legacy => legacy.UseCors());
        app.MapGet("/orders", () => "orders");
        app.Run();
        """;

    private const string CorsSetup = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static class CorsSetup
        {
            public static void AddLegacy(CorsOptions options)
            {
                var legacy = new CorsPolicy { SupportsCredentials = true };
                legacy.Origins.Add("*");
                options.AddPolicy("Legacy", legacy);
                options.AddPolicy("Reports", policy => policy
                    .SetIsOriginAllowed(origin => origin.EndsWith("contoso.com"))
                    .AllowCredentials());
            }
        }
        """;

    private const string Middleware = """
        public static class LegacyCorsMiddleware
        {
            public static IApplicationBuilder UseLegacyCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
            {
                context.Request.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
                context.Request.Headers["Access-Control-Allow-Credentials"] = "true";
                context.Request.Headers.Append("Access-Control-Expose-Headers", "X-Total-Count");
                await next();
            });
        }

        public static class ApiClient
        {
            public static HttpClient Create()
            {
                var client = new HttpClient();
                client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
                client.DefaultRequestHeaders.Add("X-Trace", "1");
                return client;
            }
        }
        """;

    private const string FixedProgram = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com").AllowAnyHeader().AllowCredentials());
            options.AddPolicy("Partners", policy =>
            {
                policy.WithOrigins(configured).AllowCredentials();
                if (configured.Length == 0)
                {
                    policy.WithOrigins("https://app.contoso.com");
                }
            });
            options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com", "https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains());
            options.AddPolicy("Previews", policy => policy.WithOrigins("https://*.vercel.app").AllowCredentials());
            CorsSetup.AddLegacy(options);
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseRouting();
        app.UseCors("Frontend");
        app.UseAuthorization();
        app.Map("/legacy", legacy => { });
        app.MapGet("/orders", () => "orders");
        app.Run();
        """;

    private const string FixedCorsSetup = """
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static class CorsSetup
        {
            public static void AddLegacy(CorsOptions options)
            {
                var legacy = new CorsPolicy { SupportsCredentials = true };
                legacy.Origins.Add("https://app.contoso.com");
                options.AddPolicy("Legacy", legacy);
                options.AddPolicy("Reports", policy => policy
                    .SetIsOriginAllowed(origin => Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && (originUri.Host == "contoso.com" || originUri.Host.EndsWith(".contoso.com")))
                    .AllowCredentials());
            }
        }
        """;

    private const string FixedMiddleware = """
        public static class LegacyCorsMiddleware
        {
            public static IApplicationBuilder UseLegacyCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
            {
                context.Response.Headers.Append("Access-Control-Expose-Headers", "X-Total-Count");
                await next();
            });
        }

        public static class ApiClient
        {
            public static HttpClient Create()
            {
                var client = new HttpClient();
                client.DefaultRequestHeaders.Add("X-Trace", "1");
                return client;
            }
        }
        """;

    [Fact]
    public async Task OneRun_FixesEveryFixableSite_SameTextInEveryOrder_SecondRunChangesNothing()
    {
        var project = TestProjectFactory.CreateProject(
            ReferenceSet.AspNetCore10,
            new[] { ("Program.cs", Program), ("Cors/CorsSetup.cs", CorsSetup), ("Middleware/LegacyCors.cs", Middleware) },
            "cors_analyzers.trusted_origins = https://app.contoso.com",
            FixSafety.Analyzers);
        var before = await FixSafety.AnalyzeAsync(project);
        Assert.Empty(before.Failures);

        var orders = new[]
        {
            FixableIds,
            FixableIds.Reverse().ToImmutableArray(),
            ImmutableArray.Create("CORS005", "CORS013", "CORS004", "CORS001", "CORS008", "CORS003", "CORS010", "CORS007", "CORS002"),
            ImmutableArray.Create("CORS010", "CORS002", "CORS007", "CORS004", "CORS003", "CORS005", "CORS001", "CORS013", "CORS008"),
        };
        string? first = null;
        for (var i = 0; i < orders.Length; i++)
        {
            var (name, pick) = FormatterSimulation.Picks[i % FormatterSimulation.Picks.Length];
            var (result, warnings) = await FormatterSimulation.RunAsync(project, orders[i], pick);
            var because = $"rules {string.Join(" ", orders[i])}, first diagnostic: {name}";
            Assert.True(warnings.IsEmpty, because + ": " + string.Join("; ", warnings));
            AssertText(FixedProgram, result, "Program.cs", because);
            AssertText(FixedCorsSetup, result, "Cors/CorsSetup.cs", because);
            AssertText(FixedMiddleware, result, "Middleware/LegacyCors.cs", because);
            if (first is null)
            {
                first = await FixSafety.SnapshotAsync(result);
                var (again, _) = await FormatterSimulation.RunAsync(result, orders[i], pick);
                Assert.Equal(first, await FixSafety.SnapshotAsync(again));
            }
        }

        // What is left is what has no safe rewrite: the "*.vercel.app" entry (turning on wildcard subdomains would trust
        // every site deployed there).
        var (fixedProject, _) = await FormatterSimulation.RunAsync(project, FixableIds, FormatterSimulation.Picks[0].Pick);
        Assert.Empty(await FixSafety.CompareAsync(project, before, fixedProject));
        var left = FixSafety.Ours(await FixSafety.AnalyzeAsync(fixedProject)).Where(d => FixableIds.Contains(d.Id)).ToList();
        var only = Assert.Single(left);
        Assert.Equal("CORS004", only.Id);
        Assert.Equal("\"https://*.vercel.app\"", only.Location.SourceTree!.GetText().ToString(only.Location.SourceSpan));
    }

    private static void AssertText(string expected, Project project, string name, string because)
    {
        var document = project.Documents.Single(d => d.FilePath == TestProjectFactory.ProjectFolder + name);
        var actual = document.GetTextAsync().Result.ToString();
        Assert.True(
            TextDiff.NormalizeLineEndings(expected) == TextDiff.NormalizeLineEndings(actual),
            $"{name} after dotnet format ({because}):{Environment.NewLine}{TextDiff.Unified(expected, actual)}{Environment.NewLine}{actual}");
    }
}
