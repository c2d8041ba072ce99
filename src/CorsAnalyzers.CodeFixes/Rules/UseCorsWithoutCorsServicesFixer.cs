using System.Collections.Generic;
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

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, AddCorsKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, AddCorsKey, FindAsync);

        private static Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count != 1
                || !diagnostic.AdditionalLocations[0].IsInSource
                || !diagnostic.Properties.TryGetValue(UseCorsWithoutCorsServicesRule.InsertionProperty, out var insertion)
                || !diagnostic.Properties.TryGetValue(UseCorsWithoutCorsServicesRule.ServicesProperty, out var services)
                || insertion is null
                || services is null)
            {
                return Task.FromResult(ImmutableArray<SiteFix>.Empty);
            }

            var anchor = diagnostic.AdditionalLocations[0];
            var anchorDocument = document.Project.Solution.GetDocument(anchor.SourceTree);
            if (anchorDocument is null)
            {
                return Task.FromResult(ImmutableArray<SiteFix>.Empty);
            }

            var call = CreateAddCors(services, diagnostic);
            var fix = new SiteFix(
                AddCorsKey,
                "Call " + services + ".AddCors()",
                ct => InsertAsync(anchorDocument, anchor, insertion == UseCorsWithoutCorsServicesRule.BeforeBuild, call, ct));
            return Task.FromResult(ImmutableArray.Create(fix));
        }

        /// <summary>
        /// <c>services.AddCors();</c>, or, when the application uses policies nothing defines, <c>services.AddCors(options =&gt;
        /// { ... })</c> defining them (the default policy first, then the names in source order) with the trusted origins
        /// (the <c>trusted_origins</c> option, or the marked placeholder): without them UseCors() would do nothing (CORS013)
        /// and a named policy would be unknown (CORS008). Lines are separated by "\n"; the caller replaces the line breaks.
        /// </summary>
        private static string CreateAddCors(string services, Diagnostic diagnostic)
        {
            var policies = new List<string>();
            var origins = string.Join(", ", PolicyFixes.CreateOriginExpressions(diagnostic).Select(o => o.ToFullString()));
            if (diagnostic.Properties.ContainsKey(UseCorsWithoutCorsServicesRule.DefaultPolicyProperty))
            {
                policies.Add("options.AddDefaultPolicy(policy => policy.WithOrigins(" + origins + "));");
            }

            if (diagnostic.Properties.TryGetValue(UseCorsWithoutCorsServicesRule.PoliciesProperty, out var names) && !string.IsNullOrEmpty(names))
            {
                foreach (var name in names!.Split('\n'))
                {
                    var literal = SyntaxFactory.Literal(name).ToString();
                    policies.Add("options.AddPolicy(" + literal + ", policy => policy.WithOrigins(" + origins + "));");
                }
            }

            return policies.Count == 0
                ? services + ".AddCors();"
                : services + ".AddCors(options =>\n{\n" + string.Concat(policies.Select(p => "    " + p + "\n")) + "});";
        }

        private static async Task<Solution> InsertAsync(Document document, Location anchor, bool beforeBuild, string call, CancellationToken cancellationToken)
        {
            var solution = document.Project.Solution;
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return solution;
            }

            var node = root.FindNode(anchor.SourceSpan, getInnermostNodeForTie: true);
            var endOfLine = StatementTrivia.FindEndOfLine(root);
            SyntaxNode newRoot;
            if (beforeBuild)
            {
                var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault();
                if (statement is null)
                {
                    return solution;
                }

                SyntaxNode target = statement.Parent is GlobalStatementSyntax global ? global : statement;
                var addCors = ParseStatement(call, endOfLine, StatementTrivia.GetIndentation(target.GetLeadingTrivia()).ToFullString());
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
                var indentation = statements.Count > 0
                    ? StatementTrivia.GetIndentation(statements[0].GetLeadingTrivia()).ToFullString()
                    : StatementTrivia.GetIndentation(body.GetLeadingTrivia()).ToFullString() + "    ";
                var addCors = ParseStatement(call, endOfLine, indentation);
                var index = statements.Count > 0 && statements[statements.Count - 1] is ReturnStatementSyntax ? statements.Count - 1 : statements.Count;
                var newBody = body.WithStatements(statements.Insert(index, addCors.WithAdditionalAnnotations(Formatter.Annotation)));
                newRoot = root.ReplaceNode(body, newBody);
            }

            return solution.WithDocumentSyntaxRoot(document.Id, newRoot);
        }

        /// <summary>The call as a statement, its inner lines indented under <paramref name="indentation"/>, with the file's line breaks.</summary>
        private static StatementSyntax ParseStatement(string call, SyntaxTrivia endOfLine, string indentation) =>
            SyntaxFactory.ParseStatement(call.Replace("\n", endOfLine.ToFullString() + indentation));
    }
}
