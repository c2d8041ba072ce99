using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Removes one call of a fluent chain (<c>policy.AllowCredentials()</c>, <c>.WithOrigins("null")</c>): the receiver
    /// stays where the value is used; where it is not (a statement, the expression body of a void lambda or method),
    /// the receiver alone would not compile (CS0201), so the statement goes or the body becomes empty.
    /// </summary>
    internal static class FluentCalls
    {
        public static async Task RemoveCallAsync(
            DocumentEditor editor,
            Document document,
            InvocationExpressionSyntax invocation,
            CancellationToken cancellationToken)
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax memberAccess)
            {
                return;
            }

            var receiver = memberAccess.Expression;
            if (!IsValidStatementExpression(receiver))
            {
                if (invocation.Parent is ExpressionStatementSyntax statement)
                {
                    editor.RemoveNode(statement);
                    return;
                }

                if (invocation.Parent is LambdaExpressionSyntax or ArrowExpressionClauseSyntax
                    && await IsVoidExpressionBodyAsync(document, invocation, cancellationToken).ConfigureAwait(false))
                {
                    switch (invocation.Parent)
                    {
                        case LambdaExpressionSyntax lambda:
                            editor.ReplaceNode(lambda, lambda
                                .WithExpressionBody(null)
                                .WithBlock(SyntaxFactory.Block().WithTriviaFrom(invocation))
                                .WithAdditionalAnnotations(Formatter.Annotation));
                            return;
                        case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method }:
                            editor.ReplaceNode(method, method
                                .WithExpressionBody(null)
                                .WithSemicolonToken(default)
                                .WithBody(SyntaxFactory.Block())
                                .WithAdditionalAnnotations(Formatter.Annotation));
                            return;
                        case ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax localFunction }:
                            editor.ReplaceNode(localFunction, localFunction
                                .WithExpressionBody(null)
                                .WithSemicolonToken(default)
                                .WithBody(SyntaxFactory.Block())
                                .WithAdditionalAnnotations(Formatter.Annotation));
                            return;
                    }
                }
            }

            editor.ReplaceNode(invocation, receiver.WithoutTrailingTrivia().WithTrailingTrivia(invocation.GetTrailingTrivia()));
        }

        /// <summary>Whether the expression alone can be a statement (a call, a creation, an assignment, an await).</summary>
        public static bool IsValidStatementExpression(ExpressionSyntax expression) =>
            expression is InvocationExpressionSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                or AssignmentExpressionSyntax or AwaitExpressionSyntax;

        /// <summary>Whether the expression body that <paramref name="invocation"/> is belongs to a function returning void.</summary>
        private static async Task<bool> IsVoidExpressionBodyAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return true;
            }

            var function = invocation.Parent is LambdaExpressionSyntax lambda
                ? model.GetSymbolInfo(lambda, cancellationToken).Symbol
                : invocation.Parent?.Parent is { } declaration ? model.GetDeclaredSymbol(declaration, cancellationToken) : null;
            return function is not IMethodSymbol method || method.ReturnsVoid;
        }
    }
}
