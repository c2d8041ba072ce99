using System.Collections.Immutable;
using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UseCorsWithoutCorsServicesRule>,
    CorsAnalyzers.CodeFixes.Rules.UseCorsWithoutCorsServicesFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS017_UseCorsWithoutCorsServicesTests
{
    private const string Key = UseCorsWithoutCorsServicesFixer.AddCorsKey;

    private static DiagnosticResult Unnamed() =>
        Verify.Diagnostic("CORS017").WithLocation(0).WithLocation(1).WithArguments(UseCorsWithoutCorsServicesRule.UnnamedMessage);

    private static DiagnosticResult Named() =>
        Verify.Diagnostic("CORS017").WithLocation(0).WithLocation(1).WithArguments(UseCorsWithoutCorsServicesRule.NamedMessage);

    [Fact]
    public async Task MinimalApi_UseCorsWithoutServices_ShouldReportAndAddCors()
    {
        await Verify.VerifyCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();

            {|#1:var app = builder.Build();|}
            app.{|#0:UseCors()|};
            app.MapRazorPages();
            app.Run();
            """,
            Unnamed().WithMessage("UseCors needs the CORS services and nothing in this application registers them: the app fails at start with \"Multiple constructors accepting all given argument types have been found in type 'Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware'. There should only be one applicable constructor.\"; call AddCors() on the services"),
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorPages();
            builder.Services.AddCors(options =>
            {
                options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.example.com" /* TODO CORS017: list the trusted origins */));
            });

            var app = builder.Build();
            app.UseCors();
            app.MapRazorPages();
            app.Run();
            """,
            Key);
    }

    /// <summary>The named policy is defined nowhere (AddCors commented out, as in real code): the fix defines it with the trusted origins (here the placeholder).</summary>
    [Fact]
    public async Task NamedPolicyWithAddCorsCommentedOut_ShouldReportAndDefineThePolicy()
    {
        await Verify.VerifyCodeFixAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR();
            // builder.Services.AddCors(o => o.AddPolicy("MyPolicy", p => p.WithOrigins("https://app.contoso.com")));
            {|#1:var app = builder.Build();|}
            app.{|#0:UseCors("MyPolicy")|};
            app.Run();
            """,
            Named(),
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSignalR();
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("MyPolicy", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS017: list the trusted origins */));
            });
            // builder.Services.AddCors(o => o.AddPolicy("MyPolicy", p => p.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            app.UseCors("MyPolicy");
            app.Run();
            """,
            Key);
    }

    [Fact]
    public async Task StartupClass_ShouldAddCorsInConfigureServices()
    {
        await Verify.VerifyCodeFixAsync(
            """
            Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).Build().Run();

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {|#1:{
                    services.AddRazorPages();
                }|}

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.{|#0:UseCors(policy => policy.WithOrigins("https://app.contoso.com"))|};
                    app.UseEndpoints(endpoints => endpoints.MapRazorPages());
                }
            }

            """,
            Named(),
            """
            Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Startup>()).Build().Run();

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddRazorPages();
                    services.AddCors();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors(policy => policy.WithOrigins("https://app.contoso.com"));
                    app.UseEndpoints(endpoints => endpoints.MapRazorPages());
                }
            }

            """,
            Key);
    }

    [Fact]
    public async Task SerilogStyleTryCatch_ShouldAddCorsBeforeBuild()
    {
        await Verify.VerifyCodeFixAsync(
            """
            try
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks();
                {|#1:var app = builder.Build();|}
                app.{|#0:UseCors("Frontend")|};
                app.MapHealthChecks("/health");
                app.Run();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine(ex);
            }
            """,
            Named(),
            """
            try
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddHealthChecks();
                builder.Services.AddCors(options =>
                {
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS017: list the trusted origins */));
                });
                var app = builder.Build();
                app.UseCors("Frontend");
                app.MapHealthChecks("/health");
                app.Run();
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine(ex);
            }
            """,
            Key);
    }

    [Theory]
    [InlineData("builder.Services.AddCors();")]
    [InlineData("builder.Services.AddCors(o => o.AddPolicy(\"Frontend\", p => p.WithOrigins(\"https://app.contoso.com\")));")]
    [InlineData("builder.Services.AddControllers();")]
    [InlineData("builder.Services.AddControllersWithViews();")]
    [InlineData("builder.Services.AddMvc();")]
    [InlineData("builder.Services.AddMvcCore().AddCors();")]
    [InlineData("builder.Host.ConfigureServices(services => services.AddCors());")]
    // The application's own helper, in this compilation.
    [InlineData("builder.Services.AddApiServices();")]
    // A CORS service of its own: uncertain.
    [InlineData("builder.Services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsService, Microsoft.AspNetCore.Cors.Infrastructure.CorsService>();")]
    public async Task ServicesRegistered_NoDiagnostic(string services)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            var builder = WebApplication.CreateBuilder(args);
            {{services}}
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public static class ServiceExtensions
            {
                public static IServiceCollection AddApiServices(this IServiceCollection services) => services.AddCors();
            }
            """);
    }

    [Fact]
    public async Task NoUseCors_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.MapGet("/", () => "hello");
            app.Run();
            """);
    }

    /// <summary>A library's pipeline helper: the app that uses it registers the services, not this compilation.</summary>
    [Fact]
    public async Task LibraryWithUseCors_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            public static class CorsPipeline
            {
                public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app) => app.UseCors("Frontend");
            }
            """);
    }

    /// <summary>A Startup of another assembly, or a library service helper that uses CORS: the services may be there.</summary>
    [Theory]
    [InlineData("Company.Web.CompanyServices.AddCompanyDefaults(builder.Services);", "public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddCompanyDefaults(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions.AddCors(services);")]
    [InlineData("Company.Web.CompanyServices.Register(builder.Services);", "public static void Register(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions.AddCors(services);")]
    [InlineData("Company.Web.CompanyServices.AddCompanyCors(builder.Services);", "public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddCompanyCors(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services;")]
    public async Task ServicesFromALibraryThatCanUseCors_NoDiagnostic(string call, string member)
    {
        var library = Cors.RegistryHarness.CompileLibrary("Company.Web", "namespace Company.Web { public static class CompanyServices { " + member + " } }");
        var registry = await Cors.RegistryHarness.CollectAsync(
            new[] { "var builder = WebApplication.CreateBuilder(args);\n" + call + "\nvar app = builder.Build();\napp.UseCors(\"Frontend\");\napp.Run();" },
            ImmutableArray.Create(library));

        Assert.True(registry.Services.MayRegisterCorsServicesUnseen);
        Assert.False(registry.Services.RegistersCorsServices);
    }

    /// <summary>A library's service helper that does not use CORS (like AddSwaggerGen): it cannot register the services.</summary>
    [Fact]
    public async Task ServicesFromALibraryWithoutCors_StillReports()
    {
        var library = Cors.RegistryHarness.CompileLibrary("Company.Docs", "namespace Company.Docs { public static class DocsServices { public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddCompanyDocs(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => services; } }");
        var registry = await Cors.RegistryHarness.CollectAsync(
            new[] { "var builder = WebApplication.CreateBuilder(args);\nCompany.Docs.DocsServices.AddCompanyDocs(builder.Services);\nvar app = builder.Build();\napp.UseCors(\"Frontend\");\napp.Run();" },
            ImmutableArray.Create(library));

        Assert.False(registry.Services.MayRegisterCorsServicesUnseen);
        Assert.True(registry.Services.CreatesHost);
        Assert.Single(registry.Pipeline.UseCorsCalls);
    }

    [Fact]
    public async Task StartupOfAnotherAssembly_NoDiagnostic()
    {
        var library = Cors.RegistryHarness.CompileLibrary("Company.Web", "namespace Company.Web { public class Startup { public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) { } } }");
        var registry = await Cors.RegistryHarness.CollectAsync(
            new[]
            {
                """
                var host = Host.CreateDefaultBuilder(args).ConfigureWebHostDefaults(web => web.UseStartup<Company.Web.Startup>().Configure(app => app.UseCors())).Build();
                host.Run();
                """,
            },
            ImmutableArray.Create(library));

        Assert.True(registry.Services.MayRegisterCorsServicesUnseen);
    }

    [Fact]
    public async Task FixAll_OneAddCorsPerApplication()
    {
        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                {|#1:var app = builder.Build();|}
                app.{|#0:UseCors()|};
                app.UseCors("Frontend");
                app.Run();
                """,
            ExpectedDiagnostics = { Unnamed() },
            FixedCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                {
                    options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.example.com" /* TODO CORS017: list the trusted origins */));
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS017: list the trusted origins */));
                });
                var app = builder.Build();
                app.UseCors();
                app.UseCors("Frontend");
                app.Run();
                """,
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task TrustedOriginsOption_DefinesEveryUsedPolicyWithThem()
    {
        // Names from UseCors, [EnableCors] and RequireCors, each once, in source order; the option's origins, no placeholder.
        await new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors;

                var builder = WebApplication.CreateBuilder(args);
                {|#1:var app = builder.Build();|}
                app.{|#0:UseCors("Frontend")|};
                app.MapGet("/orders", [EnableCors("Partners")] () => "orders");
                app.MapGet("/invoices", () => "invoices").RequireCors("Frontend");
                app.Run();
                """,
            ExpectedDiagnostics = { Named() },
            EditorConfig = "cors_analyzers.trusted_origins = https://app.contoso.com, https://admin.contoso.com",
            FixedCode = """
                using Microsoft.AspNetCore.Cors;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options =>
                {
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com", "https://admin.contoso.com"));
                    options.AddPolicy("Partners", policy => policy.WithOrigins("https://app.contoso.com", "https://admin.contoso.com"));
                });
                var app = builder.Build();
                app.UseCors("Frontend");
                app.MapGet("/orders", [EnableCors("Partners")] () => "orders");
                app.MapGet("/invoices", () => "invoices").RequireCors("Frontend");
                app.Run();
                """,
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }
}
