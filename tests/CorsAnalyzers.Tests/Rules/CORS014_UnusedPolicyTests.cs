using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UnusedPolicyRule>>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS014_UnusedPolicyTests
{
    private static DiagnosticResult Unused(int location, string name) =>
        Verify.Diagnostic("CORS014").WithLocation(location).WithArguments("The CORS policy '" + name + "'");

    /// <summary>A top-level Program.cs with <paramref name="policies"/> in AddCors, then <paramref name="pipeline"/>.</summary>
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

    [Fact]
    public async Task PolicyNeverReferenced_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy({|#0:"Legacy"|}, new CorsPolicyBuilder().WithOrigins("https://old.contoso.com").Build());
                """, """app.UseCors("Frontend");"""),
            Verify.Diagnostic("CORS014").WithLocation(0)
                .WithMessage("The CORS policy 'Legacy' is never used by UseCors, [EnableCors], RequireCors or a CORS filter")
                .WithSeverity(DiagnosticSeverity.Info));
    }

    [Fact]
    public async Task ConstantNameFromAnotherFile_ShouldReportAtTheConstant()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                options.AddPolicy(Policies.Frontend, policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy({|#0:Policies.Partners|}, policy => policy.WithOrigins("https://partner.example"));
                """, """app.MapGet("/orders", () => "orders").RequireCors(Policies.Frontend);"""),
            AdditionalSources =
            {
                ("Policies.cs", """
                    public static class Policies
                    {
                        public const string Frontend = "Frontend";
                        public const string Partners = "Partners";
                    }
                    """),
            },
            ExpectedDiagnostics = { Unused(0, "Partners") },
        }.RunAsync();
    }

    [Fact]
    public async Task PolicyUsedOnlyByGeneratedControllers_NoDiagnostic()
    {
        // Generated code is not reported on, but its [EnableCors] uses a policy as much as hand-written code does.
        await new Verify.Test
        {
            TestCode = Program("""
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
                options.AddPolicy({|#0:"Legacy"|}, policy => policy.WithOrigins("https://old.contoso.com"));
                """, """app.UseCors("Frontend");"""),
            AdditionalSources =
            {
                ("PartnersController.g.cs", """
                    namespace Contoso.Generated
                    {
                        public partial class PartnersController : Microsoft.AspNetCore.Mvc.ControllerBase
                        {
                            [Microsoft.AspNetCore.Cors.EnableCors("Partners")]
                            public string Get() => "x";
                        }
                    }
                    """),
            },
            ExpectedDiagnostics = { Unused(0, "Legacy") },
        }.RunAsync();
    }

    [Fact]
    public async Task PolicyUsedByANestedControllerAndAPartialMethod_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                options.AddPolicy("Nested", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Partial", policy => policy.WithOrigins("https://partner.example"));
                """, """app.MapControllers();"""),
            AdditionalSources =
            {
                ("Controllers.cs", """
                    namespace Contoso.Api;

                    public static class Area
                    {
                        [Microsoft.AspNetCore.Cors.EnableCors("Nested")]
                        public sealed class NestedController : Microsoft.AspNetCore.Mvc.ControllerBase
                        {
                        }
                    }

                    public partial class ReportsController : Microsoft.AspNetCore.Mvc.ControllerBase
                    {
                        [Microsoft.AspNetCore.Cors.EnableCors("Partial")]
                        public partial string Get();

                        public partial string Get() => "x";
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task StartupShape_ReferencesFromControllerAttributes()
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
                    services.AddCors(options =>
                    {
                        options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                        options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
                        options.AddPolicy(nameof(OrdersController), policy => policy.WithOrigins("https://orders.example"));
                        options.AddPolicy({|#0:"Admin"|}, policy => policy.WithOrigins("https://admin.contoso.com"));
                    });
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
            [EnableCors("Frontend")]
            public class OrdersController : ControllerBase
            {
                [HttpGet]
                [EnableCors(PolicyName = "Partners")]
                public string Get() => "orders";

                [HttpPost]
                [EnableCors(nameof(OrdersController))]
                public string Post() => "created";
            }
            """,
            Unused(0, "Admin"));
    }

    [Fact]
    public async Task ReferencedFromPipelineExtensionMethodInAnotherFile_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                var app = builder.Build();
                app.UseApi();
                app.Run();
                """,
            AdditionalSources =
            {
                ("PipelineExtensions.cs", """
                    public static class PipelineExtensions
                    {
                        public static void UseApi(this WebApplication app)
                        {
                            app.UseRouting();
                            app.UseCors("Frontend");
                            app.MapGet("/orders", () => "orders");
                        }
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task ReferencedByCorsFilterOrMetadata_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            options.AddPolicy("Filter", policy => policy.WithOrigins("https://a.example"));
            options.AddPolicy("Metadata", policy => policy.WithOrigins("https://b.example"));
            options.AddPolicy("Lambda", policy => policy.WithOrigins("https://c.example"));
            """, """
            app.MapGet("/a", () => "a").WithMetadata(new EnableCorsAttribute("Metadata"));
            app.MapGet("/b", [EnableCors("Lambda")] () => "b");
            """) + """


            static class Filters
            {
                public static Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilter Create(
                    ICorsService service, ICorsPolicyProvider provider, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory) =>
                    new(service, provider, loggerFactory) { PolicyName = "Filter" };
            }
            """);
    }

    [Theory]
    [InlineData("app.UseCors();")]
    [InlineData("app.MapGet(\"/\", () => \"\").WithMetadata(new EnableCorsAttribute());")]
    [InlineData("app.MapGet(\"/\", [EnableCors] () => \"\");")]
    [InlineData("app.UseCors(\"__DefaultCorsPolicy\");")]
    public async Task DefaultPolicyApplied_NoDiagnostic(string pipeline)
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.contoso.com"));
            options.AddPolicy("__DefaultCorsPolicy", policy => policy.WithOrigins("https://app.contoso.com"));
            """, pipeline));
    }

    /// <summary>A default policy is applied only by UseCors(), [EnableCors] or a filter without a name (issue 20, item 4).</summary>
    [Fact]
    public async Task DefaultPolicyNothingApplies_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                options.{|#0:AddDefaultPolicy|}(policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                """, """app.UseCors("Frontend");"""),
            Verify.Diagnostic("CORS014").WithLocation(0)
                .WithMessage("The default CORS policy is never used by UseCors, [EnableCors], RequireCors or a CORS filter")
                .WithSeverity(DiagnosticSeverity.Info));
    }

    /// <summary>The docs' sample with a var name: used, silent; its unused twin reported where the name is passed.</summary>
    [Fact]
    public async Task VarPolicyName_DocsSample()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";
            var Legacy = "Legacy";

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy(name: MyAllowSpecificOrigins, policy => policy.WithOrigins("http://example.com"));
                options.AddPolicy(name: {|#0:Legacy|}, policy => policy.WithOrigins("http://old.example.com"));
            });
            var app = builder.Build();
            app.UseCors(MyAllowSpecificOrigins);
            app.Run();
            """,
            Unused(0, "Legacy"));
    }

    /// <summary>Swagger and Serilog in the pipeline cannot apply a policy: they no longer hide an unused one (issue 20, item 2).</summary>
    [Fact]
    public async Task ThirdPartyPipelineCallWithoutCors_StillReports()
    {
        var library = Cors.RegistryHarness.CompileLibrary("Swashbuckle.Like", """
            namespace Swashbuckle.Like
            {
                public static class SwaggerBuilderExtensions
                {
                    public static Microsoft.AspNetCore.Builder.IApplicationBuilder UseSwagger(this Microsoft.AspNetCore.Builder.IApplicationBuilder app) => app;
                }
            }
            """);
        var registry = await Cors.RegistryHarness.CollectAsync(
            new[]
            {
                """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Legacy", policy => policy.WithOrigins("https://old.contoso.com")));
                var app = builder.Build();
                Swashbuckle.Like.SwaggerBuilderExtensions.UseSwagger(app);
                app.MapGet("/", () => "hello");
                app.Run();
                """,
            },
            System.Collections.Immutable.ImmutableArray.Create(library));

        Assert.False(registry.Pipeline.HasOpaquePipelineHelper);
        Assert.True(registry.Pipeline.BuildsPipeline);
    }

    [Fact]
    public async Task ComputedReferenceAnywhere_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
            options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
            """, """app.UseCors(app.Configuration["Cors:Policy"]!);"""));
    }

    [Fact]
    public async Task CustomPolicyProviderRegistered_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
            builder.Services.AddSingleton<ICorsPolicyProvider, DefaultCorsPolicyProvider>();
            """, "app.UseCors();"));
    }

    [Fact]
    public async Task DefaultPolicyNameReassigned_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
            options.DefaultPolicyName = "Frontend";
            """, "app.UseCors();"));
    }

    [Fact]
    public async Task LibraryWithoutPipeline_NoDiagnostic()
    {
        // A library that defines policies for the applications that reference it.
        await Verify.VerifyAnalyzerAsync("""
            public static class CompanyCors
            {
                public const string Frontend = "Frontend";

                public static IServiceCollection AddCompanyCors(this IServiceCollection services) =>
                    services.AddCors(options => options.AddPolicy(Frontend, policy => policy.WithOrigins("https://app.contoso.com")));
            }
            """);
    }

    [Fact]
    public async Task LookAlikeAddPolicy_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
            new FakeOptions().AddPolicy("Legacy", null);
            """, """app.UseCors("Frontend");""") + """


            class FakeOptions { public void AddPolicy(string name, object? policy) { } }
            """);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                class CorsOptions { public void AddPolicy(string name, object policy) { } }

                static class Program
                {
                    static void Main() => new CorsOptions().AddPolicy("Legacy", new object());
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }
}
