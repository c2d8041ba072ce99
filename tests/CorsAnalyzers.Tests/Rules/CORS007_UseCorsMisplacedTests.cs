using System.Collections.Immutable;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UseCorsMisplacedRule>,
    CorsAnalyzers.Rules.UseCorsMisplacedFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS007_UseCorsMisplacedTests
{
    private const string RunAsyncWhere =
        "before RunAsync(): the app builds its pipeline when it starts, so a UseCors after RunAsync() never runs for a request";

    private const string Key = UseCorsMisplacedFixer.MoveUseCorsKey;

    private const string ProgramHeader = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();

        """;

    private const string StartupHeader = """
        public class Startup
        {
            public void ConfigureServices(IServiceCollection services)
            {
                services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                services.AddControllers();
            }

            public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {

        """;

    private static DiagnosticResult Diagnostic(string where) =>
        Verify.Diagnostic("CORS007").WithLocation(0).WithLocation(1).WithArguments(where);

    /// <summary>The diagnostic is reported and no move is offered: the code stays as it is, the diagnostic remains.</summary>
    private static Task VerifyNoFixAsync(string source, string where) =>
        new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics = { Diagnostic(where) },
            FixedExpectedDiagnostics = { Diagnostic(where) },
        }.RunAsync();

    /// <summary>
    /// UseCors before UseRouting in Program.cs, with <paramref name="source"/> (a controller) carrying the endpoint
    /// CORS metadata: reported, to go after UseRouting.
    /// </summary>
    private static Task VerifyUseCorsBeforeUseRoutingReportsAsync(string fileName, string source) =>
        new Verify.Test
        {
            TestCode = ProgramHeader + """
                app.{|#0:UseCors("Frontend")|};
                app.{|#1:UseRouting()|};
                app.MapControllers();
                app.Run();
                """,
            AdditionalSources = { (fileName, source) },
            ExpectedDiagnostics = { Diagnostic("after UseRouting") },
        }.RunAsync();

    // ---- Wrong orders --------------------------------------------------------------------------------------------

    [Fact]
    public async Task TopLevel_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = ProgramHeader + """
            app.UseRouting();
            app.{|#1:UseAuthorization()|};
            app.{|#0:UseCors("Frontend")|};
            app.MapGet("/orders", () => "orders").RequireAuthorization();
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task TopLevel_UseCorsBetweenUseAuthenticationAndUseAuthorization_NoDiagnostic()
    {
        // Authentication only sets the user and never rejects a request (measured on ASP.NET Core 10): preflights and the
        // 401/403 of UseAuthorization pass through UseCors here, whatever the docs' recommended order says.
        var source = ProgramHeader + """
            app.UseAuthentication();
            app.UseCors("Frontend");
            app.UseAuthorization();
            app.MapGet("/orders", () => "orders").RequireAuthorization();
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Startup_UseCorsBetweenUseAuthenticationAndUseAuthorization_NoDiagnostic()
    {
        var source = StartupHeader + """
                    app.UseRouting();
                    app.UseAuthentication();
                    app.UseCors("Frontend");
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task UseCorsAfterAuthenticationAndAuthorization_NamesUseAuthorization_MovesBeforeUseAuthentication()
    {
        // The message names the call that breaks CORS; the second additional location is where the fix moves UseCors:
        // before UseAuthentication, the documented order.
        var source = ProgramHeader + """
            app.UseRouting();
            app.{|#2:UseAuthentication()|};
            app.{|#1:UseAuthorization()|};
            app.{|#0:UseCors("Frontend")|};
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("CORS007").WithLocation(0).WithLocation(1).WithLocation(2).WithArguments("before UseAuthorization"));
    }

    [Fact]
    public async Task UseCorsAfterUseResponseCaching_ShouldReport()
    {
        var source = ProgramHeader + """
            app.UseRouting();
            app.{|#1:UseResponseCaching()|};
            app.{|#0:UseCors(policy => policy.WithOrigins("https://app.contoso.com"))|};
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseResponseCaching"));
    }

    [Fact]
    public async Task Startup_UseCorsAfterUseEndpoints_ShouldReport()
    {
        var source = StartupHeader + """
                    app.UseRouting();
                    app.{|#1:UseEndpoints(endpoints => endpoints.MapControllers())|};
                    app.{|#0:UseCors("Frontend")|};
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before the endpoints (UseEndpoints/Run)"));
    }

    [Fact]
    public async Task UseCorsAfterTerminalRunMiddleware_ShouldReport()
    {
        var source = StartupHeader + """
                    app.{|#1:Run(context => context.Response.WriteAsync("hello"))|};
                    app.{|#0:UseCors("Frontend")|};
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before the endpoints (UseEndpoints/Run)"));
    }

    [Fact]
    public async Task TopLevel_UseCorsAfterWebApplicationRun_SaysTheAppAlreadyRuns()
    {
        var source = ProgramHeader + """
            app.MapGet("/orders", () => "orders");
            app.{|#1:Run()|};
            app.{|#0:UseCors("Frontend")|};
            """;

        await Verify.VerifyAnalyzerAsync(source, Verify.Diagnostic("CORS007").WithLocation(0).WithLocation(1).WithMessage(
            "UseCors must be called before Run(): the app builds its pipeline when it starts, so a UseCors after Run() never runs for a request"));
    }

    [Fact]
    public async Task TopLevel_UseCorsAfterAwaitedRunAsync_SaysTheAppAlreadyRuns()
    {
        var source = ProgramHeader + """
            await app.{|#1:RunAsync()|};
            app.{|#0:UseCors("Frontend")|};
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic(RunAsyncWhere));
    }

    [Fact]
    public async Task Startup_UseCorsBeforeUseRouting_WithRequireCors_ShouldReport()
    {
        var source = StartupHeader + """
                    app.{|#0:UseCors()|};
                    app.{|#1:UseRouting()|};
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("after UseRouting"));
    }

    [Fact]
    public async Task UseCorsBeforeUseRouting_WithEnableCorsOnController_ShouldReport()
    {
        await VerifyUseCorsBeforeUseRoutingReportsAsync("OrdersController.cs", """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("orders")]
            public class OrdersController : ControllerBase
            {
                [HttpGet]
                [EnableCors("Frontend")]
                public string Get() => "orders";
            }
            """);
    }

    [Fact]
    public async Task UseCorsBeforeUseRouting_WithEnableCorsOnMethodOfNestedController_ShouldReport()
    {
        // The metadata search reads declarations with attribute lists, in nested types too.
        await VerifyUseCorsBeforeUseRoutingReportsAsync("Api.cs", """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            namespace Shop.Api
            {
                public static class Orders
                {
                    public class OrdersController : ControllerBase
                    {
                        public string Plain() => "plain";

                        [HttpGet("orders")]
                        public string Get() => "orders";

                        [HttpGet("orders/{id}")]
                        [EnableCors("Frontend")]
                        public string Get(int id) => "order";
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task UseCorsBeforeUseRouting_WithDisableCorsOnController_ShouldReport()
    {
        await VerifyUseCorsBeforeUseRoutingReportsAsync("HealthController.cs", """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            [DisableCors]
            public class HealthController : ControllerBase
            {
                [HttpGet("health")]
                public string Get() => "ok";
            }
            """);
    }

    [Fact]
    public async Task UseCorsBeforeUseRouting_WithEnableCorsOnLambda_ShouldReport()
    {
        var source = "using Microsoft.AspNetCore.Cors;\n\n" + ProgramHeader + """
            app.{|#0:UseCors()|};
            app.{|#1:UseRouting()|};
            app.MapGet("/orders", [EnableCors("Frontend")] () => "orders");
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("after UseRouting"));
    }

    [Fact]
    public async Task ExtensionMethodBuildingThePipeline_ShouldReport()
    {
        var source = """
            public static class PipelineExtensions
            {
                public static IApplicationBuilder UseMyPipeline(this IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|#1:UseAuthorization()|};
                    app.{|#0:UseCors("Frontend")|};
                    return app;
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task FluentChain_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = StartupHeader + """
                    app.UseRouting().{|#1:UseAuthorization()|}.{|#0:UseCors("Frontend")|};
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task FluentChainAcrossStatements_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = StartupHeader + """
                    app.UseRouting()
                       .{|#1:UseAuthorization()|};
                    app.UseHttpsRedirection().{|#0:UseCors("Frontend")|};
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task StaticCallSyntax_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = StartupHeader + """
                    AuthorizationAppBuilderExtensions.{|#1:UseAuthorization(app)|};
                    CorsMiddlewareExtensions.{|#0:UseCors(app, "Frontend")|};
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task FieldReceiver_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = """
            public class PipelineBuilder
            {
                private readonly IApplicationBuilder _app;

                public PipelineBuilder(IApplicationBuilder app) => _app = app;

                public void Build()
                {
                    _app.{|#1:UseAuthorization()|};
                    _app.{|#0:UseCors("Frontend")|};
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task BranchPipelineInUseWhen_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = ProgramHeader + """
            app.UseCors("Frontend");
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api =>
            {
                api.{|#1:UseAuthorization()|};
                api.{|#0:UseCors("Frontend")|};
            });
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task TopLevelLocalFunction_UseCorsAfterUseAuthorization_ShouldReport()
    {
        var source = ProgramHeader + """
            app.UseCors("Frontend");
            app.Map("/admin", ConfigureAdmin);
            app.Run();

            static void ConfigureAdmin(IApplicationBuilder admin)
            {
                admin.{|#1:UseAuthorization()|};
                admin.{|#0:UseCors("Frontend")|};
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Diagnostic("before UseAuthorization"));
    }

    [Fact]
    public async Task TwoUseCorsCalls_EachReported()
    {
        var source = ProgramHeader + """
            app.{|#1:UseAuthorization()|};
            app.{|#0:UseCors("Frontend")|};
            app.{|#2:UseCors()|};
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(
            source,
            Diagnostic("before UseAuthorization"),
            Verify.Diagnostic("CORS007").WithLocation(2).WithLocation(1).WithArguments("before UseAuthorization"));
    }

    [Fact]
    public async Task Message_IsTheDescriptorFormat()
    {
        var source = ProgramHeader + """
            app.{|#1:UseAuthorization()|};
            app.{|#0:UseCors("Frontend")|};
            """;

        await Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic("CORS007").WithLocation(0).WithLocation(1).WithMessage("UseCors must be called before UseAuthorization"));
    }

    // ---- Silent ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task TopLevel_RecommendedOrder_NoDiagnostic()
    {
        var source = ProgramHeader + """
            app.UseHttpsRedirection();
            app.UseStaticFiles();
            app.UseRouting();
            app.UseCors("Frontend");
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseResponseCaching();
            app.MapGet("/orders", () => "orders").RequireCors("Frontend").RequireAuthorization();
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task Startup_RecommendedOrder_NoDiagnostic()
    {
        var source = StartupHeader + """
                    if (env.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    app.UseRouting();
                    app.UseCors();
                    app.UseAuthentication();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task MinimalHosting_NoUseRouting_UseCorsFirst_NoDiagnostic()
    {
        var source = ProgramHeader + """
            app.UseCors("Frontend");
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task UseCorsBeforeUseRouting_WithoutEndpointCorsMetadata_NoDiagnostic()
    {
        var source = StartupHeader + """
                    app.UseCors("Frontend");
                    app.UseRouting();
                    app.UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task FluentChain_RecommendedOrder_NoDiagnostic()
    {
        var source = StartupHeader + """
                    app.UseRouting().UseCors("Frontend").UseAuthentication().UseAuthorization();
                    app.UseEndpoints(endpoints => endpoints.MapControllers().RequireCors("Frontend"));
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DifferentReceivers_NoDiagnostic()
    {
        var source = """
            public static class Pipelines
            {
                public static void Configure(IApplicationBuilder api, IApplicationBuilder admin)
                {
                    admin.UseAuthorization();
                    api.UseCors("Frontend");
                    IApplicationBuilder alias = api;
                    alias.UseAuthorization();
                    api.UseAuthorization();
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task DifferentMethods_NoDiagnostic()
    {
        var source = """
            public static class Pipelines
            {
                public static void First(IApplicationBuilder app) => app.UseAuthorization();

                public static void Second(IApplicationBuilder app) => app.UseCors("Frontend");
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    /// <summary>On every path UseCors runs after UseAuthorization: both calls reported, no move offered (they are in other blocks).</summary>
    [Fact]
    public async Task UseCorsInIfElseBranchesAfterUseAuthorization_ShouldReportBoth()
    {
        var source = ProgramHeader + """
            app.UseRouting();
            app.{|#1:UseAuthorization()|};
            if (app.Environment.IsDevelopment())
            {
                app.{|#0:UseCors(policy => policy.AllowAnyOrigin())|};
            }
            else
            {
                app.{|#2:UseCors("Frontend")|};
            }

            app.Run();
            """;

        var second = Verify.Diagnostic("CORS007").WithLocation(2).WithLocation(1).WithArguments("before UseAuthorization");
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics = { Diagnostic("before UseAuthorization"), second },
            FixedExpectedDiagnostics = { Diagnostic("before UseAuthorization"), second },
        }.RunAsync();
    }

    /// <summary>In production UseAuthorization runs before UseCors: reported, no move offered.</summary>
    [Fact]
    public async Task ConditionalUseAuthorizationBeforeUseCors_ShouldReport()
    {
        var source = ProgramHeader + """
            if (app.Environment.IsProduction())
            {
                app.{|#1:UseAuthorization()|};
            }

            app.{|#0:UseCors("Frontend")|};
            app.Run();
            """;

        await VerifyNoFixAsync(source, "before UseAuthorization");
    }

    [Fact]
    public async Task UseCorsBeforeConditionalUseRouting_NoDiagnostic()
    {
        var source = ProgramHeader + """
            app.UseCors();
            foreach (var _ in new[] { 1 })
            {
                app.UseRouting();
            }

            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task LookAlikeClass_NoDiagnostic()
    {
        var source = """
            public class FakePipeline
            {
                public FakePipeline UseRouting() => this;
                public FakePipeline UseAuthorization() => this;
                public FakePipeline UseCors(string policy) => this;
                public void Run() { }
            }

            public static class Program
            {
                public static void Main()
                {
                    var app = new FakePipeline();
                    app.UseAuthorization();
                    app.Run();
                    app.UseCors("Frontend");
                    app.UseRouting();
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task LookAlikeExtensionMethods_NoDiagnostic()
    {
        var source = """
            public static class MyExtensions
            {
                public static IApplicationBuilder UseAuthorization(this IApplicationBuilder app, string scheme) => app;
                public static IApplicationBuilder UseCors(this IApplicationBuilder app, int order) => app;
            }

            public static class Pipelines
            {
                public static void Configure(IApplicationBuilder app)
                {
                    app.UseAuthorization("Bearer");
                    app.UseCors(1);
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        var test = new Verify.Test
        {
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
            TestCode = """
                public class App
                {
                    public App UseAuthorization() => this;
                    public App UseCors() => this;
                }

                public static class Pipelines
                {
                    public static void Configure(App app)
                    {
                        app.UseAuthorization();
                        app.UseCors();
                    }
                }
                """,
        };

        await test.RunAsync();
    }
}
