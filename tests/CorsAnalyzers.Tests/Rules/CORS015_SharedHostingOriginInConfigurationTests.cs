using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.SharedHostingOriginRule>>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS015 on wildcard origins of shared hosting domains read from appsettings*.json.</summary>
public class CORS015_SharedHostingOriginInConfigurationTests
{
    private static string Program(string policy) => $$"""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
            options.AddPolicy("Previews", {{policy}}));
        var app = builder.Build();
        app.UseCors("Previews");
        app.Run();

        public sealed class PreviewSettings
        {
            public string[] Origins { get; set; } = [];
        }
        """;

    private const string ReadsOriginsWithWildcardSubdomains =
        """policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? []).SetIsOriginAllowedToAllowWildcardSubdomains()""";

    private static Verify.Test Test(string appSettings, params (string Name, string Text)[] environments) =>
        new Verify.Test { TestCode = Program(ReadsOriginsWithWildcardSubdomains) }.WithAppSettings(appSettings, environments);

    [Fact]
    public async Task WildcardSharedHostingOrigin_ShouldReportAtTheJsonValueWithMessage()
    {
        var test = Test("""{ "Cors": { "Origins": [ "https://app.contoso.com", {|#0:"https://*.vercel.app"|} ] } }""");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS015").WithLocation(0).WithMessage(
            "The origin \"https://*.vercel.app\" ('Cors:Origins:1' in appsettings.json), read by the CORS policy 'Previews', trusts sites that anyone can deploy on 'vercel.app', a shared hosting domain; trust the exact origins of your own sites instead"));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("https://*.netlify.app")]
    [InlineData("https://*.azurewebsites.net")]
    [InlineData("https://*.azurestaticapps.net")]
    [InlineData("https://*.github.io")]
    [InlineData("https://*.herokuapp.com")]
    [InlineData("https://*.vercel.app:443")]
    public async Task OtherSharedHostingDomains_ShouldReport(string origin)
    {
        await Test($$"""{ "Cors": { "Origins": [ [|"{{origin}}"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task OriginInTheDevelopmentFile_ShouldNameDevelopment()
    {
        var test = Test(
            """{ "Cors": { "Origins": [ "https://app.contoso.com" ] } }""",
            ("appsettings.Development.json", """{ "Cors": { "Origins": [ "http://localhost:5173", {|#0:"https://*.netlify.app"|} ] } }"""));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CORS015").WithLocation(0).WithMessage(
            "The origin \"https://*.netlify.app\" ('Cors:Origins:1' in appsettings.Development.json, in the 'Development' environment), read by the CORS policy 'Previews', trusts sites that anyone can deploy on 'netlify.app', a shared hosting domain; trust the exact origins of your own sites instead"));
        await test.RunAsync();
    }

    [Theory]
    // A Split list: reported at the part of the string.
    [InlineData(
        """policy => policy.WithOrigins(builder.Configuration["Cors:Origins"]!.Split(',')).SetIsOriginAllowedToAllowWildcardSubdomains()""",
        """{ "Cors": { "Origins": "https://app.contoso.com,[|https://*.vercel.app|]" } }""")]
    // One value next to an origin written in the code.
    [InlineData(
        """policy => policy.WithOrigins("https://app.contoso.com", builder.Configuration.GetValue<string>("Cors:Previews")!).SetIsOriginAllowedToAllowWildcardSubdomains()""",
        """{ "Cors": { "Previews": [|"https://*.vercel.app"|] } }""")]
    // An options class bound from the section.
    [InlineData(
        """policy => policy.WithOrigins(builder.Configuration.GetSection("Cors").Get<PreviewSettings>()!.Origins).SetIsOriginAllowedToAllowWildcardSubdomains()""",
        """{ "Cors": { "Origins": [ [|"https://*.github.io"|] ] } }""")]
    // Several statements; the wildcard check set before the origins.
    [InlineData(
        """policy => { policy.SetIsOriginAllowedToAllowWildcardSubdomains(); policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!); }""",
        """{ "Cors": { "Origins": [ [|"https://*.azurewebsites.net"|] ] } }""")]
    public async Task OtherReadShapes_ShouldReport(string policy, string appSettings)
    {
        await new Verify.Test { TestCode = Program(policy) }.WithAppSettings(appSettings).RunAsync();
    }

    [Theory]
    // The application's own domain, and exact sites on a shared hosting domain (the fix the rule asks for).
    [InlineData("""{ "Cors": { "Origins": [ "https://*.contoso.com", "https://myapp.vercel.app", "https://myapp.netlify.app" ] } }""")]
    // A subdomain of a site of one's own on the hosting domain is the site owner's.
    [InlineData("""{ "Cors": { "Origins": [ "https://*.myapp.vercel.app" ] } }""")]
    // Not an origin the policy reads.
    [InlineData("""{ "Cors": { "Other": [ "https://*.vercel.app" ] } }""")]
    public async Task OwnOrExactOrigins_NoDiagnostic(string appSettings)
    {
        await Test(appSettings).RunAsync();
    }

    [Theory]
    // Without SetIsOriginAllowedToAllowWildcardSubdomains() the entry matches nothing (CORS004's finding).
    [InlineData("""policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!)""")]
    // A later AllowAnyOrigin() removes the configured origins (CORS009's finding).
    [InlineData("""policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!).SetIsOriginAllowedToAllowWildcardSubdomains().AllowAnyOrigin()""")]
    // A later predicate of the application's own replaces the wildcard check.
    [InlineData("""policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!).SetIsOriginAllowedToAllowWildcardSubdomains().SetIsOriginAllowed(origin => origin == "https://app.contoso.com")""")]
    public async Task WildcardCheckNotInEffectForTheConfiguredOrigins_NoDiagnostic(string policy)
    {
        await new Verify.Test { TestCode = Program(policy) }
            .WithAppSettings("""{ "Cors": { "Origins": [ "https://*.vercel.app" ] } }""")
            .RunAsync();
    }

    [Fact]
    public async Task WildcardCheckOnlyOnAnotherBranch_StillReported()
    {
        // A limit (docs/rules/CORS015.md): at run time the configured origins are never checked as wildcards (the branch
        // that reads them has no SetIsOriginAllowedToAllowWildcardSubdomains()), but the model does not know which
        // values a path's list holds, only that the list they were added to ends, on another path, with the wildcard check.
        await new Verify.Test
        {
            TestCode = Program("""
                policy =>
                {
                    if (builder.Environment.IsDevelopment())
                    {
                        policy.WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains();
                    }
                    else
                    {
                        policy.WithOrigins(builder.Configuration.GetSection("Cors:Origins").Get<string[]>()!);
                    }
                }
                """),
        }.WithAppSettings("""{ "Cors": { "Origins": [ [|"https://*.vercel.app"|] ] } }""").RunAsync();
    }

    [Fact]
    public async Task OptionAddsSuffixes_ShouldReport()
    {
        const string appSettings = """{ "Cors": { "Origins": [ "https://*.contoso.com", [|"https://*.apps.internal.example"|] ] } }""";
        var test = new Verify.Test
        {
            TestCode = Program(ReadsOriginsWithWildcardSubdomains),
            EditorConfig = "CORS015.shared_hosting_suffixes = apps.internal.example, sites.hosting.example",
        }.WithAppSettings(appSettings);
        await test.RunAsync();
    }

    [Fact]
    public async Task SameOriginWithoutTheOption_NoDiagnostic()
    {
        await Test("""{ "Cors": { "Origins": [ "https://*.contoso.com", "https://*.apps.internal.example" ] } }""").RunAsync();
    }
}
