using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.SubstringOriginCheckRule>,
    CorsAnalyzers.CodeFixes.Rules.SubstringOriginCheckFixer>;

namespace CorsAnalyzers.Tests.Rules;

public sealed partial class CORS010_SubstringOriginCheckTests
{
    private const string Key = SubstringOriginCheckFixer.CompareHostKey;

    private static DiagnosticResult Expected(int location, string check, string bypass) =>
        Verify.Diagnostic(RuleIdentifiers.SubstringOriginCheck).WithLocation(location).WithArguments(check, bypass);

    /// <summary>A class that configures one policy with <paramref name="predicate"/> as the origin check.</summary>
    private static string InPolicy(string predicate, string members = "") => $$"""
        using System.Text.RegularExpressions;
        using Microsoft.AspNetCore.Cors.Infrastructure;

        public static partial class CorsSetup
        {
            public static void Configure(IServiceCollection services, string[] allowed)
            {
                services.AddCors(options => options.AddPolicy("Frontend", policy => policy
                    .SetIsOriginAllowed({{predicate}})
                    .AllowCredentials()));
            }
        {{members}}
        }
        """;

    // ---------------------------------------------------------------- Contains / StartsWith / EndsWith

    [Fact]
    public async Task ContainsOnOrigin_MinimalApi_ShouldReport()
    {
        const string source = """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy
                .SetIsOriginAllowed(origin => {|#0:origin.Contains("contoso.com")|})
                .AllowCredentials()));
            var app = builder.Build();
            app.UseCors("Frontend");
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"));
    }

    [Fact]
    public async Task StartsWithOnOrigin_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:origin.StartsWith(\"https://app.contoso.com\")|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "StartsWith(\"https://app.contoso.com\")", "https://app.contoso.com.evil.net"));
    }

    [Fact]
    public async Task EndsWithWithoutDot_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:origin.EndsWith(\"contoso.com\")|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"));
    }

    [Fact]
    public async Task EndsWithPortOnly_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:origin.EndsWith(\":5173\")|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "EndsWith(\":5173\")", "https://evil.net:5173"));
    }

    [Fact]
    public async Task EndsWithOnParsedHostWithoutDot_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:new Uri(origin).Host.EndsWith(\"contoso.com\")|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"));
    }

    [Fact]
    public async Task StartsWithOnTryCreatedHost_ShouldReport()
    {
        var source = InPolicy("""
            origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && {|#0:uri.Host.StartsWith("app.contoso")|}
            """);
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "StartsWith(\"app.contoso\")", "https://app.contoso.evil.net"));
    }

    [Fact]
    public async Task ContainsAfterToLowerInvariantAndTrimWithComparison_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:origin.ToLowerInvariant().Trim().Contains(\"contoso.com\", StringComparison.Ordinal)|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"));
    }

    [Fact]
    public async Task ContainsOnLocalCopyInBlockBody_ShouldReport()
    {
        var source = InPolicy("""
            origin =>
                    {
                        var normalized = origin.ToLower();
                        var trimmed = normalized.Trim();
                        return {|#0:trimmed.Contains("localhost")|};
                    }
            """);
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"localhost\")", "https://localhost.evil.net"));
    }

    [Fact]
    public async Task ContainsWithConditionalAccess_ReportsWholeAccess()
    {
        var source = InPolicy("origin => {|#0:origin?.Contains(\"contoso.com\")|} == true");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"));
    }

    [Fact]
    public async Task ContainsWithListEntriesInAny_ShouldReport()
    {
        var source = InPolicy("origin => allowed.Any(domain => {|#0:origin.Contains(domain)|})");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(domain)", "https://<domain>.evil.net"));
    }

    [Fact]
    public async Task ContainsConstantField_ShowsExpressionAndUsesValue()
    {
        var source = InPolicy("origin => {|#0:origin.Contains(Domain)|}", "    private const string Domain = \"fabrikam.com\";");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(Domain)", "https://fabrikam.com.evil.net"));
    }

    [Fact]
    public async Task AnonymousMethod_ShouldReport()
    {
        var source = InPolicy("delegate (string origin) { return {|#0:origin.Contains(\"contoso.com\")|}; }");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"));
    }

    // ---------------------------------------------------------------- where the predicate comes from

    [Fact]
    public async Task MethodGroup_ReportsInsideTheMethod()
    {
        var source = InPolicy("IsTrusted", """
                private static bool IsTrusted(string origin) => {|#0:origin.EndsWith("contoso.com")|};
            """);
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"));
    }

    [Fact]
    public async Task LocalFunctionMethodGroup_ShouldReport()
    {
        const string source = """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.SetIsOriginAllowed(IsTrusted)));
            var app = builder.Build();
            app.UseCors();
            app.Run();

            static bool IsTrusted(string origin)
            {
                return {|#0:origin.StartsWith("http://localhost")|};
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Expected(0, "StartsWith(\"http://localhost\")", "http://localhost.evil.net"));
    }

    [Fact]
    public async Task MethodGroupInAnotherFile_ShouldReportThere()
    {
        var test = new Verify.Test
        {
            TestCode = InPolicy("OriginRules.IsTrusted"),
            AdditionalSources =
            {
                ("OriginRules.cs", """
                    public static class OriginRules
                    {
                        public static bool IsTrusted(string origin) => {|#0:origin.Contains("contoso.com")|};
                    }
                    """),
            },
            ExpectedDiagnostics = { Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net") },
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task LambdaForwardingToHelper_ReportsInsideTheHelper()
    {
        var source = InPolicy("origin => IsTrusted(origin.ToLowerInvariant())", """
                private static bool IsTrusted(string value) => value == "https://contoso.com" || {|#0:value.Contains("contoso.com")|};
            """);
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"));
    }

    [Fact]
    public async Task HelperSharedByTwoPredicates_ReportsOnce()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class CorsSetup
            {
                public static void Configure(CorsOptions options)
                {
                    options.AddPolicy("A", policy => policy.SetIsOriginAllowed(IsTrusted));
                    options.AddPolicy("B", policy => policy.SetIsOriginAllowed(origin => IsTrusted(origin)));
                }

                private static bool IsTrusted(string origin) => {|#0:origin.Contains("contoso.com")|};
            }
            """;

        await Verify.VerifyAnalyzerAsync(source, Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"));
    }

    [Fact]
    public async Task CorsPolicyIsOriginAllowedAssignmentAndInitializer_ShouldReport()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Policies
            {
                public static CorsPolicy Create()
                {
                    var policy = new CorsPolicy { IsOriginAllowed = origin => {|#0:origin.Contains("contoso.com")|} };
                    policy.IsOriginAllowed = origin => {|#1:origin.EndsWith("fabrikam.com")|};
                    return policy;
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(
            source,
            Expected(0, "Contains(\"contoso.com\")", "https://contoso.com.evil.net"),
            Expected(1, "EndsWith(\"fabrikam.com\")", "https://evilfabrikam.com"));
    }

    [Fact]
    public async Task UseCorsInlinePolicyInMiddleware_ShouldReport()
    {
        const string source = """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors(policy => policy.SetIsOriginAllowed(origin => {|#0:origin.EndsWith("contoso.com")|}).AllowAnyHeader());
            app.Run();
            """;

        await Verify.VerifyAnalyzerAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"));
    }

    // ---------------------------------------------------------------- regular expressions

    [Fact]
    public async Task StaticRegexIsMatchUnanchored_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:Regex.IsMatch(origin, @\"contoso\\.com\")|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "an unanchored regular expression", "https://contoso.com.evil.net"));
    }

    [Fact]
    public async Task RegexAnchoredAtEndOnly_ReportsPrefixBypass()
    {
        var source = InPolicy("origin => {|#0:Regex.IsMatch(origin, \"contoso\\\\.com$\", RegexOptions.IgnoreCase)|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "an unanchored regular expression", "https://evilcontoso.com"));
    }

    [Fact]
    public async Task NewRegexIsMatchWithSchemeButNoEndAnchor_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:new Regex(@\"https://app\\.contoso\\.com\").IsMatch(origin)|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "an unanchored regular expression", "https://app.contoso.com.evil.net"));
    }

    [Fact]
    public async Task RegexMatchSuccessOnStaticReadonlyField_ShouldReport()
    {
        var source = InPolicy(
            "origin => {|#0:Trusted.Match(origin)|}.Success",
            "    private static readonly Regex Trusted = new Regex(@\"^https?://([a-z]+\\.)?contoso\\.com\");");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "an unanchored regular expression", "https://<match>.evil.net"));
    }

    [Fact]
    public async Task RegexLocalAndGeneratedRegex_ShouldReport()
    {
        var source = InPolicy(
            """
            origin =>
                    {
                        var pattern = new Regex("^http://localhost");
                        return {|#0:pattern.IsMatch(origin)|} || {|#1:Generated().IsMatch(origin)|};
                    }
            """,
            """
                [GeneratedRegex(@"^https://(www\.)?contoso\.com|^https://fabrikam\.com")]
                private static partial Regex Generated();

                private static partial Regex Generated() => new(@"^https://(www\.)?contoso\.com|^https://fabrikam\.com");
            """);
        await Verify.VerifyAnalyzerAsync(
            source,
            Expected(0, "an unanchored regular expression", "http://localhost.evil.net"),
            Expected(1, "an unanchored regular expression", "https://<match>.evil.net"));
    }

    [Fact]
    public async Task RegexWithOneUnanchoredAlternative_ShouldReport()
    {
        var source = InPolicy("origin => {|#0:Regex.IsMatch(origin, @\"^https://a\\.contoso\\.com$|^https://b\\.contoso\\.com\")|}");
        await Verify.VerifyAnalyzerAsync(source, Expected(0, "an unanchored regular expression", "https://b.contoso.com.evil.net"));
    }

    [Fact]
    public async Task RegexUnescapedDot_ShouldReportWithMessage()
    {
        var source = InPolicy("origin => {|#0:Regex.IsMatch(origin, \"^https://portal.example.com$\")|}");
        await Verify.VerifyAnalyzerAsync(
            source,
            Verify.Diagnostic(RuleIdentifiers.SubstringOriginCheck).WithLocation(0).WithMessage(
                "This origin check uses a regular expression whose unescaped '.' matches any character: an attacker's origin such as 'https://portalxexample.com' passes it; compare the parsed host exactly or against a '.domain' suffix"));
    }

    [Fact]
    public async Task RegexUnescapedDotInInstancesAndOnTheHost_ShouldReport()
    {
        var source = InPolicy(
            """
            origin =>
                    {
                        var portal = new Regex("^https?://Portal.Contoso.com$", RegexOptions.IgnoreCase);
                        return {|#0:portal.IsMatch(origin)|}
                            || {|#1:Admin.IsMatch(origin)|}
                            || {|#2:Regex.IsMatch(new Uri(origin).Host, @"^api.contoso\.com$")|};
                    }
            """,
            """    private static readonly Regex Admin = new Regex(@"^https://admin\.eu.contoso\.com:8443$");""");
        await Verify.VerifyAnalyzerAsync(
            source,
            Expected(0, "a regular expression whose unescaped '.' matches any character", "http://portalxcontoso.com"),
            Expected(1, "a regular expression whose unescaped '.' matches any character", "https://admin.euxcontoso.com:8443"),
            Expected(2, "a regular expression whose unescaped '.' matches any character", "https://apixcontoso.com"));
    }

    [Theory]
    [InlineData("^https://contoso.com$")]
    [InlineData("^https://app\\.contoso\\.com$")]
    [InlineData("^https://app\\.contoso.com$")]
    [InlineData("^https://app[.]contoso\\.com$")]
    [InlineData("^https://[a-z]+\\.contoso\\.com$")]
    [InlineData("^https://.*\\.contoso\\.com$")]
    [InlineData("^http://192.168.1.10:5000$")]
    [InlineData("^http://localhost:\\d+$")]
    public async Task RegexWithoutUnescapedHostDot_NoDiagnostic(string pattern)
    {
        // The last dot of a host (contoso.com → contosoxcom) is not a name anyone can register, nor an IP address's.
        await Verify.VerifyAnalyzerAsync(InPolicy("origin => Regex.IsMatch(origin, @\"" + pattern + "\")"));
    }

    [Fact]
    public async Task EndsWithSharedHostingDomain_NoFixOffered()
    {
        // Comparing the host against vercel.app and its subdomains would still trust every Vercel site (CORS015).
        var source = InPolicy("origin => [|origin.EndsWith(\"vercel.app\")|]");
        await new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();

        // Nor for a domain the project declares shared (CORS015's option).
        var declared = InPolicy("origin => [|origin.EndsWith(\"sites.hosting.example\")|]");
        await new Verify.Test
        {
            TestCode = declared,
            FixedCode = declared,
            EditorConfig = "CORS015.shared_hosting_suffixes = sites.hosting.example",
        }.RunAsync();
    }

    // ---------------------------------------------------------------- safe shapes stay silent

    [Theory]
    [InlineData("origin => origin.EndsWith(\".contoso.com\")")]
    [InlineData("origin => origin.EndsWith(\"://contoso.com\") || origin.EndsWith(\".contoso.com\")")]
    [InlineData("origin => new Uri(origin).Host == \"contoso.com\"")]
    [InlineData("origin => new Uri(origin).Host.EndsWith(\".contoso.com\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Host == \"contoso.com\" || uri.Host.EndsWith(\".contoso.com\"))")]
    [InlineData("origin => allowed.Contains(origin)")]
    [InlineData("origin => new HashSet<string>(allowed, StringComparer.OrdinalIgnoreCase).Contains(origin)")]
    [InlineData("origin => origin == \"https://app.contoso.com\"")]
    [InlineData("origin => string.Equals(origin, \"https://app.contoso.com\", StringComparison.OrdinalIgnoreCase)")]
    [InlineData("origin => origin.StartsWith(\"https://\") && allowed.Contains(origin)")]
    [InlineData("origin => allowed.Any(suffix => origin.EndsWith(suffix))")]
    [InlineData("origin => Regex.IsMatch(origin, @\"^https://([a-z0-9-]+\\.)?contoso\\.com$\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"\\Ahttps://app\\.contoso\\.com\\z\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"(?i)^https://(a|b)\\.contoso\\.com$\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"https://app\\.contoso\\.com$\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"\\.contoso\\.com$\")")]
    [InlineData("origin => Regex.IsMatch(origin, @\"^http://localhost:\\d+\")")]
    [InlineData("origin => \"https://contoso.com.example\".Contains(\"contoso.com\") && origin == \"https://contoso.com\"")]
    public async Task SafeOriginCheck_NoDiagnostic(string predicate)
    {
        await Verify.VerifyAnalyzerAsync(InPolicy(predicate));
    }

    [Fact]
    public async Task SubstringCheckOutsideAnOriginPredicate_NoDiagnostic()
    {
        const string source = """
            public static class Links
            {
                public static bool IsInternal(string url) => url.Contains("contoso.com");

                public static Func<string, bool> Predicate => origin => origin.Contains("contoso.com");
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task LookAlikeCorsPolicyBuilderAndRegex_NoDiagnostic()
    {
        const string source = """
            namespace MyCors
            {
                public sealed class CorsPolicyBuilder
                {
                    public CorsPolicyBuilder SetIsOriginAllowed(Func<string, bool> isOriginAllowed) => this;
                }

                public sealed class CorsPolicy
                {
                    public Func<string, bool>? IsOriginAllowed { get; set; }
                }

                public static class Regex
                {
                    public static bool IsMatch(string input, string pattern) => false;
                }

                public static class Setup
                {
                    public static void Configure(CorsPolicyBuilder builder, Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder real)
                    {
                        builder.SetIsOriginAllowed(origin => origin.Contains("contoso.com"));
                        new CorsPolicy().IsOriginAllowed = origin => origin.EndsWith("contoso.com");
                        real.SetIsOriginAllowed(origin => Regex.IsMatch(origin, "contoso"));
                    }
                }
            }
            """;

        await Verify.VerifyAnalyzerAsync(source);
    }

    [Fact]
    public async Task WithoutAspNetCore_NoDiagnostic()
    {
        var test = new Verify.Test
        {
            TestCode = """
                namespace Microsoft.AspNetCore.Cors.Infrastructure.Fake
                {
                    public sealed class CorsPolicyBuilder
                    {
                        public CorsPolicyBuilder SetIsOriginAllowed(System.Func<string, bool> isOriginAllowed) => this;
                    }

                    public static class Setup
                    {
                        public static void Configure(CorsPolicyBuilder builder) =>
                            builder.SetIsOriginAllowed(origin => origin.Contains("contoso.com"));
                    }
                }
                """,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task IncompleteCode_NoCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Cors.Infrastructure;

                public static class Setup
                {
                    public static void Configure(CorsPolicyBuilder builder)
                    {
                        builder.SetIsOriginAllowed(origin => origin.Contains());
                        builder.SetIsOriginAllowed(Missing);
                        builder.SetIsOriginAllowed();
                        builder.SetIsOriginAllowed(origin => Regex.IsMatch(origin, "x"));
                        new CorsPolicy().IsOriginAllowed = (a, b) => a.Contains("x");
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        await test.RunAsync();
    }
}
