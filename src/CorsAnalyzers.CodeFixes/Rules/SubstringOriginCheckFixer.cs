using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace CorsAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// CORS010.CompareHost: <c>origin.EndsWith("contoso.com")</c> / <c>origin.Contains("contoso.com")</c> becomes
    /// <c>(Uri.TryCreate(origin, UriKind.Absolute, out var originUri) &amp;&amp; (originUri.Host == "contoso.com" || originUri.Host.EndsWith(".contoso.com")))</c>;
    /// on a host already parsed, <c>host.EndsWith("contoso.com")</c> becomes <c>(host == "contoso.com" || host.EndsWith(".contoso.com"))</c>.
    /// The rewrite accepts fewer origins at the check: offered only where that makes the predicate accept fewer
    /// (<see cref="PredicatePolarity"/>), never under a <c>!</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubstringOriginCheckFixer)), Shared]
    public sealed class SubstringOriginCheckFixer : CodeFixProvider
    {
        public const string CompareHostKey = "CORS010.CompareHost";

        private const string TargetAnnotationKind = "CORS010.Target";
        private const string UriVariableName = "originUri";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.SubstringOriginCheck);

        // Each rewrite may declare an 'originUri' variable: Fix All applies the rewrites one after the other, so that each
        // picks a name the previous ones left free.
        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, CompareHostKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, CompareHostKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null
                || FindTarget(root, diagnostic) is not { } target
                || !await PredicatePolarity.TighteningIsSafeAsync(document, target, cancellationToken).ConfigureAwait(false))
            {
                // The rewrite accepts fewer origins at the check: under a '!' (or where the result is not visible) that
                // would make the predicate accept more.
                return ImmutableArray<SiteFix>.Empty;
            }

            var host = diagnostic.Properties[SubstringOriginCheckRule.FixHostProperty]!;
            return ImmutableArray.Create(SiteFix.ForDocument(
                CompareHostKey,
                "Compare the origin's host with '" + host.ToLowerInvariant() + "' and its subdomains",
                ct => FixDocumentAsync(document, ImmutableArray.Create(diagnostic), ct)));
        }

        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // Mark every target first, then rewrite them one by one on the updated tree.
            var targets = new Dictionary<InvocationExpressionSyntax, Target>();
            SemanticModel? model = null;
            foreach (var diagnostic in diagnostics)
            {
                if (FindTarget(root, diagnostic) is { } target && !targets.ContainsKey(target))
                {
                    model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (model is null)
                    {
                        return document;
                    }

                    targets.Add(target, new Target(diagnostic, new SyntaxAnnotation(TargetAnnotationKind), model, target.SpanStart));
                }
            }

            if (targets.Count == 0)
            {
                return document;
            }

            root = root.ReplaceNodes(targets.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(targets[original].Annotation));
            foreach (var target in targets.Values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var node in root.GetAnnotatedNodes(target.Annotation))
                {
                    if (node is InvocationExpressionSyntax invocation)
                    {
                        root = root.ReplaceNode(invocation, Rewrite(invocation, target));
                    }

                    break;
                }
            }

            return document.WithSyntaxRoot(root);
        }

        private static InvocationExpressionSyntax? FindTarget(SyntaxNode root, Diagnostic diagnostic)
        {
            if (!diagnostic.Properties.ContainsKey(SubstringOriginCheckRule.FixHostProperty))
            {
                return null;
            }

            if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            return node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } invocation ? invocation : null;
        }

        private static ExpressionSyntax Rewrite(InvocationExpressionSyntax invocation, Target target)
        {
            var diagnostic = target.Diagnostic;
            var memberAccess = (MemberAccessExpressionSyntax)invocation.Expression;
            var host = diagnostic.Properties[SubstringOriginCheckRule.FixHostProperty]!.ToLowerInvariant();
            var comparison = diagnostic.Properties.ContainsKey(SubstringOriginCheckRule.HasComparisonProperty)
                             && invocation.ArgumentList.Arguments.Count == 2
                ? invocation.ArgumentList.Arguments[1].Expression.WithoutTrivia()
                : null;
            var receiver = memberAccess.Expression.WithoutTrivia();

            ExpressionSyntax hostExpression;
            string? variableName = null;
            if (diagnostic.Properties.TryGetValue(SubstringOriginCheckRule.ReceiverProperty, out var kind) && kind == "Host")
            {
                hostExpression = receiver;
            }
            else
            {
                variableName = GetUniqueName(invocation, target);
                hostExpression = SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(variableName), SyntaxFactory.IdentifierName("Host"));
            }

            var hostLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(host));
            var suffixLiteral = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal("." + host));

            ExpressionSyntax equals = comparison is null
                ? SyntaxFactory.BinaryExpression(SyntaxKind.EqualsExpression, hostExpression, hostLiteral)
                : SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(
                        SyntaxKind.SimpleMemberAccessExpression,
                        SyntaxFactory.PredefinedType(SyntaxFactory.Token(SyntaxKind.StringKeyword)),
                        SyntaxFactory.IdentifierName("Equals")),
                    ArgumentList(hostExpression, hostLiteral, comparison));

            var endsWithArguments = comparison is null ? ArgumentList(suffixLiteral) : ArgumentList(suffixLiteral, comparison);
            var endsWith = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, hostExpression, SyntaxFactory.IdentifierName("EndsWith")),
                endsWithArguments);

            ExpressionSyntax check = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, equals, endsWith);
            if (variableName is not null)
            {
                var tryCreate = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.ParseExpression("global::System.Uri.TryCreate").WithAdditionalAnnotations(Simplifier.Annotation),
                    ArgumentList(
                        receiver,
                        SyntaxFactory.ParseExpression("global::System.UriKind.Absolute").WithAdditionalAnnotations(Simplifier.Annotation)));
                tryCreate = tryCreate.AddArgumentListArguments(
                    SyntaxFactory.Argument(
                            SyntaxFactory.DeclarationExpression(
                                SyntaxFactory.IdentifierName("var"),
                                SyntaxFactory.SingleVariableDesignation(SyntaxFactory.Identifier(variableName))))
                        .WithRefKindKeyword(SyntaxFactory.Token(SyntaxKind.OutKeyword)));
                check = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, tryCreate, SyntaxFactory.ParenthesizedExpression(check));
            }

            // The outer parentheses keep the meaning inside '!', '&&' and the like; the simplifier drops them elsewhere.
            return SyntaxFactory.ParenthesizedExpression(check)
                .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation)
                .WithTriviaFrom(invocation);
        }

        private static ArgumentListSyntax ArgumentList(params ExpressionSyntax[] expressions)
        {
            var arguments = new ArgumentSyntax[expressions.Length];
            for (var i = 0; i < expressions.Length; i++)
            {
                arguments[i] = SyntaxFactory.Argument(expressions[i]);
            }

            return SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments));
        }

        /// <summary>
        /// 'originUri', or 'originUri2', ...: a name that no identifier of the enclosing predicate uses (including the
        /// variables earlier rewrites added) and that names nothing visible at the call (locals, parameters, members), so
        /// the new variable neither collides with nor shadows anything.
        /// </summary>
        private static string GetUniqueName(SyntaxNode node, Target target)
        {
            SyntaxNode? scope = null;
            foreach (var ancestor in node.Ancestors())
            {
                if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    scope = ancestor;
                }
                else if (ancestor is MemberDeclarationSyntax or CompilationUnitSyntax)
                {
                    scope ??= ancestor;
                    break;
                }
            }

            var used = new HashSet<string>();
            if (scope is not null)
            {
                foreach (var token in scope.DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken))
                    {
                        used.Add(token.ValueText);
                    }
                }
            }

            var name = UriVariableName;
            for (var i = 2; used.Contains(name) || !target.Model.LookupSymbols(target.Position, name: name).IsEmpty; i++)
            {
                name = UriVariableName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }

        private sealed class Target
        {
            public Target(Diagnostic diagnostic, SyntaxAnnotation annotation, SemanticModel model, int position)
            {
                Diagnostic = diagnostic;
                Annotation = annotation;
                Model = model;
                Position = position;
            }

            public Diagnostic Diagnostic { get; }

            public SyntaxAnnotation Annotation { get; }

            /// <summary>The model of the document before any rewrite, and the call's position in it.</summary>
            public SemanticModel Model { get; }

            public int Position { get; }
        }
    }
}
