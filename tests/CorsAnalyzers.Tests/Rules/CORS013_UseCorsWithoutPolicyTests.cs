using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UseCorsWithoutPolicyRule>,
    CorsAnalyzers.CodeFixes.Rules.UseCorsWithoutPolicyFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS013_UseCorsWithoutPolicyTests
{
    // The default: the only named policy when there is one, else the removal.
    private const string DefaultKey = UseCorsWithoutPolicyFixer.FixUseCorsKey;
    private const string SingleKey = UseCorsWithoutPolicyFixer.FixUseCorsKey;

    // The removal, as the alternative where the default passes the only policy.
    private const string RemoveKey = UseCorsWithoutPolicyFixer.RemoveUseCorsKey;

    /// <summary>A top-level Program.cs whose AddCors delegate is <paramref name="policies"/>, then <paramref name="pipeline"/>.</summary>
    private static string Program(string policies, string pipeline) => $$"""
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
            {{policies}}
        });
        var app = builder.Build();
        {{pipeline}}
        app.Run();
        """;

    private const string FrontendPolicy = """options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));""";

    [Fact]
    public async Task UseCorsWithOnlyNamedPolicies_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program(FrontendPolicy, """
                app.UseRouting();
                {|#0:app.UseCors()|};
                app.MapGet("/orders", () => "orders");
                """),
            Verify.Diagnostic("CORS013").WithLocation(0)
                .WithMessage("UseCors() applies the default policy or endpoint CORS metadata, and this application defines neither: the call does nothing"));
    }

    [Fact]
    public async Task EnableCorsWithoutName_StillReports()
    {
        // [EnableCors] without a name asks for the default policy too: with none defined nothing applies.
        await Verify.VerifyAnalyzerAsync(Program(FrontendPolicy, """
            [|app.UseCors()|];
            app.MapGet("/orders", [EnableCors] () => "orders");
            app.MapGet("/items", () => "items").RequireCors();
            """));
    }

    [Fact]
    public async Task StartupShape_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync("""
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.AddCors(options =>
                    {
                        options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                        options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
                    });
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    [|app.UseCors()|];
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """);
    }

    [Fact]
    public async Task PipelineInExtensionMethod_PoliciesInAnotherFile_ShouldReport()
    {
        await new Verify.Test
        {
            TestCode = """
                public static class PipelineExtensions
                {
                    public static IApplicationBuilder UseApi(this IApplicationBuilder app) => [|app.UseCors()|];
                }
                """,
            AdditionalSources =
            {
                ("ServiceExtensions.cs", """
                    public static class ServiceExtensions
                    {
                        public static IServiceCollection AddApiCors(this IServiceCollection services) =>
                            services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                    }
                    """),
            },
        }.RunAsync();
    }

    [Theory]
    [InlineData("""options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.contoso.com"));""")]
    [InlineData("""options.AddDefaultPolicy(new CorsPolicyBuilder().WithOrigins("https://app.contoso.com").Build());""")]
    [InlineData("""options.AddPolicy("__DefaultCorsPolicy", policy => policy.WithOrigins("https://app.contoso.com"));""")]
    [InlineData("""options.DefaultPolicyName = "Frontend"; options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));""")]
    [InlineData("""options.AddPolicy(options.DefaultPolicyName, policy => policy.WithOrigins("https://app.contoso.com"));""")]
    public async Task DefaultPolicyDefinedOrPossible_NoDiagnostic(string policies)
    {
        await Verify.VerifyAnalyzerAsync(Program(policies, "app.UseCors();"));
    }

    /// <summary>
    /// A policy whose name comes from configuration is uncertain about that name only: whether a default policy
    /// exists is still known (code that means the default policy says AddDefaultPolicy or DefaultPolicyName).
    /// </summary>
    [Fact]
    public async Task NamedPolicyFromConfiguration_StillReports()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""options.AddPolicy(builder.Configuration["Cors:Name"]!, policy => policy.WithOrigins("https://app.contoso.com"));""", "{|#0:app.UseCors()|};"),
            Verify.Diagnostic("CORS013").WithLocation(0));
    }

    [Theory]
    [InlineData("""app.MapGet("/orders", [EnableCors("Frontend")] () => "orders");""")]
    [InlineData("""app.MapGet("/orders", () => "orders").RequireCors("Frontend");""")]
    [InlineData("""app.MapGet("/orders", () => "orders").RequireCors(policy => policy.WithOrigins("https://app.contoso.com"));""")]
    [InlineData("""app.MapGet("/orders", () => "orders").RequireCors(app.Configuration["Cors:Policy"]!);""")]
    [InlineData("""app.MapGet("/orders", () => "orders").WithMetadata(new EnableCorsAttribute("Frontend"));""")]
    public async Task EndpointNamesAPolicy_NoDiagnostic(string endpoint)
    {
        await Verify.VerifyAnalyzerAsync(Program(FrontendPolicy, "app.UseCors();\n" + endpoint));
    }

    [Fact]
    public async Task ControllerWithNamedEnableCors_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program(FrontendPolicy, "app.UseCors();\napp.MapControllers();") + """


            [Microsoft.AspNetCore.Mvc.ApiController]
            [EnableCors("Frontend")]
            public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
            }
            """);
    }

    [Fact]
    public async Task CustomPolicyProvider_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program(FrontendPolicy, """
            app.UseCors();
            """) + """


            class TenantCorsPolicyProvider : ICorsPolicyProvider
            {
                public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
                    Task.FromResult<CorsPolicy?>(null);
            }
            """);
    }

    [Fact]
    public async Task NoAddCorsInCompilation_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """);
    }

    [Fact]
    public async Task NamedOrInlineUseCors_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program(FrontendPolicy, """
            app.UseCors("Frontend");
            app.UseCors(policy => policy.WithOrigins("https://app.contoso.com"));
            """));
    }

    [Fact]
    public async Task LookAlikeUseCors_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program(FrontendPolicy, "new FakeApp().UseCors();") + """


            class FakeApp { public FakeApp UseCors() => this; }
            """);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                class App { public App UseCors() => this; }

                static class Program
                {
                    static void Main() => new App().UseCors();
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }

    [Fact]
    public async Task UseSinglePolicy_PassesTheOnlyPolicyName()
    {
        await Verify.VerifyCodeFixAsync(
            Program(FrontendPolicy, """
                app.UseRouting();
                [|app.UseCors()|];
                """),
            Program(FrontendPolicy, """
                app.UseRouting();
                app.UseCors("Frontend");
                """),
            SingleKey);
    }

    [Fact]
    public async Task UseSinglePolicy_ConstantNameBecomesLiteral()
    {
        await new Verify.Test
        {
            TestCode = Program("""options.AddPolicy(Names.Frontend, policy => policy.WithOrigins("https://app.contoso.com"));""", "[|app.UseCors()|];")
                + "\n\nstatic class Names { public const string Frontend = \"Front\\\"end\"; }\n",
            FixedCode = Program("""options.AddPolicy(Names.Frontend, policy => policy.WithOrigins("https://app.contoso.com"));""", "app.UseCors(\"Front\\\"end\");")
                + "\n\nstatic class Names { public const string Frontend = \"Front\\\"end\"; }\n",
            CodeActionEquivalenceKey = SingleKey,
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveUseCors_RemovesTheStatement()
    {
        await Verify.VerifyCodeFixAsync(
            Program(FrontendPolicy, """
                app.UseRouting();
                [|app.UseCors()|];
                app.MapGet("/orders", () => "orders");
                """),
            Program(FrontendPolicy, """
                app.UseRouting();
                app.MapGet("/orders", () => "orders");
                """),
            RemoveKey);
    }

    [Fact]
    public async Task RemoveUseCors_InStartup_IsTheOnlyFixWithSeveralPolicies()
    {
        const string Services = """
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options =>
                    {
                        options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                        options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
                    });
                }

            """;
        // No key: the first fix offered is applied, which must be the removal (no single policy to pass).
        await Verify.VerifyCodeFixAsync(
            Services + """
                    public void Configure(IApplicationBuilder app)
                    {
                        app.UseRouting();
                        // CORS
                        [|app.UseCors()|];
                        app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"));
                    }
                }
                """,
            Services + """
                    public void Configure(IApplicationBuilder app)
                    {
                        app.UseRouting();
                        app.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi"));
                    }
                }
                """);
    }

    [Fact]
    public async Task RemoveUseCors_InChainOrExpressionBody_KeepsTheReceiver()
    {
        await new Verify.Test
        {
            TestCode = Program(FrontendPolicy, """
                [|app.UseCors()|].UseAuthorization();
                app.MapGet("/orders", () => "orders");
                """) + """


                static class PipelineExtensions
                {
                    public static IApplicationBuilder UseApi(this IApplicationBuilder app) => [|app.UseCors()|];
                }
                """,
            FixedCode = Program(FrontendPolicy, """
                app.UseAuthorization();
                app.MapGet("/orders", () => "orders");
                """) + """


                static class PipelineExtensions
                {
                    public static IApplicationBuilder UseApi(this IApplicationBuilder app) => app;
                }
                """,
            CodeActionEquivalenceKey = RemoveKey,
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveUseCors_SeveralPolicies_LambdaBodyBecomesEmptyBlock()
    {
        const string Policies = """
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
            """;
        await Verify.VerifyCodeFixAsync(
            Program(Policies, """
                app.Map("/api", api => [|api.UseCors()|]);
                """),
            Program(Policies, """
                app.Map("/api", api => { });
                """),
            DefaultKey);
    }

    [Fact]
    public async Task EndpointMetadata_SinglePolicy_OnlyUsesThePolicy_NeverRemoves()
    {
        // Without UseCors an endpoint with CORS metadata throws: removing the call would break every request to it.
        var source = Program(FrontendPolicy, """
            [|app.UseCors()|];
            app.MapGet("/orders", [EnableCors] () => "orders");
            """);
        await Verify.VerifyCodeFixAsync(source, Program(FrontendPolicy, """
            app.UseCors("Frontend");
            app.MapGet("/orders", [EnableCors] () => "orders");
            """), DefaultKey);
        var failure = await Assert.ThrowsAsync<VerificationException>(() => Verify.VerifyCodeFixAsync(source, source, RemoveKey));
        Assert.Contains("No code action with equivalence key 'CORS013.RemoveUseCors' was offered", failure.Message);
    }

    [Theory]
    [InlineData("""app.MapGet("/orders", [EnableCors] () => "orders");""")]
    [InlineData("""app.MapGet("/orders", [DisableCors] () => "orders");""")]
    [InlineData("""app.MapGet("/orders", () => "orders").WithMetadata(new DisableCorsAttribute());""")]
    [InlineData("""app.MapGet("/orders", () => "orders").RequireCors();""")]
    public async Task EndpointMetadata_SeveralPolicies_NoFix(string endpoint)
    {
        var source = Program("""
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
            """, "[|app.UseCors()|];\n" + endpoint);
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task UseSinglePolicy_FixAll_FixesEveryCall()
    {
        await new Verify.Test
        {
            TestCode = Program(FrontendPolicy, """
                [|app.UseCors()|];
                app.Map("/api", api => api.UseCors());
                """).Replace("api.UseCors()", "[|api.UseCors()|]"),
            FixedCode = Program(FrontendPolicy, """
                app.UseCors("Frontend");
                app.Map("/api", api => api.UseCors("Frontend"));
                """),
            CodeActionEquivalenceKey = SingleKey,
        }.RunAsync();
    }
}

/// <summary>CORS013 where the CORS services come from MVC (issue 20, item 3).</summary>
public class CORS013_UseCorsWithoutPolicyMvcTests
{
    [Theory]
    [InlineData("builder.Services.AddControllers();")]
    [InlineData("builder.Services.AddControllersWithViews();")]
    [InlineData("builder.Services.AddMvc();")]
    [InlineData("builder.Services.AddMvcCore().AddCors();")]
    public async Task MvcRegistersCorsServices_UseCorsWithoutPolicy_ShouldReport(string services)
    {
        await Verify.VerifyAnalyzerAsync(
            $$"""
            var builder = WebApplication.CreateBuilder(args);
            {{services}}
            var app = builder.Build();
            app.UseRouting();
            {|#0:app.UseCors()|};
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """,
            Verify.Diagnostic("CORS013").WithLocation(0));
    }

    [Theory]
    // Razor Pages and SignalR do not register the CORS services: UseCors() fails at start (CORS017), not a no-op.
    [InlineData("builder.Services.AddRazorPages();")]
    [InlineData("builder.Services.AddSignalR();")]
    // The default policy is defined after all.
    [InlineData("builder.Services.AddControllers();\nbuilder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(\"https://app.contoso.com\")));")]
    public async Task NoMvcOrDefaultPolicy_NoDiagnostic(string services)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            var builder = WebApplication.CreateBuilder(args);
            {{services}}
            var app = builder.Build();
            app.UseRouting();
            app.UseCors();
            app.Run();
            """);
    }

    [Fact]
    public async Task ControllersWithNamedEnableCors_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                var app = builder.Build();
                app.UseCors();
                app.MapControllers();
                app.Run();
                """,
            AdditionalSources =
            {
                ("OrdersController.cs", """
                    using Microsoft.AspNetCore.Cors;
                    using Microsoft.AspNetCore.Mvc;

                    [EnableCors("Frontend")]
                    public class OrdersController : ControllerBase
                    {
                        public IActionResult Get() => Ok();
                    }
                    """),
            },
        }.RunAsync();
    }
}
