using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.UnknownPolicyNameRule>,
    CorsAnalyzers.CodeFixes.Rules.UnknownPolicyNameFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS008 with the names people write the way the ASP.NET Core docs do (issue 20, item 1).</summary>
public partial class CORS008_UnknownPolicyNameTests
{
    /// <summary>The docs' CORS page: <c>var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";</c>.</summary>
    [Fact]
    public async Task DocsSample_VarPolicyName_Correct_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy(name: MyAllowSpecificOrigins,
                                  policy =>
                                  {
                                      policy.WithOrigins("http://example.com",
                                                          "http://www.contoso.com");
                                  });
            });
            builder.Services.AddControllers();

            var app = builder.Build();
            app.UseHttpsRedirection();
            app.UseCors(MyAllowSpecificOrigins);
            app.UseAuthorization();
            app.MapControllers();
            app.Run();
            """);
    }

    [Fact]
    public async Task DocsSample_VarPolicyName_TypoInUseCors_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
                options.AddPolicy(name: MyAllowSpecificOrigins, policy => policy.WithOrigins("http://example.com")));

            var app = builder.Build();
            app.UseCors({|#0:"_myAllowSpecificOrigin"|});
            app.Run();
            """,
            DidYouMean(0, "_myAllowSpecificOrigin", "_myAllowSpecificOrigins"));
    }

    [Fact]
    public async Task VarPolicyNameWithTypoInItsValue_ShouldReportAtTheReferenceWithoutFix()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var policyName = "Fronted";

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            app.UseCors({|#0:policyName|});
            app.Run();
            """,
            DidYouMean(0, "Fronted", "Frontend"));
    }

    [Theory]
    // Reassigned: it may hold another name.
    [InlineData("var name = \"Partner\"; if (args.Length > 0) name = args[0];")]
    [InlineData("var name = \"Partner\"; Change(ref name); static void Change(ref string s) { }")]
    [InlineData("var name = args.Length > 0 ? args[0] : \"Partner\";")]
    [InlineData("string name; name = \"Partner\";")]
    public async Task LocalThatMayHoldAnotherName_NoDiagnostic(string declaration)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            {{declaration}}
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            app.UseCors(name);
            app.Run();
            """);
    }

    [Theory]
    [InlineData("private static readonly string Policy = \"Partner\";")]
    [InlineData("private readonly string Policy = \"Partner\";")]
    [InlineData("public static string Policy { get; } = \"Partner\";")]
    [InlineData("private string Policy => \"Partner\";")]
    [InlineData("private static string Policy => nameof(Partner); private const int Partner = 0;")]
    public async Task StartupWithReadonlyFieldOrProperty_UnknownName_ShouldReport(string member)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            public class Startup
            {
                {{member}}

                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                    services.AddControllers();
                }

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors({|#0:Policy|});
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """,
            NotDefined(0, "Partner"));
    }

    [Theory]
    [InlineData("private static readonly string Policy = \"Frontend\";", "")]
    [InlineData("private readonly string Policy = \"Frontend\";", "")]
    // A constructor assigns it: it may hold another name, and the rule says nothing about it.
    [InlineData("private readonly string Policy = \"Partner\";", "public Startup(IConfiguration configuration) { Policy = configuration[\"Cors\"]!; }")]
    [InlineData("public string Policy { get; } = \"Partner\";", "public Startup(IConfiguration configuration) { this.Policy = configuration[\"Cors\"]!; }")]
    // Mutable: anything may change it.
    [InlineData("public static string Policy = \"Partner\";", "")]
    [InlineData("public string Policy { get; set; } = \"Partner\";", "")]
    public async Task StartupWithFieldOrProperty_DefinedOrUncertain_NoDiagnostic(string member, string constructor)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            public class Startup
            {
                {{member}}

                {{constructor}}

                public void ConfigureServices(IServiceCollection services) =>
                    services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));

                public void Configure(IApplicationBuilder app)
                {
                    app.UseRouting();
                    app.UseCors(Policy);
                    app.UseEndpoints(endpoints => endpoints.MapControllers());
                }
            }
            """);
    }

    /// <summary>A helper extension taking the policy name, called with constants: the name is each of them, where it is passed.</summary>
    [Fact]
    public async Task HelperParameter_EveryCallPassesAConstant_ShouldReportAtTheCall()
    {
        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddFrontendCors("Frontend");
                var app = builder.Build();
                app.UseFrontendCors({|#0:"Fronted"|});
                app.UseFrontendCors("Frontend");
                app.Run();
                """,
            AdditionalSources =
            {
                ("CorsExtensions.cs", """
                    public static class CorsExtensions
                    {
                        public static IServiceCollection AddFrontendCors(this IServiceCollection services, string policyName) =>
                            services.AddCors(options => options.AddPolicy(policyName, policy => policy.WithOrigins("https://app.contoso.com")));

                        public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app, string policyName) => app.UseCors(policyName);
                    }
                    """),
            },
            ExpectedDiagnostics = { DidYouMean(0, "Fronted", "Frontend") },
            FixedCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddFrontendCors("Frontend");
                var app = builder.Build();
                app.UseFrontendCors("Frontend");
                app.UseFrontendCors("Frontend");
                app.Run();
                """,
        }.RunAsync();
    }

    [Theory]
    // A call passes something unknown.
    [InlineData("app.UseFrontendCors(app.Configuration[\"Cors\"]!);")]
    // Used as a method group: its callers are out of sight.
    [InlineData("System.Func<IApplicationBuilder, string, IApplicationBuilder> use = CorsExtensions.UseFrontendCors; use(app, \"Partner\");")]
    public async Task HelperParameter_SomeCallUnknown_NoDiagnostic(string call)
    {
        await new Verify.Test
        {
            TestCode = $$"""
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                var app = builder.Build();
                app.UseFrontendCors("Frontend");
                {{call}}
                app.Run();
                """,
            AdditionalSources =
            {
                ("CorsExtensions.cs", """
                    public static class CorsExtensions
                    {
                        public static IApplicationBuilder UseFrontendCors(this IApplicationBuilder app, string policyName) => app.UseCors(policyName);
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task ConditionalName_EachArmChecked()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""app.UseCors(app.Environment.IsDevelopment() ? {|#0:"Dev"|} : "Frontend");"""),
            NotDefined(0, "Dev"));
    }

    [Fact]
    public async Task PolicyLookupByHand_UnknownName_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CorsOptions>>().Value;
            var policy = options.GetPolicy({|#0:"Frontnd"|});
            var provider = app.Services.GetRequiredService<ICorsPolicyProvider>();
            _ = provider.GetPolicyAsync(new Microsoft.AspNetCore.Http.DefaultHttpContext(), "Frontend");
            """), DidYouMean(0, "Frontnd", "Frontend"));
    }

    /// <summary>A library's service helper that can use CORS may define policies: uncertain, silent.</summary>
    [Fact]
    public async Task ServiceHelperOfALibraryThatUsesCors_NoDiagnostic()
    {
        var library = Cors.RegistryHarness.CompileLibrary("Company.Cors", """
            namespace Company.Cors
            {
                public static class CompanyCorsExtensions
                {
                    public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddCompanyPolicies(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
                        Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions.AddCors(services, o => o.AddPolicy("Partner", p => p.AllowAnyHeader()));
                }
            }
            """);
        var registry = await Cors.RegistryHarness.CollectAsync(
            new[]
            {
                """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                Company.Cors.CompanyCorsExtensions.AddCompanyPolicies(builder.Services);
                var app = builder.Build();
                app.UseCors("Partner");
                app.Run();
                """,
            },
            System.Collections.Immutable.ImmutableArray.Create(library));

        Assert.True(registry.Services.MayRegisterCorsServicesUnseen);
        Assert.False(registry.DefinedNamesAreKnown);
    }
}
