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

namespace CorsAnalyzers.CodeFixes.Rules
{
    /// <summary>CORS008: replaces a mistyped policy name literal with the defined name it most likely meant.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownPolicyNameFixer)), Shared]
    public sealed class UnknownPolicyNameFixer : CodeFixProvider
    {
        public const string UseNearestNameKey = "CORS008.UseNearestName";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.UnknownPolicyName);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, UseNearestNameKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, UseNearestNameKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null
                || !diagnostic.Properties.TryGetValue(UnknownPolicyNameRule.SuggestedNameProperty, out var suggestion)
                || suggestion is null
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            // Only a string literal is rewritten: a constant may be shared with other uses.
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
                || !literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            return ImmutableArray.Create(SiteFix.ForDocument(
                UseNearestNameKey,
                "Use '" + suggestion + "'",
                ct => ReplaceAsync(document, literal, suggestion, ct)));
        }

        private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string name, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name))
                .WithTriviaFrom(literal);
            return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
        }
    }
}
