using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Whether making one boolean check inside an origin predicate stricter can only make the predicate accept fewer
    /// origins. Not under a <c>!</c>: <c>origin =&gt; !origin.Contains("contoso.com")</c> accepts more origins when the check
    /// accepts fewer. The check's result must reach the predicate's result through <c>( )</c>, <c>&amp;&amp;</c>,
    /// <c>||</c>, <c>!</c> (counted), <c>return</c>, or the condition of an <c>if</c> whose branches make the move safe
    /// (<c>if (check) return true;</c>, <c>if (check) { ... } return false;</c>); a helper method must be used only as the
    /// predicate or from such positions (two calls deep). Anything else (a local, <c>== false</c>, a ternary) is unknown:
    /// no rewrite.
    /// </summary>
    internal static class PredicatePolarity
    {
        private const int MaxHelperDepth = 2;

        public static Task<bool> TighteningIsSafeAsync(Document document, ExpressionSyntax check, CancellationToken cancellationToken) =>
            TighteningIsSafeAsync(document, check, 0, cancellationToken);

        private static async Task<bool> TighteningIsSafeAsync(Document document, ExpressionSyntax check, int depth, CancellationToken cancellationToken)
        {
            var function = FindResult(check, out var positive);
            if (function is null || !positive)
            {
                return false;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return false;
            }

            if (function is AnonymousFunctionExpressionSyntax)
            {
                return IsOriginPredicate(function, model, cancellationToken);
            }

            if (depth >= MaxHelperDepth || model.GetDeclaredSymbol(function, cancellationToken) is not IMethodSymbol method)
            {
                return false;
            }

            // A helper: every use is the predicate itself (a method group) or a call in a position where a stricter
            // result is safe.
            var solution = document.Project.Solution;
            var uses = 0;
            foreach (var referenced in await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false))
            {
                foreach (var reference in referenced.Locations)
                {
                    uses++;
                    var useDocument = reference.Document;
                    var root = await useDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var useModel = await useDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (root is null || useModel is null)
                    {
                        return false;
                    }

                    var name = root.FindNode(reference.Location.SourceSpan, getInnermostNodeForTie: true);
                    var expression = name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name ? memberAccess : name;
                    if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                    {
                        if (!await TighteningIsSafeAsync(useDocument, invocation, depth + 1, cancellationToken).ConfigureAwait(false))
                        {
                            return false;
                        }
                    }
                    else if (!IsOriginPredicate(expression, useModel, cancellationToken))
                    {
                        return false;
                    }
                }
            }

            return uses > 0;
        }

        /// <summary>
        /// The function whose result the check's value decides (lambda, anonymous method, method, local function), and
        /// whether a stricter check gives a stricter result; null when the path is not one this knows.
        /// </summary>
        private static SyntaxNode? FindResult(SyntaxNode check, out bool positive)
        {
            positive = true;
            var current = check;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case ParenthesizedExpressionSyntax:
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression):
                        current = parent;
                        continue;

                    case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                        positive = !positive;
                        current = parent;
                        continue;

                    case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == current:
                        return lambda;

                    case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax or LocalFunctionStatementSyntax } arrow:
                        return arrow.Parent;

                    case ReturnStatementSyntax:
                        return GetFunction(parent);

                    case IfStatementSyntax ifStatement when ifStatement.Condition == current:
                        // A stricter condition sends some origins from the then-path to the other one: safe when the then-path
                        // accepts them all (return true) or the other path rejects them all (return false); mirrored for a
                        // condition that gets looser.
                        var moreRejected = positive
                            ? ReturnsLiteral(ifStatement.Statement, true) || ReturnsLiteral(OtherPath(ifStatement), false)
                            : ReturnsLiteral(ifStatement.Statement, false) || ReturnsLiteral(OtherPath(ifStatement), true);
                        positive = moreRejected;
                        return moreRejected ? GetFunction(ifStatement) : null;

                    default:
                        return null;
                }
            }
        }

        /// <summary>The statement that runs when the condition is false: the else branch, or the next one when the then-branch always returns.</summary>
        private static StatementSyntax? OtherPath(IfStatementSyntax ifStatement)
        {
            if (ifStatement.Else is { } elseClause)
            {
                return elseClause.Statement;
            }

            if (!AlwaysReturns(ifStatement.Statement) || ifStatement.Parent is not BlockSyntax block)
            {
                return null;
            }

            var index = block.Statements.IndexOf(ifStatement);
            return index >= 0 && index + 1 < block.Statements.Count ? block.Statements[index + 1] : null;
        }

        private static bool AlwaysReturns(StatementSyntax statement) => statement switch
        {
            ReturnStatementSyntax => true,
            BlockSyntax { Statements.Count: > 0 } block => block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax,
            _ => false,
        };

        private static bool ReturnsLiteral(StatementSyntax? statement, bool value)
        {
            if (statement is BlockSyntax { Statements.Count: 1 } block)
            {
                statement = block.Statements[0];
            }

            return statement is ReturnStatementSyntax { Expression: LiteralExpressionSyntax literal }
                && literal.IsKind(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
        }

        private static SyntaxNode? GetFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MethodDeclarationSyntax)
                {
                    return current;
                }

                if (current is MemberDeclarationSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>Whether the expression (a lambda, a method group) is the origin predicate: SetIsOriginAllowed's argument or the value assigned to IsOriginAllowed.</summary>
        private static bool IsOriginPredicate(SyntaxNode expression, SemanticModel model, CancellationToken cancellationToken)
        {
            var builder = model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
            var policy = model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy");
            switch (expression.Parent)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }:
                    return model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol { Name: "SetIsOriginAllowed" } method
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType, builder);
                case AssignmentExpressionSyntax assignment when assignment.Right == expression:
                    return model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is IPropertySymbol { Name: "IsOriginAllowed" } property
                        && SymbolEqualityComparer.Default.Equals(property.ContainingType, policy);
                default:
                    return false;
            }
        }
    }
}
