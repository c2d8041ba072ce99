using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace CorsAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// CORS013, one default deciding per site (<see cref="FixUseCorsKey"/>): pass the application's only named policy to
    /// <c>UseCors()</c> when there is exactly one, else remove the call, which does nothing, when no endpoint carries CORS
    /// metadata (with metadata, the endpoint middleware throws without UseCors: no fix). Where the default passes the
    /// policy, removing the call is the alternative (<see cref="RemoveUseCorsKey"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCorsWithoutPolicyFixer)), Shared]
    public sealed class UseCorsWithoutPolicyFixer : CodeFixProvider
    {
        public const string FixUseCorsKey = "CORS013.FixUseCors";

        public const string RemoveUseCorsKey = "CORS013.RemoveUseCors";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.UseCorsWithoutPolicy);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, FixUseCorsKey, ImmutableArray.Create(RemoveUseCorsKey), FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, FixUseCorsKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || invocation.Expression is not MemberAccessExpressionSyntax memberAccess
                || invocation.ArgumentList.Arguments.Count != 0)
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            const string RemoveTitle = "Remove UseCors()";
            var removable = diagnostic.Properties.ContainsKey(UseCorsWithoutPolicyRule.RemovableProperty);
            if (diagnostic.Properties.TryGetValue(UseCorsWithoutPolicyRule.SinglePolicyNameProperty, out var name) && name is not null)
            {
                var usePolicy = SiteFix.ForDocument(FixUseCorsKey, "Use the policy '" + name + "'", ct => UsePolicyAsync(document, invocation, name, ct));
                return removable
                    ? ImmutableArray.Create(usePolicy, SiteFix.ForDocument(RemoveUseCorsKey, RemoveTitle, ct => RemoveAsync(document, invocation, memberAccess, ct)))
                    : ImmutableArray.Create(usePolicy);
            }

            return removable
                ? ImmutableArray.Create(SiteFix.ForDocument(FixUseCorsKey, RemoveTitle, ct => RemoveAsync(document, invocation, memberAccess, ct)))
                : ImmutableArray<SiteFix>.Empty;
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

            if (invocation.Parent is ExpressionStatementSyntax statement)
            {
                // app.UseCors(); as a statement: remove the line.
                SyntaxNode toRemove = statement.Parent is GlobalStatementSyntax global ? global : statement;
                var newRoot = root.RemoveNode(toRemove, SyntaxRemoveOptions.KeepDirectives | SyntaxRemoveOptions.KeepUnbalancedDirectives);
                return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
            }

            if (invocation.Parent is LambdaExpressionSyntax or ArrowExpressionClauseSyntax)
            {
                // api => api.UseCors(): the lambda of a void delegate becomes api => { }.
                var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                await FluentCalls.RemoveCallAsync(editor, document, invocation, cancellationToken).ConfigureAwait(false);
                return editor.GetChangedDocument();
            }

            // app.UseCors().UseX() or return app.UseCors(): keep the receiver, drop the call.
            var receiver = memberAccess.Expression.WithTriviaFrom(invocation).WithAdditionalAnnotations(Formatter.Annotation);
            return document.WithSyntaxRoot(root.ReplaceNode(invocation, receiver));
        }
    }
}
