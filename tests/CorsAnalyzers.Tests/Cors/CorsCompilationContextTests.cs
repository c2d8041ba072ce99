using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Tests.Cors;

// A test-only analyzer, never shipped: the packaging and release-tracking rules for analyzers do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

/// <summary>
/// <see cref="CorsCompilationContext"/>'s shared callbacks: invocations routed by the invoked method's name, header
/// writes read once for every rule that asks for them, and no registration accepted once the context is wired.
/// </summary>
public class CorsCompilationContextTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Net.Http;
        using Microsoft.AspNetCore.Http;

        public static class Program
        {
            public static void Run(HttpClient client, HttpResponse response, List<string> list)
            {
                UseCors();
                Other();
                list.Add("x");
                client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
                client.DefaultRequestHeaders.Add("X-Request-Id", "1");
                response.Headers["Access-Control-Allow-Credentials"] = "true";
                response.Headers["Cache-Control"] = "no-store";
                response.Headers.AccessControlMaxAge = "600";
                response.StatusCode = 200;
            }

            private static void UseCors() { }

            private static void Other() { }
        }
        """;

    [Fact]
    public async Task RegisterInvocationAction_CallsTheActionForTheNamedMethodsOnly()
    {
        var analyzer = new ProbeAnalyzer(context =>
        {
            context.RegisterInvocationAction(c => Report(c, "named:" + ((IInvocationOperation)c.Operation).TargetMethod.Name), "UseCors", "Add");
            context.RegisterInvocationAction(c => Report(c, "other:" + ((IInvocationOperation)c.Operation).TargetMethod.Name), "Other");
        });

        var messages = await RunAsync(analyzer);

        Assert.Equal(
            new[] { "named:Add@11", "named:Add@12", "named:Add@13", "named:UseCors@9", "other:Other@10" },
            messages);
    }

    [Fact]
    public async Task RegisterHeaderWriteAction_ReadsEachCorsResponseHeaderWriteOnce_ForEveryAction()
    {
        var first = new ConcurrentQueue<HeaderWrite>();
        var second = new ConcurrentQueue<HeaderWrite>();
        var analyzer = new ProbeAnalyzer(context =>
        {
            context.RegisterHeaderWriteAction((c, write) =>
            {
                first.Enqueue(write);
                Report(c, write.Name + ":" + write.Side);
            });
            context.RegisterHeaderWriteAction((c, write) => second.Enqueue(write));
        });

        var messages = await RunAsync(analyzer);

        // The CORS response headers only (not X-Request-Id, Cache-Control, StatusCode), wherever they are written.
        Assert.Equal(
            new[]
            {
                "Access-Control-Allow-Credentials:Response@14",
                "Access-Control-Allow-Origin:Request@12",
                "Access-Control-Max-Age:Response@16",
            },
            messages);

        // Both actions got the same objects: each write was read once.
        Assert.Equal(
            first.OrderBy(w => w.Operation.Syntax.SpanStart),
            second.OrderBy(w => w.Operation.Syntax.SpanStart),
            ReferenceEqualityComparer.Instance);
    }

    [Fact]
    public async Task EveryRegistration_AfterRegisterWith_Throws()
    {
        var refused = new ConcurrentQueue<string>();
        void Try(string name, Action register)
        {
            try
            {
                register();
                refused.Enqueue(name + ": accepted");
            }
            catch (InvalidOperationException e) when (e.Message.Contains("CorsRule.Initialize", StringComparison.Ordinal))
            {
                refused.Enqueue(name + ": refused");
            }
        }

        var analyzer = new ProbeAnalyzer(
            context => context.RegisterOperationAction(_ => { }, OperationKind.Invocation),
            (context, start) =>
            {
                Try("operation", () => context.RegisterOperationAction(_ => { }, OperationKind.Invocation));
                Try("invocation", () => context.RegisterInvocationAction(_ => { }, "UseCors"));
                Try("policy", () => context.RegisterPolicyAction((_, _) => { }));
                Try("header write", () => context.RegisterHeaderWriteAction((_, _) => { }));
                Try("compilation end", () => context.RegisterCompilationEndAction(_ => { }));
                Try("registry", () => context.GetRegistry(context.Cors!));
                Try("wired twice", () => context.RegisterWith(start));
            });

        await RunAsync(analyzer);

        Assert.Equal(
            new[] { "compilation end: refused", "header write: refused", "invocation: refused", "operation: refused", "policy: refused", "registry: refused", "wired twice: refused" },
            refused.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RegistrationFromACallback_IsAnAnalyzerException_NotDropped()
    {
        CorsCompilationContext? wired = null;
        var analyzer = new ProbeAnalyzer(context =>
        {
            wired = context;
            context.RegisterInvocationAction(_ => wired!.RegisterCompilationEndAction(_ => { }), "UseCors");
        });

        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Program.cs", Source) });
        var run = await TestProjectFactory.AnalyzeAsync(project, ImmutableArray.Create<DiagnosticAnalyzer>(analyzer));

        Assert.Contains(run.Failures, f => f.Contains("CorsRule.Initialize", StringComparison.Ordinal));
    }

    private static readonly DiagnosticDescriptor Probe = new("PROBE", "probe", "{0}", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static void Report(OperationAnalysisContext context, string message) =>
        context.ReportDiagnostic(Diagnostic.Create(Probe, context.Operation.Syntax.GetLocation(), message));

    private static async Task<string[]> RunAsync(DiagnosticAnalyzer analyzer)
    {
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Program.cs", Source) });
        var run = await TestProjectFactory.AnalyzeAsync(project, ImmutableArray.Create(analyzer));
        Assert.True(run.Failures.IsEmpty, string.Join(Environment.NewLine, run.Failures));
        return run.Diagnostics
            .Select(d => d.GetMessage() + "@" + (d.Location.GetLineSpan().StartLinePosition.Line + 1))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>An analyzer that gives a <see cref="CorsCompilationContext"/> to a test's registrations.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class ProbeAnalyzer : DiagnosticAnalyzer
    {
        private readonly Action<CorsCompilationContext> _register;
        private readonly Action<CorsCompilationContext, CompilationStartAnalysisContext>? _afterWiring;

        public ProbeAnalyzer(Action<CorsCompilationContext> register, Action<CorsCompilationContext, CompilationStartAnalysisContext>? afterWiring = null)
        {
            _register = register;
            _afterWiring = afterWiring;
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Probe);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = CorsCompilationContext.TryCreate(start.Compilation, start.CancellationToken)!;
                _register(compilation);
                compilation.RegisterWith(start);
                _afterWiring?.Invoke(compilation, start);
            });
        }
    }
}
