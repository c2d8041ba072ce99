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
using Microsoft.CodeAnalysis.Simplification;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// CORS012 fixes. The default (<see cref="UseCorsModeKey"/>) replaces the no-cors value with the 'cors' mode, which is
    /// what fetch uses when no mode is set: one expression replaced by another of the same type, valid in every shape (a
    /// statement, a chain, a conditional branch, a named argument). The alternative (<see cref="RemoveCallKey"/>) removes
    /// the call, when the whole argument is no-cors and the call is a statement or a link of a chain.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NoCorsRequestModeFixer)), Shared]
    public sealed class NoCorsRequestModeFixer : CodeFixProvider
    {
        public const string UseCorsModeKey = "CORS012.UseCorsMode";
        public const string RemoveCallKey = "CORS012.RemoveCall";

        private const string BrowserRequestModeType = "Microsoft.AspNetCore.Components.WebAssembly.Http.BrowserRequestMode";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.NoCorsRequestMode);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, UseCorsModeKey, ImmutableArray.Create(RemoveCallKey), FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, UseCorsModeKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null
                || !diagnostic.Properties.TryGetValue(NoCorsRequestModeRule.FormProperty, out var form)
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            var span = value.Span;
            var fixes = ImmutableArray.CreateBuilder<SiteFix>();
            fixes.Add(SiteFix.ForDocument(
                UseCorsModeKey,
                "Use the 'cors' request mode",
                ct => UseCorsModeAsync(document, span, form == NoCorsRequestModeRule.OptionForm, ct)));

            if (diagnostic.Properties.ContainsKey(NoCorsRequestModeRule.WholeArgumentProperty)
                && diagnostic.AdditionalLocations.Count == 1
                && diagnostic.AdditionalLocations[0].IsInSource
                && root.FullSpan.Contains(diagnostic.AdditionalLocations[0].SourceSpan)
                && root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax call)
            {
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is not null && GetCallRemoval(call, model, cancellationToken) is { } removal)
                {
                    fixes.Add(SiteFix.ForDocument(RemoveCallKey, "Remove the no-cors request mode", ct => SiteLocations.ReplaceTextAsync(document, removal.Span, removal.Text, ct)));
                }
            }

            return fixes.ToImmutable();
        }

        private static async Task<Document> UseCorsModeAsync(Document document, TextSpan span, bool isOption, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                return document;
            }

            ExpressionSyntax replacement;
            if (isOption)
            {
                replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("cors"));
            }
            else if (value is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "NoCors" } memberAccess)
            {
                // BrowserRequestMode.NoCors (however qualified) -> BrowserRequestMode.Cors
                replacement = memberAccess.WithName(SyntaxFactory.IdentifierName("Cors").WithTriviaFrom(memberAccess.Name));
            }
            else
            {
                // A constant, a cast or a static-imported name: the enum member, simplified to how the file names types.
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model?.Compilation.GetTypeByMetadataName(BrowserRequestModeType) is not { } modeType)
                {
                    return document;
                }

                var generator = SyntaxGenerator.GetGenerator(document);
                replacement = ((ExpressionSyntax)generator.MemberAccessExpression(generator.TypeExpression(modeType), "Cors"))
                    .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);
            }

            return document.WithSyntaxRoot(root.ReplaceNode(value, replacement.WithTriviaFrom(value)));
        }

        /// <summary>
        /// Removing the call: its statement (<c>request.SetBrowserRequestMode(...);</c>), or the call within a chain
        /// (<c>new HttpRequestMessage(...).SetBrowserRequestMode(...)</c> keeps the request, which the call returns).
        /// </summary>
        private static (TextSpan Span, string Text)? GetCallRemoval(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
        {
            var receiver = call.Expression is MemberAccessExpressionSyntax memberAccess ? memberAccess.Expression : null;
            if (call.Parent is ExpressionStatementSyntax statement
                && receiver is null or IdentifierNameSyntax or ThisExpressionSyntax or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax or ThisExpressionSyntax })
            {
                return RemovalSpans.Statement(statement) is { } span ? (span, string.Empty) : null;
            }

            if (receiver is null)
            {
                return null;
            }

            var receiverType = model.GetTypeInfo(receiver, cancellationToken).Type;
            return receiverType is not null && SymbolEqualityComparer.Default.Equals(receiverType, model.GetTypeInfo(call, cancellationToken).Type)
                ? (TextSpan.FromBounds(receiver.Span.End, call.Span.End), string.Empty)
                : null;
        }
    }
}
