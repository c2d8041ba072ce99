using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.NullOriginAllowedRule>,
    CorsAnalyzers.Rules.NullOriginAllowedFixer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS005_NullOriginAllowedTests
{
    private const string Message =
        "The 'null' origin is sent by sandboxed iframes, file: pages and some redirects: any site can produce it; remove it from the trusted origins";

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

    private static Task VerifyFixAsync(string source, string fixedSource) =>
        Verify.VerifyCodeFixAsync(source, fixedSource, NullOriginAllowedFixer.RemoveOriginKey);

    // The diagnostic lands outside the operation that started the policy analysis (a chained call on a created builder,
    // another statement, a helper member or file): Roslyn counts it as non-local, which editors show only with full
    // solution analysis (the build always reports it). The library refuses fixes for non-local diagnostics unless told.
    private static Task VerifyNonLocalFixAsync(string source, string fixedSource) => new Verify.Test
    {
        TestCode = source,
        FixedCode = fixedSource,
        CodeActionEquivalenceKey = NullOriginAllowedFixer.RemoveOriginKey,
        CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
    }.RunAsync();

    // ---- Reported ----

    [Fact]
    public async Task NullOriginInWithOrigins_ShouldReportWithMessage()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com", {|#0:"null"|}).AllowCredentials()"""),
            Verify.Diagnostic("CORS005").WithLocation(0).WithMessage(Message).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("Null")]
    [InlineData(" null ")]
    public async Task NullOriginSpelling_ShouldReport(string origin)
    {
        // WithOrigins lower-cases the value; browsers send exactly "null".
        await Verify.VerifyAnalyzerAsync(InPolicy($$""".WithOrigins([|"{{origin}}"|]).AllowAnyHeader()"""));
    }

    [Fact]
    public async Task StatementsInBlockLambda_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddDefaultPolicy(policy =>
                {
                    policy.WithOrigins("https://app.contoso.com");
                    policy.WithOrigins([|"null"|]);
                });
            """));
    }

    [Fact]
    public async Task UseCorsLambda_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(policy => policy.WithOrigins([|"null"|]).AllowAnyMethod());
            app.Run();
            """);
    }

    [Fact]
    public async Task CorsPolicyBuilderConstructor_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder("https://app.contoso.com", [|"null"|]).Build());"""));
    }

    [Fact]
    public async Task CorsPolicyInitializerAndOriginsAdd_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var policy = new CorsPolicy { Origins = { [|"null"|] } };
                policy.Origins.Add([|"null"|]);
                options.AddPolicy("Frontend", policy);
            """));
    }

    [Fact]
    public async Task ConstantInAnotherFile_ReportedAtTheArgument()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins(AllowedOrigins.App, [|AllowedOrigins.LocalFiles|])"""),
            AdditionalSources =
            {
                ("AllowedOrigins.cs", """
                    public static class AllowedOrigins
                    {
                        public const string App = "https://app.contoso.com";
                        public const string LocalFiles = "null";
                    }
                    """),
            },
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

            static void ConfigurePolicy(CorsPolicyBuilder policy)
            {
                policy.WithOrigins("https://app.contoso.com");
                policy.WithOrigins([|"null"|]);
            }
            """);
    }

    [Fact]
    public async Task HelperInAnotherFile_ShouldReport()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".AddTrustedOrigins().AllowCredentials()"""),
            AdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    public static class CorsSetup
                    {
                        public static CorsPolicyBuilder AddTrustedOrigins(this CorsPolicyBuilder policy) =>
                            policy.WithOrigins("https://app.contoso.com", [|"null"|]);
                    }
                    """),
            },
        }.RunAsync();
    }

    // ---- Silent ----

    [Theory]
    [InlineData("https://app.contoso.com")]
    [InlineData("https://null.contoso.com")]
    [InlineData("nullable")]
    [InlineData("*")]
    public async Task OtherOrigins_NoDiagnostic(string origin)
    {
        await Verify.VerifyAnalyzerAsync(InPolicy($$""".WithOrigins("{{origin}}")"""));
    }

    [Fact]
    public async Task ComputedOrigins_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var origin = builder.Configuration["Cors:Origin"] ?? "https://app.contoso.com";
                options.AddPolicy("Frontend", policy => policy.WithOrigins(origin, builder.Configuration["Cors:Other"]!));
            """));
    }

    [Fact]
    public async Task NullOutsideAPolicy_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                var origins = new System.Collections.Generic.List<string> { "null" };
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com").WithHeaders("null"));
            """));
    }

    [Fact]
    public async Task LookAlikeBuilder_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(
            """
            var policy = new MyPolicyBuilder("null");
            policy.WithOrigins("null");

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
                        public static void Use() => new CorsPolicyBuilderLookAlike("null").WithOrigins("null");
                    }
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }

    // ---- CORS005.RemoveOrigin ----

    [Fact]
    public async Task RemoveOrigin_OnlyArgumentInFluentChain_DropsTheCall()
    {
        await VerifyFixAsync(
            InPolicy(""".WithOrigins([|"null"|]).WithOrigins("https://app.contoso.com").AllowAnyHeader()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowAnyHeader()"""));
    }

    [Theory]
    [InlineData(""".WithOrigins([|"null"|]).AllowAnyHeader()""")]
    [InlineData(""".WithOrigins([|"null"|])""")]
    [InlineData(""".WithOrigins(new[] { [|"null"|] }).AllowCredentials()""")]
    [InlineData(""".WithOrigins([|"null"|], "*").AllowCredentials()""")]
    public async Task RemovalWouldLeaveNoOrigin_NoFix(string chain)
    {
        // Without "null" the policy would allow no origin at all (CORS016): which origins to trust instead is the user's decision.
        var source = InPolicy(chain);
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task RemoveOrigin_OnlyArgumentInMultiLineChain_DropsTheCall()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins("https://app.contoso.com")
                        .WithOrigins([|"null"|])
                        .AllowAnyHeader());
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .WithOrigins("https://app.contoso.com")
                        .AllowAnyHeader());
                """));
    }

    [Fact]
    public async Task RemoveOrigin_WholeStatement()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://app.contoso.com");
                        policy.WithOrigins([|"null"|]);
                        policy.AllowAnyHeader();
                    });
                """),
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://app.contoso.com");
                        policy.AllowAnyHeader();
                    });
                """));
    }

    [Fact]
    public async Task RemoveOrigin_LastCallOfStatement_KeepsTheRestOfTheChain()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://app.contoso.com");
                        policy.AllowAnyHeader().WithOrigins([|"null"|]);
                    });
                """),
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://app.contoso.com");
                        policy.AllowAnyHeader();
                    });
                """));
    }

    [Fact]
    public async Task RemoveOrigin_VoidHelperWithExpressionBody_LeavesEmptyBody()
    {
        // `static void M(...) => policy;` would not compile.
        const string Template = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            {
                policy.WithOrigins("https://app.contoso.com");
                ConfigurePolicy(policy);
            }));
            var app = builder.Build();
            app.Run();

            static void ConfigurePolicy(CorsPolicyBuilder policy)BODY
            """;
        await VerifyNonLocalFixAsync(
            Template.Replace("BODY", """ => policy.WithOrigins([|"null"|]);"""),
            Template.Replace("BODY", " { }"));
    }

    [Fact]
    public async Task RemoveOrigin_BuilderReturningHelperWithExpressionBody_ReturnsTheReceiver()
    {
        const string Template = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => AddOrigins(policy.WithOrigins("https://app.contoso.com")).AllowAnyHeader()));
            var app = builder.Build();
            app.Run();

            static CorsPolicyBuilder AddOrigins(CorsPolicyBuilder policy) => BODY;
            """;
        await VerifyNonLocalFixAsync(Template.Replace("BODY", """policy.WithOrigins([|"null"|])"""), Template.Replace("BODY", "policy"));
    }

    [Fact]
    public async Task RemoveOrigin_FirstArgument()
    {
        await VerifyFixAsync(
            InPolicy(""".WithOrigins([|"null"|], "https://app.contoso.com").AllowCredentials()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowCredentials()"""));
    }

    [Fact]
    public async Task RemoveOrigin_LastArgument()
    {
        await VerifyFixAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com", [|"null"|]).AllowCredentials()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowCredentials()"""));
    }

    [Fact]
    public async Task RemoveOrigin_ArgumentsOnSeparateLines()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins(
                        "https://app.contoso.com",
                        "https://admin.contoso.com",
                        [|"null"|]));
                    options.AddPolicy("Local", policy => policy.WithOrigins(
                        [|"null"|],
                        "http://localhost:5173"));
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins(
                        "https://app.contoso.com",
                        "https://admin.contoso.com"));
                    options.AddPolicy("Local", policy => policy.WithOrigins(
                        "http://localhost:5173"));
                """));
    }

    [Fact]
    public async Task RemoveOrigin_ArrayElement()
    {
        await VerifyFixAsync(
            InPolicy(""".WithOrigins(new[] { "https://app.contoso.com", [|"null"|] })"""),
            InPolicy(""".WithOrigins(new[] { "https://app.contoso.com" })"""));
    }

    [Fact]
    public async Task RemoveOrigin_OnlyElementOfImplicitArray_DropsTheCall()
    {
        // new[] { } would not compile (no best type for the array).
        await VerifyFixAsync(
            InPolicy(""".WithOrigins(new[] { [|"null"|] }).WithOrigins("https://app.contoso.com").AllowAnyHeader()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowAnyHeader()"""));
    }

    [Fact]
    public async Task RemoveOrigin_CorsPolicyBuilderConstructor()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", new CorsPolicyBuilder([|"null"|]).WithOrigins("https://app.contoso.com").AllowAnyHeader().Build());
                    options.AddPolicy("Admin", new CorsPolicyBuilder("https://admin.contoso.com", [|"null"|]).Build());
                """),
            Program("""
                    options.AddPolicy("Frontend", new CorsPolicyBuilder().WithOrigins("https://app.contoso.com").AllowAnyHeader().Build());
                    options.AddPolicy("Admin", new CorsPolicyBuilder("https://admin.contoso.com").Build());
                """));
    }

    [Fact]
    public async Task RemoveOrigin_WithOriginsOnCreatedBuilder()
    {
        await VerifyNonLocalFixAsync(
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder("https://app.contoso.com").WithOrigins([|"null"|]).Build());"""),
            Program("""    options.AddPolicy("Frontend", new CorsPolicyBuilder("https://app.contoso.com").Build());"""));
    }

    [Fact]
    public async Task RemoveOrigin_ConditionalAccess_LeavesEmptyWithOrigins()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://app.contoso.com");
                        policy?.WithOrigins([|"null"|]);
                    });
                """),
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins("https://app.contoso.com");
                        policy?.WithOrigins();
                    });
                """));
    }

    [Fact]
    public async Task RemoveOrigin_CorsPolicyOriginsAddStatementAndInitializer()
    {
        // The fix leaves `Origins = { }` as an empty CollectionInitializerExpression, which the parser reads back as an
        // ObjectInitializerExpression: same text, another tree, so the library's default code-action validation
        // (SemanticStructure: the fixed tree must equal the parsed text's) is relaxed to the text for this shape.
        await new Verify.Test
        {
            CodeActionEquivalenceKey = NullOriginAllowedFixer.RemoveOriginKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck, // non-local: see VerifyNonLocalFixAsync
            CodeActionValidationMode = CodeActionValidationMode.None,
            TestCode = Program("""
                    var policy = new CorsPolicy { Origins = { [|"null"|] } };
                    policy.Origins.Add("https://app.contoso.com");
                    policy.Origins.Add([|"null"|]);
                    options.AddPolicy("Frontend", policy);
                    options.AddPolicy("Admin", new CorsPolicy { Origins = { "https://admin.contoso.com", [|"null"|], "https://app.contoso.com" } });
                """),
            FixedCode = Program("""
                    var policy = new CorsPolicy { Origins = { } };
                    policy.Origins.Add("https://app.contoso.com");
                    options.AddPolicy("Frontend", policy);
                    options.AddPolicy("Admin", new CorsPolicy { Origins = { "https://admin.contoso.com", "https://app.contoso.com" } });
                """),
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveOrigin_InHelperInAnotherFile()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".AddTrustedOrigins()"""),
            AdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    public static class CorsSetup
                    {
                        public static CorsPolicyBuilder AddTrustedOrigins(this CorsPolicyBuilder policy) =>
                            policy.WithOrigins("https://app.contoso.com", [|"null"|]);
                    }
                    """),
            },
            FixedCode = InPolicy(""".AddTrustedOrigins()"""),
            FixedAdditionalSources =
            {
                ("CorsSetup.cs", """
                    using Microsoft.AspNetCore.Cors.Infrastructure;

                    public static class CorsSetup
                    {
                        public static CorsPolicyBuilder AddTrustedOrigins(this CorsPolicyBuilder policy) =>
                            policy.WithOrigins("https://app.contoso.com");
                    }
                    """),
            },
            CodeActionEquivalenceKey = NullOriginAllowedFixer.RemoveOriginKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck, // non-local: see VerifyNonLocalFixAsync
        }.RunAsync();
    }

    [Fact]
    public async Task RemoveOrigin_FixAll()
    {
        await VerifyFixAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins([|"null"|]).WithOrigins("https://app.contoso.com").AllowAnyHeader().AllowCredentials());
                    options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com", [|"NULL"|]));
                    options.AddPolicy("Legacy", new CorsPolicyBuilder([|"null"|], "https://legacy.contoso.com").Build());
                    options.AddDefaultPolicy(new CorsPolicy { Origins = { "https://app.contoso.com", [|" null"|] } });
                """),
            Program("""
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com").AllowAnyHeader().AllowCredentials());
                    options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com"));
                    options.AddPolicy("Legacy", new CorsPolicyBuilder("https://legacy.contoso.com").Build());
                    options.AddDefaultPolicy(new CorsPolicy { Origins = { "https://app.contoso.com" } });
                """));
    }

    [Fact]
    public async Task RemoveOrigin_FixAll_TwoInOneCall()
    {
        await VerifyFixAsync(
            InPolicy(""".WithOrigins([|"null"|], "https://app.contoso.com", [|"NULL"|]).AllowCredentials()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowCredentials()"""));
    }

    [Fact]
    public async Task ConstantReference_RemovesTheArgument_KeepsTheConstant()
    {
        // Removing the argument changes this policy only; the constant's other uses keep it.
        await Verify.VerifyCodeFixAsync(
            Program("""
                    const string LocalFiles = "null";
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com", [|LocalFiles|]));
                    Console.WriteLine(LocalFiles);
                """),
            Program("""
                    const string LocalFiles = "null";
                    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                    Console.WriteLine(LocalFiles);
                """),
            NullOriginAllowedFixer.RemoveOriginKey);
    }

    [Fact]
    public async Task NullBeforeADeadStar_RemovesBoth()
    {
        // Without "null", the "*" after it would be the only origin: any origin with credentials. The fix removes the dead
        // "*" (CORS004) with it, so the result is the same whichever rule dotnet format fixes first.
        await Verify.VerifyCodeFixAsync(
            InPolicy(""".WithOrigins("https://app.contoso.com").WithOrigins([|"null"|], "*").AllowCredentials()"""),
            InPolicy(""".WithOrigins("https://app.contoso.com").AllowCredentials()"""),
            NullOriginAllowedFixer.RemoveOriginKey);
    }

    [Fact]
    public async Task RemovalWouldLeaveAnyOrigin_NoFix()
    {
        // ["*", "null"] is not "any origin"; without "null" it would be.
        var source = InPolicy(""".AllowAnyOrigin().WithOrigins([|"null"|])""");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
    }

    [Fact]
    public async Task TwoNullValues_OneFixRemovesBoth()
    {
        await new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins("https://app.contoso.com", [|"null"|]).WithOrigins([|"NULL"|])"""),
            FixedCode = InPolicy(""".WithOrigins("https://app.contoso.com")"""),
            CodeActionEquivalenceKey = NullOriginAllowedFixer.RemoveOriginKey,
        }.RunAsync();
    }

    // ---- Limits the runtime differential test (tests/CorsAnalyzers.RuntimeTests, PolicyModelDifferentialTests) found; docs/rules/CORS005.md, "Limits" ----

    [Fact]
    public async Task NullClearedByLaterAllowAnyOrigin_StillReported()
    {
        // At run time AllowAnyOrigin() removes "null" (and allows every origin: CORS009); the rule judges each value as written.
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins([|"null"|]).AllowAnyOrigin()"""));
    }

    [Fact]
    public async Task NullOverriddenByLaterPredicate_StillReported()
    {
        // At run time the predicate decides and the list is not read; the rule judges each value as written.
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins([|"null"|]).SetIsOriginAllowed(origin => origin == "https://app.contoso.com")"""));
    }
}
