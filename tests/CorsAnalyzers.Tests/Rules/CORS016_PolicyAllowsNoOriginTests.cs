using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.PolicyAllowsNoOriginRule>>;
using VerifyAll = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.CorsAnalyzer>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS016_PolicyAllowsNoOriginTests
{
    private static string Program(string services, string pipeline = "") => $$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;

        var builder = WebApplication.CreateBuilder(args);
        {{services}}
        var app = builder.Build();
        {{pipeline}}
        app.MapGet("/", () => "hello");
        app.Run();
        """;

    [Fact]
    public async Task InlineUseCorsWithHeadersAndMethodsOnly_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("builder.Services.AddCors();", "app.{|#0:UseCors|}(p => p.AllowAnyHeader().AllowAnyMethod());"),
            Verify.Diagnostic("CORS016").WithLocation(0)
                .WithMessage("The CORS policy allows no origin: no cross-origin request gets Access-Control-Allow-Origin; list the trusted origins with WithOrigins(...)"));
    }

    [Fact]
    public async Task NamedAndDefaultPoliciesWithoutOrigins_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                builder.Services.AddCors(options =>
                {
                    options.{|#0:AddPolicy|}("Frontend", policy =>
                    {
                        policy.AllowAnyHeader();
                        policy.AllowAnyMethod().AllowCredentials();
                    });
                    options.{|#1:AddDefaultPolicy|}(policy => policy.WithMethods("GET"));
                });
                """, """app.UseCors("Frontend");"""),
            Verify.Diagnostic("CORS016").WithLocation(0).WithArguments("The CORS policy 'Frontend'"),
            Verify.Diagnostic("CORS016").WithLocation(1).WithArguments("The default CORS policy"));
    }

    [Fact]
    public async Task RequireCorsInlineWithoutOrigins_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("builder.Services.AddCors();", "app.UseCors();\napp.MapGet(\"/orders\", () => \"orders\").{|#0:RequireCors|}(p => p.AllowAnyMethod());"),
            Verify.Diagnostic("CORS016").WithLocation(0).WithArguments("The CORS policy"));
    }

    [Theory]
    [InlineData("p => p.WithOrigins(\"https://app.contoso.com\").AllowAnyHeader()")]
    [InlineData("p => p.AllowAnyOrigin().AllowAnyHeader()")]
    [InlineData("p => p.SetIsOriginAllowed(origin => origin.EndsWith(\".contoso.com\")).AllowAnyHeader()")]
    [InlineData("p => p.SetIsOriginAllowedToAllowWildcardSubdomains().AllowAnyHeader()")]
    [InlineData("p => p.WithOrigins(app.Configuration.GetSection(\"Cors:Origins\").Get<string[]>()!).AllowAnyHeader()")]
    // Origins on one path at least: not "no origin" (a deliberate development-only policy).
    [InlineData("p => { if (app.Environment.IsDevelopment()) p.WithOrigins(\"http://localhost:5173\"); p.AllowAnyHeader(); }")]
    // Handed to code of another assembly: it may add origins.
    [InlineData("p => System.GC.KeepAlive(p)")]
    // A helper in source that adds origins.
    [InlineData("p => AddOrigins(p)")]
    public async Task PolicyWithOriginsOrUnknown_NoDiagnostic(string configure)
    {
        await Verify.VerifyAnalyzerAsync(Program("builder.Services.AddCors();", "app.UseCors(" + configure + ");") + """

            static void AddOrigins(CorsPolicyBuilder policy) => policy.WithOrigins("https://app.contoso.com");
            """);
    }

    [Theory]
    [InlineData("p => p.WithOrigins([]).AllowAnyHeader()")]
    [InlineData("p => p.WithOrigins().AllowAnyHeader()")]
    public async Task EmptyOriginList_ShouldReport(string configure)
    {
        await Verify.VerifyAnalyzerAsync(
            Program("builder.Services.AddCors();", "app.{|#0:UseCors|}(" + configure + ");"),
            Verify.Diagnostic("CORS016").WithLocation(0).WithArguments("The CORS policy"));
    }

    /// <summary>
    /// Origins that a later AllowAnyOrigin() or always-true predicate makes irrelevant (CORS004 stays silent on them):
    /// the policy then allows every origin, which is CORS009's (or with credentials CORS001/CORS002's) finding.
    /// </summary>
    [Theory]
    [InlineData("p => p.WithOrigins(\"https://app.contoso.com/\").AllowAnyOrigin()")]
    [InlineData("p => p.WithOrigins([\"https://app.contoso.com/\", \"*\"]).AllowAnyOrigin()")]
    [InlineData("p => p.WithOrigins(\"https://app.contoso.com/\").SetIsOriginAllowed(_ => true)")]
    [InlineData("p => { p.WithOrigins(\"*\"); p.WithOrigins(\"*\"); p.AllowAnyOrigin(); }")]
    public async Task OriginsALaterCallSupersedes_NoDiagnostic(string configure)
    {
        await Verify.VerifyAnalyzerAsync(Program("builder.Services.AddCors();", "app.UseCors(" + configure + ");"));
    }

    /// <summary>
    /// Origins that never match (a trailing slash, a "*" that is never the whole list) are there: CORS004 reports each
    /// of them at its value, and CORS016, which speaks of a policy given no origin, stays silent.
    /// </summary>
    [Fact]
    public async Task OnlyDeadOrigins_Cors004AtEachValueNotCors016()
    {
        await VerifyAll.VerifyAnalyzerAsync(Program("builder.Services.AddCors();", """
            app.UseCors(p => { p.WithOrigins({|CORS004:"*"|}); p.WithOrigins({|CORS004:"*"|}); });
            app.MapGet("/orders", () => "orders").RequireCors(p => p.WithOrigins({|CORS004:"https://app.contoso.com/"|}));
            """));
    }

    /// <summary>A policy object built elsewhere, or a delegate kept in a variable: not judged (it may be completed elsewhere).</summary>
    [Fact]
    public async Task PolicyObjectsAndStoredDelegates_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
            Action<CorsPolicyBuilder> configure = p => p.AllowAnyHeader();
            var policy = new CorsPolicy();
            policy.Headers.Add("*");
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("A", configure);
                options.AddPolicy("B", policy);
                options.AddPolicy("C", new CorsPolicyBuilder().AllowAnyHeader().Build());
            });
            """));
    }
}
