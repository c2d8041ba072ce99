using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.CodeFixes.Cors;
using CorsAnalyzers.Cors;
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
    /// CORS011: inserts <c>app.UseCors();</c> into the pipeline: after UseRouting() when the pipeline calls it,
    /// else before UseAuthentication/UseAuthorization, else before the first Map*/Run call. The diagnostic (on
    /// AddCors) carries the pipeline statement as its additional location, possibly in another document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorsNeverEnabledFixer)), Shared]
    public sealed class CorsNeverEnabledFixer : CodeFixProvider
    {
        public const string AddUseCorsKey = "CORS011.AddUseCors";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.CorsNeverEnabled);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, AddUseCorsKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, AddUseCorsKey, FindAsync);

        private static Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count != 1
                || !diagnostic.AdditionalLocations[0].IsInSource
                || !diagnostic.Properties.TryGetValue(CorsNeverEnabledRule.PositionProperty, out var position)
                || !diagnostic.Properties.TryGetValue(CorsNeverEnabledRule.ReceiverProperty, out var receiver)
                || position is null
                || receiver is null)
            {
                return Task.FromResult(ImmutableArray<SiteFix>.Empty);
            }

            var anchor = diagnostic.AdditionalLocations[0];
            var anchorDocument = document.Project.Solution.GetDocument(anchor.SourceTree);
            if (anchorDocument is null)
            {
                return Task.FromResult(ImmutableArray<SiteFix>.Empty);
            }

            diagnostic.Properties.TryGetValue(CorsNeverEnabledRule.PolicyNameProperty, out var policyName);
            var call = "UseCors(" + (policyName is null ? string.Empty : SyntaxFactory.Literal(policyName).Text) + ")";
            return Task.FromResult(ImmutableArray.Create(new SiteFix(
                AddUseCorsKey,
                "Call " + receiver + "." + call,
                ct => InsertAsync(anchorDocument, anchor, position == CorsNeverEnabledRule.After, receiver + "." + call, ct))));
        }

        private static async Task<Solution> InsertAsync(Document document, Location anchor, bool after, string call, CancellationToken cancellationToken)
        {
            var solution = document.Project.Solution;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var statement = root?.FindNode(anchor.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf()
                .OfType<ExpressionStatementSyntax>()
                .FirstOrDefault();
            if (root is null || statement is null)
            {
                return solution;
            }

            SyntaxNode target = statement.Parent is GlobalStatementSyntax global ? global : statement;
            var endOfLine = StatementTrivia.FindEndOfLine(root);
            var indentation = StatementTrivia.GetIndentation(target.GetLeadingTrivia());

            var useCors = SyntaxFactory.ParseStatement(call + ";");
            SyntaxNode newNode = target is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(useCors) : useCors;

            SyntaxNode newRoot;
            if (after)
            {
                var leading = SyntaxFactory.TriviaList(indentation);
                var trailing = target.GetTrailingTrivia();
                if (!trailing.Any(SyntaxKind.EndOfLineTrivia))
                {
                    // The anchor ends the file: start the new statement on its own line.
                    leading = leading.Insert(0, endOfLine);
                }

                newNode = newNode.WithLeadingTrivia(leading).WithTrailingTrivia(trailing);
                newRoot = root.InsertNodesAfter(target, new[] { newNode.WithAdditionalAnnotations(Formatter.Annotation) });
            }
            else
            {
                // The new statement takes the anchor's leading trivia (blank lines, comments); the anchor keeps its indentation.
                newNode = newNode.WithLeadingTrivia(target.GetLeadingTrivia()).WithTrailingTrivia(endOfLine);
                var newTarget = target.WithLeadingTrivia(indentation);
                newRoot = root.ReplaceNode(target, new[] { newNode.WithAdditionalAnnotations(Formatter.Annotation), newTarget });
            }

            return solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }
    }
}
