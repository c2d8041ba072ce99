using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.SharedHostingOriginRule>>;

namespace CorsAnalyzers.Tests.Rules;

public class CORS015_SharedHostingOriginTests
{
    private static DiagnosticResult Origin(int location, string origin, string domain) =>
        Verify.Diagnostic("CORS015").WithLocation(location).WithArguments("The origin \"" + origin + "\"", domain);

    private static DiagnosticResult Check(int location, string shown, string domain) =>
        Verify.Diagnostic("CORS015").WithLocation(location).WithArguments("This origin check (" + shown + ")", domain);

    private static string Program(string configureServices) => $$"""
        using System.Text.RegularExpressions;
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

    // ---- Wildcard origins ----

    [Fact]
    public async Task WildcardOriginWithWildcardSubdomains_ShouldReportWithMessage()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".WithOrigins({|#0:"https://*.vercel.app"|}).SetIsOriginAllowedToAllowWildcardSubdomains().AllowCredentials()"""),
            Verify.Diagnostic("CORS015").WithLocation(0).WithMessage(
                "The origin \"https://*.vercel.app\" trusts sites that anyone can deploy on 'vercel.app', a shared hosting domain; trust the exact origins of your own sites instead"));
    }

    [Fact]
    public async Task SeveralWildcardOrigins_EachSharedOneReported()
    {
        // An App Service API trusting Azure's shared domains next to its own and a development origin.
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", cors => cors
                        .WithOrigins({|#0:"https://*.azurewebsites.net"|}, {|#1:"https://*.azurestaticapps.net"|}, "https://*.contoso.com", "http://localhost:4200")
                        .SetIsOriginAllowedToAllowWildcardSubdomains()
                        .AllowCredentials()
                        .AllowAnyHeader());
                """),
            Origin(0, "https://*.azurewebsites.net", "azurewebsites.net"),
            Origin(1, "https://*.azurestaticapps.net", "azurestaticapps.net"));
    }

    [Fact]
    public async Task WildcardSubdomainsBeforeWithOriginsAndCollectionExpression_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".SetIsOriginAllowedToAllowWildcardSubdomains().WithOrigins(["https://app.contoso.com", {|#0:"https://*.github.io"|}])"""),
            Origin(0, "https://*.github.io", "github.io"));
    }

    [Fact]
    public async Task WildcardSubdomainsOnOneBranch_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        policy.WithOrigins({|#0:"https://*.netlify.app"|});
                        if (builder.Environment.IsDevelopment())
                        {
                            policy.SetIsOriginAllowedToAllowWildcardSubdomains();
                        }
                    });
                """),
            Origin(0, "https://*.netlify.app", "netlify.app"));
    }

    [Fact]
    public async Task WildcardOriginWithoutWildcardSubdomains_IsCors004NotCors015_NoDiagnostic()
    {
        // Without SetIsOriginAllowedToAllowWildcardSubdomains() the entry is a literal string that matches nothing.
        await Verify.VerifyAnalyzerAsync(InPolicy(""".WithOrigins("https://*.azurewebsites.net", "http://localhost:5173").AllowCredentials()"""));
    }

    [Fact]
    public async Task WildcardOriginReplacedByLaterCalls_NoDiagnostic()
    {
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://*.vercel.app").SetIsOriginAllowedToAllowWildcardSubdomains().SetIsOriginAllowed(origin => origin == "https://app.contoso.com"));
                options.AddPolicy("Admin", policy => policy.WithOrigins("https://*.vercel.app").SetIsOriginAllowedToAllowWildcardSubdomains().AllowAnyOrigin());
            """));
    }

    [Theory]
    [InlineData("https://*.contoso.com")]
    [InlineData("https://*.app.contoso.com")]
    [InlineData("https://myapp.vercel.app")]
    [InlineData("https://portal.github.io")]
    [InlineData("https://*.myapp.vercel.app")]
    [InlineData("http://localhost:5173")]
    public async Task OwnDomainOrOneSiteOnASharedHost_NoDiagnostic(string origin)
    {
        await Verify.VerifyAnalyzerAsync(InPolicy($$""".WithOrigins("{{origin}}").SetIsOriginAllowedToAllowWildcardSubdomains().AllowCredentials()"""));
    }

    // ---- Origin predicates ----

    [Fact]
    public async Task EndsWithOnOriginInBlockLambda_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy
                        .SetIsOriginAllowed(origin =>
                        {
                            if (string.Equals(origin, "http://localhost:5173", StringComparison.OrdinalIgnoreCase))
                            {
                                return true;
                            }

                            if ({|#0:origin.EndsWith(".netlify.app", StringComparison.OrdinalIgnoreCase)|})
                            {
                                return true;
                            }

                            return false;
                        })
                        .AllowAnyHeader());
                """),
            Check(0, "EndsWith(\".netlify.app\")", "netlify.app"));
    }

    [Fact]
    public async Task EndsWithOnParsedHosts_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
                    options.AddPolicy("Frontend", policy => policy
                        .SetIsOriginAllowed(origin =>
                            Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                            && (uri.Host == "localhost"
                                || {|#0:uri.Host.EndsWith(".vercel.app", StringComparison.OrdinalIgnoreCase)|}
                                || {|#1:uri.Host.EndsWith(".netlify.app", StringComparison.OrdinalIgnoreCase)|}
                                || configured.Contains(origin, StringComparer.OrdinalIgnoreCase)))
                        .AllowCredentials());
                    options.AddPolicy("Staging", policy => policy
                        .SetIsOriginAllowed(origin => {|#2:new Uri(origin).Host.EndsWith(".azurewebsites.net")|} || origin.StartsWith("http://localhost:"))
                        .AllowCredentials());
                """),
            Check(0, "EndsWith(\".vercel.app\")", "vercel.app"),
            Check(1, "EndsWith(\".netlify.app\")", "netlify.app"),
            Check(2, "EndsWith(\".azurewebsites.net\")", "azurewebsites.net"));
    }

    [Fact]
    public async Task EndsWithInMethodGroupAndForwardedHelper_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed(IsPreview));
                    options.AddPolicy("Admin", policy => policy.SetIsOriginAllowed(origin => Matches(origin, ["https://admin.contoso.com"])));
                """) + """

            partial class Program
            {
                static bool IsPreview(string origin) =>
                    Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && uri.Scheme == Uri.UriSchemeHttps
                    && {|#0:uri.Host.EndsWith(".pages.dev", StringComparison.OrdinalIgnoreCase)|};

                static bool Matches(string origin, string[] allowed)
                {
                    if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
                    {
                        return false;
                    }

                    return uri.Host.Equals("herokuapp.com", StringComparison.OrdinalIgnoreCase)
                        || {|#1:uri.Host.EndsWith(".herokuapp.com", StringComparison.OrdinalIgnoreCase)|}
                        || allowed.Contains(origin);
                }
            }
            """,
            Check(0, "EndsWith(\".pages.dev\")", "pages.dev"),
            Check(1, "EndsWith(\".herokuapp.com\")", "herokuapp.com"));
    }

    [Fact]
    public async Task EndsWithWithoutDotAndCorsPolicyProperty_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    var policy = new CorsPolicy { SupportsCredentials = true };
                    policy.IsOriginAllowed = origin => {|#0:origin.EndsWith("github.io")|};
                    options.AddPolicy("Frontend", policy);
                """),
            Check(0, "EndsWith(\"github.io\")", "github.io"));
    }

    [Fact]
    public async Task AnchoredRegexOverSharedDomain_ShouldReport()
    {
        await Verify.VerifyAnalyzerAsync(
            InPolicy(""".SetIsOriginAllowed(origin => {|#0:Regex.IsMatch(origin, @"^https://[a-z0-9-]+\.vercel\.app$")|} || {|#1:Regex.IsMatch(origin, @"^https://.*\.netlify\.app(:\d+)?$", RegexOptions.IgnoreCase)|})"""),
            Check(0, "a regular expression", "vercel.app"),
            Check(1, "a regular expression", "netlify.app"));
    }

    [Fact]
    public async Task WildcardCheckOnlyOnAnotherBranch_StillReported()
    {
        // A limit (docs/rules/CORS015.md): the entry is added on the branch without the wildcard check, where it matches
        // nothing (CORS004 stays silent, judging wildcards for the policy as a whole), but the model only knows that the
        // list it was added to ends, on another path, with SetIsOriginAllowedToAllowWildcardSubdomains().
        await Verify.VerifyAnalyzerAsync(
            Program("""
                    options.AddPolicy("Frontend", policy =>
                    {
                        if (builder.Environment.IsDevelopment())
                        {
                            policy.WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains();
                        }
                        else
                        {
                            policy.WithOrigins({|#0:"https://*.vercel.app"|});
                        }
                    });
                """),
            Origin(0, "https://*.vercel.app", "vercel.app"));
    }

    [Fact]
    public async Task OptionAddsSuffixes_ShouldReport()
    {
        var test = new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins("https://*.apps.internal.example").SetIsOriginAllowedToAllowWildcardSubdomains().SetIsOriginAllowed(origin => {|#1:origin.EndsWith(".sites.hosting.example")|})"""),
            EditorConfig = "CORS015.shared_hosting_suffixes = apps.internal.example, sites.hosting.example",
        };
        test.ExpectedDiagnostics.Add(Check(1, "EndsWith(\".sites.hosting.example\")", "sites.hosting.example"));
        await test.RunAsync();

        // The wildcard origin is replaced by the later predicate: only the check is in effect.
        var wildcard = new Verify.Test
        {
            TestCode = InPolicy(""".WithOrigins({|#0:"https://*.apps.internal.example"|}).SetIsOriginAllowedToAllowWildcardSubdomains()"""),
            EditorConfig = "CORS015.shared_hosting_suffixes = apps.internal.example",
        };
        wildcard.ExpectedDiagnostics.Add(Origin(0, "https://*.apps.internal.example", "apps.internal.example"));
        await wildcard.RunAsync();
    }

    [Theory]
    [InlineData("origin => new Uri(origin).Host.EndsWith(\".contoso.com\")")]
    [InlineData("origin => origin == \"https://myapp.vercel.app\" || origin == \"https://myapp.netlify.app\"")]
    [InlineData("origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Host.Equals(\"myapp.azurewebsites.net\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("origin => new Uri(origin).Host.EndsWith(\".myapp.vercel.app\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"^https://myapp\\.vercel\\.app$\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"^https://deploy-preview-\\d+--myapp\\.netlify\\.app$\")")]
    [InlineData("origin => !origin.EndsWith(\".herokuapp.com\") && origin.StartsWith(\"https://\")")]
    [InlineData("origin => { if (origin.EndsWith(\".vercel.app\")) { return false; } return origin == \"https://app.contoso.com\"; }")]
    [InlineData("origin => new Uri(origin).Host.EndsWith($\".{nameof(origin)}\")")]
    public async Task OwnDomainsExactSitesAndDenyingChecks_NoDiagnostic(string predicate)
    {
        await Verify.VerifyAnalyzerAsync(InPolicy($$""".SetIsOriginAllowed({{predicate}}).AllowCredentials()"""));
    }

    [Fact]
    public async Task EndsWithOutsideAnOriginPredicate_NoDiagnostic()
    {
        // Redirect rules, outgoing URLs: not an origin check.
        await Verify.VerifyAnalyzerAsync(Program("""
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                var isAzure = builder.Configuration["Host"]?.EndsWith(".azurewebsites.net") == true;
            """));
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        await new Verify.Test
        {
            TestCode = """
                public static class Hosts
                {
                    public static bool IsPreview(string host) => host.EndsWith(".vercel.app");
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();
    }
}
