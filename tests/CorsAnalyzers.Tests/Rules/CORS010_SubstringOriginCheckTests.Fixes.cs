using CorsAnalyzers.CodeFixes.Rules;
using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.SubstringOriginCheckRule>,
    CorsAnalyzers.CodeFixes.Rules.SubstringOriginCheckFixer>;

namespace CorsAnalyzers.Tests.Rules;

public sealed partial class CORS010_SubstringOriginCheckTests
{
    // ---------------------------------------------------------------- CORS010.CompareHost

    [Fact]
    public async Task EndsWithOnOrigin_FixComparesParsedHost()
    {
        var source = InPolicy("origin => {|#0:origin.EndsWith(\"contoso.com\")|}");
        var fixedSource = InPolicy(
            "origin => Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && (originUri.Host == \"contoso.com\" || originUri.Host.EndsWith(\".contoso.com\"))");

        await Verify.VerifyCodeFixAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"), fixedSource, Key);
    }

    [Fact]
    public async Task NegatedContainsWithComparison_NoFix()
    {
        // Under '!' a stricter check makes the predicate looser: every origin except those containing contoso.com passes
        // now, and after a host comparison https://contoso.com.attacker.test would pass too (found by the runtime oracle,
        // tests/CorsAnalyzers.RuntimeTests). No rewrite.
        var source = InPolicy("origin => !{|#0:origin.ToLowerInvariant().Contains(\"Contoso.com\", StringComparison.OrdinalIgnoreCase)|}");
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected(0, "Contains(\"Contoso.com\")", "https://contoso.com.evil.net") },
            FixedExpectedDiagnostics = { Expected(0, "Contains(\"Contoso.com\")", "https://contoso.com.evil.net") },
        }.RunAsync();
    }

    [Fact]
    public async Task DoubleNegationWithComparison_FixKeepsComparisonAndParentheses()
    {
        var source = InPolicy("origin => !!{|#0:origin.ToLowerInvariant().Contains(\"Contoso.com\", StringComparison.OrdinalIgnoreCase)|}");
        var fixedSource = InPolicy(
            "origin => !!(Uri.TryCreate(origin.ToLowerInvariant(), UriKind.Absolute, out var originUri) && (string.Equals(originUri.Host, \"contoso.com\", StringComparison.OrdinalIgnoreCase) || originUri.Host.EndsWith(\".contoso.com\", StringComparison.OrdinalIgnoreCase)))");

        await Verify.VerifyCodeFixAsync(source, Expected(0, "Contains(\"Contoso.com\")", "https://contoso.com.evil.net"), fixedSource, Key);
    }

    [Theory]
    [InlineData("origin => { if ({|#0:origin.EndsWith(\"contoso.com\")|}) return false; return true; }")]
    [InlineData("origin => { if (!{|#0:origin.EndsWith(\"contoso.com\")|}) return true; return false; }")]
    [InlineData("origin => { var trusted = {|#0:origin.EndsWith(\"contoso.com\")|}; return trusted; }")]
    [InlineData("origin => {|#0:origin.EndsWith(\"contoso.com\")|} == false")]
    [InlineData("origin => {|#0:origin.EndsWith(\"contoso.com\")|} ? false : true")]
    [InlineData("origin => allowed.Any(a => {|#0:origin.EndsWith(\"contoso.com\")|})")]
    public async Task StricterCheckWouldLoosenThePredicate_OrUnknown_NoFix(string predicate)
    {
        var source = InPolicy(predicate);
        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com") },
            FixedExpectedDiagnostics = { Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com") },
        }.RunAsync();
    }

    [Fact]
    public async Task IfThenReturnTrue_IsFixed()
    {
        var source = InPolicy("origin => { if ({|#0:origin.EndsWith(\"contoso.com\")|}) return true; return allowed.Contains(origin); }");
        var fixedSource = InPolicy("origin => { if (Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && (originUri.Host == \"contoso.com\" || originUri.Host.EndsWith(\".contoso.com\"))) return true; return allowed.Contains(origin); }");
        await Verify.VerifyCodeFixAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"), fixedSource, Key);
    }

    [Fact]
    public async Task HelperNegatedAtItsCall_NoFix()
    {
        var source = InPolicy("origin => !IsPartner(origin)", """
                private static bool IsPartner(string origin) => {|#0:origin.EndsWith("contoso.com")|};
            """);
        await new Verify.Test
        {
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            TestCode = source,
            FixedCode = source,
            ExpectedDiagnostics = { Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com") },
            FixedExpectedDiagnostics = { Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com") },
        }.RunAsync();
    }

    [Fact]
    public async Task EndsWithOnParsedHost_FixAddsExactHostComparison()
    {
        var source = InPolicy("origin => {|#0:new Uri(origin).Host.EndsWith(\"contoso.com\")|}");
        var fixedSource = InPolicy("origin => new Uri(origin).Host == \"contoso.com\" || new Uri(origin).Host.EndsWith(\".contoso.com\")");

        await Verify.VerifyCodeFixAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"), fixedSource, Key);
    }

    [Fact]
    public async Task FixInBlockBodyWithNameTaken_PicksFreeName()
    {
        var source = InPolicy("""
            origin =>
                    {
                        var originUri = origin.Length;
                        if ({|#0:origin.EndsWith("contoso.com")|}) // trusted
                        {
                            return originUri > 0;
                        }

                        return false;
                    }
            """);
        var fixedSource = InPolicy("""
            origin =>
                    {
                        var originUri = origin.Length;
                        if (Uri.TryCreate(origin, UriKind.Absolute, out var originUri2) && (originUri2.Host == "contoso.com" || originUri2.Host.EndsWith(".contoso.com"))) // trusted
                        {
                            return originUri > 0;
                        }

                        return false;
                    }
            """);

        await Verify.VerifyCodeFixAsync(source, Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"), fixedSource, Key);
    }

    [Fact]
    public async Task FixAll_GivesEachVariableItsOwnName()
    {
        const string source = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsPolicyBuilder a, CorsPolicyBuilder b)
                {
                    a.SetIsOriginAllowed(origin => {|#0:origin.EndsWith("contoso.com")|} || {|#1:origin.Contains("fabrikam.com")|});
                    b.SetIsOriginAllowed(IsTrusted);
                }

                private static bool IsTrusted(string origin) => {|#2:origin.EndsWith("localhost")|};
            }
            """;
        const string fixedSource = """
            using Microsoft.AspNetCore.Cors.Infrastructure;

            public static class Setup
            {
                public static void Configure(CorsPolicyBuilder a, CorsPolicyBuilder b)
                {
                    a.SetIsOriginAllowed(origin => Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && (originUri.Host == "contoso.com" || originUri.Host.EndsWith(".contoso.com")) || Uri.TryCreate(origin, UriKind.Absolute, out var originUri2) && (originUri2.Host == "fabrikam.com" || originUri2.Host.EndsWith(".fabrikam.com")));
                    b.SetIsOriginAllowed(IsTrusted);
                }

                private static bool IsTrusted(string origin) => Uri.TryCreate(origin, UriKind.Absolute, out var originUri) && (originUri.Host == "localhost" || originUri.Host.EndsWith(".localhost"));
            }
            """;

        await new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = Key,
            // #2 is in IsTrusted, reached from the method group in Configure: non-local for Roslyn (editors show it
            // with full solution analysis), so the library needs to be told that the fix is for such a diagnostic.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
            ExpectedDiagnostics =
            {
                Expected(0, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"),
                Expected(1, "Contains(\"fabrikam.com\")", "https://fabrikam.com.evil.net"),
                Expected(2, "EndsWith(\"localhost\")", "https://evillocalhost"),
            },
        }.RunAsync();
    }

    [Fact]
    public async Task StartsWithRegexAndSchemeContains_NoFixOffered()
    {
        var source = InPolicy("""
            origin => {|#0:origin.StartsWith("https://app.contoso.com")|}
                              || {|#1:Regex.IsMatch(origin, "contoso")|}
                              || {|#2:origin.Contains("https://app.contoso.com")|}
                              || {|#3:origin?.EndsWith("contoso.com")|} == true
            """);

        await new Verify.Test
        {
            TestCode = source,
            FixedCode = source,
            CodeActionEquivalenceKey = Key,
            ExpectedDiagnostics =
            {
                Expected(0, "StartsWith(\"https://app.contoso.com\")", "https://app.contoso.com.evil.net"),
                Expected(1, "an unanchored regular expression", "https://contoso.evil.net"),
                Expected(2, "Contains(\"https://app.contoso.com\")", "https://app.contoso.com.evil.net"),
                Expected(3, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"),
            },
            FixedExpectedDiagnostics =
            {
                Expected(0, "StartsWith(\"https://app.contoso.com\")", "https://app.contoso.com.evil.net"),
                Expected(1, "an unanchored regular expression", "https://contoso.evil.net"),
                Expected(2, "Contains(\"https://app.contoso.com\")", "https://app.contoso.com.evil.net"),
                Expected(3, "EndsWith(\"contoso.com\")", "https://evilcontoso.com"),
            },
        }.RunAsync();
    }
}
