using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests.Cors;

// Test-only descriptors, never shipped: release tracking does not apply.
#pragma warning disable RS2008

/// <summary>
/// <see cref="CorsAnalyzer"/> initializes only the rules that can report something in the compilation
/// (<see cref="RuleSwitches"/>): the severities of .editorconfig sections, global configs and the compilation options,
/// read the way the compiler filters diagnostics. Probe rules record whether they were initialized; PROBE0, always on and
/// registering nothing, keeps Roslyn from skipping the whole analyzer (what it does when every descriptor is off), so
/// that what is measured is our choice of rules.
/// </summary>
public class RuleSwitchesTests
{
    private static readonly DiagnosticDescriptor Anchor = new("PROBE0", "anchor", "anchor", "Test", DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor OnByDefault = new("PROBE1", "on", "on", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static readonly DiagnosticDescriptor OffByDefault = new("PROBE2", "off", "off", "Test", DiagnosticSeverity.Info, isEnabledByDefault: false);

    private const string Source = "public static class Program { public static void Main() { } }";

    private const string OtherSource = "public static class Other { }";

    [Fact]
    public async Task Defaults_TheRuleDisabledByDefaultIsNotInitialized()
    {
        Assert.Equal(new[] { "PROBE0", "PROBE1" }, await InitializedAsync(editorConfig: null));
    }

    [Fact]
    public async Task SeverityNoneInEditorConfig_TurnsTheRuleOff()
    {
        Assert.Equal(new[] { "PROBE0" }, await InitializedAsync("dotnet_diagnostic.PROBE1.severity = none"));
    }

    [Fact]
    public async Task DisabledByDefault_EnabledInOneFilesSection_IsInitialized()
    {
        Assert.Equal(
            new[] { "PROBE0", "PROBE1", "PROBE2" },
            await InitializedAsync("\n[Other.cs]\ndotnet_diagnostic.PROBE2.severity = suggestion"));
    }

    [Fact]
    public async Task OffInOneFilesSectionOnly_IsStillInitialized()
    {
        Assert.Equal(new[] { "PROBE0", "PROBE1" }, await InitializedAsync("\n[Other.cs]\ndotnet_diagnostic.PROBE1.severity = none"));
    }

    [Fact]
    public async Task OffInEveryFilesSection_IsOff_EvenWhenTheGlobalConfigTurnsItOn()
    {
        Assert.Equal(new[] { "PROBE0" }, await InitializedAsync(
            "\n[Program.cs]\ndotnet_diagnostic.PROBE1.severity = none\n[Other.cs]\ndotnet_diagnostic.PROBE1.severity = none",
            globalConfig: "dotnet_diagnostic.PROBE1.severity = error"));
    }

    [Fact]
    public async Task OffInEveryFilesSection_StaysOn_WithAdditionalFiles()
    {
        // A diagnostic in appsettings.json follows the project-wide settings: [*.cs] sections do not reach it.
        Assert.Equal(new[] { "PROBE0", "PROBE1" }, await InitializedAsync("dotnet_diagnostic.PROBE1.severity = none", additionalFiles: true));
        Assert.Equal(new[] { "PROBE0" }, await InitializedAsync(editorConfig: null, globalConfig: "dotnet_diagnostic.PROBE1.severity = none", additionalFiles: true));
    }

    [Fact]
    public async Task GlobalConfigNone_TurnsTheRuleOff_AndEditorConfigTurnsItBackOn()
    {
        Assert.Equal(new[] { "PROBE0" }, await InitializedAsync(editorConfig: null, globalConfig: "dotnet_diagnostic.PROBE1.severity = none"));
        Assert.Equal(
            new[] { "PROBE0", "PROBE1" },
            await InitializedAsync("dotnet_diagnostic.PROBE1.severity = warning", globalConfig: "dotnet_diagnostic.PROBE1.severity = none"));
    }

    [Fact]
    public async Task GlobalConfigEnablesTheRuleDisabledByDefault()
    {
        Assert.Equal(new[] { "PROBE0", "PROBE1", "PROBE2" }, await InitializedAsync(editorConfig: null, globalConfig: "dotnet_diagnostic.PROBE2.severity = warning"));
    }

    [Fact]
    public async Task NoWarn_OutranksTheConfigFiles()
    {
        // /nowarn:PROBE1 (a specific option): the .editorconfig cannot turn it back on; /warnaserror:PROBE2 enables it.
        Assert.Equal(
            new[] { "PROBE0", "PROBE2" },
            await InitializedAsync(
                "dotnet_diagnostic.PROBE1.severity = warning",
                specific: new Dictionary<string, ReportDiagnostic> { ["PROBE1"] = ReportDiagnostic.Suppress, ["PROBE2"] = ReportDiagnostic.Error }));
    }

    [Fact]
    public async Task WarnAsErrorMinus_LeavesTheChoiceToTheConfigFiles()
    {
        // /warnaserror-:PROBE1 is a specific option with value Default.
        Assert.Equal(new[] { "PROBE0" }, await InitializedAsync(
            "dotnet_diagnostic.PROBE1.severity = none",
            specific: new Dictionary<string, ReportDiagnostic> { ["PROBE1"] = ReportDiagnostic.Default }));
    }

    [Fact]
    public async Task SuppressAllWarnings_TurnsOffAWarningLeftAtItsDefault()
    {
        Assert.Equal(new[] { "PROBE0" }, await InitializedAsync(editorConfig: null, general: ReportDiagnostic.Suppress));
        Assert.Equal(new[] { "PROBE0", "PROBE1" }, await InitializedAsync("dotnet_diagnostic.PROBE1.severity = error", general: ReportDiagnostic.Suppress));
    }

    [Fact]
    public async Task RulesOff_RegisterNothing_InRoslynsTelemetry()
    {
        // Only the anchor on: the probes' operation and compilation-end actions are not registered with Roslyn.
        var (initialized, telemetry) = await RunAsync("dotnet_diagnostic.PROBE1.severity = none", globalConfig: null, specific: null, general: null);
        Assert.Equal(new[] { "PROBE0" }, initialized);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.CompilationEndActionsCount);

        // The control: PROBE1 on registers them.
        (_, telemetry) = await RunAsync(editorConfig: null, globalConfig: null, specific: null, general: null);
        Assert.Equal(1, telemetry.OperationActionsCount);
        Assert.Equal(1, telemetry.CompilationEndActionsCount);
    }

    private static async Task<string[]> InitializedAsync(
        string? editorConfig,
        string? globalConfig = null,
        Dictionary<string, ReportDiagnostic>? specific = null,
        ReportDiagnostic? general = null,
        bool additionalFiles = false)
    {
        var (initialized, _) = await RunAsync(editorConfig, globalConfig, specific, general, additionalFiles);
        return initialized;
    }

    private static async Task<(string[] Initialized, Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo Telemetry)> RunAsync(
        string? editorConfig,
        string? globalConfig,
        Dictionary<string, ReportDiagnostic>? specific,
        ReportDiagnostic? general,
        bool additionalFiles = false)
    {
        var initialized = new ConcurrentBag<string>();
        var analyzer = new CorsAnalyzer(ImmutableArray.Create<CorsRule>(
            new ProbeRule(Anchor, initialized, registers: false),
            new ProbeRule(OnByDefault, initialized, registers: true),
            new ProbeRule(OffByDefault, initialized, registers: true)));
        var project = TestProjectFactory.CreateProject(
            ReferenceSet.AspNetCore10,
            new[] { ("Program.cs", Source), ("Other.cs", OtherSource) },
            editorConfig,
            implicitUsings: false,
            additionalFiles: additionalFiles ? new[] { ("appsettings.json", "{ }") } : null);
        if (globalConfig is not null)
        {
            project = project.AddAnalyzerConfigDocument("test.globalconfig", Microsoft.CodeAnalysis.Text.SourceText.From("is_global = true\n" + globalConfig + "\n"), filePath: "/0/test.globalconfig").Project;
        }

        var options = project.CompilationOptions!;
        if (specific is not null)
        {
            options = options.WithSpecificDiagnosticOptions(specific);
        }

        if (general is { } generalOption)
        {
            options = options.WithGeneralDiagnosticOption(generalOption);
        }

        project = project.WithCompilationOptions(options);
        var run = await TestProjectFactory.AnalyzeAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), logAnalyzerExecutionTime: true);
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
        return (initialized.Distinct().Order(StringComparer.Ordinal).ToArray(), run.Telemetry[analyzer]);
    }

    /// <summary>Records its initialization, and registers an operation and a compilation end action (unless told not to).</summary>
    private sealed class ProbeRule : CorsRule
    {
        private readonly ConcurrentBag<string> _initialized;
        private readonly bool _registers;

        public ProbeRule(DiagnosticDescriptor descriptor, ConcurrentBag<string> initialized, bool registers)
        {
            SupportedDiagnostics = ImmutableArray.Create(descriptor);
            _initialized = initialized;
            _registers = registers;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        internal override void Initialize(CorsCompilationContext context)
        {
            _initialized.Add(SupportedDiagnostics[0].Id);
            if (_registers)
            {
                context.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                context.RegisterCompilationEndAction(_ => { });
            }
        }
    }
}
