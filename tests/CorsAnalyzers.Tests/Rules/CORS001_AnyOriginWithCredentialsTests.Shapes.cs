using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AnyOriginWithCredentialsRule>,
    CorsAnalyzers.Rules.AnyOriginWithCredentialsFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS001_AnyOriginWithCredentialsTests
{
    // ---- C# 12 collection expressions ----

    [Fact]
    public async Task CollectionExpressionStar_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.{|#0:WithOrigins(["*"])|}.AllowCredentials());"""),
            Verify.Diagnostic("CORS001").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task CollectionExpressionSpreadOfKnownStar_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                string[] everyone = ["*"];
                options.AddPolicy("Frontend", policy => policy.[|WithOrigins([.. everyone])|].AllowCredentials());
            """));
    }

    [Fact]
    public async Task CollectionExpressionStarAmongOthers_NoDiagnostic()
    {
        // Not "any origin": "*" is one entry among others (CORS004 reports it dead).
        await Verify.VerifyAnalyzerAsync(Program("""
                string[] defaults = ["https://app.contoso.com"];
                options.AddPolicy("Frontend", policy => policy.WithOrigins([.. defaults, "*"]).AllowCredentials());
                options.AddPolicy("Admin", policy => policy.WithOrigins(["https://admin.contoso.com", "*"]).AllowCredentials());
            """));
    }

    [Fact]
    public async Task CollectionExpressionSpreadOfUnknownValues_NoDiagnostic()
    {
        // The configured list may be empty or not: whether "*" ends up alone is not known.
        await Verify.VerifyAnalyzerAsync(Program("""
                var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
                options.AddPolicy("Frontend", policy => policy.WithOrigins([.. configured, "*"]).AllowCredentials());
            """));
    }

    [Fact]
    public async Task UseWithOrigins_CollectionExpression()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|WithOrigins(["*"])|].AllowCredentials());"""),
            Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */).AllowCredentials());"""),
            AnyOriginWithCredentialsFixer.UseWithOriginsKey);
    }

    // ---- Several "*": only a lone "*" is any origin ----

    [Fact]
    public async Task StarInSeveralCalls_NotAnyOrigin_NoDiagnostic()
    {
        // ["*", "*"] is not ["*"]: the runtime allows no origin here, and accepts the credentials (CORS004 reports each "*").
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    policy.WithOrigins("*");
                    policy.WithOrigins("*", "*");
                    policy.AllowCredentials();
                });
            """));
    }

    // ---- CorsPolicy subclasses ----

    [Fact]
    public async Task CorsPolicySubclassConstructor_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", {|#2:new OpenPolicy()|});""") + """

            class OpenPolicy : CorsPolicy
            {
                public OpenPolicy()
                {
                    Origins.Add({|#0:"*"|});
                    {|#1:SupportsCredentials = true|};
                }
            }
            """,
            Verify.Diagnostic("CORS001").WithLocation(0).WithLocation(2).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }

    [Fact]
    public async Task CorsPolicySubclassConstructorChainAndInitializer_ShouldReport()
    {
        // : this() runs the parameterless constructor first; the object initializer runs after both.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new OpenPolicy(allowCredentials: false) { SupportsCredentials = true });""") + """

            class OpenPolicy : CorsPolicy
            {
                public OpenPolicy() => this.Origins.Add([|"*"|]);

                public OpenPolicy(bool allowCredentials) : this()
                {
                    SupportsCredentials = allowCredentials;
                }
            }
            """);
    }

    [Fact]
    public async Task CorsPolicySubclassOfSubclass_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new PartnerPolicy());""") + """

            class OpenPolicy : CorsPolicy
            {
                public OpenPolicy() { Origins.Add([|"*"|]); }
            }

            class PartnerPolicy : OpenPolicy
            {
                public PartnerPolicy() { SupportsCredentials = true; }
            }
            """);
    }

    [Fact]
    public async Task CorsPolicySubclassWithTrustedOrigins_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new FrontendPolicy());""") + """

            class FrontendPolicy : CorsPolicy
            {
                public FrontendPolicy()
                {
                    Origins.Add("https://app.contoso.com");
                    SupportsCredentials = true;
                }
            }
            """);
    }

    [Fact]
    public async Task CorsPolicySubclassHelperRestrictsOrigins_NoDiagnostic()
    {
        // The constructor's own method replaces the "*": followed like any helper.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new FrontendPolicy());""") + """

            class FrontendPolicy : CorsPolicy
            {
                public FrontendPolicy()
                {
                    Origins.Add("*");
                    SupportsCredentials = true;
                    UseTrustedOrigins();
                }

                private void UseTrustedOrigins()
                {
                    Origins.Clear();
                    Origins.Add("https://app.contoso.com");
                }
            }
            """);
    }

    [Fact]
    public async Task CorsPolicySubclassVirtualOrUnseenCode_NoDiagnostic()
    {
        // A virtual call or a constructor in another assembly may do anything: nothing is concluded.
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", new FrontendPolicy());
                    options.AddPolicy("Admin", new AdminPolicy { SupportsCredentials = true });
                """) + """

            class FrontendPolicy : CorsPolicy
            {
                public FrontendPolicy()
                {
                    Origins.Add("*");
                    SupportsCredentials = true;
                    Restrict();
                }

                protected virtual void Restrict() { }
            }

            class AdminPolicy : CorsPolicy
            {
                public AdminPolicy() { Origins.Add("*"); Mode = "strict"; }

                public string Mode { set { Origins.Clear(); } }
            }
            """);
    }

    [Fact]
    public async Task LookAlikeBuilder_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var policy = new MyPolicyBuilder();
            policy.AllowAnyOrigin().AllowCredentials();
            policy.WithOrigins("*").AllowCredentials();

            class MyPolicyBuilder
            {
                public MyPolicyBuilder AllowAnyOrigin() => this;
                public MyPolicyBuilder WithOrigins(params string[] origins) => this;
                public MyPolicyBuilder AllowCredentials() => this;
            }
            """);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                namespace Microsoft.AspNetCore.Cors.Infrastructure
                {
                    // Not ASP.NET Core's type: a compilation without ASP.NET Core must stay silent.
                    public class CorsPolicyBuilderLookAlike
                    {
                        public CorsPolicyBuilderLookAlike AllowAnyOrigin() => this;
                        public CorsPolicyBuilderLookAlike AllowCredentials() => this;
                        public static void Use() => new CorsPolicyBuilderLookAlike().AllowAnyOrigin().AllowCredentials();
                    }
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }

    [Fact]
    public async Task UseWithOrigins_WithoutConfiguredOrigins_WritesMarkedPlaceholder()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|AllowAnyOrigin()|].AllowCredentials());"""),
            Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */).AllowCredentials());"""),
            AnyOriginWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task UseWithOrigins_WithConfiguredOrigins_WritesThem()
    {
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Frontend", policy => policy.[|WithOrigins("*")|].AllowCredentials());"""),
            FixedCode = Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com", "https://admin.contoso.com").AllowCredentials());"""),
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.UseWithOriginsKey,
            EditorConfig = "CORS001.trusted_origins = https://app.contoso.com, https://admin.contoso.com",
        }.RunAsync();
    }

    [Fact]
    public async Task UseWithOrigins_WithSharedOption_WritesThem()
    {
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder([|"*"|]).AllowCredentials().Build());"""),
            FixedCode = Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder("https://app.contoso.com").AllowCredentials().Build());"""),
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.UseWithOriginsKey,
            EditorConfig = "cors_analyzers.trusted_origins = https://app.contoso.com",
        }.RunAsync();
    }

    [Fact]
    public async Task UseWithOrigins_InCollectionInitializer()
    {
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Frontend", new CorsPolicy { SupportsCredentials = true, Origins = { [|"*"|] } });"""),
            FixedCode = Program("""    options.AddPolicy("Frontend", new CorsPolicy { SupportsCredentials = true, Origins = { "https://a.contoso.com", "https://b.contoso.com" } });"""),
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.UseWithOriginsKey,
            EditorConfig = "CORS001.trusted_origins = https://a.contoso.com https://b.contoso.com",
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveAllowCredentials_InFluentChain()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|AllowAnyOrigin()|].AllowCredentials().AllowAnyHeader());"""),
            Program("""    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().AllowAnyHeader());"""),
            AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey);
    }

    [Fact]
    public async Task RemoveAllowCredentials_StatementAndOtherFile()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.[|AllowAnyOrigin()|];
                        CorsSetup.WithCookies(policy);
                    });
                """),
            AdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    static class CorsSetup
                    {
                        public static void WithCookies(CorsPolicyBuilder policy)
                        {
                            policy.AllowAnyHeader();
                            policy.AllowCredentials();
                        }
                    }
                    """),
            },
            FixedCode = Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.AllowAnyOrigin();
                        CorsSetup.WithCookies(policy);
                    });
                """),
            FixedAdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    static class CorsSetup
                    {
                        public static void WithCookies(CorsPolicyBuilder policy)
                        {
                            policy.AllowAnyHeader();
                        }
                    }
                    """),
            },
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveAllowCredentials_VoidHelperWithExpressionBody_LeavesEmptyBody()
    {
        // `static void WithCookies(...) => policy;` would not compile (CS0201).
        const string Template = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            {
                policy.ANY;
                WithCookies(policy);
            }));
            var app = builder.Build();
            app.Run();

            static void WithCookies(CorsPolicyBuilder policy)BODY
            """;
        await Verify.VerifyCodeFixAsync(
            Template.Replace("ANY", "[|AllowAnyOrigin()|]").Replace("BODY", " => policy.AllowCredentials();"),
            Template.Replace("ANY", "AllowAnyOrigin()").Replace("BODY", " { }"),
            AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey);
    }

    [Fact]
    public async Task RemoveAllowCredentials_ExpressionLambdaBody_LeavesEmptyBlock()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.[|AllowAnyOrigin()|];
                        Action<CorsPolicyBuilder> cookies = p => p.AllowCredentials();
                        policy.AllowCredentials();
                    });
                """),
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.AllowAnyOrigin();
                        Action<CorsPolicyBuilder> cookies = p => p.AllowCredentials();
                    });
                """),
            AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey);
    }

    [Fact]
    public async Task RemoveAllowCredentials_SupportsCredentialsInInitializer()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { SupportsCredentials = true, Origins = { [|"*"|] } });"""),
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { "*" } });"""),
            AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey);
    }

    [Fact]
    public async Task FixAll_UseWithOrigins_FixesEveryPolicy()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.[|AllowAnyOrigin()|].AllowCredentials());
                    options.AddPolicy("Admin", policy => policy.AllowCredentials().[|WithOrigins("*")|]);
                    options.AddDefaultPolicy(policy => policy.[|AllowAnyOrigin()|].AllowCredentials());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */).AllowCredentials());
                    options.AddPolicy("Admin", policy => policy.AllowCredentials().WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */));
                    options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */).AllowCredentials());
                """),
            AnyOriginWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task FixAll_RemoveAllowCredentials_SharedCredentialsCallRemovedOnce()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    var isDevelopment = args.Length > 0;
                    options.AddPolicy("Frontend", policy =>
                    {
                        if (isDevelopment)
                        {
                            policy.[|AllowAnyOrigin()|];
                        }
                        else
                        {
                            policy.[|WithOrigins("*")|];
                        }

                        policy.AllowCredentials();
                    });
                """),
            Program("""
                    var isDevelopment = args.Length > 0;
                    options.AddPolicy("Frontend", policy =>
                    {
                        if (isDevelopment)
                        {
                            policy.AllowAnyOrigin();
                        }
                        else
                        {
                            policy.WithOrigins("*");
                        }
                    });
                """),
            AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey);
    }

    [Fact]
    public async Task UseWithOrigins_CorsPolicyOriginsAdd_ReplacesTheValue()
    {
        // The shape that had no WithOrigins rewrite: it must not make a batch fall back to dropping credentials elsewhere.
        await new Verify.Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.Origins.Add([|"*"|]);
                    options.AddPolicy("Frontend", policy);
                """),
            FixedCode = Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.Origins.Add("https://app.example.com" /* TODO CORS001: list the trusted origins */);
                    options.AddPolicy("Frontend", policy);
                """),
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task UseWithOrigins_CorsPolicyOriginsAdd_OneStatementPerConfiguredOrigin()
    {
        await new Verify.Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.Origins.Add([|"*"|]);
                    options.AddPolicy("Frontend", policy);
                """),
            FixedCode = Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.Origins.Add("https://app.contoso.com");
                    policy.Origins.Add("https://admin.contoso.com");
                    options.AddPolicy("Frontend", policy);
                """),
            EditorConfig = "CORS001.trusted_origins = https://app.contoso.com, https://admin.contoso.com",
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task UseWithOrigins_ArrayElementOfBuilderConstructor()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder(new[] { [|"*"|] }).AllowCredentials().Build());"""),
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder(new[] { "https://app.example.com" /* TODO CORS001: list the trusted origins */ }).AllowCredentials().Build());"""),
            AnyOriginWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task UseWithOrigins_ConfiguredValuesThatAreNoOrigins_AreLeftOut()
    {
        // "*", "null", a path or a "*." host would trade this diagnostic for another: only real origins are written.
        await new Verify.Test
        {
            TestCode = Program("""    options.AddPolicy("Frontend", policy => policy.[|AllowAnyOrigin()|].AllowCredentials());"""),
            FixedCode = Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com").AllowCredentials());"""),
            EditorConfig = "CORS001.trusted_origins = *, null, https://admin.contoso.com/, https://*.contoso.com, HTTPS://App.Contoso.com",
            CodeActionEquivalenceKey = AnyOriginWithCredentialsFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task ConfiguredPathUsesTheCredentials_RemoveAllowCredentialsNotOffered()
    {
        const string Before = """
                var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>();
                options.AddPolicy("Frontend", policy =>
                {
                    if (configured is { Length: > 0 })
                    {
                        policy.WithOrigins(configured);
                    }
                    else
                    {
                        policy.[|AllowAnyOrigin()|];
                    }

                    policy.AllowCredentials();
                });
            """;
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyCodeFixAsync(Program(Before), Program(Before), AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey));
        Assert.Contains("No code action with equivalence key 'CORS001.RemoveAllowCredentials' was offered", failure.Message);
        Assert.Contains("'CORS001.UseWithOrigins'", failure.Message);
    }

    [Fact]
    public async Task HelperSharedByTwoPolicies_NoFixForTheHelper()
    {
        // Rewriting (or dropping the credentials of) a helper that another policy calls changes that policy too.
        var source = Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    CorsSetup.Open(policy);
                    policy.AllowCredentials();
                });
                options.AddPolicy("Public", policy => CorsSetup.Open(policy));
            """) + """


            static class CorsSetup
            {
                public static void Open(CorsPolicyBuilder policy) => policy.[|AllowAnyOrigin()|];
            }
            """;
        await new Verify.Test { TestCode = source, FixedCode = source, CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck }.RunAsync();
    }

    [Fact]
    public async Task CredentialsInHelperSharedByTwoPolicies_RemoveAllowCredentialsNotOffered()
    {
        var source = Program("""
                options.AddPolicy("Frontend", policy => CorsSetup.WithCookies(policy.[|AllowAnyOrigin()|]));
                options.AddPolicy("Admin", policy => CorsSetup.WithCookies(policy.WithOrigins("https://admin.contoso.com")));
            """) + """


            static class CorsSetup
            {
                public static CorsPolicyBuilder WithCookies(CorsPolicyBuilder policy) => policy.AllowCredentials();
            }
            """;
        var failure = await Assert.ThrowsAsync<VerificationException>(() =>
            Verify.VerifyCodeFixAsync(source, source, AnyOriginWithCredentialsFixer.RemoveAllowCredentialsKey));
        Assert.Contains("No code action with equivalence key 'CORS001.RemoveAllowCredentials' was offered", failure.Message);
    }

    [Fact]
    public async Task UseWithOrigins_AlsoReplacesTheAlwaysTruePredicateAnyOriginMasked()
    {
        // With the list exactly ["*"] the runtime never asks the predicate (Build() throws with credentials); listing
        // origins alone would bring `_ => true` into effect: every origin with credentials. Both are replaced.
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", policy => policy.[|AllowAnyOrigin()|].SetIsOriginAllowed(_ => true).AllowCredentials());"""),
            Program("""    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */).WithOrigins("https://app.example.com" /* TODO CORS001: list the trusted origins */).AllowCredentials());"""),
            AnyOriginWithCredentialsFixer.UseWithOriginsKey);
    }

    [Fact]
    public async Task AnyOriginMaskingACustomPredicate_NoFix()
    {
        // Listing origins would put the user's own predicate in charge, with credentials: not a rewrite to guess.
        var source = Program("""    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed(origin => origin.StartsWith("https://")).[|AllowAnyOrigin()|].AllowCredentials());""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task AdditionalLocations_AreThePolicySiteThenTheCredentials()
    {
        // What the fixes edit: the policy site (the configure delegate), then each credentials call. The other tests of
        // this class assert the span and the message only.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", {|#2:policy => policy.{|#0:AllowAnyOrigin()|}.{|#1:AllowCredentials()|}|});"""),
            Verify.Diagnostic("CORS001").WithLocation(0).WithLocation(2).WithLocation(1).WithArguments("The CORS policy 'Frontend'"));
    }
}
