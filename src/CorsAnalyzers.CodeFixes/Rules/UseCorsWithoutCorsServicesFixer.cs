using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.CodeFixes.Cors;
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
    /// CORS017: registers the CORS services with a plain <c>AddCors()</c>, next to the other registrations: right
    /// before <c>var app = builder.Build();</c>, or at the end of a Startup's ConfigureServices. It defines no policy:
    /// which origins to trust is the user's decision (CORS008 then says which names are still unknown).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCorsWithoutCorsServicesFixer)), Shared]
    public sealed class UseCorsWithoutCorsServicesFixer : CodeFixProvider
    {
        public const string AddCorsKey = "CORS017.AddCors";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.UseCorsWithoutCorsServices);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.AdditionalLocations.Count != 1
                    || !diagnostic.Properties.TryGetValue(UseCorsWithoutCorsServicesRule.InsertionProperty, out var insertion)
                    || !diagnostic.Properties.TryGetValue(UseCorsWithoutCorsServicesRule.ServicesProperty, out var services)
                    || insertion is null
                    || services is null)
                {
                    continue;
                }

                var anchor = diagnostic.AdditionalLocations[0];
                var anchorDocument = context.Document.Project.Solution.GetDocument(anchor.SourceTree);
                if (anchorDocument is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Call " + services + ".AddCors()",
                        cancellationToken => InsertAsync(anchorDocument, anchor, insertion == UseCorsWithoutCorsServicesRule.BeforeBuild, services, cancellationToken),
                        AddCorsKey),
                    diagnostic);
            }

            return Task.CompletedTask;
        }

        private static async Task<Solution> InsertAsync(Document document, Location anchor, bool beforeBuild, string services, CancellationToken cancellationToken)
        {
            var solution = document.Project.Solution;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return solution;
            }

            var node = root.FindNode(anchor.SourceSpan, getInnermostNodeForTie: true);
            var endOfLine = StatementTrivia.FindEndOfLine(root);
            var addCors = SyntaxFactory.ParseStatement(services + ".AddCors();");
            SyntaxNode newRoot;
            if (beforeBuild)
            {
                var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault();
                if (statement is null)
                {
                    return solution;
                }

                SyntaxNode target = statement.Parent is GlobalStatementSyntax global ? global : statement;
                SyntaxNode newNode = target is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(addCors) : addCors;

                // Right after the registrations: the Build() statement keeps its blank lines and comments.
                newNode = newNode.WithLeadingTrivia(StatementTrivia.GetIndentation(target.GetLeadingTrivia())).WithTrailingTrivia(endOfLine);
                newRoot = root.InsertNodesBefore(target, new[] { newNode });
            }
            else
            {
                if (!(node.AncestorsAndSelf().OfType<BlockSyntax>().FirstOrDefault() is { } body))
                {
                    return solution;
                }

                // At the end of ConfigureServices, before a final return.
                var statements = body.Statements;
                var index = statements.Count > 0 && statements[statements.Count - 1] is ReturnStatementSyntax ? statements.Count - 1 : statements.Count;
                var newBody = body.WithStatements(statements.Insert(index, addCors.WithAdditionalAnnotations(Formatter.Annotation)));
                newRoot = root.ReplaceNode(body, newBody);
            }

            return solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }
    }
}
