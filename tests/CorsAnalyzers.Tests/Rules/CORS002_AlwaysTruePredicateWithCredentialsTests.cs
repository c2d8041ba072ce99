using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AlwaysTruePredicateWithCredentialsRule>,
    CorsAnalyzers.Rules.AlwaysTruePredicateWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS002_AlwaysTruePredicateWithCredentialsTests
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

    [Theory]
    [InlineData("_ => true")]
    [InlineData("origin => true")]
    [InlineData("(string origin) => true")]
    [InlineData("origin => { return true; }")]
    [InlineData("delegate { return true; }")]
    [InlineData("delegate (string origin) { return true; }")]
    [InlineData("origin => origin != null")]
    [InlineData("origin => !string.IsNullOrEmpty(origin)")]
    [InlineData("origin => origin is not null")]
    [InlineData("origin => { if (origin.Length > 100) { return true; } return true; }")]
    public async Task AlwaysTruePredicateWithCredentials_ShouldReport(string predicate)
    {
        await Verify.VerifyAnalyzerAsync(
            Program($$"""    options.AddPolicy("Frontend", policy => policy.{|#0:SetIsOriginAllowed({{predicate}})|}.AllowAnyHeader().{|#1:AllowCredentials()|});"""),
            Verify.Diagnostic("CORS002").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task Message_ExplainsTheVulnerability()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddDefaultPolicy(policy => policy.{|#1:AllowCredentials()|}.{|#0:SetIsOriginAllowed(_ => true)|});"""),
            Verify.Diagnostic("CORS002").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithLocation(1).WithMessage(
                "The default CORS policy accepts every origin with an always-true origin check together with credentials: any web site can make credentialed requests and read the responses; list the trusted origins with WithOrigins(...)"));
    }

    [Fact]
    public async Task MethodGroupReturningTrue_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.[|SetIsOriginAllowed(AllowAll)|].AllowCredentials());
                    static bool AllowAll(string origin) => true;
                """));
    }

    [Fact]
    public async Task CorsPolicyIsOriginAllowedProperty_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    [|policy.IsOriginAllowed = _ => true|];
                    options.AddPolicy("Frontend", policy);
                """));
    }

    [Fact]
    public async Task WildcardSubdomainsAfterwards_ReplacesThePredicate_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed(_ => true).WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains().AllowCredentials());"""));
    }

    [Fact]
    public async Task WithOriginsAfterwards_DoesNotReplaceThePredicate_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|SetIsOriginAllowed(_ => true)|].WithOrigins("https://app.contoso.com").AllowCredentials());"""));
    }

    [Fact]
    public async Task LaterRealPredicate_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed(_ => true).SetIsOriginAllowed(o => o == "https://app.contoso.com").AllowCredentials());"""));
    }

    [Theory]
    [InlineData("origin => origin == \"https://app.contoso.com\"")]
    [InlineData("origin => new Uri(origin).Host == \"localhost\"")]
    [InlineData("origin => { if (origin.EndsWith(\".contoso.com\")) { return true; } return false; }")]
    [InlineData("origin => args.Length > 0")]
    public async Task RealPredicateWithCredentials_NoDiagnostic(string predicate)
    {
        await Verify.VerifyAnalyzerAsync(
            Program($$"""    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed({{predicate}}).AllowCredentials());"""));
    }

    [Fact]
    public async Task AlwaysTruePredicateWithoutCredentials_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed(_ => true).AllowAnyHeader());"""));
    }

    [Fact]
    public async Task CredentialsDisallowedOnTheOnlyPath_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowCredentials().SetIsOriginAllowed(_ => true).DisallowCredentials());"""));
    }

    [Fact]
    public async Task HelperMethodInAnotherFile_ShouldReport()
    {
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Frontend", policy => policy.AllowCredentials().AllowEveryone());"""),
            AdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    static class CorsSetup
                    {
                        public static CorsPolicyBuilder AllowEveryone(this CorsPolicyBuilder policy) => policy.[|SetIsOriginAllowed(_ => true)|];
                    }
                    """),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task CorsPolicySubclassConstructor_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", {|#2:new AllowAllPolicy()|});""") + """

            class AllowAllPolicy : CorsPolicy
            {
                public AllowAllPolicy()
                {
                    {|#0:IsOriginAllowed = _ => true|};
                    {|#1:SupportsCredentials = true|};
                }
            }
            """,
            Verify.Diagnostic("CORS002").WithLocation(0).WithLocation(2).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task CorsPolicySubclassWithRealPredicate_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new TrustedPolicy());""") + """

            class TrustedPolicy : CorsPolicy
            {
                public TrustedPolicy()
                {
                    IsOriginAllowed = origin => origin == "https://app.contoso.com";
                    SupportsCredentials = true;
                }
            }
            """);
    }

    [Fact]
    public async Task LookAlikeSetIsOriginAllowed_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            new MyPolicy().SetIsOriginAllowed(_ => true).AllowCredentials();

            class MyPolicy
            {
                public MyPolicy SetIsOriginAllowed(Func<string, bool> predicate) => this;
                public MyPolicy AllowCredentials() => this;
            }
            """);
    }

    [Fact]
    public async Task UseWithOrigins_ReplacesThePredicate()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|SetIsOriginAllowed(origin => true)|].AllowCredentials());"""),
            Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS002: list the trusted origins */).AllowCredentials());"""),
            AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task UseWithOrigins_ConfiguredOrigins()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                    options.AddPolicy("Frontend", policy =>
                        policy.AllowAnyHeader()
                              .[|SetIsOriginAllowed(_ => true)|]
                              .AllowCredentials());
                """),
            FixedCode = Program("""
                    options.AddPolicy("Frontend", policy =>
                        policy.AllowAnyHeader()
                              .WithOrigins("https://app.contoso.com")
                              .AllowCredentials());
                """),
            EditorConfig = "CORS002.trusted_origins = https://app.contoso.com",
            CodeActionEquivalenceKey = AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveAllowCredentials_MultiLineChain_KeepsFormatting()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                        policy.[|SetIsOriginAllowed(_ => true)|]
                              .AllowCredentials()
                              .AllowAnyHeader());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy =>
                        policy.SetIsOriginAllowed(_ => true)
                              .AllowAnyHeader());
                """),
            AlwaysTruePredicateWithCredentialsFixer.RemoveAllowCredentialsKey);
    }

    [Fact]
    public async Task RemoveAllowCredentials_PolicyProperty()
    {
        // The diagnostic is on the statement after `new CorsPolicy()`, outside the operation that started the policy
        // analysis: Roslyn counts it as non-local (editors show it with full solution analysis; the build always does).
        await new Verify.Test
        {
            TestCode = Program("""
                    var policy = new CorsPolicy();
                    policy.SupportsCredentials = true;
                    [|policy.IsOriginAllowed = _ => true|];
                    options.AddPolicy("Frontend", policy);
                """),
            FixedCode = Program("""
                    var policy = new CorsPolicy();
                    policy.IsOriginAllowed = _ => true;
                    options.AddPolicy("Frontend", policy);
                """),
            CodeActionEquivalenceKey = AlwaysTruePredicateWithCredentialsFixer.RemoveAllowCredentialsKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        }.RunAsync();
    }

    [Fact]
    public async Task FixAll_UseWithOrigins()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.[|SetIsOriginAllowed(_ => true)|].AllowCredentials());
                    options.AddPolicy("Admin", policy => policy.AllowCredentials().[|SetIsOriginAllowed(o => !string.IsNullOrEmpty(o))|]);
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS002: list the trusted origins */).AllowCredentials());
                    options.AddPolicy("Admin", policy => policy.AllowCredentials().WithOrigins("https://app.example.com" /* TODO CORS002: list the trusted origins */));
                """),
            AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task ConfiguredOriginsWithAlwaysTrueFallback_DefaultReplacesTheCheck_KeepsCredentials()
    {
        // The configured path relies on AllowCredentials(): the default replaces the always-true fallback, never the credentials.
        const string Before = """
                var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
                options.AddPolicy("Frontend", policy =>
                {
                    policy.WithOrigins(configured).AllowAnyHeader().AllowCredentials();
                    if (configured.Length == 0)
                    {
                        policy.{|#0:SetIsOriginAllowed(_ => true)|};
                    }
                });
            """;
        await new Verify.Test
        {
            TestCode = Program(Before),
            ExpectedDiagnostics = { Verify.Diagnostic("CORS002").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithArguments("The CORS policy 'Frontend'") },
            FixedCode = Program("""
                    var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins(configured).AllowAnyHeader().AllowCredentials();
                        if (configured.Length == 0)
                        {
                            policy.WithOrigins("https://app.example.com" /* TODO CORS002: list the trusted origins */);
                        }
                    });
                """),
            CodeActionEquivalenceKey = AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();

        // Removing the credentials would break the configured path: not offered.
        var failure = await Assert.ThrowsAsync<VerificationException>(() => new Verify.Test
        {
            TestCode = Program(Before),
            ExpectedDiagnostics = { Verify.Diagnostic("CORS002").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithArguments("The CORS policy 'Frontend'") },
            FixedCode = Program(Before),
            CodeActionEquivalenceKey = AlwaysTruePredicateWithCredentialsFixer.RemoveAllowCredentialsKey,
        }.RunAsync());
        Assert.Contains("No code action with equivalence key 'CORS002.RemoveAllowCredentials' was offered", failure.Message);
    }

    [Fact]
    public async Task UseWithOrigins_PolicyPropertyStatement_BecomesOriginsAdd()
    {
        await new Verify.Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    [|policy.IsOriginAllowed = _ => true|];
                    options.AddPolicy("Frontend", policy);
                """),
            FixedCode = Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.Origins.Add("https://app.contoso.com");
                    policy.Origins.Add("https://admin.contoso.com");
                    options.AddPolicy("Frontend", policy);
                """),
            EditorConfig = "cors_analyzers.trusted_origins = https://app.contoso.com https://admin.contoso.com",
            CodeActionEquivalenceKey = AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task UseWithOrigins_PolicyInitializer_BecomesOriginsMember()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { SupportsCredentials = true, [|IsOriginAllowed = _ => true|] });"""),
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { SupportsCredentials = true, Origins = { "https://app.example.com" /* TODO CORS002: list the trusted origins */ } });"""),
            AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task UseWithOrigins_PolicyInitializerWithOrigins_JoinsThem()
    {
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { "https://partner.example" }, [|IsOriginAllowed = _ => true|], SupportsCredentials = true });"""),
            FixedCode = Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { "https://partner.example", "https://app.contoso.com" }, SupportsCredentials = true });"""),
            EditorConfig = "CORS002.trusted_origins = https://app.contoso.com",
            CodeActionEquivalenceKey = AlwaysTruePredicateWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task AlwaysTruePredicateUnderAnyOriginList_NoDiagnostic()
    {
        // Found by the runtime differential test (tests/CorsAnalyzers.RuntimeTests, PolicyModelDifferentialTests): with
        // the origin list exactly ["*"] the runtime never asks the predicate, and with credentials Build() throws: that is
        // CORS001 on AllowAnyOrigin(), not an always-true predicate that reflects origins.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().SetIsOriginAllowed(_ => true).AllowCredentials());"""));
    }

    [Fact]
    public async Task AdditionalLocations_AreThePolicySiteThenTheCredentials()
    {
        // What the fixes edit: the policy site (the configure delegate), then each credentials call. The other tests of
        // this class assert the span and the message only.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", {|#2:policy => policy.{|#0:SetIsOriginAllowed(_ => true)|}.{|#1:AllowCredentials()|}|});"""),
            Verify.Diagnostic("CORS002").WithLocation(0).WithLocation(2).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }
}
