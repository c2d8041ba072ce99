using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS007: moves the <c>UseCors</c> statement (with its comments) right before the call it must precede, or
    /// right after <c>UseRouting</c>. Offered only when the analyzer says a move fixes it and both calls are their own
    /// expression statements in the same block (or both top-level statements).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCorsMisplacedFixer)), Shared]
    public sealed class UseCorsMisplacedFixer : CodeFixProvider
    {
        public const string MoveUseCorsKey = "CORS007.MoveUseCors";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.UseCorsMisplaced);

        /// <summary>
        /// Several moves in one block: Fix All applies them one after the other (<see cref="SiteFixAllProvider"/>), each on
        /// the tree the previous ones left.
        /// </summary>
        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, MoveUseCorsKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, MoveUseCorsKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || !TryGetMove(root, diagnostic, out _))
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            diagnostic.Properties.TryGetValue(UseCorsMisplacedRule.TitleKey, out var where);
            return ImmutableArray.Create(SiteFix.ForDocument(
                MoveUseCorsKey,
                "Move UseCors " + (where ?? "to its place in the pipeline"),
                ct => MoveAsync(document, diagnostic, ct)));
        }

        private static async Task<Document> MoveAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || !TryGetMove(root, diagnostic, out var move))
            {
                return document;
            }

            return document.WithSyntaxRoot(Apply(root, move.Moving, move.Target, move.Before));
        }

        /// <summary>
        /// The statements to move: the UseCors statement and the statement it goes before or after. For top-level
        /// statements these are the <see cref="GlobalStatementSyntax"/> members of the compilation unit.
        /// </summary>
        internal static bool TryGetMove(SyntaxNode root, Diagnostic diagnostic, out Move move)
        {
            move = default;
            if (!diagnostic.Properties.TryGetValue(UseCorsMisplacedRule.PlacementKey, out var placement)
                || (placement != UseCorsMisplacedRule.PlacementBefore && placement != UseCorsMisplacedRule.PlacementAfter)
                || diagnostic.AdditionalLocations.Count == 0)
            {
                return false;
            }

            // The last additional location is where UseCors goes: the conflicting call, or a UseAuthentication before it.
            var targetLocation = diagnostic.AdditionalLocations[diagnostic.AdditionalLocations.Count - 1];
            if (!diagnostic.Location.IsInSource
                || targetLocation.SourceTree != diagnostic.Location.SourceTree
                || root.SyntaxTree != diagnostic.Location.SourceTree)
            {
                return false;
            }

            var moving = FindStatement(root, diagnostic.Location, allowAwait: false);
            var target = FindStatement(root, targetLocation, allowAwait: true);
            if (moving is null || target is null || moving == target || moving.Parent is null || moving.Parent != target.Parent)
            {
                return false;
            }

            move = new Move(moving, target, placement == UseCorsMisplacedRule.PlacementBefore);
            return true;
        }

        /// <summary>
        /// The statement that is exactly the invocation at <paramref name="location"/> (<c>app.UseCors();</c>, or for
        /// the target also <c>await app.RunAsync();</c>), as an item of its block or compilation unit.
        /// </summary>
        private static SyntaxNode? FindStatement(SyntaxNode root, Location location, bool allowAwait)
        {
            if (!root.FullSpan.Contains(location.SourceSpan))
            {
                return null;
            }

            var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (invocation is null || invocation.Span.End != location.SourceSpan.End)
            {
                return null;
            }

            SyntaxNode expression = invocation;
            if (allowAwait && expression.Parent is AwaitExpressionSyntax awaitExpression)
            {
                expression = awaitExpression;
            }

            if (expression.Parent is not ExpressionStatementSyntax statement)
            {
                return null;
            }

            switch (statement.Parent)
            {
                case BlockSyntax:
                    return statement;
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax:
                    return global;
                default:
                    return null;
            }
        }

        /// <summary>Moves <paramref name="moving"/> before or after <paramref name="target"/>, its sibling, trivia included.</summary>
        internal static SyntaxNode Apply(SyntaxNode root, SyntaxNode moving, SyntaxNode target, bool before)
        {
            switch (moving.Parent)
            {
                case BlockSyntax block:
                {
                    var statements = Reorder(block.Statements, (StatementSyntax)moving, (StatementSyntax)target, before);
                    return root.ReplaceNode(block, block.WithStatements(SyntaxFactory.List(statements)));
                }

                case CompilationUnitSyntax unit:
                {
                    var members = Reorder(unit.Members, (MemberDeclarationSyntax)moving, (MemberDeclarationSyntax)target, before);
                    return root.ReplaceNode(unit, unit.WithMembers(SyntaxFactory.List(members)));
                }

                default:
                    return root;
            }
        }

        private static List<T> Reorder<T>(SyntaxList<T> items, T moving, T target, bool before)
            where T : SyntaxNode
        {
            var result = new List<T>(items.Count);
            foreach (var item in items)
            {
                if (item == moving)
                {
                    continue;
                }

                if (item == target && before)
                {
                    result.Add(moving);
                }

                result.Add(item);

                if (item == target && !before)
                {
                    result.Add(moving);
                }
            }

            // The last statement of a file often has no line break after it. When that statement moves, it takes the
            // line break of the statement that becomes last, which gets its trailing trivia: the file still ends as before.
            var newLastIndex = result.Count - 1;
            if (items.Count > 0 && items[items.Count - 1] == moving && result[newLastIndex] != moving && !EndsWithLineBreak(moving))
            {
                var movingIndex = result.IndexOf(moving);
                var newLast = result[newLastIndex];
                result[movingIndex] = moving.WithTrailingTrivia(newLast.GetTrailingTrivia());
                result[newLastIndex] = newLast.WithTrailingTrivia(moving.GetTrailingTrivia());
            }

            return result;
        }

        private static bool EndsWithLineBreak(SyntaxNode node)
        {
            foreach (var trivia in node.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return true;
                }
            }

            return false;
        }

        internal readonly struct Move
        {
            public Move(SyntaxNode moving, SyntaxNode target, bool before)
            {
                Moving = moving;
                Target = target;
                Before = before;
            }

            public SyntaxNode Moving { get; }

            public SyntaxNode Target { get; }

            public bool Before { get; }
        }
    }
}
