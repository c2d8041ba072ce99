using CorsAnalyzers.Cors;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.OriginCanNeverMatchRule>,
    CorsAnalyzers.Rules.OriginCanNeverMatchFixer>;

namespace CorsAnalyzers.Tests.Rules;

public partial class CORS004_OriginCanNeverMatchTests
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

    private static string InPolicy(string chain) => Program($$"""    options.AddPolicy("Frontend", policy => policy{{chain}});""");

    private static DiagnosticResult Diagnostic(int location, string origin, OriginProblem problem) =>
        Verify.Diagnostic("CORS004").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(location).WithArguments(origin, OriginParser.Describe(problem));

    private static DiagnosticResult DeadAnyOrigin(int location) =>
        Verify.Diagnostic("CORS004").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(location).WithArguments("*", OriginParser.DeadAnyOriginDescription);

    // ---- Every problem kind, with span and message ----

    [Theory]
    [InlineData("https://app.contoso.com/", nameof(OriginProblem.TrailingSlash))]
    [InlineData("http://localhost:5173/", nameof(OriginProblem.TrailingSlash))]
    [InlineData(" https://app.contoso.com", nameof(OriginProblem.SurroundingWhitespace))]
    [InlineData("https://app.contoso.com\\n", nameof(OriginProblem.SurroundingWhitespace))]
    [InlineData("https://app.contoso.com/login", nameof(OriginProblem.PathQueryOrFragment))]
    [InlineData("https://app.contoso.com?tenant=1", nameof(OriginProblem.PathQueryOrFragment))]
    [InlineData("https://app.contoso.com#top", nameof(OriginProblem.PathQueryOrFragment))]
    [InlineData("https://app.contoso.com:443", nameof(OriginProblem.DefaultPort))]
    [InlineData("http://app.contoso.com:80", nameof(OriginProblem.DefaultPort))]
    [InlineData("app.contoso.com", nameof(OriginProblem.NoScheme))]
    [InlineData("localhost:5173", nameof(OriginProblem.NoScheme))]
    [InlineData("", nameof(OriginProblem.NoScheme))]
    [InlineData("ftp://files.contoso.com", nameof(OriginProblem.UnsupportedScheme))]
    [InlineData("wss://app.contoso.com", nameof(OriginProblem.UnsupportedScheme))]
    [InlineData("https://", nameof(OriginProblem.NoHost))]
    [InlineData("https:///app", nameof(OriginProblem.NoHost))]
    [InlineData("https://*.contoso.com", nameof(OriginProblem.WildcardHost))]
    public async Task ProblemOrigin_InWithOrigins_ShouldReport(string origin, string problem)
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy($$""".WithOrigins({|#0:"{{origin}}"|}).AllowAnyHeader()"""),
            Diagnostic(0, origin.Replace("\\n", "\n"), Enum.Parse<OriginProblem>(problem)));
    }

    // The diagnostic lands outside the operation that started the policy analysis (a statement after the
    // `new CorsPolicy { ... }`): Roslyn counts it as non-local, which editors show only with full solution analysis (the
    // build always reports it). The library refuses fixes for non-local diagnostics unless told.
    private static Task VerifyNonLocalFixAsync(string source, string fixedSource, string key) => new Verify.Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        CodeActionEquivalenceKey = key,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
    }.RunAsync();

    [Fact]
    public async Task TrailingSlash_Message()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:"https://app.contoso.com/"|})"""),
            Verify.Diagnostic("CORS004").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithMessage(
                "The origin \"https://app.contoso.com/\" can never match a browser's Origin header: browsers send no trailing slash, and ASP.NET Core does not remove it"));
    }

    [Fact]
    public async Task SeveralOriginsInOneCall_EachProblemReported()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com", {|#0:"https://admin.contoso.com/"|}, {|#1:"contoso.com"|}, "http://localhost:5173")"""),
            Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash),
            Diagnostic(1, "contoso.com", OriginProblem.NoScheme));
    }

    [Fact]
    public async Task WithOriginsExplicitArray_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins(new[] { "https://app.contoso.com", {|#0:"https://admin.contoso.com/"|} })"""),
            Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task VerbatimLiteral_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:@"https://app.contoso.com/"|})"""),
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task StatementsInBlockLambda_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddDefaultPolicy(policy =>
                {
                    policy.WithOrigins({|#0:"https://app.contoso.com:443"|});
                    policy.AllowAnyMethod();
                });
            """),
            Diagnostic(0, "https://app.contoso.com:443", OriginProblem.DefaultPort));
    }

    [Fact]
    public async Task UseCorsLambda_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(policy => policy.WithOrigins({|#0:"https://app.contoso.com/"|}));
            app.Run();
            """,
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task CorsPolicyBuilderConstructor_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder({|#0:"https://app.contoso.com/"|}, "https://admin.contoso.com").AllowAnyHeader().Build());"""),
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task CorsPolicyBuilderInLocal_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var policyBuilder = new CorsPolicyBuilder();
                policyBuilder.WithOrigins({|#0:"https://app.contoso.com/path"|});
                options.AddPolicy("Frontend", policyBuilder.Build());
            """),
            Diagnostic(0, "https://app.contoso.com/path", OriginProblem.PathQueryOrFragment));
    }

    [Fact]
    public async Task CorsPolicyInitializer_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { "https://app.contoso.com", {|#0:"https://admin.contoso.com/"|} } });"""),
            Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task CorsPolicyOriginsAdd_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var policy = new CorsPolicy();
                policy.Origins.Add({|#0:"app.contoso.com"|});
                options.AddPolicy("Frontend", policy);
            """),
            Diagnostic(0, "app.contoso.com", OriginProblem.NoScheme));
    }

    [Fact]
    public async Task ConstantInAnotherFile_ReportedAtTheArgument()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins({|#0:AllowedOrigins.Admin|}, AllowedOrigins.App)"""),
            AdditionalSources =
            {
                ("AllowedOrigins.cs", """
                    public static class AllowedOrigins
                    {
                        public const string App = "https://app.contoso.com";
                        public const string Admin = "https://admin.contoso.com/";
                    }
                    """),
            },
            ExpectedDiagnostics = { Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash) },
        }.RunAsync();
    }

    [Fact]
    public async Task HelperMethod_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", ConfigurePolicy));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            static void ConfigurePolicy(CorsPolicyBuilder policy) =>
                policy.WithOrigins({|#0:"https://app.contoso.com/"|}).AllowAnyMethod();
            """,
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task HelperInAnotherFileSharedByTwoPolicies_ReportedOnce()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                    options.AddPolicy("Frontend", policy => CorsSetup.AddOrigins(policy).AllowAnyHeader());
                    options.AddPolicy("Admin", policy => CorsSetup.AddOrigins(policy).AllowCredentials());
                """),
            AdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    public static class CorsSetup
                    {
                        public static CorsPolicyBuilder AddOrigins(CorsPolicyBuilder policy) =>
                            policy.WithOrigins({|#0:"https://app.contoso.com/"|});
                    }
                    """),
            },
            ExpectedDiagnostics = { Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash) },
        }.RunAsync();
    }

    [Fact]
    public async Task WildcardHostThenOtherPredicate_ShouldReport()
    {
        // The last origin predicate wins: the custom one replaces the wildcard-subdomain check.
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:"https://*.contoso.com"|}).SetIsOriginAllowedToAllowWildcardSubdomains().SetIsOriginAllowed(origin => origin.EndsWith(".contoso.com"))"""),
            Diagnostic(0, "https://*.contoso.com", OriginProblem.WildcardHost));
    }

    [Fact]
    public async Task WildcardWithTrailingSlashWithoutWildcardSubdomains_ReportsTheSlashFirst()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:"https://*.contoso.com/"|})"""),
            Diagnostic(0, "https://*.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task InternationalHostInCorsPolicyOrigins_ShouldReport()
    {
        // CorsPolicy.Origins stores the value as written: only WithOrigins rebuilds IDN origins.
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { {|#0:"https://bücher.de/"|} } });"""),
            Diagnostic(0, "https://bücher.de/", OriginProblem.TrailingSlash));
    }

    // ---- Dead "*" among other origins ----

    [Fact]
    public async Task StarAfterOtherOriginInOneCall_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins("https://app.contoso.com", {|#0:"*"|})"""), DeadAnyOrigin(0));
    }

    [Fact]
    public async Task StarBeforeOtherOriginInOneCall_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins({|#0:"*"|}, "https://app.contoso.com")"""), DeadAnyOrigin(0));
    }

    [Fact]
    public async Task StarInLaterWithOriginsCall_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowAnyHeader().WithOrigins({|#0:"*"|})"""),
            DeadAnyOrigin(0));
    }

    [Fact]
    public async Task StarInCorsPolicyInitializerWithOthers_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicy { Origins = { "https://app.contoso.com", {|#0:"*"|} } });"""),
            DeadAnyOrigin(0));
    }

    [Fact]
    public async Task DeadStar_Message()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com", {|#0:"*"|})"""),
            Verify.Diagnostic("CORS004").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithLocation(0).WithMessage(
                "The origin \"*\" can never match a browser's Origin header: among other origins '*' is compared as a plain string and does not allow any origin (AllowAnyOrigin() does)"));
    }

    // ---- Silent ----

    [Theory]
    [InlineData("https://app.contoso.com")]
    [InlineData("http://localhost:5173")]
    [InlineData("https://app.contoso.com:8443")]
    [InlineData("http://app.contoso.com:443")]
    [InlineData("HTTPS://App.Contoso.com")]
    [InlineData("http://[::1]:5000")]
    [InlineData("http://[::1]:5000/")]
    [InlineData("chrome-extension://abcdefghijklmnop")]
    [InlineData("capacitor://localhost")]
    [InlineData("https://bücher.de/")]
    [InlineData("https://bücher.de:443")]
    public async Task ValidOrigin_NoDiagnostic(string origin)
    {
        // WithOrigins lower-cases, and rebuilds an internationalized host as punycode scheme://host[:port].
        await Verify.VerifyAnalyzerAsync(InPolicy($$""".WithOrigins("{{origin}}").AllowAnyHeader()"""));
    }

    [Fact]
    public async Task WildcardWithWildcardSubdomainsAfter_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains()"""));
    }

    [Fact]
    public async Task WildcardWithWildcardSubdomainsBefore_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    policy.SetIsOriginAllowedToAllowWildcardSubdomains();
                    policy.WithOrigins("https://*.contoso.com", "https://contoso.com");
                });
            """));
    }

    [Fact]
    public async Task WildcardWithWildcardSubdomainsOnOneBranch_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    policy.WithOrigins("https://*.contoso.com");
                    if (args.Length > 0)
                    {
                        policy.SetIsOriginAllowedToAllowWildcardSubdomains();
                    }
                });
            """));
    }

    [Theory]
    [InlineData("https://*.contoso.com/")]
    [InlineData("https://*.contoso.com:443")]
    [InlineData("https://*.contoso.com/app")]
    [InlineData(" https://*.contoso.com")]
    public async Task WildcardPatternWithWildcardSubdomains_ComparedByUri_NoDiagnostic(string origin)
    {
        // IsOriginAnAllowedSubdomain parses the pattern with Uri and compares scheme, port and host only.
        await Verify.VerifyAnalyzerAsync(
            InPolicy($$""".WithOrigins("{{origin}}").SetIsOriginAllowedToAllowWildcardSubdomains()"""));
    }

    [Fact]
    public async Task StarAlone_NoDiagnostic()
    {
        // "*" alone allows any origin: CORS001/CORS009's business.
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins("*")"""));
    }

    [Fact]
    public async Task StarThenLaterOrigins_NoDiagnosticOnStar()
    {
        // The first "*" is the whole list when it is added; WithOrigins later appends (CORS001 explains the rest).
        await Verify.VerifyAnalyzerAsync(InPolicy(""".AllowAnyOrigin().WithOrigins("https://app.contoso.com")"""));
    }

    [Fact]
    public async Task NullOrigin_IsCors005NotCors004_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins("null", " NULL ")"""));
    }

    [Fact]
    public async Task ComputedOrigins_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var origins = builder.Configuration["Cors:Origins"]?.Split(',') ?? new string[0];
                var single = builder.Configuration["Cors:Origin"] ?? "https://app.contoso.com";
                options.AddPolicy("Frontend", policy => policy.WithOrigins(origins).WithOrigins(single, single + "/"));
            """));
    }

    [Fact]
    public async Task LookAlikeBuilder_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var policy = new MyPolicyBuilder("https://app.contoso.com/");
            policy.WithOrigins("https://app.contoso.com/", "contoso.com", "https://*.contoso.com");

            class MyPolicyBuilder
            {
                public MyPolicyBuilder(params string[] origins) { }
                public MyPolicyBuilder WithOrigins(params string[] origins) => this;
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
                        public CorsPolicyBuilderLookAlike(params string[] origins) { }
                        public CorsPolicyBuilderLookAlike WithOrigins(params string[] origins) => this;
                        public static void Use() => new CorsPolicyBuilderLookAlike("null").WithOrigins("https://app.contoso.com/", "*", "null");
                    }
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }

    // ---- C# 12 collection expressions ----

    [Fact]
    public async Task CollectionExpression_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins(["https://app.contoso.com", {|#0:"https://admin.contoso.com/"|}])"""),
            Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task CollectionExpressionWithSpreadOfKnownArrays_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                string[] defaults = ["https://app.contoso.com", {|#0:"https://admin.contoso.com:443"|}];
                options.AddPolicy("Frontend", policy => policy.WithOrigins([.. defaults, .. new[] { {|#1:"contoso.com"|} }, "http://localhost:5173"]));
            """),
            Diagnostic(0, "https://admin.contoso.com:443", OriginProblem.DefaultPort),
            Diagnostic(1, "contoso.com", OriginProblem.NoScheme));
    }

    [Fact]
    public async Task CollectionExpressionWithUnknownSpread_VisibleValuesStillReported()
    {
        // The configured origins are unknown; the literal next to them is still given to the policy.
        await Verify.VerifyAnalyzerAsync(Program("""
                var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
                options.AddPolicy("Frontend", policy => policy.WithOrigins([.. configured, {|#0:"https://app.contoso.com/"|}]));
            """),
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task LocalArrayGivenToWithOrigins_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var origins = new[] { "https://app.contoso.com", {|#0:"https://admin.contoso.com/"|} };
                options.AddPolicy("Frontend", policy => policy.WithOrigins(origins));
            """),
            Diagnostic(0, "https://admin.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task LocalArrayChangedElsewhere_NoDiagnostic()
    {
        // The array is written to (or handed to code that may change it) before the policy reads it.
        await Verify.VerifyAnalyzerAsync(Program("""
                var origins = new[] { "https://app.contoso.com/" };
                origins[0] = "https://app.contoso.com";
                string[] others = ["https://admin.contoso.com/"];
                Normalize(others);
                options.AddPolicy("Frontend", policy => policy.WithOrigins(origins).WithOrigins([.. others]));

                static void Normalize(string[] values) { for (var i = 0; i < values.Length; i++) values[i] = values[i].TrimEnd('/'); }
            """));
    }

    [Fact]
    public async Task CollectionExpressionOfValidOrigins_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins(["https://app.contoso.com", "http://localhost:5173"])"""));
    }

    [Fact]
    public async Task CollectionExpressionInternationalHost_RebuiltByWithOrigins_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins(["https://bücher.de/"])"""));
    }

    [Fact]
    public async Task StarAmongOthersInCollectionExpression_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins(["https://app.contoso.com", {|#0:"*"|}])"""), DeadAnyOrigin(0));
    }

    [Fact]
    public async Task StarAloneInCollectionExpression_NoDiagnostic()
    {
        // ["*"] allows any origin: CORS001/CORS009's business. So does a spread that adds nothing.
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins([.. new string[0], "*"])"""));
    }

    [Fact]
    public async Task NormalizeOrigin_InCollectionExpression()
    {
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins(["https://app.contoso.com", [|"https://admin.contoso.com/"|]])"""),
            InPolicy(""".WithOrigins(["https://app.contoso.com", "https://admin.contoso.com"])"""),
            OriginCanNeverMatchFixer.FixOriginKey);
    }

    [Fact]
    public async Task RemoveOrigin_InCollectionExpression_NoFixOffered()
    {
        // The fix rewrites argument lists and initializers only.
        var source = InPolicy(""".WithOrigins(["https://app.contoso.com", [|"*"|]])""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    // ---- Several "*" (only a lone "*" allows any origin) ----

    [Fact]
    public async Task StarInSeveralCalls_EveryStarReported()
    {
        // ["*", "*"] is not ["*"]: CorsPolicy.AllowAnyOrigin is false and "*" never equals a browser's Origin.
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddDefaultPolicy(policy =>
                {
                    policy.WithOrigins({|#0:"*"|});
                    policy.WithOrigins({|#1:Origins.Any|});
                    policy.WithOrigins({|#2:"*"|}, {|#3:"*"|});
                });
            """) + "\nstatic class Origins { public const string Any = \"*\"; }",
            DeadAnyOrigin(0),
            DeadAnyOrigin(1),
            DeadAnyOrigin(2),
            DeadAnyOrigin(3));
    }

    [Fact]
    public async Task StarThenOriginInLaterCall_FirstStarReported()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:"*"|}).AllowAnyHeader().WithOrigins("https://app.contoso.com")"""),
            DeadAnyOrigin(0));
    }

    [Fact]
    public async Task StarOnlyFollowedOnOneBranch_NoDiagnostic()
    {
        // Without the admin origin the list stays ["*"]: any origin (CORS009's business), so the "*" is not dead.
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    policy.WithOrigins("*");
                    if (builder.Environment.IsProduction())
                    {
                        policy.WithOrigins("https://admin.contoso.com");
                    }
                });
            """));
    }

    [Fact]
    public async Task StarThenAllowAnyOrigin_NoDiagnostic()
    {
        // AllowAnyOrigin() clears the list before adding its own "*": the first one is gone, not dead.
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins("*").AllowAnyOrigin()"""));
    }

    [Fact]
    public async Task StarInSharedHelperFollowedByTheCaller_NoDiagnostic()
    {
        // Another policy may use the helper alone: only "*" in the policy's own code is judged from the end.
        await Verify.VerifyAnalyzerAsync(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => Open(policy).WithOrigins("https://app.contoso.com"));
                options.AddPolicy("Public", policy => Open(policy));
            });
            var app = builder.Build();
            app.UseCors("Frontend");
            app.UseCors("Public");
            app.Run();

            static CorsPolicyBuilder Open(CorsPolicyBuilder policy) => policy.WithOrigins("*");
            """);
    }

    // ---- Origins a later call makes irrelevant ----

    [Theory]
    [InlineData(".AllowAnyOrigin()")]
    [InlineData(".SetIsOriginAllowed(_ => true)")]
    [InlineData(".AllowCredentials().SetIsOriginAllowed(origin => !string.IsNullOrEmpty(origin))")]
    public async Task ProblemOriginThenAnyOrigin_LaterCallIsTheFinding_NoDiagnostic(string later)
    {
        await Verify.VerifyAnalyzerAsync(InPolicy($$""".WithOrigins("https://app.contoso.com/", "*"){{later}}"""));
    }

    [Fact]
    public async Task ProblemOriginThenOriginsClear_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var policy = new CorsPolicy { Origins = { "https://app.contoso.com/" } };
                policy.Origins.Clear();
                policy.Origins.Add("https://app.contoso.com");
                options.AddPolicy("Frontend", policy);
            """));
    }

    [Fact]
    public async Task ProblemOriginAfterAllowAnyOrigin_ShouldReport()
    {
        // ["*", "https://app.contoso.com/"]: the list decides, and neither entry ever matches.
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".AllowAnyOrigin().WithOrigins({|#0:"https://app.contoso.com/"|})"""),
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task ProblemOriginThenAnyOriginOnOneBranch_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy =>
                {
                    policy.WithOrigins({|#0:"https://app.contoso.com/"|});
                    if (builder.Environment.IsDevelopment())
                    {
                        policy.AllowAnyOrigin();
                    }
                });
            """),
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task ProblemOriginThenCustomPredicate_ShouldReport()
    {
        // A real predicate is no finding of its own: the dead origin is still worth a word.
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:"https://app.contoso.com/"|}).SetIsOriginAllowed(origin => origin == "https://app.contoso.com")"""),
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    [Fact]
    public async Task ProblemOriginThenUnknownCode_ShouldReport()
    {
        // What the unknown helper does to the list is not known: the value may still be in it.
        await Verify.VerifyAnalyzerAsync(Program("""
                var policy = new CorsPolicy();
                policy.Origins.Add({|#0:"https://app.contoso.com/"|});
                External.Configure(policy);
                options.AddPolicy("Frontend", policy);
            """) + "\nstatic class External { public static Action<CorsPolicy> Configure = _ => { }; }",
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }

    // ---- CorsPolicy subclasses ----

    [Fact]
    public async Task CorsPolicySubclassConstructor_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new FrontendPolicy());""") + """

            class FrontendPolicy : CorsPolicy
            {
                public FrontendPolicy()
                {
                    Origins.Add({|#0:"https://app.contoso.com/"|});
                    Origins.Add("https://admin.contoso.com");
                }
            }
            """,
            Diagnostic(0, "https://app.contoso.com/", OriginProblem.TrailingSlash));
    }
}
