using System;
using System.Collections.Generic;
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
    /// The rewrites shared by the policy rules (CORS001, CORS002, CORS009): replace the permissive part with the trusted
    /// origins (<see cref="UseWithOriginsAsync"/>), or drop credentials (<see cref="RemoveCredentialsAsync"/>).
    /// </summary>
    internal static class PolicyFixes
    {
        /// <summary>What the WithOrigins fix writes when no trusted origins are configured.</summary>
        public const string PlaceholderOrigin = "https://app.example.com";

        /// <summary>The shapes of the permissive part the WithOrigins fix rewrites.</summary>
        private enum TargetKind
        {
            /// <summary><c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>, <c>SetIsOriginAllowed(...)</c>: renamed to <c>WithOrigins(origins)</c>.</summary>
            Call,

            /// <summary>A "*" value among the arguments of <c>new CorsPolicyBuilder(...)</c> or in an initializer: replaced by the origins.</summary>
            ListElement,

            /// <summary>The value of <c>policy.Origins.Add("*")</c>: replaced by the origin, or the statement repeated per origin.</summary>
            AddedValue,

            /// <summary><c>policy.IsOriginAllowed = ...;</c>: becomes <c>policy.Origins.Add(origin);</c> per origin.</summary>
            PredicateStatement,

            /// <summary><c>new CorsPolicy { IsOriginAllowed = ... }</c>: becomes (or joins) <c>Origins = { origins }</c>.</summary>
            PredicateInitializer,
        }

        /// <summary>
        /// The node <see cref="UseWithOriginsAsync"/> rewrites for the diagnostic at <paramref name="span"/>, or null when
        /// there is no rewrite that compiles (e.g. several origins for an <c>Origins.Add(...)</c> that is not a statement).
        /// </summary>
        public static SyntaxNode? FindWithOriginsTarget(SyntaxNode root, TextSpan span, int originCount) =>
            FindTarget(root, span, originCount)?.Node;

        private static (SyntaxNode Node, TargetKind Kind)? FindTarget(SyntaxNode root, TextSpan span, int originCount)
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

            for (var current = node; current is not null; current = current.Parent)
            {
                if (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax or MemberBindingExpressionSyntax } invocation
                    && invocation.Span.End == span.End)
                {
                    return (invocation, TargetKind.Call);
                }

                if (current is AssignmentExpressionSyntax assignment && assignment.Span == span)
                {
                    return assignment.Parent switch
                    {
                        ExpressionStatementSyntax statement when assignment.Left is MemberAccessExpressionSyntax && CanSplit(statement) =>
                            (assignment, TargetKind.PredicateStatement),
                        InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.ObjectInitializerExpression) =>
                            (assignment, TargetKind.PredicateInitializer),
                        _ => null,
                    };
                }

                if (current.Span.Length > span.Length)
                {
                    break;
                }
            }

            if (node is not ExpressionSyntax value || value.Span != span)
            {
                return null;
            }

            switch (value.Parent)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax } }:
                case InitializerExpressionSyntax:
                    return (value, TargetKind.ListElement);

                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax addCall } }
                    when addCall.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add" }:
                    return originCount == 1 || (addCall.Parent is ExpressionStatementSyntax addStatement && CanSplit(addStatement))
                        ? (value, TargetKind.AddedValue)
                        : null;

                default:
                    return null;
            }
        }

        /// <summary>Whether a statement can become several (it is in a block, a switch section or the top-level statements).</summary>
        private static bool CanSplit(StatementSyntax statement) =>
            statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax;

        /// <summary>
        /// Replaces the permissive parts at <paramref name="targets"/> (the reported one, and the always-true predicates
        /// "*" was masking) with the trusted origins (configured, or a marked placeholder). In each document the last
        /// target is rewritten first: each rewrite changes only its own node, so the spans before it stay valid.
        /// </summary>
        public static async Task<Solution> UseWithOriginsAsync(Solution solution, Diagnostic diagnostic, IReadOnlyList<Location> targets, CancellationToken cancellationToken)
        {
            var origins = CreateOriginExpressions(diagnostic);
            var byDocument = new Dictionary<DocumentId, List<TextSpan>>();
            foreach (var target in targets)
            {
                if (solution.GetDocument(target.SourceTree) is { } document)
                {
                    if (!byDocument.TryGetValue(document.Id, out var spans))
                    {
                        byDocument.Add(document.Id, spans = new List<TextSpan>());
                    }

                    spans.Add(target.SourceSpan);
                }
            }

            foreach (var pair in byDocument)
            {
                var root = await solution.GetDocument(pair.Key)!.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null)
                {
                    continue;
                }

                pair.Value.Sort(static (a, b) => b.Start.CompareTo(a.Start));
                foreach (var span in pair.Value)
                {
                    root = RewriteAt(root, span, origins) ?? root;
                }

                solution = solution.WithDocumentSyntaxRoot(pair.Key, root);
            }

            return solution;
        }

        private static SyntaxNode? RewriteAt(SyntaxNode root, TextSpan span, List<ExpressionSyntax> origins)
        {
            if (FindTarget(root, span, origins.Count) is not { } found)
            {
                return null;
            }

            switch (found.Kind)
            {
                case TargetKind.Call:
                    var invocation = (InvocationExpressionSyntax)found.Node;
                    var newInvocation = invocation
                        .WithExpression(RenameMethod(invocation.Expression, "WithOrigins"))
                        .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(Arguments(origins))));
                    return root.ReplaceNode(invocation, newInvocation.WithAdditionalAnnotations(Formatter.Annotation));

                case TargetKind.ListElement when found.Node.Parent is ArgumentSyntax { Parent: ArgumentListSyntax argumentList } argument:
                    return root.ReplaceNode(argumentList, argumentList.WithArguments(argumentList.Arguments.ReplaceRange(argument, Arguments(InPlaceOf(argument, origins)))));

                case TargetKind.ListElement when found.Node.Parent is InitializerExpressionSyntax initializer:
                    return root.ReplaceNode(initializer, initializer.WithExpressions(initializer.Expressions.ReplaceRange((ExpressionSyntax)found.Node, InPlaceOf(found.Node, origins))));

                case TargetKind.AddedValue when origins.Count == 1:
                    return root.ReplaceNode(found.Node, InPlaceOf(found.Node, origins[0]));

                case TargetKind.AddedValue:
                    var addStatement = found.Node.FirstAncestorOrSelf<ExpressionStatementSyntax>()!;
                    return ReplaceWithStatements(root, addStatement, origins, origin => addStatement.ReplaceNode(found.Node, InPlaceOf(found.Node, origin)));

                case TargetKind.PredicateStatement:
                    var assignment = (AssignmentExpressionSyntax)found.Node;
                    var receiver = ((MemberAccessExpressionSyntax)assignment.Left).Expression.WithoutTrivia();
                    var statement = (ExpressionStatementSyntax)assignment.Parent!;
                    return ReplaceWithStatements(root, statement, origins, origin => statement.WithExpression(AddOrigin(receiver, origin)));

                case TargetKind.PredicateInitializer:
                    return root.ReplaceNode(found.Node.Parent!, ReplaceWithOriginsMember((InitializerExpressionSyntax)found.Node.Parent!, (AssignmentExpressionSyntax)found.Node, origins));

                default:
                    return null;
            }
        }

        /// <summary>The origins in place of one node: the first with its leading trivia, the last with its trailing trivia after its own.</summary>
        private static List<ExpressionSyntax> InPlaceOf(SyntaxNode replaced, List<ExpressionSyntax> origins)
        {
            var result = new List<ExpressionSyntax>(origins);
            result[0] = result[0].WithLeadingTrivia(replaced.GetLeadingTrivia());
            var last = result.Count - 1;
            result[last] = result[last].WithTrailingTrivia(result[last].GetTrailingTrivia().AddRange(replaced.GetTrailingTrivia()));
            return result;
        }

        /// <summary>The origin with the replaced node's leading and trailing trivia around its own (the placeholder's comment).</summary>
        private static ExpressionSyntax InPlaceOf(SyntaxNode replaced, ExpressionSyntax origin) =>
            origin.WithLeadingTrivia(replaced.GetLeadingTrivia()).WithTrailingTrivia(origin.GetTrailingTrivia().AddRange(replaced.GetTrailingTrivia()));

        private static IEnumerable<ArgumentSyntax> Arguments(List<ExpressionSyntax> origins)
        {
            foreach (var origin in origins)
            {
                yield return SyntaxFactory.Argument(origin);
            }
        }

        /// <summary><c>receiver.Origins.Add(origin)</c>.</summary>
        private static InvocationExpressionSyntax AddOrigin(ExpressionSyntax receiver, ExpressionSyntax origin) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, SyntaxFactory.IdentifierName("Origins")),
                    SyntaxFactory.IdentifierName("Add")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(origin))));

        /// <summary>
        /// One statement per origin in place of <paramref name="statement"/>: the first keeps the statement's leading
        /// trivia, the last its trailing trivia, the others its indentation, each on its own line.
        /// </summary>
        private static SyntaxNode ReplaceWithStatements(SyntaxNode root, StatementSyntax statement, List<ExpressionSyntax> origins, Func<ExpressionSyntax, StatementSyntax> create)
        {
            var leading = statement.GetLeadingTrivia();
            var indentation = leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                ? SyntaxFactory.TriviaList(leading[leading.Count - 1])
                : SyntaxFactory.TriviaList();
            var endOfLine = FindEndOfLine(root);
            var statements = new List<StatementSyntax>(origins.Count);
            for (var i = 0; i < origins.Count; i++)
            {
                var created = create(origins[i])
                    .WithLeadingTrivia(i == 0 ? leading : indentation)
                    .WithTrailingTrivia(i == origins.Count - 1 ? statement.GetTrailingTrivia() : SyntaxFactory.TriviaList(endOfLine));
                statements.Add(created);
            }

            if (statement.Parent is GlobalStatementSyntax global)
            {
                var globals = new List<SyntaxNode>(statements.Count);
                foreach (var created in statements)
                {
                    globals.Add(SyntaxFactory.GlobalStatement(created));
                }

                return root.ReplaceNode(global, globals);
            }

            return root.ReplaceNode(statement, statements);
        }

        /// <summary>
        /// The object initializer without the <c>IsOriginAllowed = ...</c> element, and with the origins in its
        /// <c>Origins = { ... }</c> collection initializer: the existing one, or a new one in place of the element.
        /// </summary>
        private static InitializerExpressionSyntax ReplaceWithOriginsMember(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax predicate, List<ExpressionSyntax> origins)
        {
            AssignmentExpressionSyntax? existing = null;
            foreach (var expression in initializer.Expressions)
            {
                if (expression is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "Origins" }, Right: InitializerExpressionSyntax } member)
                {
                    existing = member;
                }
            }

            if (existing is null)
            {
                // { origins } on one line, spaced like the initializer around it: "{ " and " }".
                var elements = new List<ExpressionSyntax>(origins);
                elements[elements.Count - 1] = elements[elements.Count - 1].WithTrailingTrivia(elements[elements.Count - 1].GetTrailingTrivia().Add(SyntaxFactory.Space));
                var originsInitializer = SyntaxFactory.InitializerExpression(
                    SyntaxKind.CollectionInitializerExpression,
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.SeparatedList(elements),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken));
                var member = SyntaxFactory.AssignmentExpression(
                        SyntaxKind.SimpleAssignmentExpression,
                        SyntaxFactory.IdentifierName("Origins").WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                        originsInitializer)
                    .WithTriviaFrom(predicate);
                return initializer.ReplaceNode(predicate, member);
            }

            var collection = (InitializerExpressionSyntax)existing.Right;
            var expressions = collection.Expressions;
            foreach (var origin in origins)
            {
                expressions = expressions.Add(origin);
            }

            var updated = initializer.ReplaceNode(existing, existing.WithRight(collection.WithExpressions(expressions).WithAdditionalAnnotations(Formatter.Annotation)));
            var element = updated.Expressions[initializer.Expressions.IndexOf(predicate)];
            return updated.WithExpressions(OriginValueFixes.RemoveElement(updated.Expressions, element));
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

        /// <summary>The number of origins <see cref="UseWithOriginsAsync"/> writes for the diagnostic.</summary>
        public static int CountOrigins(Diagnostic diagnostic) => CreateOriginExpressions(diagnostic).Count;

        /// <summary>How many masked always-true predicates follow the site among the diagnostic's additional locations.</summary>
        public static int CountMaskedPredicates(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(Policy.PolicyFindings.MaskedPredicatesProperty, out var count)
            && int.TryParse(count, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? value
                : 0;

        /// <summary>The trusted origins of the diagnostic (its <see cref="TrustedOrigins.PropertyName"/> property), or the marked placeholder.</summary>
        internal static List<ExpressionSyntax> CreateOriginExpressions(Diagnostic diagnostic)
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

        private static SyntaxTrivia FindEndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.CarriageReturnLineFeed;
        }

        /// <summary>
        /// The credential operations of a policy diagnostic (its additional locations after the site and the masked
        /// predicates) that are still in the source; null when one of them has no removal that compiles.
        /// </summary>
        public static async Task<List<Location>?> FindCredentialsAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var result = new List<Location>();
            for (var i = 1 + CountMaskedPredicates(diagnostic); i < diagnostic.AdditionalLocations.Count; i++)
            {
                var location = diagnostic.AdditionalLocations[i];
                if (!location.IsInSource || location.SourceTree is null)
                {
                    continue;
                }

                var root = await location.SourceTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                if (!root.FullSpan.Contains(location.SourceSpan) || FindCredentialsNode(root.FindNode(location.SourceSpan, getInnermostNodeForTie: true), location.SourceSpan) is null)
                {
                    return null;
                }

                result.Add(location);
            }

            return result;
        }

        /// <summary>Removes the AllowCredentials() calls and SupportsCredentials = true assignments at <paramref name="locations"/>.</summary>
        public static async Task<Solution> RemoveCredentialsAsync(Solution solution, List<Location> locations, CancellationToken cancellationToken)
        {
            var editor = new SolutionEditor(solution);
            foreach (var location in locations)
            {
                var credentialsDocument = solution.GetDocument(location.SourceTree);
                if (credentialsDocument is null)
                {
                    continue;
                }

                var documentEditor = await editor.GetDocumentEditorAsync(credentialsDocument.Id, cancellationToken).ConfigureAwait(false);
                var node = FindCredentialsNode(documentEditor.OriginalRoot.FindNode(location.SourceSpan, getInnermostNodeForTie: true), location.SourceSpan);
                switch (node)
                {
                    // builder.AllowCredentials() and ...AllowCredentials() in a fluent chain
                    case InvocationExpressionSyntax invocation:
                        await FluentCalls.RemoveCallAsync(documentEditor, credentialsDocument, invocation, cancellationToken).ConfigureAwait(false);
                        break;

                    // policy.SupportsCredentials = true; and new CorsPolicy { SupportsCredentials = true }
                    case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax assignmentStatement }:
                        documentEditor.RemoveNode(assignmentStatement);
                        break;
                    case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment:
                        documentEditor.RemoveNode(assignment);
                        break;
                    case AssignmentExpressionSyntax assignment:
                        documentEditor.ReplaceNode(assignment.Right, SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression).WithTriviaFrom(assignment.Right));
                        break;
                }
            }

            return editor.GetChangedSolution();
        }

        private static SyntaxNode? FindCredentialsNode(SyntaxNode node, TextSpan span)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation when invocation.Span.End == span.End:
                        return invocation;
                    case AssignmentExpressionSyntax assignment when assignment.Span == span:
                        return assignment;
                }

                if (current.Span.Length > span.Length + 1)
                {
                    return null;
                }
            }

            return null;
        }
    }
}
