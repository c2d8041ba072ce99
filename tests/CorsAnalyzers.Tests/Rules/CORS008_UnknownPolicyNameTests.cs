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
