using CorsAnalyzers.Cors;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.OriginCanNeverMatchRule>,
    CorsAnalyzers.Rules.OriginCanNeverMatchFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS004_OriginCanNeverMatchTests
{
    // ---- CORS004.NormalizeOrigin ----

    [Theory]
    [InlineData("https://app.contoso.com/", "https://app.contoso.com")]
    [InlineData(" https://app.contoso.com ", "https://app.contoso.com")]
    [InlineData("https://app.contoso.com/login?next=1", "https://app.contoso.com")]
    [InlineData("https://app.contoso.com:443", "https://app.contoso.com")]
    [InlineData("http://localhost:80/", "http://localhost")]
    [InlineData("http://localhost:5173/", "http://localhost:5173")]
    public async Task NormalizeOrigin_WritesWhatTheBrowserSends(string origin, string normalized)
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy($$""".WithOrigins("https://admin.contoso.com", [|"{{origin}}"|]).AllowAnyHeader()"""),
            InPolicy($$""".WithOrigins("https://admin.contoso.com", "{{normalized}}").AllowAnyHeader()"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task NormalizeOrigin_KeepsTriviaAndComments()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins(
                            "https://admin.contoso.com",
                            /* the SPA */ [|"https://app.contoso.com/"|] // production
                        )
                        .AllowAnyHeader());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins(
                            "https://admin.contoso.com",
                            /* the SPA */ "https://app.contoso.com" // production
                        )
                        .AllowAnyHeader());
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task NormalizeOrigin_InCorsPolicyInitializerAndOriginsAdd()
    {
        await VerifyNonLocalFixAsync(
            Program("""
                    var policy = new CorsPolicy { Origins = { [|"https://app.contoso.com/"|] } };
                    policy.Origins.Add([|"https://admin.contoso.com:443"|]);
                    options.AddPolicy("Frontend", policy);
                """),
            Program("""
                    var policy = new CorsPolicy { Origins = { "https://app.contoso.com" } };
                    policy.Origins.Add("https://admin.contoso.com");
                    options.AddPolicy("Frontend", policy);
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task WildcardWithSlash_AllowsWildcardSubdomainsInOneStep()
    {
        // The wildcard check ignores the path of a "*." entry: turning it on fixes the entry as written, in one run
        // (normalizing first would leave a "*." host to fix in a second run).
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins([|"https://*.contoso.com/"|])"""),
            FixedCode = InPolicy(""".WithOrigins("https://*.contoso.com/").SetIsOriginAllowedToAllowWildcardSubdomains()"""),
            CodeActionEquivalenceKey = OriginCanNeverMatchFixer.FixOriginKey,
        }.RunAsync();
    }

    [Fact]
    public async Task WildcardWithSlash_SharedHosting_OnlyNormalizes()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins([|"https://*.vercel.app/"|])"""),
            FixedCode = InPolicy(""".WithOrigins([|"https://*.vercel.app"|])"""),
            CodeActionEquivalenceKey = OriginCanNeverMatchFixer.FixOriginKey,
        }.RunAsync();
    }

    [Fact]
    public async Task NormalizeOrigin_FixAll()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins([|"https://app.contoso.com/"|], [|"https://admin.contoso.com:443"|]));
                    options.AddPolicy("Local", policy => policy.WithOrigins([|" http://localhost:5173"|]).AllowAnyMethod());
                    options.AddPolicy("Legacy", new CorsPolicyBuilder([|"https://legacy.contoso.com/index.html"|]).Build());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com", "https://admin.contoso.com"));
                    options.AddPolicy("Local", policy => policy.WithOrigins("http://localhost:5173").AllowAnyMethod());
                    options.AddPolicy("Legacy", new CorsPolicyBuilder("https://legacy.contoso.com").Build());
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task ConstantReference_NoFixOffered()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                    const string App = "https://app.contoso.com/";
                    options.AddPolicy("Frontend", policy => policy.WithOrigins([|App|]));
                """),
            FixedCode = Program("""
                    const string App = "https://app.contoso.com/";
                    options.AddPolicy("Frontend", policy => policy.WithOrigins([|App|]));
                """),
        }.RunAsync();
    }

    [Theory]
    [InlineData("app.contoso.com")]
    [InlineData("ftp://files.contoso.com")]
    [InlineData("https://")]
    [InlineData(" *")]
    [InlineData(" contoso.com ")]
    public async Task NoMechanicalAnswer_NoFixOffered(string origin)
    {
        // " *" must not become "*" (any origin); " contoso.com " would still have no scheme.
        await new Verify.Test
        {
            TestCode = InPolicy($$""".WithOrigins("https://admin.contoso.com", [|"{{origin}}"|])"""),
            FixedCode = InPolicy($$""".WithOrigins("https://admin.contoso.com", [|"{{origin}}"|])"""),
        }.RunAsync();
    }

    // ---- CORS004.AllowWildcardSubdomains ----

    [Fact]
    public async Task AllowWildcardSubdomains_InFluentChain()
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins([|"https://*.contoso.com"|]).AllowAnyHeader()"""),
            InPolicy(""".WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains().AllowAnyHeader()"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_Statement()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins([|"https://*.contoso.com"|]);
                        policy.AllowAnyMethod();
                    });
                """),
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains();
                        policy.AllowAnyMethod();
                    });
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_MultiLineChain()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins("https://contoso.com", [|"https://*.contoso.com"|])
                        .AllowAnyHeader());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins("https://contoso.com", "https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains()
                        .AllowAnyHeader());
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_CorsPolicyBuilderConstructor()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder([|"https://*.contoso.com"|]).Build());"""),
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains().Build());"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_FixAll()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins([|"https://*.contoso.com"|]));
                    options.AddPolicy("Admin", policy => policy.WithOrigins([|"https://*.admin.contoso.com"|]).AllowCredentials());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains());
                    options.AddPolicy("Admin", policy => policy.WithOrigins("https://*.admin.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains().AllowCredentials());
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_FixAll_TwoInOneCall()
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins([|"https://*.contoso.com"|], "https://contoso.com", [|"https://*.contoso.net"|])"""),
            InPolicy(""".WithOrigins("https://*.contoso.com", "https://contoso.com", "https://*.contoso.net").SetIsOriginAllowedToAllowWildcardSubdomains()"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_NotOfferedOverACustomPredicate()
    {
        // Appending SetIsOriginAllowedToAllowWildcardSubdomains() would replace the user's predicate.
        var source = InPolicy(""".SetIsOriginAllowed(origin => origin.EndsWith(".contoso.com")).WithOrigins([|"https://*.contoso.com"|])""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Theory]
    [InlineData("https://*.vercel.app")]
    [InlineData("https://*.netlify.app")]
    [InlineData("https://*.azurewebsites.net")]
    [InlineData("https://*.github.io")]
    [InlineData("https://*.herokuapp.com")]
    [InlineData("https://*.pages.dev")]
    [InlineData("https://*.cloudfront.net")]
    [InlineData("https://*.com")]
    [InlineData("https://*.co.uk")]
    public async Task AllowWildcardSubdomains_NeverForSharedHostingOrAPublicSuffix(string origin)
    {
        // Every subdomain of these is someone else's site: the entry stays dead rather than trusting all of them.
        var source = InPolicy($$""".WithOrigins("https://app.contoso.com", [|"{{origin}}"|]).AllowCredentials()""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task AllowWildcardSubdomains_NotOfferedWhenAnotherEntryIsSharedHosting()
    {
        // The call turns on every "*." entry of the policy: the contoso.com entry would bring *.vercel.app with it.
        var source = InPolicy(""".WithOrigins([|"https://*.contoso.com"|], [|"https://*.vercel.app"|])""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task AllowWildcardSubdomains_NotOfferedWhenOriginsAreComputed()
    {
        // Origins from configuration may hold "*." entries of any domain: they would come alive too.
        var source = Program("""
                var configured = args;
                options.AddPolicy("Frontend", policy => policy.WithOrigins([|"https://*.contoso.com"|]).WithOrigins(configured));
            """);
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task AllowWildcardSubdomains_NotOfferedInAHelperSharedByPolicies()
    {
        // Turning on wildcard subdomains in a helper would change every policy that calls it.
        var source = Program("""
                options.AddPolicy("Frontend", policy => Origins.Add(policy));
                options.AddPolicy("Admin", policy => Origins.Add(policy).AllowCredentials());
            """) + """


            static class Origins
            {
                public static CorsPolicyBuilder Add(CorsPolicyBuilder policy) => policy.WithOrigins([|"https://*.contoso.com"|]);
            }
            """;
        await new Verify.Test { TestCode = source, FixedCode = source, CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck }.RunAsync();
    }

    [Fact]
    public async Task AllowWildcardSubdomains_HelperUsedOnce_IsFixed()
    {
        await VerifyNonLocalFixAsync(
            Program("""    options.AddPolicy("Frontend", policy => Origins.Add(policy));""") + """


            static class Origins
            {
                public static CorsPolicyBuilder Add(CorsPolicyBuilder policy) => policy.WithOrigins([|"https://*.contoso.com"|]);
            }
            """,
            Program("""    options.AddPolicy("Frontend", policy => Origins.Add(policy));""") + """


            static class Origins
            {
                public static CorsPolicyBuilder Add(CorsPolicyBuilder policy) => policy.WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains();
            }
            """,
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task AllowWildcardSubdomains_NotOfferedForCorsPolicyOrigins()
    {
        var source = Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { [|"https://*.contoso.com"|] } });""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    // ---- CORS004.RemoveOrigin (dead "*") ----

    [Fact]
    public async Task RemoveOrigin_FirstArgument()
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins([|"*"|], "https://app.contoso.com")"""),
            InPolicy(""".WithOrigins("https://app.contoso.com")"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_LastArgument()
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com", [|"*"|]).AllowAnyHeader()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowAnyHeader()"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_MiddleArgumentOnSeparateLines()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins(
                        "https://app.contoso.com",
                        [|"*"|],
                        "https://admin.contoso.com"));
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins(
                        "https://app.contoso.com",
                        "https://admin.contoso.com"));
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_WholeLaterWithOriginsCall()
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com").WithOrigins([|"*"|]).AllowAnyHeader()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowAnyHeader()"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_CorsPolicyInitializerAndOriginsAdd()
    {
        await VerifyNonLocalFixAsync(
            Program("""
                    var policy = new CorsPolicy { Origins = { "https://app.contoso.com", [|"*"|] } };
                    policy.Origins.Add([|"*"|]);
                    options.AddPolicy("Frontend", policy);
                """),
            Program("""
                    var policy = new CorsPolicy { Origins = { "https://app.contoso.com" } };
                    options.AddPolicy("Frontend", policy);
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_ConstantReference_RemovesTheArgument()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    const string Any = "*";
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com", [|Any|]));
                """),
            Program("""
                    const string Any = "*";
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task FixAll_EveryProblemInOnePolicy_OneDefault()
    {
        // One key for all shapes: each site gets its own rewrite, and sites without one are left as they are.
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins([|"https://app.contoso.com/"|], [|"*"|], [|"https://*.contoso.net"|], [|"app.contoso.org"|])"""),
            FixedCode = InPolicy(""".WithOrigins("https://app.contoso.com", "https://*.contoso.net", [|"app.contoso.org"|]).SetIsOriginAllowedToAllowWildcardSubdomains()"""),
            CodeActionEquivalenceKey = OriginCanNeverMatchFixer.FixOriginKey,
        }.RunAsync();
    }

    [Theory]
    // Removing either "*" (or, one at a time, all but the last) would leave ["*"]: any origin (the runtime fix oracle's find).
    [InlineData("""
                options.AddDefaultPolicy(policy =>
                {
                    policy.WithOrigins([|"*"|]);
                    policy.WithOrigins([|"*"|]);
                });
        """)]
    // The other value is not known: it may be "*".
    [InlineData("""    options.AddPolicy("Frontend", policy => policy.WithOrigins(builder.Configuration["Cors:Origin"]!, [|"*"|]));""")]
    public async Task RemoveOrigin_AnotherStarCouldBeLeftAlone_NoFixOffered(string configureServices)
    {
        var source = Program(configureServices);
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Theory]
    // Wildcard subdomains would trust every site deployed on the shared hosting domain (CORS015).
    [InlineData(""".WithOrigins([|"https://*.vercel.app"|])""", "")]
    [InlineData(""".WithOrigins("https://app.contoso.com", [|"https://*.github.io"|]).AllowCredentials()""", "")]
    [InlineData(""".WithOrigins([|"https://*.apps.internal.example"|])""", "CORS015.shared_hosting_suffixes = apps.internal.example")]
    public async Task WildcardOfASharedHostingDomain_NoFixOffered(string chain, string editorConfig)
    {
        var source = InPolicy(chain);
        await new Verify.Test { TestCode = source, FixedCode = source, EditorConfig = editorConfig }.RunAsync();
    }

    [Fact]
    public async Task WildcardOfADomainAnOptionDoesNotName_AllowWildcardSubdomains()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins([|"https://*.apps.internal.example"|])"""),
            FixedCode = InPolicy(""".WithOrigins("https://*.apps.internal.example").SetIsOriginAllowedToAllowWildcardSubdomains()"""),
            CodeActionEquivalenceKey = OriginCanNeverMatchFixer.FixOriginKey,
            EditorConfig = "CORS015.shared_hosting_suffixes = sites.hosting.example",
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveOrigin_SeveralStarsBesideAKnownOrigin()
    {
        // The origin given in the same call stays on every path that keeps either "*": none can be left alone.
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com", [|"*"|], [|"*"|])"""),
            InPolicy(""".WithOrigins("https://app.contoso.com")"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_FixAll()
    {
        await Verify.VerifyCodeFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com", [|"*"|]));
                    options.AddPolicy("Admin", policy => policy.WithOrigins([|"*"|], "https://admin.contoso.com").AllowCredentials());
                    options.AddPolicy("Legacy", new CorsPolicyBuilder("https://legacy.contoso.com", [|"*"|]).Build());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                    options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com").AllowCredentials());
                    options.AddPolicy("Legacy", new CorsPolicyBuilder("https://legacy.contoso.com").Build());
                """),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    // ---- Limits the runtime differential test (tests/CorsAnalyzers.RuntimeTests, PolicyModelDifferentialTests) found; docs/rules/CORS004.md, "Limits" ----

    [Fact]
    public async Task ValueClearedOnItsOwnBranch_AnotherBranchKeepsTheList_StillReported()
    {
        // At run time the else branch's AllowAnyOrigin() removes the value before the branches join, but the model only
        // knows that the list it was added to is the one the other branch ends with: the value is still reported.
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    if (args.Length > 0)
                    {
                        policy.WithOrigins("https://app.contoso.com");
                    }
                    else
                    {
                        policy.WithOrigins({|#0:"https://admin.contoso.com/"|}).AllowAnyOrigin();
                    }
                });
            """),
            Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task WildcardWithWildcardSubdomainsOnlyOnAnotherBranch_NoDiagnostic()
    {
        // At run time the wildcard never matches on the branch that adds it; the rule decides wildcards for the policy as a whole.
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    if (args.Length > 0)
                    {
                        policy.WithOrigins("https://*.contoso.com");
                    }
                    else
                    {
                        policy.SetIsOriginAllowedToAllowWildcardSubdomains();
                    }
                });
            """));
    }

    [Fact]
    public async Task AdditionalLocation_IsThePolicySite()
    {
        // What the fixes edit besides the origin: the policy site (the configure delegate). The other tests of this class
        // assert the span and the message only.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", {|#1:policy => policy.WithOrigins({|#0:"https://app.contoso.com/"|})|});"""),
            Verify.Diagnostic("CORS004").WithLocation(0).WithLocation(1).WithArguments("https://app.contoso.com/", OriginParser.Describe(OriginProblem.TrailingSlash)));
    }
}
