using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AnyOriginWithCredentialsRule>,
    CorsAnalyzers.Rules.AnyOriginWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS001_AnyOriginWithCredentialsTests
{
    private static string Program(string configureServices) => $$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
        {{configureServices}}
        });
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """;

    private static Task VerifyWithHelperAsync(string program, string helper, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = program, AdditionalSources = { ("CorsSetup.cs", helper) } };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public async Task AllowAnyOriginThenAllowCredentials_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|});"""),
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task Message_NamesThePolicyAndTheFix()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|});"""),
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithMessage(
                "The CORS policy 'Frontend' allows any origin together with credentials: ASP.NET Core refuses this policy at run time; list the trusted origins with WithOrigins(...)"));
    }

    [Fact]
    public async Task AllowCredentialsThenAllowAnyOrigin_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowCredentials().AllowAnyHeader().[|AllowAnyOrigin()|]);"""));
    }

    [Fact]
    public async Task WithOriginsStar_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|WithOrigins("*")|].AllowAnyMethod().AllowCredentials());"""));
    }

    [Fact]
    public async Task WithOriginsConstantStar_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    const string Any = "*";
                    options.AddPolicy("Frontend", policy => policy.[|WithOrigins(Any)|].AllowCredentials());
                """));
    }

    [Fact]
    public async Task AllowAnyOriginThenWithOrigins_NoDiagnostic()
    {
        // WithOrigins appends: the list is ["*", "https://app.contoso.com"], which is not "any origin".
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().WithOrigins("https://app.contoso.com").AllowCredentials());"""));
    }

    [Fact]
    public async Task WithOriginsThenAllowAnyOrigin_ShouldReport()
    {
        // AllowAnyOrigin clears the list.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com").[|AllowAnyOrigin()|].AllowCredentials());"""));
    }

    [Fact]
    public async Task StarAmongOtherOrigins_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("*", "https://app.contoso.com").AllowCredentials());"""));
    }

    [Fact]
    public async Task DisallowCredentialsLast_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowCredentials().AllowAnyOrigin().DisallowCredentials());"""));
    }

    [Fact]
    public async Task AllowAnyOriginWithoutCredentials_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod());"""));
    }

    [Fact]
    public async Task SeveralStatementsOnTheSameBuilder_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.[|AllowAnyOrigin()|];
                        policy.WithHeaders("X-Api-Key");
                        var same = policy;
                        same.AllowCredentials();
                    });
                """));
    }

    [Fact]
    public async Task OneBranchReachesTheCombination_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var isDevelopment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") == "Development";
                    options.AddPolicy("Frontend", policy =>
                    {
                        if (isDevelopment)
                        {
                            policy.[|AllowAnyOrigin()|];
                        }
                        else
                        {
                            policy.WithOrigins("https://app.contoso.com");
                        }

                        policy.AllowCredentials();
                    });
                """));
    }

    [Fact]
    public async Task CredentialsOnlyOnTheOtherBranch_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var isDevelopment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") == "Development";
                    options.AddPolicy("Frontend", policy =>
                    {
                        if (isDevelopment)
                        {
                            policy.AllowAnyOrigin();
                        }
                        else
                        {
                            policy.WithOrigins("https://app.contoso.com").AllowCredentials();
                        }
                    });
                """));
    }

    [Fact]
    public async Task EarlyReturnBeforeCredentials_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var isPublic = args.Length > 0;
                    options.AddPolicy("Frontend", policy =>
                    {
                        if (isPublic)
                        {
                            policy.AllowAnyOrigin();
                            return;
                        }

                        policy.WithOrigins("https://app.contoso.com").AllowCredentials();
                    });
                """));
    }

    [Fact]
    public async Task TernaryChoosesAnyOrigin_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var isPublic = args.Length > 0;
                    options.AddPolicy("Frontend", policy =>
                    {
                        var configured = isPublic ? policy.[|AllowAnyOrigin()|] : policy.WithOrigins("https://app.contoso.com");
                        configured.AllowCredentials();
                    });
                """));
    }

    [Fact]
    public async Task MethodGroupHelper_ShouldReport()
    {
        await VerifyWithHelperAsync(
            Program("""    options.AddPolicy("Frontend", CorsSetup.ConfigureFrontend);"""),
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            static class CorsSetup
            {
                public static void ConfigureFrontend(CorsPolicyBuilder policy)
                {
                    policy.{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|};
                }
            }
            """,
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task HelperCalledWithTheBuilder_ShouldReport()
    {
        await VerifyWithHelperAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        CorsSetup.AllowEverything(policy);
                        policy.{|#1:AllowCredentials()|};
                    });
                """),
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            static class CorsSetup
            {
                public static void AllowEverything(CorsPolicyBuilder policy)
                {
                    policy.{|#0:AllowAnyOrigin()|}.AllowAnyHeader().AllowAnyMethod();
                }
            }
            """,
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task ExtensionMethodHelper_ShouldReport()
    {
        await VerifyWithHelperAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowEverything().{|#1:AllowCredentials()|});"""),
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            static class CorsSetup
            {
                public static CorsPolicyBuilder AllowEverything(this CorsPolicyBuilder policy) =>
                    policy.{|#0:AllowAnyOrigin()|}.AllowAnyHeader();
            }
            """,
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task HelperThatRestrictsOrigins_NoDiagnostic()
    {
        await VerifyWithHelperAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().Restrict().AllowCredentials());"""),
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            static class CorsSetup
            {
                public static CorsPolicyBuilder Restrict(this CorsPolicyBuilder policy) => policy.WithOrigins("https://app.contoso.com");
            }
            """);
    }

    [Fact]
    public async Task BuilderPassedToUnknownCode_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    Action<CorsPolicyBuilder> restrict = p => p.WithOrigins("https://app.contoso.com");
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.AllowAnyOrigin();
                        restrict(policy);
                        policy.AllowCredentials();
                    });
                """));
    }

    [Fact]
    public async Task AddDefaultPolicy_ShouldReportDefaultPolicy()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddDefaultPolicy(policy => policy.{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|});"""),
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The default CORS policy"));
    }

    [Fact]
    public async Task UseCorsWithInlinePolicy_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var app = WebApplication.CreateBuilder(args).Build();
            app.UseCors(policy => policy.{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|});
            app.Run();
            """,
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy"));
    }

    [Fact]
    public async Task RequireCorsWithInlinePolicy_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/", () => "hi").RequireCors(policy => policy.AllowCredentials().[|WithOrigins("*")|]);
            app.Run();
            """);
    }

    [Fact]
    public async Task CorsPolicyBuilderFluentBuild_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder().{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|}.Build());"""),
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task CorsPolicyBuilderConstructorStar_ShouldReportTheStar()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder([|"*"|]).AllowCredentials().Build());"""));
    }

    [Fact]
    public async Task CorsPolicyBuilderLocalOverStatements_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var corsBuilder = new CorsPolicyBuilder();
                    corsBuilder.[|AllowAnyOrigin()|];
                    corsBuilder.AllowCredentials();
                    options.AddPolicy("Frontend", corsBuilder.Build());
                """));
    }

    [Fact]
    public async Task CorsPolicyObjectInitializer_ShouldReportTheStar()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { SupportsCredentials = true, Origins = { [|"*"|] } });"""));
    }

    [Fact]
    public async Task CorsPolicyLaterStatements_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var policy = new CorsPolicy();
                    policy.Origins.Add([|"*"|]);
                    policy.SupportsCredentials = true;
                    options.AddPolicy("Frontend", policy);
                """));
    }

    [Fact]
    public async Task CorsPolicyWithoutCredentials_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var policy = new CorsPolicy { Origins = { "*" } };
                    policy.SupportsCredentials = false;
                    options.AddPolicy("Frontend", policy);
                """));
    }
}
