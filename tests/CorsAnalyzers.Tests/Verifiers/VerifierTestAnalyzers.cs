using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

// Test-only analyzers that live in the test assembly and never ship: the analyzer-packaging rules do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// Test-only analyzer for the verifier's self-tests: TEST001 on every <c>int.Parse</c> call, TEST002 on the
/// literal 42, TEST003 (disabled by default) on every <c>long.Parse</c> call. The .editorconfig key
/// <c>test001.enabled = false</c> turns TEST001 off.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IntParseTestAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor IntParse = new(
        "TEST001", "int.Parse call", "int.Parse called with {0} argument(s)", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FortyTwo = new(
        "TEST002", "The answer", "The answer is {0}", "Test", DiagnosticSeverity.Info, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LongParse = new(
        "TEST003", "long.Parse call", "long.Parse called", "Test", DiagnosticSeverity.Info, isEnabledByDefault: false);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(IntParse, FortyTwo, LongParse);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            operationContext =>
            {
                var invocation = (IInvocationOperation)operationContext.Operation;
                if (invocation.TargetMethod.Name != "Parse")
                {
                    return;
                }

                var type = invocation.TargetMethod.ContainingType.SpecialType;
                if (type == SpecialType.System_Int32)
                {
                    var options = operationContext.Options.AnalyzerConfigOptionsProvider.GetOptions(operationContext.Operation.Syntax.SyntaxTree);
                    if (options.TryGetValue("test001.enabled", out var enabled) && enabled == "false")
                    {
                        return;
                    }

                    operationContext.ReportDiagnostic(Diagnostic.Create(IntParse, invocation.Syntax.GetLocation(), invocation.Arguments.Length));
                }
                else if (type == SpecialType.System_Int64)
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(LongParse, invocation.Syntax.GetLocation()));
                }
            },
            OperationKind.Invocation);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (operationContext.Operation.ConstantValue is { HasValue: true, Value: 42 })
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(FortyTwo, operationContext.Operation.Syntax.GetLocation(), "42"));
                }
            },
            OperationKind.Literal);
    }
}

/// <summary>Test-only fix for TEST001: replaces the call with <c>0</c>, with <c>-1</c>, or with code that does not compile.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IntParseTestFixer)), Shared]
public sealed class IntParseTestFixer : CodeFixProvider
{
    public const string ReplaceWithZero = "TEST001.ReplaceWithZero";
    public const string ReplaceWithMinusOne = "TEST001.ReplaceWithMinusOne";
    public const string Break = "TEST001.Break";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TEST001");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(context.Span, getInnermostNodeForTie: true);
        if (root is null || node is null)
        {
            return;
        }

        context.RegisterCodeFix(Replace(context.Document, root, node, "0", "Replace with 0", ReplaceWithZero), context.Diagnostics);
        context.RegisterCodeFix(
            CodeAction.Create(
                "More replacements",
                ImmutableArray.Create(
                    Replace(context.Document, root, node, "-1", "Replace with -1", ReplaceWithMinusOne),
                    Replace(context.Document, root, node, "undefinedIdentifier", "Break the code", Break)),
                isInlinable: false),
            context.Diagnostics);
    }

    private static CodeAction Replace(Document document, SyntaxNode root, SyntaxNode node, string expression, string title, string key) =>
        CodeAction.Create(
            title,
            _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(node, SyntaxFactory.ParseExpression(expression).WithTriviaFrom(node)))),
            key);
}

/// <summary>Test-only analyzer that throws on a call to a method named Boom.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingTestAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        "TEST100", "Boom", "Boom", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterOperationAction(
            operationContext =>
            {
                if (((IInvocationOperation)operationContext.Operation).TargetMethod.Name == "Boom")
                {
                    throw new InvalidOperationException("The test analyzer exploded.");
                }
            },
            OperationKind.Invocation);
    }
}
