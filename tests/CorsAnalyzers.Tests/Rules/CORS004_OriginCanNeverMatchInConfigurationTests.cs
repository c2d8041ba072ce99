using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.OriginCanNeverMatchRule>>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS004 on origins read from appsettings*.json: reported at the value in the JSON file.</summary>
public class CORS004_OriginCanNeverMatchInConfigurationTests
{
    private const string TrailingSlash = "browsers send no trailing slash, and ASP.NET Core does not remove it";

    private static string Message(string origin, string where, string policies, string problem) =>
        $"The origin \"{origin}\" ({where}), read by {policies}, can never match a browser's Origin header: {problem}";

    /// <summary>The docs' shape: origins from a configuration section, given to one named policy.</summary>
    private static string Program(string origins, string chain = "") => $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy.WithOrigins({{origins}}){{chain}}.AllowAnyHeader());
        });
        var app = builder.Build();
        app.UseCors("Frontend");
        app.Run();
        """;

    private const string SectionArray = """builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? []""";

    private static Verify.Test Test(string source, string appSettings, params (string Name, string Text)[] environments) =>
        new Verify.Test { TestCode = source }.WithAppSettings(appSettings, environments);

    // ---- Reported ----

    [Fact]
    public async Task SectionArrayWithTrailingSlash_ShouldReportAtTheJsonValue()
    {
        var test = Test(Program(SectionArray), """
            {
              "Cors": {
                "Origins": [ "https://app.contoso.com", {|#0:"https://admin.contoso.com/"|} ]
              }
            }
            """);
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(
            Message("https://admin.contoso.com/", "'Cors:Origins:1' in appsettings.json", "the CORS policy 'Frontend'", TrailingSlash)));
        await test.RunAsync();
    }

    [Fact]
    public async Task OnlyTheEnvironmentFileIsWrong_ShouldNameTheEnvironment()
    {
        var test = Test(
            Program(SectionArray),
            """{ "Cors": { "Origins": [ "https://app.contoso.com" ] } }""",
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ {|#0:"https://app.contoso.com/"|} ] } }"""),
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173" ] } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(
            Message("https://app.contoso.com/", "'Cors:Origins:0' in appsettings.Production.json, in the 'Production' environment", "the CORS policy 'Frontend'", TrailingSlash)));
        await test.RunAsync();
    }

    [Fact]
    public async Task EnvironmentOverridesByIndex_StarBecomesADeadString()
    {
        // cors-runtime.md: base ["https://a.com","https://b.com"] + environment ["*"] gives ["*","https://b.com"].
        var test = Test(
            Program(SectionArray),
            """{ "Cors": { "Origins": [ "https://a.com", "https://b.com" ] } }""",
            ("appsettings.Staging.json", """{ "Cors": { "Origins": [ {|#0:"*"|} ] } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(
            Message("*", "'Cors:Origins:0' in appsettings.Staging.json, in the 'Staging' environment", "the CORS policy 'Frontend'", CorsAnalyzers.Cors.OriginParser.DeadAnyOriginDescription)));
        await test.RunAsync();
    }

    [Fact]
    public async Task BaseValueOverriddenInOneEnvironment_IsStillReportedWithoutEnvironment()
    {
        // Wrong in every environment without a file of its own: no environment named.
        var test = Test(
            Program(SectionArray),
            """{ "Cors": { "Origins": [ {|#0:"app.contoso.com"|} ] } }""",
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "https://app.contoso.com" ] } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(
            Message("app.contoso.com", "'Cors:Origins:0' in appsettings.json", "the CORS policy 'Frontend'", "it has no scheme; browsers send 'https://host' or 'http://host'")));
        await test.RunAsync();
    }

    [Fact]
    public async Task BaseStarMadeDeadByOneEnvironment_NamesThatEnvironment()
    {
        // Production adds a second element by index: the base "*" is a dead string there only.
        var test = Test(
            Program(SectionArray),
            """{ "Cors": { "Origins": [ {|#0:"*"|} ] } }""",
            ("appsettings.Production.json", """{ "Cors": { "Origins": { "1": "https://app.contoso.com" } } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(
            Message("*", "'Cors:Origins:0' in appsettings.json, in the 'Production' environment", "the CORS policy 'Frontend'", CorsAnalyzers.Cors.OriginParser.DeadAnyOriginDescription)));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("""builder.Configuration["Cors:Origins"]!.Split(',')""")]
    [InlineData("""builder.Configuration["Cors:Origins"]?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []""")]
    [InlineData("""builder.Configuration.GetValue<string>("Cors:Origins")!.Split(new[] { ',', ';' })""")]
    [InlineData("""builder.Configuration.GetSection("Cors")["Origins"]!.Split(",")""")]
    [InlineData("""builder.Configuration.GetSection("Cors").GetSection("Origins").Value!.Split(',')""")]
    public async Task SplitValue_ShouldReportThePart(string origins)
    {
        await Test(Program(origins), """{ "Cors": { "Origins": "https://app.contoso.com,[|https://admin.contoso.com/|]" } }""").RunAsync();
    }

    [Fact]
    public async Task SingleValue_ShouldReport()
    {
        await Test(
            Program("""builder.Configuration.GetValue<string>("Cors:Origin")!"""),
            """{ "Cors": { "Origin": [|"https://app.contoso.com/path"|] } }""").RunAsync();
    }

    [Fact]
    public async Task KeysAreCaseInsensitive_AndColonKeysAreNested()
    {
        await Test(
            Program("""builder.Configuration.GetSection("cors").GetSection("ORIGINS").Get<List<string>>()!.ToArray()"""),
            """
            // comments and trailing commas, as the JSON provider reads them
            {
              /* the front end */
              "CORS": { "origins": [ [|"https://app.contoso.com/"|], ], },
            }
            """).RunAsync();
    }

    [Fact]
    public async Task LocalCapturedByTheLambda_ShouldReport()
    {
        await Test(
            """
            var builder = WebApplication.CreateBuilder(args);
            var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>();
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins(origins).AllowAnyMethod()));
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """,
            """{ "Cors": { "AllowedOrigins": [ [|"https://app.contoso.com:443"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task OptionsClassBoundWithGet_ShouldReport()
    {
        await Test(
            """
            var builder = WebApplication.CreateBuilder(args);
            var settings = builder.Configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins(settings.AllowedOrigins)));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public sealed class CorsSettings
            {
                public const string Section = "Cors";

                public string[] AllowedOrigins { get; set; } = [];
            }
            """,
            """{ "Cors": { "AllowedOrigins": [ [|"https://app.contoso.com/"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task OptionsClassBoundWithBind_AndConfigurationKeyName_ShouldReport()
    {
        await Test(
            """
            using Microsoft.Extensions.Configuration;

            var builder = WebApplication.CreateBuilder(args);
            var settings = new CorsSettings();
            builder.Configuration.Bind("Cors", settings);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins(settings.Origins.ToArray())));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public sealed class CorsSettings
            {
                [ConfigurationKeyName("allowed-origins")]
                public List<string> Origins { get; set; } = new();
            }
            """,
            """{ "Cors": { "allowed-origins": [ [|"https://app.contoso.com/"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task OptionsReadThroughIOptions_InAConfigureOptionsClass_ShouldReport()
    {
        await Test(
            """
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.Extensions.Options;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<CorsSettings>(builder.Configuration.GetSection("Cors"));
            builder.Services.AddCors();
            builder.Services.AddSingleton<IConfigureOptions<CorsOptions>, ConfigureCors>();
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public sealed class CorsSettings
            {
                public string[] Origins { get; set; } = Array.Empty<string>();
            }

            public sealed class ConfigureCors(IOptions<CorsSettings> settings) : IConfigureOptions<CorsOptions>
            {
                public void Configure(CorsOptions options) =>
                    options.AddPolicy("Frontend", policy => policy.WithOrigins(settings.Value.Origins).AllowCredentials());
            }
            """,
            """{ "Cors": { "Origins": [ "https://app.contoso.com", [|"https://admin.contoso.com/"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task HelperWithConfigurationParameter_ShouldReport()
    {
        // The bench's and many apps' shape: an extension method given builder.Configuration.
        await Test(
            """
            using Microsoft.Extensions.Configuration;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddAppCors(builder.Configuration);
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();

            public static class CorsSetup
            {
                public static IServiceCollection AddAppCors(this IServiceCollection services, IConfiguration configuration)
                {
                    var configured = configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
                    return services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins(configured).AllowCredentials()));
                }
            }
            """,
            """{ "Cors": { "Origins": [ [|"https://app.contoso.com/"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task TwoPoliciesReadTheSameValue_OneDiagnosticNamingBoth()
    {
        var test = Test(
            """
            var builder = WebApplication.CreateBuilder(args);
            var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!;
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins(origins).AllowCredentials());
                options.AddDefaultPolicy(policy => policy.WithOrigins(origins));
            });
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/", () => "").RequireCors("Frontend");
            app.Run();
            """,
            """{ "Cors": { "Origins": [ {|#0:"https://app.contoso.com/"|} ] } }""");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(
            Message("https://app.contoso.com/", "'Cors:Origins:0' in appsettings.json", "the CORS policy 'Frontend' and the default CORS policy", TrailingSlash)));
        await test.RunAsync();
    }

    [Fact]
    public async Task WildcardSubdomainWithoutTheOption_ShouldReport()
    {
        await Test(Program(SectionArray), """{ "Cors": { "Origins": [ [|"https://*.contoso.com"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task AllowedHostsAsOrigins_ShouldReportInCode()
    {
        const string message = "'AllowedHosts' is the host filtering setting (host names separated by ';', \"*\" in every template), not a list of origins: its host names never match a browser's Origin header, and \"*\" allows any origin; read the trusted origins from a setting of their own";
        var test = Test(
            Program("""{|#0:builder.Configuration["AllowedHosts"]!.Split(';')|}"""),
            """{ "AllowedHosts": "*" }""");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS004").WithLocation(0).WithMessage(message));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("""builder.Configuration["allowedHosts"]""")]
    [InlineData("""builder.Configuration.GetValue<string>("AllowedHosts")""")]
    public async Task AllowedHostsWithoutAppSettings_ShouldReportInCode(string read)
    {
        await Verify.VerifyAnalyzerAsync(Program("[|" + read + "|]!"));
    }

    // ---- Silent ----

    [Fact]
    public async Task CorrectOrigins_NoDiagnostic()
    {
        await Test(
            Program(SectionArray),
            """{ "Cors": { "Origins": [ "https://app.contoso.com", "http://localhost:5173", "chrome-extension://abcdefghijklmnop" ] } }""",
            ("appsettings.Production.json", """{ "Cors": { "Origins": [ "https://www.contoso.com" ] } }""")).RunAsync();
    }

    [Fact]
    public async Task WildcardSubdomainWithTheOption_NoDiagnostic()
    {
        await Test(
            Program(SectionArray, ".SetIsOriginAllowedToAllowWildcardSubdomains()"),
            """{ "Cors": { "Origins": [ "https://*.contoso.com" ] } }""").RunAsync();
    }

    [Theory]
    [InlineData("""{ "Cors": { "Origins": [ "https://app.contoso.com/" ] """)] // invalid JSON
    [InlineData("""{ "Cors": { "Origins": [ "https://app.contoso.com/" ] }, "cors": { "origins": [ "x" ] } }""")] // a duplicate key: the file does not load
    [InlineData("""[ "https://app.contoso.com/" ]""")] // not an object
    [InlineData("""{ "Cors": { "Origins": "https://app.contoso.com/" } }""")] // a value where a list is read: Get<string[]>() is null
    [InlineData("""{ "Cors": { "Other": [ "https://app.contoso.com/" ] } }""")] // the key is absent
    [InlineData("""{ "Cors": { "Origins": [ 443, true, null, [], {}, { "Url": "https://app.contoso.com/" } ] } }""")] // not strings
    [InlineData("")]
    public async Task BadOrAbsentConfiguration_NoDiagnostic(string appSettings)
    {
        await Test(Program(SectionArray), appSettings).RunAsync();
    }

    [Fact]
    public async Task LocalAssignedAgain_NoDiagnostic()
    {
        await Test(
            """
            var builder = WebApplication.CreateBuilder(args);
            var origins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
            if (builder.Environment.IsDevelopment())
            {
                origins = ["http://localhost:5173"];
            }

            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins(origins)));
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """,
            """{ "Cors": { "Origins": [ "https://app.contoso.com/" ] } }""").RunAsync();
    }

    [Fact]
    public async Task ConfigurationBuiltFromOtherFiles_NoDiagnostic()
    {
        await Test(
            """
            using Microsoft.Extensions.Configuration;

            var builder = WebApplication.CreateBuilder(args);
            var corsConfiguration = new ConfigurationBuilder().AddJsonFile("cors.json").Build();
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins(corsConfiguration.GetSection("Cors:Origins").Get<string[]>()!)));
            var app = builder.Build();
            app.UseCors();
            app.Run();
            """,
            """{ "Cors": { "Origins": [ "https://app.contoso.com/" ] } }""").RunAsync();
    }

    [Fact]
    public async Task OptionsAlsoConfiguredInCode_NoDiagnostic()
    {
        await Test(
            """
            using Microsoft.Extensions.Options;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.Configure<CorsSettings>(builder.Configuration.GetSection("Cors"));
            builder.Services.PostConfigure<CorsSettings>(settings => settings.Origins = ["https://app.contoso.com"]);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(policy => policy.WithOrigins(app.Services.GetRequiredService<IOptions<CorsSettings>>().Value.Origins));
            app.Run();

            public sealed class CorsSettings
            {
                public string[] Origins { get; set; } = [];
            }
            """,
            """{ "Cors": { "Origins": [ "https://app.contoso.com/" ] } }""").RunAsync();
    }

    [Fact]
    public async Task AppSettingsInTwoFolders_NoDiagnostic()
    {
        // Two projects' files in one compilation: which one the application reads is a guess.
        var test = Test(Program(SectionArray), """{ "Cors": { "Origins": [ "https://app.contoso.com/" ] } }""");
        test.AdditionalFiles.Add(("Other/appsettings.json", """{ "Cors": { "Origins": [ "https://app.contoso.com/" ] } }"""));
        await test.RunAsync();
    }
}
