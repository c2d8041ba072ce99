using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The rewrites shared by the policy rules (CORS001, CORS002, CORS009): replace the permissive part with
    /// <c>WithOrigins(...)</c>, or drop credentials.
    /// </summary>
    internal static class PolicyFixes
    {
        /// <summary>What the WithOrigins fix writes when no trusted origins are configured.</summary>
        public const string PlaceholderOrigin = "https://app.example.com";

        /// <summary>
        /// The node <see cref="UseWithOriginsAsync"/> rewrites, or null when there is no safe rewrite: an
        /// <c>AllowAnyOrigin()</c>/<c>WithOrigins("*")</c>/<c>SetIsOriginAllowed(...)</c> call, or a "*" value in a
        /// constructor argument list or a collection initializer.
        /// </summary>
        public static SyntaxNode? FindWithOriginsTarget(SyntaxNode root, TextSpan span)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            for (var current = node; current is not null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax invocation && invocation.Span.End == span.End
                    && invocation.Expression is MemberAccessExpressionSyntax or MemberBindingExpressionSyntax)
                {
                    return invocation;
                }

                if (current is LiteralExpressionSyntax literal && literal.Span == span)
                {
                    if (literal.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax } })
                    {
                        return literal;
                    }

                    if (literal.Parent is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.CollectionInitializerExpression })
                    {
                        return literal;
                    }

                    return null;
                }

                if (current.Span.Length > span.Length)
                {
                    break;
                }
            }

            return null;
        }

        /// <summary>Replaces the permissive part with the trusted origins (configured, or a marked placeholder).</summary>
        public static async Task<Document> UseWithOriginsAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var target = root is null ? null : FindWithOriginsTarget(root, diagnostic.Location.SourceSpan);
            if (root is null || target is null)
            {
                return document;
            }

            var origins = CreateOriginExpressions(diagnostic);
            SyntaxNode newRoot;
            switch (target)
            {
                case InvocationExpressionSyntax invocation:
                    var arguments = SyntaxFactory.SeparatedList(origins.Select(SyntaxFactory.Argument));
                    var newInvocation = invocation
                        .WithExpression(RenameMethod(invocation.Expression, "WithOrigins"))
                        .WithArgumentList(invocation.ArgumentList.WithArguments(arguments));
                    newRoot = root.ReplaceNode(invocation, newInvocation.WithAdditionalAnnotations(Formatter.Annotation));
                    break;

                case LiteralExpressionSyntax { Parent: ArgumentSyntax argument } when argument.Parent is ArgumentListSyntax argumentList:
                    var newArgumentList = argumentList.WithArguments(
                        argumentList.Arguments.ReplaceRange(argument, origins.Select(SyntaxFactory.Argument)));
                    newRoot = root.ReplaceNode(argumentList, newArgumentList);
                    break;

                case LiteralExpressionSyntax { Parent: InitializerExpressionSyntax initializer } literal:
                    newRoot = root.ReplaceNode(initializer, initializer.WithExpressions(initializer.Expressions.ReplaceRange(literal, origins)));
                    break;

                default:
                    return document;
            }

            return document.WithSyntaxRoot(newRoot);
        }

        private static ExpressionSyntax RenameMethod(ExpressionSyntax expression, string name)
        {
            switch (expression)
            {
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(memberAccess.Name));
                case MemberBindingExpressionSyntax memberBinding:
                    return memberBinding.WithName(SyntaxFactory.IdentifierName(name).WithTriviaFrom(memberBinding.Name));
                default:
                    return expression;
            }
        }

        private static List<ExpressionSyntax> CreateOriginExpressions(Diagnostic diagnostic)
        {
            var result = new List<ExpressionSyntax>();
            if (diagnostic.Properties.TryGetValue(TrustedOrigins.PropertyName, out var configured) && !string.IsNullOrEmpty(configured))
            {
                foreach (var origin in configured!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    result.Add(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(origin)));
                }
            }

            if (result.Count == 0)
            {
                var comment = SyntaxFactory.Comment("/* TODO " + diagnostic.Id + ": list the trusted origins */");
                result.Add(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(PlaceholderOrigin))
                    .WithTrailingTrivia(SyntaxFactory.Space, comment));
            }

            return result;
        }

        /// <summary>Whether the diagnostic's additional locations (the credential operations) can all be removed.</summary>
        public static bool CanRemoveCredentials(Diagnostic diagnostic) => diagnostic.AdditionalLocations.Count > 0
            && diagnostic.AdditionalLocations.All(location => location.IsInSource);

        /// <summary>Removes every AllowCredentials() call and SupportsCredentials = true the diagnostic points at.</summary>
        public static async Task<Solution> RemoveCredentialsAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var solution = document.Project.Solution;
            var editor = new SolutionEditor(solution);
            foreach (var location in diagnostic.AdditionalLocations)
            {
                var credentialsDocument = solution.GetDocument(location.SourceTree);
                if (credentialsDocument is null)
                {
                    continue;
                }

                var documentEditor = await editor.GetDocumentEditorAsync(credentialsDocument.Id, cancellationToken).ConfigureAwait(false);
                var node = documentEditor.OriginalRoot.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
                await RemoveCredentialsAsync(documentEditor, credentialsDocument, node, location.SourceSpan, cancellationToken).ConfigureAwait(false);
            }

            return editor.GetChangedSolution();
        }

        private static async Task RemoveCredentialsAsync(DocumentEditor editor, Document document, SyntaxNode node, TextSpan span, CancellationToken cancellationToken)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    // builder.AllowCredentials() and ...AllowCredentials() in a fluent chain
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation when invocation.Span.End == span.End:
                        await FluentCalls.RemoveCallAsync(editor, document, invocation, cancellationToken).ConfigureAwait(false);
                        return;

                    // policy.SupportsCredentials = true; and new CorsPolicy { SupportsCredentials = true }
                    case AssignmentExpressionSyntax assignment when assignment.Span == span:
                        if (assignment.Parent is ExpressionStatementSyntax assignmentStatement)
                        {
                            editor.RemoveNode(assignmentStatement);
                        }
                        else if (assignment.Parent is InitializerExpressionSyntax)
                        {
                            editor.RemoveNode(assignment);
                        }
                        else
                        {
                            editor.ReplaceNode(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(assignment.Right));
                        }

                        return;
                }
            }
        }
    }
}
