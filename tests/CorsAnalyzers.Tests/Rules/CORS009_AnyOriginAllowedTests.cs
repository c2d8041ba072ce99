using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AnyOriginAllowedRule>,
    CorsAnalyzers.Rules.AnyOriginAllowedFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS009 is disabled by default; these tests enable it the way a user does, in .editorconfig.</summary>
public class CORS009_AnyOriginAllowedTests
{
    private const string Enable = "dotnet_diagnostic.CORS009.severity = suggestion";

    private static string Program(string configureServices) => $$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
        {{configureServices}}
        });
        var app = builder.Build();
        app.UseCors("Public");
        app.Run();
        """;

    private static Task VerifyEnabledAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, EditorConfig = Enable };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public void Descriptor_IsDisabledByDefault()
    {
        Assert.False(DiagnosticDescriptors.AnyOriginAllowed.IsEnabledByDefault);
        Assert.Equal(DiagnosticSeverity.Info, DiagnosticDescriptors.AnyOriginAllowed.DefaultSeverity);
    }

    [Fact]
    public async Task AllowAnyOrigin_ShouldReport()
    {
        await VerifyEnabledAsync(
            Program("""    options.AddPolicy("Public", policy => policy.{|#0:AllowAnyOrigin()|}.AllowAnyMethod());"""),
            Verify.Diagnostic("CORS009").WithLocation(0).WithSeverity(DiagnosticSeverity.Info).WithArguments("The CORS policy 'Public'").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task WithOriginsStar_ShouldReport()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.[|WithOrigins("*")|]);"""));
    }

    [Fact]
    public async Task AlwaysTruePredicate_ShouldReport()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.[|SetIsOriginAllowed(_ => true)|]);"""));
    }

    [Fact]
    public async Task WithCredentials_IsCors001NotCors009_NoDiagnostic()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.AllowAnyOrigin().AllowCredentials());"""));
    }

    [Fact]
    public async Task ExplicitOrigins_NoDiagnostic()
    {
        await VerifyEnabledAsync(Program("""    options.AddPolicy("Public", policy => policy.WithOrigins("https://app.contoso.com"));"""));
    }

    [Fact]
    public async Task UseWithOrigins_FixAll()
    {
        await new Verify.Test
        {
            TestCode = Program("""
                    options.AddPolicy("Public", policy => policy.[|AllowAnyOrigin()|]);
                    options.AddDefaultPolicy(policy => policy.[|SetIsOriginAllowed(_ => true)|].AllowAnyHeader());
                """),
            FixedCode = Program("""
                    options.AddPolicy("Public", policy => policy.WithOrigins("https://app.contoso.com"));
                    options.AddDefaultPolicy(policy => policy.WithOrigins("https://app.contoso.com").AllowAnyHeader());
                """),
            EditorConfig = Enable + "\ncors_analyzers.trusted_origins = https://app.contoso.com",
            CodeActionEquivalenceKey = AnyOriginAllowedFixer.UseWithOriginsKey,
        }.RunAsync();
    }

    [Fact]
    public async Task AnyOriginListWithAlwaysTruePredicate_ReportsTheAnyOriginOnly()
    {
        // The runtime answers "*" without asking the predicate when the list is exactly ["*"] (CorsService.IsOriginAllowed):
        // one finding, on AllowAnyOrigin() (found by tests/CorsAnalyzers.RuntimeTests, PolicyModelDifferentialTests).
        await VerifyEnabledAsync(
            Program("""    options.AddPolicy("Public", policy => policy.[|AllowAnyOrigin()|].SetIsOriginAllowed(_ => true));"""));
    }
}
