using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace CorsAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// CORS013: removes the useless <c>app.UseCors()</c>, or passes the application's only named policy to it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCorsWithoutPolicyFixer)), Shared]
    public sealed class UseCorsWithoutPolicyFixer : CodeFixProvider
    {
        public const string RemoveUseCorsKey = "CORS013.RemoveUseCors";

        public const string UseSinglePolicyKey = "CORS013.UseSinglePolicy";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.UseCorsWithoutPolicy);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation)
                    || !(invocation.Expression is MemberAccessExpressionSyntax memberAccess)
                    || invocation.ArgumentList.Arguments.Count != 0)
                {
                    continue;
                }

                if (diagnostic.Properties.TryGetValue(UseCorsWithoutPolicyRule.SinglePolicyNameProperty, out var name) && name is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use the policy '" + name + "'",
                            cancellationToken => UsePolicyAsync(context.Document, invocation, name, cancellationToken),
                            UseSinglePolicyKey),
                        diagnostic);
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove UseCors()",
                        cancellationToken => RemoveAsync(context.Document, invocation, memberAccess, cancellationToken),
                        RemoveUseCorsKey),
                    diagnostic);
            }
        }

        private static async Task<Document> UsePolicyAsync(Document document, InvocationExpressionSyntax invocation, string name, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var argument = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)));
            var arguments = invocation.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(argument));
            return document.WithSyntaxRoot(root.ReplaceNode(invocation.ArgumentList, arguments));
        }

        private static async Task<Document> RemoveAsync(
            Document document,
            InvocationExpressionSyntax invocation,
            MemberAccessExpressionSyntax memberAccess,
            CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            SyntaxNode? newRoot;
            if (invocation.Parent is ExpressionStatementSyntax statement)
            {
                // app.UseCors(); as a statement: remove the line.
                SyntaxNode toRemove = statement.Parent is GlobalStatementSyntax global ? global : statement;
                newRoot = root.RemoveNode(toRemove, SyntaxRemoveOptions.KeepDirectives | SyntaxRemoveOptions.KeepUnbalancedDirectives);
            }
            else
            {
                // app.UseCors().UseX() or return app.UseCors(): keep the receiver, drop the call.
                var receiver = memberAccess.Expression.WithTriviaFrom(invocation).WithAdditionalAnnotations(Formatter.Annotation);
                newRoot = root.ReplaceNode(invocation, receiver);
            }

            return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
        }
    }
}
