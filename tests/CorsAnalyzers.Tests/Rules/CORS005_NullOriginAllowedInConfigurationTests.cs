using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.NullOriginAllowedRule>>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS005 on the "null" origin read from appsettings*.json.</summary>
public class CORS005_NullOriginAllowedInConfigurationTests
{
    private const string Program = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
            options.AddPolicy("Embedded", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? []).WithMethods("GET")));
        var app = builder.Build();
        app.UseCors("Embedded");
        app.Run();
        """;

    private static Verify.Test Test(string appSettings, params (string Name, string Text)[] environments) =>
        new Verify.Test { TestCode = Program }.WithAppSettings(appSettings, environments);

    [Fact]
    public async Task NullOrigin_ShouldReportAtTheJsonValueWithMessage()
    {
        var test = Test("""{ "Cors": { "Origins": [ "https://embed.contoso.com", {|#0:"null"|} ] } }""");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS005").WithLocation(0).WithMessage(
            "The 'null' origin ('Cors:Origins:1' in appsettings.json), read by the CORS policy 'Embedded', is sent by sandboxed iframes, file: pages and some redirects: any site can produce it; remove it from the trusted origins"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("NULL")]
    [InlineData(" null ")]
    public async Task NullOriginSpelling_ShouldReport(string origin)
    {
        await Test($$"""{ "Cors": { "Origins": [ [|"{{origin}}"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task NullOriginInTheDevelopmentFile_ShouldNameDevelopment()
    {
        var test = Test(
            """{ "Cors": { "Origins": [ "https://embed.contoso.com" ] } }""",
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173", {|#0:"null"|} ] } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS005").WithLocation(0).WithMessage(
            "The 'null' origin ('Cors:Origins:1' in appsettings.Development.json, in the 'Development' environment), read by the CORS policy 'Embedded', is sent by sandboxed iframes, file: pages and some redirects: any site can produce it; remove it from the trusted origins"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("""policy => policy.WithOrigins(builder.Configuration["Cors:List"]!.Split(';'))""", """{ "Cors": { "List": "https://embed.contoso.com;[|null|]" } }""")]
    [InlineData("""policy => policy.WithOrigins(builder.Configuration.GetValue<string>("Cors:Origin")!, "https://embed.contoso.com")""", """{ "Cors": { "Origin": [|"null"|] } }""")]
    [InlineData("""new CorsPolicyBuilder(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!).WithMethods("GET").Build()""", """{ "Cors": { "Origins": [ [|"null"|] ] } }""")]
    [InlineData("""new CorsPolicy { Origins = { builder.Configuration["Cors:Origin"]! } }""", """{ "Cors": { "Origin": [|"null"|] } }""")]
    [InlineData("""policy => policy.WithOrigins(builder.Configuration.GetSection("Cors").Get<EmbedSettings>()!.Origins)""", """{ "Cors": { "Origins": [ [|"null"|] ] } }""")]
    public async Task OtherReadShapes_ShouldReport(string policy, string appSettings)
    {
        await new Verify.Test
        {
            TestCode = $$"""
                using Microsoft.AspNetCore.Cors.Infrastructure;

                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors(options => options.AddPolicy("Embedded", {{policy}}));
                var app = builder.Build();
                app.UseCors("Embedded");
                app.Run();

                public sealed class EmbedSettings
                {
                    public string[] Origins { get; set; } = [];
                }
                """,
        }.WithAppSettings(appSettings).RunAsync();
    }

    [Theory]
    [InlineData("""{ "Cors": { "Origins": [ null, "https://embed.contoso.com" ] } }""")] // a JSON null is no "null" origin
    [InlineData("""{ "Cors": { "Origins": [ "https://null.contoso.com" ] } }""")]
    [InlineData("""{ "Cors": { "Other": [ "null" ] } }""")]
    public async Task NoNullOrigin_NoDiagnostic(string appSettings)
    {
        await Test(appSettings).RunAsync();
    }

    [Fact]
    public async Task NullOriginOverriddenInEveryView_IsStillReportedWhereItIsEffective()
    {
        // Production overrides index 0; appsettings.json alone (any other environment) still has "null".
        await Test(
            """{ "Cors": { "Origins": [ [|"null"|] ] } }""",
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "https://embed.contoso.com" ] } }""")).RunAsync();
    }
}
