using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using AnalyzerVerify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.IntParseTestAnalyzer>;
using ThrowingVerify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.ThrowingTestAnalyzer>;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.Tests.Verifiers.IntParseTestAnalyzer, CorsAnalyzers.Tests.Verifiers.IntParseTestFixer>;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>The verifier passes what is right and fails what is wrong.</summary>
public class VerifierTests
{
    private static async Task<VerificationException> FailsAsync(Func<Task> test)
    {
        return await Assert.ThrowsAsync<VerificationException>(test);
    }

    private static Task RunAnalyzer(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerVerify.Test { TestCode = source, ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // ---------- markup parser ----------

    [Fact]
    public void Markup_NestedForms_AreParsedAndStripped()
    {
        var parsed = TestMarkup.Parse("a{|#0:b[|c{|TEST002:d|}|]|}e");
        Assert.Equal("abcde", parsed.Text);
        Assert.Equal(3, parsed.Spans.Length);
        Assert.Contains(new MarkupSpan(null, 0, TextSpan.FromBounds(1, 4)), parsed.Spans);
        Assert.Contains(new MarkupSpan(null, null, TextSpan.FromBounds(2, 4)), parsed.Spans);
        Assert.Contains(new MarkupSpan("TEST002", null, TextSpan.FromBounds(3, 4)), parsed.Spans);
    }

    [Fact]
    public void Markup_CodeThatLooksLikeMarkup_IsKeptAsText()
    {
        var parsed = TestMarkup.Parse("var s = \"{|not markup\"; x = a || b; y = c |} d;");
        Assert.Equal("var s = \"{|not markup\"; x = a || b; y = c |} d;", parsed.Text);
        Assert.Empty(parsed.Spans);
    }

    [Fact]
    public void Markup_Unclosed_Throws()
    {
        Assert.Throws<ArgumentException>(() => TestMarkup.Parse("int x = [|1;"));
    }

    // ---------- diagnostics ----------

    [Fact]
    public Task SquareBracketMarkup_UsesFirstDescriptor_Passes() =>
        RunAnalyzer("class C { int M() => [|int.Parse(\"1\")|]; }");

    [Fact]
    public Task IdMarkup_Passes() =>
        RunAnalyzer("class C { int M() => {|TEST002:42|}; }");

    [Fact]
    public Task KeyMarkup_WithArgumentsAndMessage_Passes() =>
        RunAnalyzer(
            "class C { int M() => {|#0:int.Parse(\"1\")|} + {|#1:int.Parse(\"2\", null)|}; }",
            AnalyzerVerify.Diagnostic().WithLocation(0).WithArguments(1),
            AnalyzerVerify.Diagnostic("TEST001").WithLocation(1).WithMessage("int.Parse called with 2 argument(s)"));

    [Fact]
    public Task NestedMarkup_Passes() =>
        RunAnalyzer(
            "class C { int M() => {|#0:int.Parse({|TEST002:42|}.ToString())|}; }",
            AnalyzerVerify.Diagnostic(IntParseTestAnalyzer.IntParse).WithLocation(0).WithArguments(1));

    [Fact]
    public Task MarkupInAdditionalSource_Passes() =>
        new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => [|int.Parse(\"1\")|]; }",
            AdditionalSources = { ("Helpers.cs", "static class H { public static int N() => {|#0:int.Parse(\"2\")|}; }") },
            ExpectedDiagnostics = { AnalyzerVerify.Diagnostic().WithLocation(0).WithArguments(1) },
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public async Task WrongSpan_Fails()
    {
        var failure = await FailsAsync(() => RunAnalyzer("class C { int M() => [|int.Parse|](\"1\"); }"));
        Assert.Contains("Expected but not reported (1)", failure.Message);
        Assert.Contains("Reported but not expected (1)", failure.Message);
        Assert.Contains("[int.Parse(\"1\")]", failure.Message);
        Assert.Contains("{|TEST001:int.Parse(\"1\")|}", failure.Message);
    }

    [Fact]
    public async Task WrongFile_Fails()
    {
        await FailsAsync(() => new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => {|#0:int.Parse(\"1\")|}; }",
            AdditionalSources = { ("Helpers.cs", "static class H { public static int N() => int.Parse(\"2\"); }") },
            ExpectedDiagnostics = { AnalyzerVerify.Diagnostic().WithLocation(0), AnalyzerVerify.Diagnostic().WithLocation(0) },
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync());
    }

    [Fact]
    public async Task MissingDiagnostic_Fails()
    {
        var failure = await FailsAsync(() => RunAnalyzer("class C { int M() => [|int.MaxValue|]; }"));
        Assert.Contains("Expected but not reported (1)", failure.Message);
        Assert.Contains("(1,22)", failure.Message);
    }

    [Fact]
    public async Task ExtraDiagnostic_Fails()
    {
        var failure = await FailsAsync(() => RunAnalyzer("class C { int M() => int.Parse(\"1\"); }"));
        Assert.Contains("Reported but not expected (1)", failure.Message);
        Assert.Contains("int.Parse called with 1 argument(s)", failure.Message);
    }

    [Fact]
    public async Task WrongId_Fails()
    {
        await FailsAsync(() => RunAnalyzer("class C { int M() => {|TEST002:int.Parse(\"1\")|}; }"));
    }

    [Fact]
    public async Task WrongMessage_Fails()
    {
        var failure = await FailsAsync(() => RunAnalyzer(
            "class C { int M() => {|#0:int.Parse(\"1\")|}; }",
            AnalyzerVerify.Diagnostic().WithLocation(0).WithMessage("int.Parse called with 3 argument(s)")));
        Assert.Contains("same id and span, but message", failure.Message);
    }

    [Fact]
    public async Task WrongArguments_Fails()
    {
        await FailsAsync(() => RunAnalyzer(
            "class C { int M() => {|#0:int.Parse(\"1\")|}; }",
            AnalyzerVerify.Diagnostic().WithLocation(0).WithArguments(2)));
    }

    [Fact]
    public async Task WrongSeverity_Fails()
    {
        var failure = await FailsAsync(() => RunAnalyzer(
            "class C { int M() => {|#0:int.Parse(\"1\")|}; }",
            AnalyzerVerify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error)));
        Assert.Contains("severity", failure.Message);
    }

    [Fact]
    public async Task UndefinedMarkupKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => RunAnalyzer(
            "class C { int M() => {|#0:int.Parse(\"1\")|}; }",
            AnalyzerVerify.Diagnostic().WithLocation(1)));
    }

    [Fact]
    public Task DisabledByDefaultDescriptor_IsEnabledInTests() =>
        RunAnalyzer("class C { long M() => {|TEST003:long.Parse(\"1\")|}; }");

    [Fact]
    public Task EditorConfig_ReachesTheAnalyzer() =>
        new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => int.Parse(\"1\"); }",
            EditorConfig = "test001.enabled = false",
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public Task EditorConfigSeverity_ChangesTheSeverity() =>
        new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => {|#0:int.Parse(\"1\")|}; }",
            EditorConfig = "dotnet_diagnostic.TEST001.severity = error",
            ExpectedDiagnostics = { AnalyzerVerify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error) },
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public Task EditorConfigSeverityNone_TurnsOffEvenDisabledByDefaultRules() =>
        new AnalyzerVerify.Test
        {
            TestCode = "class C { long M() => long.Parse(\"1\") + int.Parse(\"1\"); }",
            EditorConfig = "dotnet_diagnostic.TEST001.severity = none\ndotnet_diagnostic.TEST003.severity = none",
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public Task DisabledDiagnostics_AreIgnored() =>
        new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => [|int.Parse(\"1\")|] + 42; }",
            DisabledDiagnostics = { "TEST002" },
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public async Task ThrowingAnalyzer_Fails()
    {
        var failure = await FailsAsync(() => new ThrowingVerify.Test
        {
            TestCode = "class C { void Boom() { } void M() => Boom(); }",
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync());
        Assert.Contains("The test analyzer exploded.", failure.Message);
    }

    [Fact]
    public async Task CompileError_Fails()
    {
        var failure = await FailsAsync(() => RunAnalyzer("class C { int M() => [|int.Parse(\"1\")|] + undefinedName; }"));
        Assert.Contains("does not compile", failure.Message);
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public Task CompileError_WithCompilerDiagnosticsNone_Passes() =>
        new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => [|int.Parse(\"1\")|] + undefinedName; }",
            CompilerDiagnostics = CompilerDiagnostics.None,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public Task TopLevelProgram_WithWebSdkUsings_CompilesOnBothAspNetCoreVersions() =>
        AnalyzerVerify.VerifyAnalyzerAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors();
            app.MapGet("/", () => [|int.Parse("1")|]);
            app.Run();
            """);

    [Fact]
    public async Task AspNetCoreDefault_RunsTwice_AndReportsTheReferenceSet()
    {
        var failure = await FailsAsync(() => AnalyzerVerify.VerifyAnalyzerAsync("class C { int M() => int.Parse(\"1\"); }"));
        Assert.StartsWith("[AspNetCore8]", failure.Message);

        var failure10 = await FailsAsync(() => new AnalyzerVerify.Test
        {
            TestCode = "class C { int M() => int.Parse(\"1\"); }",
            ReferenceAssemblies = ReferenceAssemblies.AspNetCore10,
        }.RunAsync());
        Assert.StartsWith("[AspNetCore10]", failure10.Message);
    }

    [Fact]
    public async Task NetCoreOnly_HasNoAspNetCore()
    {
        var failure = await FailsAsync(() => RunAnalyzer("var app = WebApplication.Create(); app.Run();"));
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public void ReferenceSets_LoadRealPacks()
    {
        Assert.Contains(ReferenceSet.AspNetCore8.References, r => r.Display!.EndsWith("Microsoft.AspNetCore.Cors.dll", StringComparison.Ordinal));
        Assert.Contains(ReferenceSet.AspNetCore10.References, r => r.Display!.Contains("10.", StringComparison.Ordinal));
        Assert.DoesNotContain(ReferenceSet.NetCore10.References, r => r.Display!.Contains("AspNetCore", StringComparison.Ordinal));
        Assert.Single(ReferenceSet.SystemRuntimeOnly.References);
    }

    // ---------- code fixes ----------

    private static Verify.Test FixTest(string source, string fixedSource, string? key = null) => new()
    {
        TestCode = source,
        FixedCode = fixedSource,
        CodeActionEquivalenceKey = key,
        ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
    };

    [Fact]
    public Task CodeFix_NoKey_AppliesFirstActionToEveryDiagnostic() =>
        FixTest(
            "class C { int M() => [|int.Parse(\"1\")|] + [|int.Parse(\"2\")|]; }",
            "class C { int M() => 0 + 0; }").RunAsync();

    [Fact]
    public Task CodeFix_NestedActionByKey_Passes() =>
        Verify.VerifyCodeFixAsync(
            "class C { int M() => [|int.Parse(\"1\")|]; }",
            "class C { int M() => -1; }",
            IntParseTestFixer.ReplaceWithMinusOne);

    [Fact]
    public async Task CodeFix_AbsentKey_FailsListingTheOfferedKeys()
    {
        var failure = await FailsAsync(() => FixTest(
            "class C { int M() => [|int.Parse(\"1\")|]; }",
            "class C { int M() => 0; }",
            "TEST001.DoesNotExist").RunAsync());
        Assert.Contains("TEST001.DoesNotExist", failure.Message);
        Assert.Contains(IntParseTestFixer.ReplaceWithZero, failure.Message);
        Assert.Contains(IntParseTestFixer.ReplaceWithMinusOne, failure.Message);
    }

    [Fact]
    public async Task CodeFix_WrongFixedCode_FailsWithDiff()
    {
        var failure = await FailsAsync(() => FixTest(
            "class C\n{\n    int M() => [|int.Parse(\"1\")|];\n}\n",
            "class C\n{\n    int M() => 1;\n}\n").RunAsync());
        Assert.Contains("-     int M() => 1;", failure.Message);
        Assert.Contains("+     int M() => 0;", failure.Message);
    }

    [Fact]
    public async Task CodeFix_FixedCodeDoesNotCompile_Fails()
    {
        var failure = await FailsAsync(() => FixTest(
            "class C { int M() => [|int.Parse(\"1\")|]; }",
            "class C { int M() => undefinedIdentifier; }",
            IntParseTestFixer.Break).RunAsync());
        Assert.Contains("fixed code does not compile", failure.Message);
    }

    [Fact]
    public Task CodeFix_LineEndings_AreNormalized() =>
        FixTest(
            "class C\r\n{\r\n    int M() => [|int.Parse(\"1\")|];\r\n}\r\n",
            "class C\n{\n    int M() => 0;\n}\n").RunAsync();

    [Fact]
    public Task CodeFix_RemainingDiagnosticsInFixedCodeMarkup_Pass() =>
        FixTest(
            "class C { int M() => [|int.Parse(\"1\")|] + {|TEST002:42|}; }",
            "class C { int M() => 0 + {|TEST002:42|}; }").RunAsync();

    [Fact]
    public async Task CodeFix_UnexpectedRemainingDiagnostic_Fails()
    {
        var failure = await FailsAsync(() => FixTest(
            "class C { int M() => [|int.Parse(\"1\")|] + {|TEST002:42|}; }",
            "class C { int M() => 0 + 42; }").RunAsync());
        Assert.Contains("fixed code", failure.Message);
        Assert.Contains("TEST002", failure.Message);
    }

    [Fact]
    public Task CodeFix_FixAllAcrossDocuments_Passes() =>
        new Verify.Test
        {
            TestCode = "class C { int M() => [|int.Parse(\"1\")|]; }",
            AdditionalSources = { ("Helpers.cs", "static class H { public static int N() => [|int.Parse(\"2\")|] + [|int.Parse(\"3\")|]; }") },
            FixedCode = "class C { int M() => -1; }",
            FixedAdditionalSources = { ("Helpers.cs", "static class H { public static int N() => -1 + -1; }") },
            CodeActionEquivalenceKey = IntParseTestFixer.ReplaceWithMinusOne,
            ReferenceAssemblies = ReferenceAssemblies.NetCoreOnly,
        }.RunAsync();

    [Fact]
    public async Task CodeFix_WrongBatchFixedCode_Fails()
    {
        var test = FixTest(
            "class C { int M() => [|int.Parse(\"1\")|] + [|int.Parse(\"2\")|]; }",
            "class C { int M() => 0 + 0; }");
        test.BatchFixedCode = "class C { int M() => 0 + 1; }";
        var failure = await FailsAsync(() => test.RunAsync());
        Assert.Contains("Fix All (Document)", failure.Message);
    }

    [Fact]
    public async Task CodeFix_NoFixOffered_ButFixedCodeDiffers_Fails()
    {
        var failure = await FailsAsync(() => FixTest(
            "class C { int M() => {|TEST002:42|}; }",
            "class C { int M() => 0; }").RunAsync());
        Assert.Contains("No code fix was offered", failure.Message);
    }

    [Fact]
    public Task CodeFix_NoFixOffered_AndFixedCodeSame_Passes() =>
        FixTest(
            "class C { int M() => {|TEST002:42|}; }",
            "class C { int M() => {|TEST002:42|}; }").RunAsync();

    [Fact]
    public Task CodeFix_OnBothAspNetCoreVersions_Passes() =>
        Verify.VerifyCodeFixAsync(
            "var app = WebApplication.Create();\napp.MapGet(\"/\", () => [|int.Parse(\"1\")|]);\napp.Run();\n",
            "var app = WebApplication.Create();\napp.MapGet(\"/\", () => 0);\napp.Run();\n");

    // ---------- recording the sources instead of verifying them ----------

    [Fact]
    public async Task Recorder_RecordsSourcesWithoutMarkup_AndVerifiesNothing()
    {
        var recorded = new List<RecordedTest>();
        using (TestSourceRecorder.Start(recorded))
        {
            // Wrong on purpose (no diagnostic at 42, a fixed code the fix never produces): recording does not verify.
            var test = new Verify.Test
            {
                TestCode = "class C { int M() => [|42|]; }",
                FixedCode = "class C { int M() => {|TEST002:1|}; }",
                AdditionalSources = { ("Other.cs", "class D { }") },
                EditorConfig = "some_option = 1",
            };
            await test.RunAsync();
        }

        Assert.Equal(2, recorded.Count);
        Assert.Equal(new[] { ("Test0.cs", "class C { int M() => 42; }"), ("Other.cs", "class D { }") }, recorded[0].Sources);
        Assert.Equal(new[] { ("Test0.cs", "class C { int M() => 1; }"), ("Other.cs", "class D { }") }, recorded[1].Sources);
        Assert.All(recorded, r => Assert.Equal("some_option = 1", r.EditorConfig));
        Assert.All(recorded, r => Assert.Same(ReferenceSet.AspNetCore10, r.References));
    }

    [Fact]
    public async Task Recorder_AfterDispose_VerifiesAgain()
    {
        using (TestSourceRecorder.Start(new List<RecordedTest>()))
        {
        }

        await FailsAsync(() => RunAnalyzer("class C { int M() => [|42|]; }"));
    }
}
