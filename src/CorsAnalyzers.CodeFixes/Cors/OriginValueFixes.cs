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
    /// The rewrites of one origin value that CORS004 and CORS005 report: a string literal given to
    /// <c>WithOrigins(...)</c>, <c>new CorsPolicyBuilder(...)</c>, <c>CorsPolicy.Origins.Add(...)</c> or a
    /// <c>new CorsPolicy { Origins = { ... } }</c> initializer. A constant reference is never rewritten: other code
    /// may use it.
    /// </summary>
    internal static class OriginValueFixes
    {
        private const string WithOriginsName = "WithOrigins";
        private const string WildcardSubdomainsName = "SetIsOriginAllowedToAllowWildcardSubdomains";

        /// <summary>The string literal the diagnostic is reported on, or null (a constant reference, an interpolation).</summary>
        public static LiteralExpressionSyntax? FindLiteral(SyntaxNode root, TextSpan span)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            return node is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression) && literal.Span == span
                ? literal
                : null;
        }

        /// <summary>The origin value the diagnostic is reported on (a literal, a constant reference, ...), or null.</summary>
        public static ExpressionSyntax? FindValue(SyntaxNode root, TextSpan span)
        {
            if (!root.FullSpan.Contains(span))
            {
                return null;
            }

            var node = root.FindNode(span, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            return node is ExpressionSyntax value && value.Span == span ? value : null;
        }

        /// <summary>Replaces the literal with <paramref name="origin"/>, keeping its trivia.</summary>
        public static async Task<Document> ReplaceAsync(Document document, TextSpan span, string origin, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var literal = root is null ? null : FindLiteral(root, span);
            if (root is null || literal is null)
            {
                return document;
            }

            var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(origin))
                .WithTriviaFrom(literal);
            return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
        }

        /// <summary>
        /// The <c>...WithOrigins(...)</c> invocation or <c>new CorsPolicyBuilder(...)</c> creation whose origins the
        /// literal is (directly or as an element of an array argument), or null.
        /// </summary>
        public static ExpressionSyntax? FindOriginsCall(ExpressionSyntax value)
        {
            SyntaxNode? argument = value.Parent;
            if (argument is InitializerExpressionSyntax { Parent: { } arrayCreation and (ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax) })
            {
                argument = arrayCreation.Parent;
            }

            if (argument is not ArgumentSyntax { Parent: ArgumentListSyntax argumentList })
            {
                return null;
            }

            switch (argumentList.Parent)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: WithOriginsName } } invocation:
                    return invocation;
                case ObjectCreationExpressionSyntax creation:
                    return creation;
                case ImplicitObjectCreationExpressionSyntax implicitCreation:
                    return implicitCreation;
                default:
                    return null;
            }
        }

        /// <summary>Appends <c>.SetIsOriginAllowedToAllowWildcardSubdomains()</c> to the call that receives the literal.</summary>
        public static async Task<Document> AllowWildcardSubdomainsAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var value = root is null ? null : FindValue(root, span);
            var call = value is null ? null : FindOriginsCall(value);
            if (root is null || call is null
                || call.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: WildcardSubdomainsName })
            {
                return document;
            }

            // new CorsPolicyBuilder(...) as the receiver of a member access parses as intended: (new X(...)).M().
            var appended = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        call.WithoutTrailingTrivia(),
                        SyntaxFactory.IdentifierName(WildcardSubdomainsName)))
                .WithTrailingTrivia(call.GetTrailingTrivia());
            return document.WithSyntaxRoot(root.ReplaceNode(call, appended));
        }

        /// <summary>Whether <see cref="RemoveAsync"/> has a rewrite that compiles for the literal.</summary>
        public static bool CanRemove(ExpressionSyntax value) => FindRemoval(value).Kind != RemovalKind.None;

        /// <summary>
        /// Removes the origin value: the argument or element (separators kept right), the whole <c>.WithOrigins(x)</c>
        /// call when it was its only argument, or the <c>policy.Origins.Add(x);</c> statement.
        /// </summary>
        public static async Task<Document> RemoveAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var value = root is null ? null : FindValue(root, span);
            if (value is null)
            {
                return document;
            }

            var removal = FindRemoval(value);
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            switch (removal.Kind)
            {
                case RemovalKind.Argument when removal.Node is ArgumentSyntax { Parent: ArgumentListSyntax argumentList } argument:
                    editor.ReplaceNode(argumentList, argumentList.WithArguments(RemoveElement(argumentList.Arguments, argument)));
                    break;

                case RemovalKind.Element when removal.Node is ExpressionSyntax { Parent: InitializerExpressionSyntax initializer } element:
                    editor.ReplaceNode(initializer, initializer.WithExpressions(RemoveElement(initializer.Expressions, element)));
                    break;

                case RemovalKind.Statement:
                    editor.RemoveNode(removal.Node!);
                    break;

                case RemovalKind.Call when removal.Node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation:
                    await FluentCalls.RemoveCallAsync(editor, document, invocation, cancellationToken).ConfigureAwait(false);
                    break;

                default:
                    return document;
            }

            return editor.GetChangedDocument();
        }

        private enum RemovalKind
        {
            None,

            /// <summary>An argument of a call or creation with other arguments left (or a non-fluent shape).</summary>
            Argument,

            /// <summary>An element of a collection or array initializer.</summary>
            Element,

            /// <summary>A whole statement: <c>policy.Origins.Add(x);</c>, <c>policy.WithOrigins(x);</c>.</summary>
            Statement,

            /// <summary>A whole <c>.WithOrigins(x)</c> call inside a larger expression: replaced by its receiver.</summary>
            Call,
        }

        private static (RemovalKind Kind, SyntaxNode? Node) FindRemoval(ExpressionSyntax literal)
        {
            var value = literal;
            if (literal.Parent is InitializerExpressionSyntax initializer)
            {
                if (initializer.Expressions.Count > 1
                    || !(initializer.Parent is ImplicitArrayCreationExpressionSyntax implicitArray))
                {
                    // new CorsPolicy { Origins = { x } }, new[] { x, y }, new string[] { x }: an empty initializer compiles.
                    return initializer.IsKind(SyntaxKind.CollectionInitializerExpression) || initializer.IsKind(SyntaxKind.ArrayInitializerExpression)
                        ? (RemovalKind.Element, literal)
                        : (RemovalKind.None, null);
                }

                // new[] { x } cannot become new[] { } (no best type): remove the whole array argument instead.
                value = implicitArray;
            }

            if (value.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax argumentList } argument)
            {
                return (RemovalKind.None, null);
            }

            switch (argumentList.Parent)
            {
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } invocation:
                    var name = memberAccess.Name.Identifier.ValueText;
                    if (name == WithOriginsName && argumentList.Arguments.Count == 1)
                    {
                        if (invocation.Parent is ExpressionStatementSyntax statement && !FluentCalls.IsValidStatementExpression(memberAccess.Expression))
                        {
                            // policy.WithOrigins(x); alone would leave `policy;`.
                            return (RemovalKind.Statement, statement);
                        }

                        return (RemovalKind.Call, invocation);
                    }

                    if (name == WithOriginsName)
                    {
                        return (RemovalKind.Argument, argument);
                    }

                    // policy.Origins.Add(x);
                    return name == "Add" && argumentList.Arguments.Count == 1 && invocation.Parent is ExpressionStatementSyntax addStatement
                        ? (RemovalKind.Statement, addStatement)
                        : (RemovalKind.None, null);

                case InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: WithOriginsName } }:
                    // policy?.WithOrigins(x): WithOrigins() with no argument compiles and adds nothing.
                    return (RemovalKind.Argument, argument);

                case ObjectCreationExpressionSyntax:
                case ImplicitObjectCreationExpressionSyntax:
                    // new CorsPolicyBuilder(x) becomes new CorsPolicyBuilder(): the params constructor with no origin.
                    return (RemovalKind.Argument, argument);

                default:
                    return (RemovalKind.None, null);
            }
        }

        /// <summary>
        /// Removes one element with the separator that belongs to it: the one after it, or, for the last element
        /// without a trailing separator, the one before it (the element's trailing trivia moves to its predecessor).
        /// </summary>
        internal static SeparatedSyntaxList<TNode> RemoveElement<TNode>(SeparatedSyntaxList<TNode> list, TNode element)
            where TNode : SyntaxNode
        {
            var index = list.IndexOf(element);
            var items = list.GetWithSeparators();
            var position = items.IndexOf(element);
            if (index < 0 || position < 0)
            {
                return list;
            }

            if (index < list.SeparatorCount)
            {
                // The element and the separator after it.
                items = items.RemoveAt(position + 1).RemoveAt(position);
            }
            else if (index > 0)
            {
                // The last element: the separator before it goes too; the element's trailing trivia (a space before
                // '}', a line break) stays on its predecessor.
                var previous = items[position - 2];
                items = items.Replace(previous, previous.WithTrailingTrivia(element.GetTrailingTrivia()))
                    .RemoveAt(position).RemoveAt(position - 1);
            }
            else
            {
                items = items.RemoveAt(position);
            }

            return SyntaxFactory.SeparatedList<TNode>(items);
        }
    }
}
