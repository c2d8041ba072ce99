using CorsAnalyzers.Rules;
using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    CorsAnalyzers.Tests.Verifiers.RuleAnalyzer<CorsAnalyzers.Rules.CorsResponseHeaderOnRequestRule>,
    CorsAnalyzers.Rules.CorsResponseHeaderOnRequestFixer>;

namespace CorsAnalyzers.Tests.Rules;

/// <summary>CORS003's verification against a client library's references (CORS003_RestSharpTests, _FlurlTests, _RefitTests).</summary>
internal static class ClientLibraryVerify
{
    public const string RemoveHeader = CorsResponseHeaderOnRequestFixer.FixHeaderKey;

    // The additional location (the whole write, what the fix edits) is asserted by CORS003_CorsResponseHeaderOnRequestTests'
    // *_AdditionalLocation tests; here the header name's span and the message.
    public static DiagnosticResult Outgoing(int markupKey, string header) =>
        Verify.Diagnostic("CORS003").WithLocation(markupKey).WithArguments(header, "set on an outgoing request it does nothing, and in a browser it forces a preflight; the server must send it on its response").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);

    public static Task VerifyAsync(ReferenceAssemblies references, string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source, ReferenceAssemblies = references };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The removal (<see cref="RemoveHeader"/>) applied until nothing is left to fix, and Fix All, give <paramref name="fixedSource"/>.</summary>
    public static Task VerifyFixAsync(ReferenceAssemblies references, string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = RemoveHeader,
            ReferenceAssemblies = references,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
