using System.Collections.Immutable;
using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UnknownPolicyNameRule>,
    CorsAnalyzers.CodeFixes.Rules.UnknownPolicyNameFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS008_UnknownPolicyNameTests
{
    private const string Key = UnknownPolicyNameFixer.UseNearestNameKey;

    private static DiagnosticResult DidYouMean(int location, string name, string suggestion) =>
        Verify.Diagnostic("CORS008").WithLocation(location).WithArguments(name, "; did you mean '" + suggestion + "'?");

    private static DiagnosticResult CaseMismatch(int location, string name, string defined) =>
        Verify.Diagnostic("CORS008").WithLocation(location)
            .WithArguments(name, ": policy names are case-sensitive, the defined one is '" + defined + "'");

    private static DiagnosticResult NotDefined(int location, string name) =>
        Verify.Diagnostic("CORS008").WithLocation(location).WithArguments(name, " in this application");

    /// <summary>A top-level Program.cs defining "Frontend" and "Admin", with <paramref name="pipeline"/> after Build().</summary>
    private static string Program(string pipeline) => $$"""
        using Microsoft.AspNetCore.Cors;
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
            options.AddPolicy("Backoffice", new CorsPolicyBuilder().WithOrigins("https://admin.contoso.com").Build());
        });
        var app = builder.Build();
        {{pipeline}}
        app.Run();
        """;

    [Fact]
    public async Task UseCorsWithTypo_ShouldReportWithSuggestion()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.UseCors({|#0:"Frontent"|});"""),
            DidYouMean(0, "Frontent", "Frontend"));
    }

    [Fact]
    public async Task UseCorsWithCaseMismatch_ShouldReportCaseSensitivity()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.UseCors({|#0:"frontend"|});"""),
            CaseMismatch(0, "frontend", "Frontend"));
    }

    [Fact]
    public async Task UseCorsWithUnrelatedName_ShouldReportWithoutSuggestion()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.UseCors({|#0:"Admin"|});"""),
            NotDefined(0, "Admin"));
    }

    [Fact]
    public async Task PolicyDefinedWithCorsPolicyOverload_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""app.UseCors("Backoffice");"""));
    }

    [Fact]
    public async Task DefinedNames_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            app.UseCors("Frontend");
            app.MapGet("/a", () => "a").RequireCors("Backoffice");
            app.MapGet("/b", [EnableCors("Frontend")] () => "b");
            app.MapGet("/c", [EnableCors] () => "c");
            app.MapGet("/d", () => "d").RequireCors();
            """));
    }

    [Fact]
    public async Task RequireCorsWithTypo_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.MapGet("/orders", () => "orders").RequireCors({|#0:"Backofice"|});"""),
            DidYouMean(0, "Backofice", "Backoffice"));
    }

    [Fact]
    public async Task EnableCorsOnLambdaWithTypo_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.MapGet("/orders", [EnableCors({|#0:"Frontnd"|})] () => "orders");"""),
            DidYouMean(0, "Frontnd", "Frontend"));
    }

    [Fact]
    public async Task EnableCorsOnLocalFunctionWithTypo_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                app.MapGet("/orders", Orders);

                [EnableCors({|#0:"FRONTEND"|})]
                static string Orders() => "orders";
                """),
            CaseMismatch(0, "FRONTEND", "Frontend"));
    }

    [Fact]
    public async Task EnableCorsAttributeAsMetadataWithUnknownName_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.MapGet("/orders", () => "orders").WithMetadata(new EnableCorsAttribute({|#0:"Partners"|}));"""),
            NotDefined(0, "Partners"));
    }

    [Fact]
    public async Task ConstantFromAnotherFile_ShouldReportAtTheConstantReference()
    {
        await new Verify.Test
        {
            TestCode = Program("""app.UseCors({|#0:Policies.Admin|});"""),
            AdditionalSources =
            {
                ("Policies.cs", """
                    public static class Policies
                    {
                        public const string Frontend = "Frontend";
                        public const string Admin = "Admin";
                    }
                    """),
            },
            ExpectedDiagnostics = { NotDefined(0, "Admin") },
        }.RunAsync();
    }

    [Fact]
    public async Task ConstantsOnBothSides_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy(Policies.Frontend, policy => policy.WithOrigins("https://app.contoso.com")));
                var app = builder.Build();
                app.UseCors(Policies.Frontend);
                app.UseCors("Front" + "end");
                app.Run();
                """,
            AdditionalSources =
            {
                ("Policies.cs", """
                    public static class Policies
                    {
                        public const string Frontend = "Frontend";
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task NameofNames_ShouldResolveTheirValue()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy(nameof(Frontend), policy => policy.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            app.UseCors(nameof(Frontend));
            app.MapGet("/admin", () => "admin").RequireCors({|#0:nameof(Admin)|});
            app.Run();

            class Frontend { }
            class Admin { }
            """,
            NotDefined(0, "Admin"));
    }

    [Fact]
    public async Task StartupWithControllerAttributes_ShouldReportOnClassAndAction()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddControllers();
                    services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors();
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }

            [ApiController]
            [Route("orders")]
            [EnableCors({|#0:"Frontnd"|})]
            public class OrdersController : ControllerBase
            {
                [HttpGet]
                [EnableCors({|#1:"frontend"|})]
                public string Get() => "orders";

                [HttpPost]
                [EnableCors(PolicyName = {|#2:"Partners"|})]
                public string Post() => "created";

                [HttpPut]
                [EnableCors("Frontend")]
                public string Put() => "updated";
            }
            """,
            DidYouMean(0, "Frontnd", "Frontend"),
            CaseMismatch(1, "frontend", "Frontend"),
            NotDefined(2, "Partners"));
    }

    [Fact]
    public async Task OverloadsAndPartialControllerInTwoFiles_EachAttributeReportedOnce()
    {
        // Method attributes are read per type from the declarations: overloads share a name, a partial type has two.
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors;
                using Microsoft.AspNetCore.Mvc;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddControllers();
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                var app = builder.Build();
                app.UseRouting();
                app.UseCors();
                app.MapControllers();
                app.Run();

                public partial class OrdersController : ControllerBase
                {
                    [HttpGet("a")]
                    [EnableCors({|#0:"Admin"|})]
                    public string Get() => "a";

                    [HttpGet("b/{id}")]
                    [EnableCors({|#1:"Partners"|})]
                    public string Get(int id) => "b";

                    public string NoAttributes() => "c";
                }
                """,
            AdditionalSources =
            {
                ("OrdersController.More.cs", """
                    using Microsoft.AspNetCore.Cors;
                    using Microsoft.AspNetCore.Mvc;

                    [EnableCors({|#2:"Mobile"|})]
                    public partial class OrdersController
                    {
                        [HttpGet("c/{name}")]
                        [EnableCors({|#3:"Admin"|})]
                        public string Get(string name) => name;
                    }
                    """),
            },
        };
        test.ExpectedDiagnostics.AddRange(new[] { NotDefined(0, "Admin"), NotDefined(1, "Partners"), NotDefined(2, "Mobile"), NotDefined(3, "Admin") });
        await test.RunAsync();
    }

    [Fact]
    public async Task CorsAuthorizationFilterWithUnknownName_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Mvc.Cors;
            using Microsoft.Extensions.Logging;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            app.Run();

            static class Filters
            {
                public static CorsAuthorizationFilter Create(ICorsService service, ICorsPolicyProvider provider, ILoggerFactory loggerFactory) =>
                    new CorsAuthorizationFilter(service, provider, loggerFactory) { PolicyName = {|#0:"Frontends"|} };
            }
            """,
            DidYouMean(0, "Frontends", "Frontend"));
    }

    /// <summary>
    /// CorsAuthorizationFilterFactory is public only before ASP.NET Core 3.0: stand-in types with the same metadata
    /// names play that framework.
    /// </summary>
    [Fact]
    public async Task FilterFactoryWithUnknownName_AspNetCore2Shape_ShouldReport()
    {
        await new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Mvc.Cors;
                using Microsoft.Extensions.DependencyInjection;

                static class Setup
                {
                    public static object Configure(IServiceCollection services)
                    {
                        services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                        return new CorsAuthorizationFilterFactory({|#0:"Frontends"|});
                    }
                }
                """,
            AdditionalSources = { ("AspNetCore2.cs", AspNetCore2Stubs) },
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
            ExpectedDiagnostics = { DidYouMean(0, "Frontends", "Frontend") },
        }.RunAsync();
    }

    private const string AspNetCore2Stubs = """
        namespace Microsoft.AspNetCore.Cors.Infrastructure
        {
            public class CorsPolicyBuilder { public CorsPolicyBuilder WithOrigins(params string[] origins) => this; }
            public class CorsOptions { public void AddPolicy(string name, System.Action<CorsPolicyBuilder> configurePolicy) { } }
        }

        namespace Microsoft.Extensions.DependencyInjection
        {
            public interface IServiceCollection { }

            public static class CorsServiceCollectionExtensions
            {
                public static IServiceCollection AddCors(this IServiceCollection services, System.Action<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions> setupAction) => services;
            }
        }

        namespace Microsoft.AspNetCore.Mvc.Cors
        {
            public class CorsAuthorizationFilterFactory { public CorsAuthorizationFilterFactory(string policyName) { } }
        }
        """;

    [Fact]
    public async Task PipelineInExtensionMethod_PoliciesInAnotherFile_ShouldReport()
    {
        await new Verify.Test
        {
            TestCode = """
                public static class PipelineExtensions
                {
                    public static WebApplication UseApi(this WebApplication app)
                    {
                        app.UseCors({|#0:"Frontent"|});
                        app.MapGet("/orders", () => "orders");
                        return app;
                    }
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
            ExpectedDiagnostics = { DidYouMean(0, "Frontent", "Frontend") },
        }.RunAsync();
    }

    [Fact]
    public async Task ConfigureMethodGroup_ShouldStillSeeThePolicies()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(CorsSetup.Configure);
            var app = builder.Build();
            app.UseCors("Frontend");
            app.UseCors({|#0:"Admin"|});
            app.Run();

            static class CorsSetup
            {
                public static void Configure(CorsOptions options) =>
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
            }
            """,
            NotDefined(0, "Admin"));
    }

    [Fact]
    public async Task SeveralCandidatesEquallyNear_ShouldReportWithoutSuggestion()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("ApiA", policy => policy.WithOrigins("https://a.contoso.com"));
                options.AddPolicy("ApiB", policy => policy.WithOrigins("https://b.contoso.com"));
            });
            var app = builder.Build();
            app.UseCors({|#0:"ApiC"|});
            app.Run();
            """,
            NotDefined(0, "ApiC"));
    }

    [Fact]
    public async Task CustomPolicyProviderClass_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""app.UseCors("Frontent");""") + """


            class TenantCorsPolicyProvider : Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider
            {
                public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) =>
                    Task.FromResult<CorsPolicy?>(null);
            }
            """);
    }

    /// <summary>
    /// A Program that defines "Frontend", registers a policy provider with <paramref name="registration"/> and asks
    /// for "Frontent": silent, since the provider may define any name.
    /// </summary>
    private static Task VerifyProviderRegistrationIsSilentAsync(string registration) =>
        Verify.VerifyAnalyzerAsync($$"""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.DependencyInjection.Extensions;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            {{registration}}
            var app = builder.Build();
            app.UseCors("Frontent");
            app.Run();
            """);

    [Fact]
    public Task CustomPolicyProviderRegistration_NoDiagnostic() =>
        VerifyProviderRegistrationIsSilentAsync("builder.Services.AddSingleton<ICorsPolicyProvider, DefaultCorsPolicyProvider>();");

    [Fact]
    public Task CustomPolicyProviderRegisteredAsInstanceWithInferredTypeArgument_NoDiagnostic() =>
        // AddSingleton<TService>(TService instance): TService is inferred from the argument's type.
        VerifyProviderRegistrationIsSilentAsync(
            "ICorsPolicyProvider provider = new DefaultCorsPolicyProvider(Microsoft.Extensions.Options.Options.Create(new CorsOptions())); "
            + "builder.Services.AddSingleton(provider);");

    [Fact]
    public async Task OtherServiceRegisteredWithInferredTypeArgument_Reports()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            builder.Services.AddSingleton(new Clock());
            builder.Services.AddSingleton<Clock>(new Clock());
            var app = builder.Build();
            app.UseCors({|#0:"Frontent"|});
            app.Run();

            sealed class Clock { }
            """,
            DidYouMean(0, "Frontent", "Frontend"));
    }
}
