using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AnyOriginAllowedRule>>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS009 (opt-in) when the only origin, read from appsettings*.json, is "*" and credentials are off.</summary>
public class CORS009_AnyOriginAllowedInConfigurationTests
{
    private static string Program(string chain) => $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!){{chain}}));
        var app = builder.Build();
        app.UseCors();
        app.Run();
        """;

    private static Verify.Test Test(string source, string appSettings) =>
        new Verify.Test { TestCode = source }.WithAppSettings(appSettings);

    [Fact]
    public async Task StarAsTheOnlyOrigin_ShouldReportAtTheJsonValue()
    {
        var test = Test(Program(".WithMethods(\"GET\")"), """{ "Cors": { "Origins": [ {|#0:"*"|} ] } }""");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS009").WithLocation(0).WithMessage(
            "\"*\" ('Cors:Origins:0' in appsettings.json) is the only origin of the default CORS policy: it allows any origin; make sure this API is meant to be public, or list the trusted origins in configuration instead"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("""builder.Configuration["Cors:Origins"]!.Split(',', StringSplitOptions.TrimEntries)""", """{ "Cors": { "Origins": " [|*|] " } }""")]
    [InlineData("""builder.Configuration.GetValue<string>("Cors:Origin")!""", """{ "Cors": { "Origin": [|"*"|] } }""")]
    [InlineData("""builder.Configuration.GetSection("Cors").Get<PublicApi>()!.Origins.ToArray()""", """{ "Cors": { "Origins": [ [|"*"|] ] } }""")]
    public async Task OtherReadShapes_ShouldReport(string origins, string appSettings)
    {
        await Test(
            $$"""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Public", policy => policy.WithOrigins({{origins}}).WithMethods("GET")));
            var app = builder.Build();
            app.MapGet("/", () => "").RequireCors("Public");
            app.Run();

            public sealed class PublicApi
            {
                public List<string> Origins { get; set; } = new();
            }
            """,
            appSettings).RunAsync();
    }

    [Theory]
    [InlineData(".AllowCredentials()")] // CORS001's
    [InlineData("""
        .WithOrigins("https://app.contoso.com")
        """)]
    public async Task WithCredentialsOrOtherOrigins_NoDiagnostic(string chain)
    {
        await Test(Program(chain), """{ "Cors": { "Origins": [ "*" ] } }""").RunAsync();
    }

    [Fact]
    public async Task CsSectionOfTheEditorConfig_DoesNotApplyToTheJsonFile()
    {
        // A diagnostic in a JSON file follows the project-wide settings (.globalconfig, CorsAnalysisMode, NoWarn): a
        // [*.cs] section of .editorconfig applies to C# files only. The whole analyzer: with one rule alone, Roslyn would
        // not even run it when its only ID is off in every C# file.
        var test = new Verifiers.CSharpAnalyzerVerifier<CorsAnalyzer>.Test { TestCode = Program(string.Empty) };
        test.AdditionalFiles.Add(("appsettings.json", """{ "Cors": { "Origins": [ {|CORS009:"*"|} ] } }"""));
        test.EditorConfig = "dotnet_diagnostic.CORS009.severity = none";
        await test.RunAsync();
    }
}
