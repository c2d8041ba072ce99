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
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS003 fixes. The default (<see cref="FixHeaderKey"/>) decides per site: on ASP.NET Core's incoming request, a
    /// write that is safe on the response (<see cref="CorsResponseHeaderOnRequestRule.MovableProperty"/>: a constant value,
    /// not credentials, no "*" next to credentials) goes to the response: <c>Request</c> becomes <c>Response</c>,
    /// <c>context.Request</c> becomes <c>context.Response</c>, any other <c>HttpRequest</c> expression <c>req</c> becomes
    /// <c>req.HttpContext.Response</c>; every other write (an outgoing request, a value from the request, credentials) is
    /// removed: on a request it does nothing. Where the default moves the header, removing it is the alternative
    /// (<see cref="RemoveHeaderKey"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CorsResponseHeaderOnRequestFixer)), Shared]
    public sealed class CorsResponseHeaderOnRequestFixer : CodeFixProvider
    {
        public const string FixHeaderKey = "CORS003.FixHeader";
        public const string RemoveHeaderKey = "CORS003.RemoveHeader";

        private const string RemoveHeaderTitle = "Remove the CORS response header from the request";
        private const string MoveToResponseTitle = "Set the CORS header on the response";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.CorsResponseHeaderOnRequest);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, FixHeaderKey, ImmutableArray.Create(RemoveHeaderKey), FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, FixHeaderKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            // RestSharp, Flurl.Http, Refit: the analyzer's text edit (CodeFixes/Cors/ClientHeaderRemoval.cs).
            if (ClientHeaderRemoval.TryFind(document, diagnostic, root, FixHeaderKey, RemoveHeaderTitle, out var clientFix))
            {
                return clientFix is null ? ImmutableArray<SiteFix>.Empty : ImmutableArray.Create(clientFix);
            }

            if (diagnostic.AdditionalLocations.Count == 0
                || !diagnostic.Properties.TryGetValue(CorsResponseHeaderOnRequestRule.TargetProperty, out var target))
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            var writeSpan = diagnostic.AdditionalLocations[0].SourceSpan;
            var removable = diagnostic.AdditionalLocations[0].IsInSource
                && root.FullSpan.Contains(writeSpan)
                && root.FindNode(writeSpan, getInnermostNodeForTie: true) is ExpressionSyntax write
                && GetRemovableNode(write) is not null;
            var fixes = ImmutableArray.CreateBuilder<SiteFix>();
            if (target == CorsResponseHeaderOnRequestRule.IncomingTarget
                && diagnostic.Properties.ContainsKey(CorsResponseHeaderOnRequestRule.MovableProperty)
                && diagnostic.AdditionalLocations.Count > 1
                && diagnostic.AdditionalLocations[1] is { IsInSource: true } requestLocation
                && root.FullSpan.Contains(requestLocation.SourceSpan)
                && root.FindNode(requestLocation.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax)
            {
                fixes.Add(SiteFix.ForDocument(FixHeaderKey, MoveToResponseTitle, ct => MoveToResponseAsync(document, requestLocation.SourceSpan, ct)));
                if (removable)
                {
                    fixes.Add(SiteFix.ForDocument(RemoveHeaderKey, RemoveHeaderTitle, ct => RemoveAsync(document, writeSpan, ct)));
                }
            }
            else if (removable)
            {
                fixes.Add(SiteFix.ForDocument(FixHeaderKey, RemoveHeaderTitle, ct => RemoveAsync(document, writeSpan, ct)));
            }

            return fixes.ToImmutable();
        }

        /// <summary>
        /// What removing the write means: its expression statement (in a block, a switch section, or top-level with
        /// other top-level statements left), or the write itself as an element of an object or collection
        /// initializer. Null when removal would leave broken code (e.g. the body of an <c>if</c> without braces, or
        /// a value that is used).
        /// </summary>
        private static SyntaxNode? GetRemovableNode(ExpressionSyntax write)
        {
            switch (write.Parent)
            {
                case ExpressionStatementSyntax statement:
                    switch (statement.Parent)
                    {
                        case BlockSyntax:
                        case SwitchSectionSyntax:
                            return statement;
                        case GlobalStatementSyntax global when HasOtherGlobalStatement(global):
                            return global;
                        default:
                            return null;
                    }

                case InitializerExpressionSyntax initializer
                    when initializer.IsKind(SyntaxKind.CollectionInitializerExpression) || initializer.IsKind(SyntaxKind.ObjectInitializerExpression):
                    return write;

                default:
                    return null;
            }
        }

        private static bool HasOtherGlobalStatement(GlobalStatementSyntax global)
        {
            if (global.Parent is not CompilationUnitSyntax compilationUnit)
            {
                return false;
            }

            foreach (var member in compilationUnit.Members)
            {
                if (member is GlobalStatementSyntax other && other != global)
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<Document> RemoveAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax write
                || GetRemovableNode(write) is not { } removable)
            {
                return document;
            }

            SyntaxNode? newRoot;
            if (removable is StatementSyntax or GlobalStatementSyntax)
            {
                newRoot = root.RemoveNode(removable, SyntaxRemoveOptions.KeepUnbalancedDirectives);
            }
            else
            {
                newRoot = RemoveInitializerElement(root, (InitializerExpressionSyntax)write.Parent!, write);
            }

            return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
        }

        /// <summary>
        /// Removes one element of an initializer with one separator, keeping the other elements, their commas and
        /// trivia as written. An initializer left empty is removed with its member (<c>Headers = { }</c>), and an
        /// object creation left without initializer gets an argument list.
        /// </summary>
        private static SyntaxNode RemoveInitializerElement(SyntaxNode root, InitializerExpressionSyntax initializer, ExpressionSyntax element)
        {
            var expressions = initializer.Expressions;
            if (expressions.Count == 1)
            {
                // The only element: drop the initialized member as a whole when it is one, else empty the initializer.
                if (initializer.Parent is AssignmentExpressionSyntax memberInitializer
                    && memberInitializer.Right == initializer
                    && memberInitializer.Parent is InitializerExpressionSyntax outer
                    && outer.IsKind(SyntaxKind.ObjectInitializerExpression))
                {
                    return RemoveInitializerElement(root, outer, memberInitializer);
                }

                if (initializer.Parent is BaseObjectCreationExpressionSyntax creation && creation.Initializer == initializer)
                {
                    return root.ReplaceNode(creation, RemoveObjectInitializer(creation));
                }

                var emptied = initializer
                    .WithExpressions(default)
                    .WithOpenBraceToken(initializer.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space));
                return root.ReplaceNode(initializer, emptied);
            }

            var items = expressions.GetWithSeparators();
            var index = items.IndexOf(element);
            var hasFollowingComma = index + 1 < items.Count;
            var newItems = new List<SyntaxNodeOrToken>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                if (i == index)
                {
                    continue;
                }

                if (hasFollowingComma)
                {
                    // An element followed by its comma: remove both; the next element keeps its own leading trivia.
                    if (i != index + 1)
                    {
                        newItems.Add(items[i]);
                    }
                }
                else if (i == index - 2)
                {
                    // The last element without a trailing comma: remove the comma before it, and give its trailing
                    // trivia (the space or line break before the closing brace) to the element that is now last.
                    var previous = items[i];
                    var trailing = element.GetTrailingTrivia();
                    newItems.Add(previous.IsNode ? previous.AsNode()!.WithTrailingTrivia(trailing) : previous.AsToken().WithTrailingTrivia(trailing));
                }
                else if (i != index - 1)
                {
                    newItems.Add(items[i]);
                }
            }

            var newInitializer = initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(SyntaxFactory.NodeOrTokenList(newItems)));
            return root.ReplaceNode(initializer, newInitializer);
        }

        /// <summary><c>new T { }</c> → <c>new T()</c>; <c>new T(args) { }</c> → <c>new T(args)</c>; <c>new() { }</c> → <c>new()</c>.</summary>
        private static SyntaxNode RemoveObjectInitializer(BaseObjectCreationExpressionSyntax creation)
        {
            var trailing = creation.GetTrailingTrivia();
            switch (creation)
            {
                case ObjectCreationExpressionSyntax explicitCreation:
                    var argumentList = explicitCreation.ArgumentList is { } arguments
                        ? arguments.WithoutTrailingTrivia()
                        : SyntaxFactory.ArgumentList();
                    return explicitCreation
                        .WithType(explicitCreation.ArgumentList is null ? explicitCreation.Type.WithoutTrailingTrivia() : explicitCreation.Type)
                        .WithArgumentList(argumentList)
                        .WithInitializer(null)
                        .WithTrailingTrivia(trailing);

                case ImplicitObjectCreationExpressionSyntax implicitCreation:
                    return implicitCreation
                        .WithArgumentList(implicitCreation.ArgumentList.WithoutTrailingTrivia())
                        .WithInitializer(null)
                        .WithTrailingTrivia(trailing);

                default:
                    return creation;
            }
        }

        private static async Task<Document> MoveToResponseAsync(Document document, TextSpan span, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root?.FindNode(span, getInnermostNodeForTie: true) is not ExpressionSyntax request || model is null)
            {
                return document;
            }

            var response = GetResponseExpression(request, model, cancellationToken);
            return document.WithSyntaxRoot(root.ReplaceNode(request, response));
        }

        /// <summary>
        /// The response that goes with an <c>HttpRequest</c> expression: the sibling <c>Response</c> property when the
        /// request is a <c>Request</c> property next to one (HttpContext, ControllerBase, PageModel), otherwise
        /// <c>request.HttpContext.Response</c>.
        /// </summary>
        private static ExpressionSyntax GetResponseExpression(ExpressionSyntax request, SemanticModel model, CancellationToken cancellationToken)
        {
            if (model.GetSymbolInfo(request, cancellationToken).Symbol is IPropertySymbol { Name: "Request" } requestProperty
                && FindResponseProperty(requestProperty, model, request.SpanStart) is { } responseProperty)
            {
                var responseName = SyntaxFactory.IdentifierName("Response");
                switch (request)
                {
                    case MemberAccessExpressionSyntax memberAccess:
                        return memberAccess.WithName(responseName.WithTriviaFrom(memberAccess.Name));
                    case MemberBindingExpressionSyntax memberBinding:
                        return memberBinding.WithName(responseName.WithTriviaFrom(memberBinding.Name));
                    case IdentifierNameSyntax identifier when BindsTo(model, identifier.SpanStart, responseProperty):
                        return responseName.WithTriviaFrom(identifier);
                }
            }

            // No Formatter.Annotation: the new member access needs no whitespace, and formatting would re-indent
            // the statement when the request expression starts it.
            var httpContext = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                request.WithoutTrivia(),
                SyntaxFactory.IdentifierName("HttpContext"));
            return SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    httpContext,
                    SyntaxFactory.IdentifierName("Response"))
                .WithTriviaFrom(request);
        }

        private static IPropertySymbol? FindResponseProperty(IPropertySymbol requestProperty, SemanticModel model, int position)
        {
            var httpResponse = model.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
            if (httpResponse is null)
            {
                return null;
            }

            for (var type = requestProperty.ContainingType; type is not null; type = type.BaseType)
            {
                foreach (var member in type.GetMembers("Response"))
                {
                    if (member is IPropertySymbol { IsIndexer: false, GetMethod: { } getter } property
                        && property.IsStatic == requestProperty.IsStatic
                        && SymbolEqualityComparer.Default.Equals(property.Type, httpResponse)
                        && model.IsAccessible(position, getter))
                    {
                        return property;
                    }
                }
            }

            return null;
        }

        /// <summary>Whether the simple name <c>Response</c> at <paramref name="position"/> means <paramref name="property"/> (no local or parameter hides it).</summary>
        private static bool BindsTo(SemanticModel model, int position, IPropertySymbol property)
        {
            var symbols = model.LookupSymbols(position, name: "Response");
            return symbols.Length == 1 && SymbolEqualityComparer.Default.Equals(symbols[0], property);
        }
    }
}
