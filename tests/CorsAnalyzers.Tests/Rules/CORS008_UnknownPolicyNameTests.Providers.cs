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
    [Theory]
    [InlineData("builder.Services.TryAddSingleton<ICorsPolicyProvider, DefaultCorsPolicyProvider>();")]
    [InlineData("builder.Services.Replace(ServiceDescriptor.Singleton<ICorsPolicyProvider, DefaultCorsPolicyProvider>());")]
    [InlineData("builder.Services.AddKeyedSingleton<ICorsPolicyProvider, DefaultCorsPolicyProvider>(\"tenant\");")]
    [InlineData("builder.Services.AddSingleton<global::Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, DefaultCorsPolicyProvider>();")]
    [InlineData("builder.Services.AddScoped<ICorsPolicyProvider>(services => new DefaultCorsPolicyProvider(Microsoft.Extensions.Options.Options.Create(new CorsOptions())));")]
    public Task CustomPolicyProviderRegisteredThroughOtherDiMethods_NoDiagnostic(string registration) =>
        VerifyProviderRegistrationIsSilentAsync(registration);

    [Fact]
    public async Task CustomPolicyProviderRegisteredUnderUsingAliases_NoDiagnostic()
    {
        // The type argument does not spell ICorsPolicyProvider: an alias, in this file or global in another one.
        await new Verify.Test
        {
            TestCode = """
                using Provider = Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                builder.Services.AddSingleton<Provider, Microsoft.AspNetCore.Cors.Infrastructure.DefaultCorsPolicyProvider>();
                var app = builder.Build();
                app.UseCors("Frontent");
                app.Run();
                """,
        }.RunAsync();

        await new Verify.Test
        {
            TestCode = """
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                builder.Services.TryAddSingleton<TenantPolicies, Microsoft.AspNetCore.Cors.Infrastructure.DefaultCorsPolicyProvider>();
                var app = builder.Build();
                app.UseCors("Frontent");
                app.Run();
                """,
            AdditionalSources =
            {
                ("Aliases.cs", """
                    global using Microsoft.Extensions.DependencyInjection.Extensions;
                    global using TenantPolicies = Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider;
                    """),
            },
        }.RunAsync();
    }

    [Theory]
    [InlineData("namespace Contoso.Web;\nusing Provider = Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider;\n", "")]
    [InlineData("namespace Contoso.Web\n{\nusing Provider = Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider;\n", "}\n")]
    [InlineData("namespace Contoso\n{\nusing Provider = Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider;\nnamespace Web\n{\n", "}\n}\n")]
    public async Task CustomPolicyProviderRegisteredUnderNamespaceAlias_NoDiagnostic(string opening, string closing)
    {
        // The alias is declared by the namespace around the call (file-scoped, block, or an outer block).
        await Verify.VerifyAnalyzerAsync(opening + """
            public static class Startup
            {
                public static void Configure(WebApplicationBuilder builder)
                {
                    builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
                    builder.Services.AddSingleton<Provider, Microsoft.AspNetCore.Cors.Infrastructure.DefaultCorsPolicyProvider>();
                    var app = builder.Build();
                    app.UseCors("Frontent");
                }
            }
            """ + closing);
    }

    [Fact]
    public async Task OtherServicesRegisteredWithWrittenTypeArguments_Reports()
    {
        // An alias that names another type does not make its registrations a provider's.
        await Verify.VerifyAnalyzerAsync("""
            using Clock = System.TimeProvider;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            builder.Services.AddSingleton<Clock>(TimeProvider.System);
            builder.Services.AddSingleton<IGreeter, Greeter>();
            builder.Services.AddSingleton<IGreeter?, Greeter>();
            var app = builder.Build();
            app.UseCors({|#0:"Frontent"|});
            app.Run();

            interface IGreeter { }
            sealed class Greeter : IGreeter { }
            """,
            DidYouMean(0, "Frontent", "Frontend"));
    }

    [Fact]
    public async Task CustomPolicyProviderRegisteredThroughTheApplicationsOwnGenericHelper_NoDiagnostic()
    {
        // A method in source may wrap a registration: its type arguments count, even though it is not DI's own.
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            builder.Services.AddReplacing<ICorsPolicyProvider, DefaultCorsPolicyProvider>();
            var app = builder.Build();
            app.UseCors("Frontent");
            app.Run();

            static class Registrations
            {
                public static IServiceCollection AddReplacing<TService, TImplementation>(this IServiceCollection services)
                    where TService : class
                    where TImplementation : class, TService =>
                    services.AddSingleton<TService, TImplementation>();
            }
            """);
    }

    [Fact]
    public async Task PolicyProviderOnlyResolved_ShouldReport()
    {
        // Asking DI for the provider (a framework generic method that is not a registration) registers nothing.
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            var provider = app.Services.GetRequiredService<ICorsPolicyProvider>();
            var providers = app.Services.GetServices<ICorsPolicyProvider>();
            app.UseCors({|#0:"Frontent"|});
            app.Run();
            """,
            DidYouMean(0, "Frontent", "Frontend"));
    }

    [Fact]
    public async Task CustomPolicyProviderDerivedFromTheDefaultOne_NoDiagnostic()
    {
        // The base list names a class, not the interface: the provider is found through the base type.
        await Verify.VerifyAnalyzerAsync(Program("""app.UseCors("Frontent");""") + """


            class TenantCorsPolicyProvider : Microsoft.AspNetCore.Cors.Infrastructure.DefaultCorsPolicyProvider
            {
                public TenantCorsPolicyProvider(Microsoft.Extensions.Options.IOptions<CorsOptions> options) : base(options) { }
            }
            """);
    }

    [Fact]
    public async Task CustomPolicyProviderInAnotherPartialDeclarationAndNamespace_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = Program("""app.UseCors("Frontent");"""),
            AdditionalSources =
            {
                ("Tenancy.cs", """
                    namespace Contoso.Tenancy;

                    public static partial class Outer
                    {
                        internal sealed partial class Provider
                        {
                        }

                        internal sealed partial class Provider : Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider
                        {
                            public System.Threading.Tasks.Task<Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy?> GetPolicyAsync(
                                Microsoft.AspNetCore.Http.HttpContext context, string? policyName) =>
                                System.Threading.Tasks.Task.FromResult<Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy?>(null);
                        }
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task InterfaceExtendingThePolicyProvider_IsNotAProvider_ShouldReport()
    {
        // An interface is not a provider until a class implements it.
        await Verify.VerifyAnalyzerAsync(Program("""app.UseCors({|#0:"Frontent"|});""") + """


            interface ITenantCorsPolicyProvider : Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider
            {
            }
            """,
            DidYouMean(0, "Frontent", "Frontend"));
    }

    [Fact]
    public async Task EnableCorsInGeneratedCode_NotReportedThere()
    {
        // The attribute is read (a generated controller is a real endpoint), but nothing is reported in generated code.
        await new Verify.Test
        {
            TestCode = Program("""app.UseCors("Frontend");"""),
            AdditionalSources =
            {
                ("Controllers.g.cs", """
                    [Microsoft.AspNetCore.Cors.EnableCors("Frontent")]
                    public partial class GeneratedController : Microsoft.AspNetCore.Mvc.ControllerBase
                    {
                        [Microsoft.AspNetCore.Cors.EnableCors("Admin")]
                        public string Get() => "x";
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public Task CustomPolicyProviderRegisteredWithTypeof_NoDiagnostic() =>
        VerifyProviderRegistrationIsSilentAsync("builder.Services.AddTransient(typeof(ICorsPolicyProvider), typeof(DefaultCorsPolicyProvider));");

    [Fact]
    public async Task ComputedPolicyNameDefinition_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var name = builder.Configuration["Cors:PolicyName"] ?? "Frontend";
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddPolicy(name, policy => policy.WithOrigins("https://partner.contoso.com"));
            });
            var app = builder.Build();
            app.UseCors("Partner");
            app.Run();
            """);
    }

    [Fact]
    public async Task DefaultPolicyNameReassigned_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.DefaultPolicyName = "Frontend";
                options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.contoso.com"));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """);
    }

    [Fact]
    public async Task ConfigureDelegateHandsOptionsToAnotherAssembly_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                builder.Configuration.GetSection("Cors").Bind(options);
            });
            var app = builder.Build();
            app.UseCors("Partner");
            app.Run();
            """);
    }

    [Fact]
    public async Task ConfigureDelegateFromVariable_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            Action<CorsOptions> configure = options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
            builder.Services.AddCors(configure);
            var app = builder.Build();
            app.UseCors("Partner");
            app.Run();
            """);
    }

    [Fact]
    public async Task NoAddCorsInCompilation_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseCors("Frontend");
            app.MapGet("/orders", () => "orders").RequireCors("Frontend");
            app.Run();
            """);
    }

    /// <summary>AddCors() registers the services; Configure&lt;CorsOptions&gt; with a lambda is seen through like AddCors's delegate.</summary>
    [Fact]
    public async Task AddCorsWithoutConfigureDelegate_PoliciesFromConfigureOptions_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            builder.Services.Configure<CorsOptions>(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));
            var app = builder.Build();
            app.UseCors({|#0:"Partner"|});
            app.UseCors("Frontend");
            app.Run();
            """,
            Verify.Diagnostic("CORS008").WithLocation(0).WithArguments("Partner", " in this application"));
    }

    [Theory]
    [InlineData("""builder.Services.Configure<CorsOptions>(builder.Configuration.GetSection("Cors"));""")]
    [InlineData("""builder.Services.AddOptions<CorsOptions>().BindConfiguration("Cors");""")]
    [InlineData("""builder.Services.Configure<CorsOptions>(options => builder.Configuration.GetSection("Cors").Bind(options));""")]
    public async Task CorsOptionsConfiguredFromConfiguration_NoDiagnostic(string configure)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            {{configure}}
            var app = builder.Build();
            app.UseCors("Partner");
            app.Run();
            """);
    }

    /// <summary>AddControllers registers the CORS services too: with no policy anywhere, every name is unknown.</summary>
    [Fact]
    public async Task AddControllersWithoutAddCors_UnknownName_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            var app = builder.Build();
            app.UseCors({|#0:"Frontend"|});
            app.MapControllers();
            app.Run();
            """,
            Verify.Diagnostic("CORS008").WithLocation(0).WithArguments("Frontend", " in this application"));
    }

    [Fact]
    public async Task ComputedReference_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            var name = app.Configuration["Cors:Policy"]!;
            app.UseCors(name);
            """));
    }

    [Fact]
    public async Task LookAlikeMethods_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            new FakeApp().UseCors("Frontent");
            new FakeEndpoint().RequireCors("Frontent");
            """) + """


            class FakeApp { public FakeApp UseCors(string policyName) => this; }
            class FakeEndpoint { public FakeEndpoint RequireCors(string policyName) => this; }
            """);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                class CorsOptions { public void AddPolicy(string name, object policy) { } }
                class App { public App UseCors(string name) => this; }

                static class Program
                {
                    static void Main()
                    {
                        new CorsOptions().AddPolicy("Frontend", new object());
                        new App().UseCors("Frontent");
                    }
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }

    [Fact]
    public async Task UseNearestName_ReplacesTheLiteral()
    {
        await new Verify.Test
        {
            TestCode = Program("""app.UseCors({|#0:"Frontent"|});"""),
            FixedCode = Program("""app.UseCors("Frontend");"""),
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics = { DidYouMean(0, "Frontent", "Frontend") },
        }.RunAsync();
    }

    [Fact]
    public async Task UseNearestName_FixesCaseMismatchInAttribute()
    {
        await new Verify.Test
        {
            TestCode = Program("""app.MapGet("/orders", [EnableCors(/* policy */ {|#0:"frontend"|})] () => "orders");"""),
            FixedCode = Program("""app.MapGet("/orders", [EnableCors(/* policy */ "Frontend")] () => "orders");"""),
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics = { CaseMismatch(0, "frontend", "Frontend") },
        }.RunAsync();
    }

    [Fact]
    public async Task UseNearestName_FixAll_FixesEveryLiteralAndLeavesTheRest()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                app.UseCors({|#0:"Frontent"|});
                app.MapGet("/a", () => "a").RequireCors({|#1:"backoffice"|});
                app.MapGet("/b", () => "b").RequireCors({|#2:"Partners"|});
                app.MapGet("/c", () => "c").RequireCors({|#3:Names.Frontnd|});
                """) + """


                static class Names { public const string Frontnd = "Frontnd"; }
                """,
            FixedCode = Program("""
                app.UseCors("Frontend");
                app.MapGet("/a", () => "a").RequireCors("Backoffice");
                app.MapGet("/b", () => "b").RequireCors({|#0:"Partners"|});
                app.MapGet("/c", () => "c").RequireCors({|#1:Names.Frontnd|});
                """) + """


                static class Names { public const string Frontnd = "Frontnd"; }
                """,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics =
            {
                DidYouMean(0, "Frontent", "Frontend"),
                CaseMismatch(1, "backoffice", "Backoffice"),
                NotDefined(2, "Partners"),
                DidYouMean(3, "Frontnd", "Frontend"),
            },
            FixedExpectedDiagnostics =
            {
                NotDefined(0, "Partners"),
                DidYouMean(1, "Frontnd", "Frontend"),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task ConstantReference_NoFixOffered()
    {
        var source = Program("""app.UseCors({|#0:Names.Frontnd|});""") + """


            static class Names { public const string Frontnd = "Frontnd"; }
            """;
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { DidYouMean(0, "Frontnd", "Frontend") },
            FixedExpectedDiagnostics = { DidYouMean(0, "Frontnd", "Frontend") },
        }.RunAsync();
    }

    [Theory]
    [InlineData("Frontent", "Frontend", 1)]
    [InlineData("Fronted", "Frontend", 1)]
    [InlineData("Forntend", "Frontend", 1)]
    [InlineData("frontend", "Frontend", 0)]
    [InlineData("Admin", "Frontend", 7)]
    public void Distance_IsCaseInsensitiveOptimalStringAlignment(string a, string b, int expected)
    {
        Assert.Equal(expected, CorsAnalyzers.Cors.PolicyNameMatcher.Distance(a, b));
    }

    /// <summary>
    /// Incomplete code while typing must never make the shared collector throw (AD0001), in any of the four
    /// compilation-wide rules that use it.
    /// </summary>
    [Fact]
    public async Task IncompleteCode_NoAnalyzerException()
    {
        const string Source = """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy(;
                options.AddPolicy("A", );
                options.AddPolicy(Missing.Name, policy => policy.WithOrigins("https://a.example"));
                options.AddDefaultPolicy();
                options.DefaultPolicyName = ;
            });
            builder.Services.AddCors(Missing);
            builder.Services.AddSingleton<ICorsPolicyProvider, >();
            var app = builder.Build();
            app.UseCors(Missing.Name);
            app.UseCors("A", "B");
            app.UseCors(
            app.MapGet("/", [EnableCors(Missing)] () => "x").RequireCors(;
            app.MapGet("/b", [EnableCors("a", "b")] () => "x").RequireCors(null);
            app.MapGet("/c", () => "x").WithMetadata(new EnableCorsAttribute(1));
            Missing.UseEndpoints(e => e.MapControllers());
            app.Run(

            [EnableCors(PolicyName = )]
            class C { [EnableCors(Missing)] void M() { } }
            class D : ICorsPolicyProvider { }
            """;
        var references = ReferenceSet.AspNetCore10.References;
        var compilation = CSharpCompilation.Create(
            "Broken",
            new[]
            {
                CSharpSyntaxTree.ParseText(Source, TestProjectFactory.ParseOptions),
                CSharpSyntaxTree.ParseText(TestProjectFactory.GlobalUsingsSource(ReferenceSet.AspNetCore10), TestProjectFactory.ParseOptions),
            },
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var exceptions = new List<string>();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new CorsAnalyzer());
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => { lock (exceptions) { exceptions.Add(analyzer.GetType().Name + ": " + exception); } },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
