using Microsoft.CodeAnalysis;
using AnalyzerVerify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.IntParseTestAnalyzer>;
using ThrowingVerify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.Tests.Verifiers.ThrowingTestAnalyzer>;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<CorsAnalyzers.Tests.Verifiers.IntParseTestAnalyzer, CorsAnalyzers.Tests.Verifiers.IntParseTestFixer>;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// What our Verify.Test adds to Microsoft.CodeAnalysis.Testing (the library's own checks, markup, messages, spans,
/// iterations and Fix All are its tests' business): the project (Web SDK usings, top-level programs, .editorconfig,
/// the .globalconfig enabling disabled-by-default rules), the reference sets, the adapters and the recorder.
/// </summary>
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

    // ---------- diagnostics ----------

    [Fact]
    public Task SquareBracketMarkup_UsesFirstDescriptor_Passes() =>
        RunAnalyzer("class C { int M() => [|int.Parse(\"1\")|]; }");

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
            ExpectedDiagnostics = { AnalyzerVerify.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error).WithArguments(1) },
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
    public async Task CodeFix_AbsentKey_FailsListingTheOfferedKeys()
    {
        // The fixed code equals the test code: without our check the library would apply nothing and pass.
        var failure = await FailsAsync(() => FixTest(
            "class C { int M() => [|int.Parse(\"1\")|]; }",
            "class C { int M() => [|int.Parse(\"1\")|]; }",
            "TEST001.DoesNotExist").RunAsync());
        Assert.StartsWith("[NetCoreOnly] No code action with equivalence key 'TEST001.DoesNotExist' was offered", failure.Message);
        Assert.Contains(IntParseTestFixer.ReplaceWithZero, failure.Message);
        Assert.Contains(IntParseTestFixer.ReplaceWithMinusOne, failure.Message);
    }

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
        Assert.Contains("Diagnostics of fixed state", failure.Message);
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
        Assert.Contains("Fix all in document", failure.Message);
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
