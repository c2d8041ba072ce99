using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.AnyOriginWithCredentialsRule>>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS001 when the only origin, read from appsettings*.json, is "*" and the policy allows credentials.</summary>
public class CORS001_AnyOriginWithCredentialsInConfigurationTests
{
    private static string Message(string where, string policies) =>
        $"\"*\" ({where}) is the only origin of {policies}, which also allows credentials: ASP.NET Core refuses this policy at run time; list the trusted origins in configuration instead";

    private static string Program(string chain) => $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy{{chain}});
        });
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """;

    private const string Section = """.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!)""";

    private static Verify.Test Test(string source, string appSettings, params (string Name, string Text)[] environments) =>
        new Verify.Test { TestCode = source }.WithAppSettings(appSettings, environments);

    [Fact]
    public async Task StarAsTheOnlyOriginWithCredentials_ShouldReportAtTheJsonValue()
    {
        var test = Test(Program(Section + ".AllowCredentials()"), """{ "Cors": { "Origins": [ {|#0:"*"|} ] } }""");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS001").WithLocation(0).WithMessage(
            Message("'Cors:Origins:0' in appsettings.json", "the CORS policy 'Frontend'")));
        await test.RunAsync();
    }

    [Fact]
    public async Task StarOnlyInTheProductionFile_ShouldNameProduction()
    {
        var test = Test(
            Program(Section + ".AllowCredentials()"),
            """{ "Cors": { "Origins": [ "https://app.contoso.com" ] } }""",
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ {|#0:"*"|} ] } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS001").WithLocation(0).WithMessage(
            Message("'Cors:Origins:0' in appsettings.Production.json, in the 'Production' environment", "the CORS policy 'Frontend'")));
        await test.RunAsync();
    }

    [Theory]
    [InlineData(""".WithOrigins(builder.Configuration["Cors:Origin"]!).AllowCredentials()""", """{ "Cors": { "Origin": [|"*"|] } }""")]
    [InlineData(""".AllowCredentials().WithOrigins(builder.Configuration["Cors:Origin"]!.Split(';'))""", """{ "Cors": { "Origin": "[|*|]" } }""")]
    public async Task StarAsASingleValue_ShouldReport(string chain, string appSettings)
    {
        await Test(Program(chain), appSettings).RunAsync();
    }

    [Fact]
    public async Task CredentialsOnOneBranch_ShouldReport()
    {
        await Test(
            """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy =>
            {
                policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!);
                if (builder.Configuration.GetValue<bool>("Cors:Credentials"))
                {
                    policy.AllowCredentials();
                }
            }));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """,
            """{ "Cors": { "Origins": [ [|"*"|] ], "Credentials": true } }""").RunAsync();
    }

    // ---- Silent ----

    [Theory]
    [InlineData(Section)] // no credentials: CORS009's
    [InlineData(Section + ".DisallowCredentials()")]
    [InlineData(""".WithOrigins("https://app.contoso.com")""" + Section + ".AllowCredentials()")] // not the only origin
    [InlineData(Section + """.WithOrigins("https://app.contoso.com").AllowCredentials()""")]
    public async Task NotTheOnlyOriginOrNoCredentials_NoDiagnostic(string chain)
    {
        await Test(Program(chain), """{ "Cors": { "Origins": [ "*" ] } }""").RunAsync();
    }

    [Fact]
    public async Task AllowAnyOriginAfterTheConfiguredOrigins_ReportsTheCodeOnly()
    {
        await Test(Program(Section + ".AllowCredentials().{|CORS001:AllowAnyOrigin()|}"), """{ "Cors": { "Origins": [ "*" ] } }""").RunAsync();
    }

    [Theory]
    [InlineData("""{ "Cors": { "Origins": [ "*", "https://app.contoso.com" ] } }""")] // a dead string: CORS004's
    [InlineData("""{ "Cors": { "Origins": [ " *" ] } }""")]
    [InlineData("""{ "Cors": { "Origins": [ "https://app.contoso.com" ] } }""")]
    public async Task StarAmongOthersOrNoStar_NoDiagnostic(string appSettings)
    {
        await Test(Program(Section + ".AllowCredentials()"), appSettings).RunAsync();
    }

    [Fact]
    public async Task OptionsPropertyWithDefaultOrigins_NoDiagnostic()
    {
        // The binder appends to the list the options class starts with: "*" is not the only origin.
        await Test(
            """
            var builder = WebApplication.CreateBuilder(args);
            var settings = builder.Configuration.GetSection("Cors").Get<CorsSettings>()!;
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins(settings.Origins.ToArray()).AllowCredentials()));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public sealed class CorsSettings
            {
                public List<string> Origins { get; set; } = new() { "https://app.contoso.com" };
            }
            """,
            """{ "Cors": { "Origins": [ "*" ] } }""").RunAsync();
    }
}
