using System.Collections.Immutable;
using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsNeverEnabledRule>,
    CorsAnalyzers.CodeFixes.Rules.CorsNeverEnabledFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS011_CorsNeverEnabledTests
{
    private const string Key = CorsNeverEnabledFixer.AddUseCorsKey;

    private const string Message =
        "CORS is added and endpoints carry CORS metadata ([EnableCors], RequireCors), but the pipeline never calls UseCors(): every request to those endpoints fails with an InvalidOperationException";

    private const string Services = """
        using Microsoft.AspNetCore.Cors;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.{|#0:AddCors|}(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        var app = builder.Build();

        """;

    private static string Strip(string markup) =>
        markup.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty);

    private static DiagnosticResult Expected(bool withAnchor = true)
    {
        var result = Verify.Diagnostic("CORS011").WithLocation(0).WithMessage(Message);
        return withAnchor ? result.WithLocation(1) : result;
    }

    [Fact]
    public async Task TopLevel_AfterUseRouting()
    {
        await new Verify.Test
        {
            TestCode = Services + """
                app.UseHttpsRedirection();
                {|#1:app.UseRouting();|}
                app.UseAuthorization();
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                app.Run();
                """,
            FixedCode = Strip(Services) + """
                app.UseHttpsRedirection();
                app.UseRouting();
                app.UseCors();
                app.UseAuthorization();
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                app.Run();
                """,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task TopLevel_BeforeUseAuthentication_WhenNoUseRouting()
    {
        await new Verify.Test
        {
            TestCode = Services + """
                app.UseHttpsRedirection();
                {|#1:app.UseAuthentication();|}
                app.UseAuthorization();
                app.MapGet("/orders", [EnableCors("Frontend")] () => "orders");
                app.Run();
                """,
            FixedCode = Strip(Services) + """
                app.UseHttpsRedirection();
                app.UseCors();
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/orders", [EnableCors("Frontend")] () => "orders");
                app.Run();
                """,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task TopLevel_BeforeFirstMap_KeepsTheCommentAbove()
    {
        await new Verify.Test
        {
            TestCode = Services + """
                app.UseHttpsRedirection();

                // Endpoints
                {|#1:app.MapGet("/health", () => "ok");|}
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                app.Run();
                """,
            FixedCode = Strip(Services) + """
                app.UseHttpsRedirection();

                // Endpoints
                app.UseCors();
                app.MapGet("/health", () => "ok");
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                app.Run();
                """,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task Startup_ControllerWithEnableCors_InsertsAfterUseRouting()
    {
        const string Controller = """

            [ApiController]
            [Route("orders")]
            [EnableCors("Frontend")]
            public class OrdersController : ControllerBase
            {
                [HttpGet]
                public string Get() => "orders";
            }
            """;
        await new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors;
                using Microsoft.AspNetCore.Mvc;

                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services)
                    {
                        services.AddControllers();
                        services.{|#0:AddCors|}(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                    }

                    public void Configure(IApplicationBuilder app)
                    {
                        {|#1:app.UseRouting();|}
                        app.UseEndpoints(endpoints =>
                        {
                            endpoints.MapControllers();
                        });
                    }
                }
                """ + Controller,
            FixedCode = """
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
                        app.UseEndpoints(endpoints =>
                        {
                            endpoints.MapControllers();
                        });
                    }
                }
                """ + Controller,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task UseEndpointsWithoutRouting_AnchorsOnTheUseEndpointsStatement()
    {
        await new Verify.Test
        {
            TestCode = """
                public static class Pipeline
                {
                    public static void Configure(IServiceCollection services, IApplicationBuilder builder)
                    {
                        services.{|#0:AddCors|}(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                        {|#1:builder.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi").RequireCors("Frontend"));|}
                    }
                }
                """,
            FixedCode = """
                public static class Pipeline
                {
                    public static void Configure(IServiceCollection services, IApplicationBuilder builder)
                    {
                        services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                        builder.UseCors();
                        builder.UseEndpoints(endpoints => endpoints.MapGet("/", () => "hi").RequireCors("Frontend"));
                    }
                }
                """,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task PipelineExtensionMethodInAnotherFile_FixEditsThatFile()
    {
        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.{|#0:AddCors|}(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                var app = builder.Build();
                app.UsePipeline();
                app.Run();
                """,
            AdditionalSources =
            {
                ("Pipeline.cs", """
                    public static class PipelineExtensions
                    {
                        public static WebApplication UsePipeline(this WebApplication app)
                        {
                            {|#1:app.UseRouting();|}
                            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                            return app;
                        }
                    }
                    """),
            },
            FixedCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                var app = builder.Build();
                app.UsePipeline();
                app.Run();
                """,
            FixedAdditionalSources =
            {
                ("Pipeline.cs", """
                    public static class PipelineExtensions
                    {
                        public static WebApplication UsePipeline(this WebApplication app)
                        {
                            app.UseRouting();
                            app.UseCors();
                            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                            return app;
                        }
                    }
                    """),
            },
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task DefaultPolicyMetadataOnly_OneNamedPolicy_InsertsUseCorsWithThatPolicy()
    {
        // [EnableCors]/RequireCors() without a name ask for the default policy, which does not exist: a bare UseCors()
        // would do nothing (CORS013). The fix names the only policy, which the middleware then applies.
        await new Verify.Test
        {
            TestCode = Services + """
                {|#1:app.UseRouting();|}
                app.MapGet("/orders", [EnableCors] () => "orders");
                app.MapGet("/items", () => "items").RequireCors();
                app.Run();
                """,
            FixedCode = Strip(Services) + """
                app.UseRouting();
                app.UseCors("Frontend");
                app.MapGet("/orders", [EnableCors] () => "orders");
                app.MapGet("/items", () => "items").RequireCors();
                app.Run();
                """,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Fact]
    public async Task DefaultPolicyMetadataOnly_SeveralPolicies_ReportsWithoutFix()
    {
        // Which policy the endpoints meant is not known, and a bare UseCors() would do nothing: no fix.
        var source = """
            using Microsoft.AspNetCore.Cors;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.{|#0:AddCors|}(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example"));
            });
            var app = builder.Build();
            app.UseRouting();
            app.MapGet("/orders", [EnableCors] () => "orders");
            app.Run();
            """;
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected(withAnchor: false) },
            FixedExpectedDiagnostics = { Expected(withAnchor: false) },
        }.RunAsync();
    }

    [Fact]
    public async Task PipelineOnlyInConditionalStatements_ReportsWithoutFix()
    {
        var source = Services + """
            if (app.Environment.IsDevelopment())
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            """;
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected(withAnchor: false) },
            FixedExpectedDiagnostics = { Expected(withAnchor: false) },
        }.RunAsync();
    }

    [Fact]
    public async Task UseRoutingInFluentChain_ReportsWithoutFix()
    {
        var source = Services + """
            app.UseRouting().UseAuthorization();
            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            app.Run();
            """;
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected(withAnchor: false) },
            FixedExpectedDiagnostics = { Expected(withAnchor: false) },
        }.RunAsync();
    }

    [Fact]
    public async Task UseRoutingEndsFluentChain_InsertsAfterIt()
    {
        await new Verify.Test
        {
            TestCode = Services + """
                {|#1:app.UseHttpsRedirection().UseRouting();|}
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                app.Run();
                """,
            FixedCode = Strip(Services) + """
                app.UseHttpsRedirection().UseRouting();
                app.UseCors();
                app.MapGet("/orders", () => "orders").RequireCors("Frontend");
                app.Run();
                """,
            ExpectedDiagnostics = { Expected() },
            CodeActionEquivalenceKey = Key,
        }.RunAsync();
    }

    [Theory]
    [InlineData("app.UseCors();")]
    [InlineData("""app.UseCors("Frontend");""")]
    [InlineData("""app.UseCors(policy => policy.WithOrigins("https://app.contoso.com"));""")]
    [InlineData("app.UseMiddleware<Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware>();")]
    [InlineData("app.UseWhen(context => true, branch => branch.UseCors());")]
    public async Task CorsMiddlewareAdded_NoDiagnostic(string useCors)
    {
        await Verify.VerifyAnalyzerAsync(Strip(Services) + $$"""
            app.UseRouting();
            {{useCors}}
            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            app.Run();
            """);
    }

    [Fact]
    public async Task NoEndpointCorsMetadata_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Strip(Services) + """
            app.UseRouting();
            app.MapGet("/orders", () => "orders");
            app.Run();
            """);
    }

    [Fact]
    public async Task NoAddCorsInCompilation_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseRouting();
            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            app.Run();
            """);
    }

    [Fact]
    public async Task LibraryWithoutPipeline_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors;

            public static class CompanyCors
            {
                public static IServiceCollection AddCompanyCors(this IServiceCollection services) =>
                    services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            }

            [EnableCors("Frontend")]
            public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
            }
            """);
    }

    [Fact]
    public async Task LegacyMvcRouting_NoDiagnostic()
    {
        // Without endpoint routing MVC applies [EnableCors] through filters, without the middleware.
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            builder.Services.AddControllers(options => options.EnableEndpointRouting = false);
            var app = builder.Build();
            app.MapGet("/orders", [EnableCors("Frontend")] () => "orders");
            app.Run();
            """);
    }

    [Fact]
    public async Task LookAlikeMethods_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var services = new FakeServices();
            services.AddCors();
            var app = new FakeApp();
            app.UseRouting();
            app.MapGet("/orders").RequireCors("Frontend");

            class FakeServices { public void AddCors() { } }
            class FakeApp
            {
                public FakeApp UseRouting() => this;
                public FakeApp MapGet(string path) => this;
                public FakeApp RequireCors(string name) => this;
            }
            """);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                class App
                {
                    public App AddCors() => this;
                    public App UseRouting() => this;
                    public App RequireCors(string name) => this;
                }

                static class Program
                {
                    static void Main() => new App().AddCors().UseRouting().RequireCors("Frontend");
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }

    private const string CompanyLibrary = """
        namespace Company.Web
        {
            public static class CompanyPipelineExtensions
            {
                public static Microsoft.AspNetCore.Builder.IApplicationBuilder UseCompanyDefaults(this Microsoft.AspNetCore.Builder.IApplicationBuilder app) =>
                    Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions.UseCors(app, "Frontend");
            }
        }
        """;

    /// <summary>A library helper that has nothing to do with CORS (like Swashbuckle's UseSwagger): it references no CORS assembly.</summary>
    private const string DocsLibrary = """
        namespace Company.Docs
        {
            public static class DocsPipelineExtensions
            {
                public static Microsoft.AspNetCore.Builder.IApplicationBuilder UseCompanyDocs(this Microsoft.AspNetCore.Builder.IApplicationBuilder app) => app;
            }
        }
        """;

    [Fact]
    public async Task PipelineHelperOfALibraryWithoutCors_IsTransparent_ShouldReport()
    {
        var references = ReferenceSet.AspNetCore10.References;
        var parseOptions = TestProjectFactory.ParseOptions;
        var library = CSharpCompilation.Create(
            "Company.Docs",
            new[] { CSharpSyntaxTree.ParseText(DocsLibrary, parseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        Assert.True(library.Emit(stream).Success);
        var app = CSharpCompilation.Create(
            "App",
            new[]
            {
                CSharpSyntaxTree.ParseText(AppUsingCompanyDefaults.Replace("Company.Web.CompanyPipelineExtensions.UseCompanyDefaults(app);", "Company.Docs.DocsPipelineExtensions.UseCompanyDocs(app);"), parseOptions),
                CSharpSyntaxTree.ParseText(TestProjectFactory.GlobalUsingsSource(ReferenceSet.AspNetCore10), parseOptions),
            },
            references.Add(MetadataReference.CreateFromImage(stream.ToArray())),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        Assert.Empty(app.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await app.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new RuleAnalyzer<CorsNeverEnabledRule>())).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(new[] { "CORS011" }, diagnostics.Select(d => d.Id));
    }

    private const string AppUsingCompanyDefaults = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
        var app = builder.Build();
        Company.Web.CompanyPipelineExtensions.UseCompanyDefaults(app);
        app.UseRouting();
        app.MapGet("/orders", () => "orders").RequireCors("Frontend");
        app.Run();
        """;

    /// <summary>
    /// A pipeline helper of another assembly that uses CORS may call UseCors where the analyzer cannot see it. The
    /// verifier has no extra references, so this test compiles the helper into a real metadata reference itself.
    /// </summary>
    [Fact]
    public async Task PipelineHelperFromALibraryThatUsesCors_NoDiagnostic()
    {
        var references = ReferenceSet.AspNetCore10.References;
        var parseOptions = TestProjectFactory.ParseOptions;
        var globalUsings = CSharpSyntaxTree.ParseText(TestProjectFactory.GlobalUsingsSource(ReferenceSet.AspNetCore10), parseOptions);

        var library = CSharpCompilation.Create(
            "Company.Web",
            new[] { CSharpSyntaxTree.ParseText(CompanyLibrary, parseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emit = library.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        var libraryReference = MetadataReference.CreateFromImage(stream.ToArray());

        var appTree = CSharpSyntaxTree.ParseText(AppUsingCompanyDefaults, parseOptions);
        var withLibrary = CSharpCompilation.Create(
            "App",
            new[] { appTree, globalUsings },
            references.Add(libraryReference),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        var withSourceHelper = CSharpCompilation.Create(
            "App",
            new[] { appTree, globalUsings, CSharpSyntaxTree.ParseText(CompanyLibrary, parseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));

        Assert.Empty(await RunAsync(withLibrary));
        // In source, its UseCors is seen: CORS is enabled.
        Assert.Empty(await RunAsync(withSourceHelper));

        static async Task<ImmutableArray<Diagnostic>> RunAsync(CSharpCompilation compilation)
        {
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RuleAnalyzer<CorsNeverEnabledRule>());
            return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        }
    }
}
