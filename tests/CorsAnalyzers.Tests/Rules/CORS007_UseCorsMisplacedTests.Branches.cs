using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UseCorsMisplacedRule>,
    CorsAnalyzers.Rules.UseCorsMisplacedFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS007 inside try blocks and across branches (issue 20, item 6).</summary>
public partial class CORS007_UseCorsMisplacedTests
{
    /// <summary>Serilog's bootstrap template: the whole Program.cs in try/catch/finally, Swagger in development.</summary>
    private static string SerilogBootstrap(string pipeline) => $$"""
        using Serilog;

        Log.Logger = new LoggerConfiguration().CreateBootstrapLogger();
        Log.Information("Starting up");

        try
        {
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            builder.Services.AddControllers();
            builder.Services.AddAuthorization();
            var app = builder.Build();

            if (app.Environment.IsDevelopment())
            {
                app.UseDeveloperExceptionPage();
            }

            app.UseHttpsRedirection();
        {{pipeline}}
            app.MapControllers();
            app.Run();
        }
        catch (Exception ex)
        {
            Log.Fatal(ex, "Application terminated unexpectedly");
        }
        finally
        {
            Log.CloseAndFlush();
        }

        namespace Serilog
        {
            public sealed class LoggerConfiguration { public ILogger CreateBootstrapLogger() => new Logger(); }
            public interface ILogger { }
            public sealed class Logger : ILogger { }
            public static class Log
            {
                public static ILogger Logger { get; set; } = new Logger();
                public static void Information(string message) { }
                public static void Fatal(Exception exception, string message) { }
                public static void CloseAndFlush() { }
            }
        }
        """;

    [Fact]
    public async Task SerilogBootstrapInTryCatch_UseCorsAfterUseAuthorization_ShouldReportAndMove()
    {
        var source = SerilogBootstrap("""
                app.UseRouting();
                app.{|#1:UseAuthorization()|};
                app.{|#0:UseCors("Frontend")|};
            """);
        var fixedSource = SerilogBootstrap("""
                app.UseRouting();
                app.UseCors("Frontend");
                app.UseAuthorization();
            """);

        await Verify.VerifyCodeFixAsync(source, Diagnostic("before UseAuthorization"), fixedSource, Key);
    }

    [Fact]
    public async Task SerilogBootstrapInTryCatch_RecommendedOrder_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(SerilogBootstrap("""
                app.UseRouting();
                app.UseCors("Frontend");
                app.UseAuthorization();
            """));
    }

    [Fact]
    public async Task UseCorsInUsingBlock_AfterUseAuthorization_ShouldReport()
    {
        var source = ProgramHeader + """
            using (var scope = app.Services.CreateScope())
            {
                app.{|#1:UseAuthorization()|};
                app.{|#0:UseCors("Frontend")|};
            }

            app.Run();
            """;

        await Verify.VerifyCodeFixAsync(
            source,
            Diagnostic("before UseAuthorization"),
            ProgramHeader + """
                using (var scope = app.Services.CreateScope())
                {
                    app.UseCors("Frontend");
                    app.UseAuthorization();
                }

                app.Run();
                """,
            Key);
    }

    /// <summary>The two calls are in different arms of one branch: they never both run.</summary>
    [Fact]
    public async Task UseAuthorizationAndUseCorsInExclusiveArms_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(ProgramHeader + """
            if (app.Environment.IsDevelopment())
            {
                app.UseAuthorization();
            }
            else if (app.Environment.IsStaging())
            {
                app.UseAuthentication();
            }
            else
            {
                app.UseCors("Frontend");
            }

            app.Run();
            """);
        await Verify.VerifyAnalyzerAsync(ProgramHeader + """
            switch (app.Environment.EnvironmentName)
            {
                case "A":
                    app.UseAuthorization();
                    break;
                default:
                    app.UseCors("Frontend");
                    break;
            }

            app.Run();
            """);
    }

    /// <summary>The arm that calls UseAuthorization returns: on the path where UseCors runs, it did not run.</summary>
    [Fact]
    public async Task EarlierCallInAnArmThatReturns_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            public static class Pipeline
            {
                public static void Configure(WebApplication app, bool minimal)
                {
                    if (minimal)
                    {
                        app.UseAuthorization();
                        app.MapGet("/", () => "hello");
                        return;
                    }

                    app.UseRouting();
                    app.UseCors("Frontend");
                    app.UseAuthorization();
                    app.MapGet("/", () => "hello");
                }
            }
            """);
    }

    /// <summary>UseCors in a switch section after UseAuthorization in the same section: reported (the fix moves statements of blocks only).</summary>
    [Fact]
    public async Task SwitchSection_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = ProgramHeader + """
            switch (app.Environment.EnvironmentName)
            {
                case "Production":
                    app.{|#1:UseAuthorization()|};
                    app.{|#0:UseCors("Frontend")|};
                    break;
            }

            app.Run();
            """;

        await VerifyNoFixAsync(source, "before UseAuthorization");
    }

    /// <summary>Swagger in the development branch and the docs' order: silent.</summary>
    [Fact]
    public async Task WebApiTemplateWithSwaggerBranch_RecommendedOrder_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(ProgramHeader + """
            if (app.Environment.IsDevelopment())
            {
                app.UseCors(policy => policy.WithOrigins("http://localhost:5173"));
            }

            app.UseHttpsRedirection();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/orders", () => "orders");
            app.Run();
            """);
    }
}
