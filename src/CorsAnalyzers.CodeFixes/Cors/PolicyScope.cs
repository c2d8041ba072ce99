using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Whether code that a policy's analysis went through belongs to that policy alone, so that editing it changes no
    /// other policy: it is in the policy's own lambda (or, for <c>new CorsPolicyBuilder()</c>/<c>new CorsPolicy</c>, in
    /// the function that creates it), or in a method or local function used exactly once, from such code (up to a few
    /// helpers deep). A helper that several policies call is not: removing its <c>AllowCredentials()</c> would break the
    /// others.
    /// </summary>
    internal static class PolicyScope
    {
        private const int MaxHelperDepth = 4;

        /// <param name="node">The node to edit.</param>
        /// <param name="site">Where the policy is built: the lambda or method group given as <c>Action&lt;CorsPolicyBuilder&gt;</c>, or the object creation.</param>
        public static async Task<bool> IsDedicatedAsync(Solution solution, SyntaxNode node, Location site, CancellationToken cancellationToken)
        {
            if (!site.IsInSource || site.SourceTree is null)
            {
                return false;
            }

            var siteRoot = await site.SourceTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            if (!siteRoot.FullSpan.Contains(site.SourceSpan))
            {
                return false;
            }

            var siteNode = siteRoot.FindNode(site.SourceSpan, getInnermostNodeForTie: true);
            var ownFunction = siteNode is AnonymousFunctionExpressionSyntax ? siteNode
                : siteNode is BaseObjectCreationExpressionSyntax ? GetFunction(siteNode)
                : null;

            var current = node;
            for (var depth = 0; depth <= MaxHelperDepth; depth++)
            {
                var function = GetFunction(current);
                if (function is null)
                {
                    return false;
                }

                if (ownFunction is not null && function.SyntaxTree == ownFunction.SyntaxTree && function.Span == ownFunction.Span)
                {
                    return true;
                }

                if (function is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax))
                {
                    return false;
                }

                var document = solution.GetDocument(function.SyntaxTree);
                var model = document is null ? null : await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                var symbol = model?.GetDeclaredSymbol(function, cancellationToken);
                if (symbol is null)
                {
                    return false;
                }

                // Used exactly once: the next step up is that use.
                Location? use = null;
                foreach (var referenced in await SymbolFinder.FindReferencesAsync(symbol, solution, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var reference in referenced.Locations)
                    {
                        if (use is not null)
                        {
                            return false;
                        }

                        use = reference.Location;
                    }
                }

                if (use is null || !use.IsInSource || use.SourceTree is null)
                {
                    return false;
                }

                // The method group given as the policy's Action<CorsPolicyBuilder> is the site itself.
                if (use.SourceTree == site.SourceTree && site.SourceSpan.Contains(use.SourceSpan))
                {
                    return true;
                }

                var useRoot = await use.SourceTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
                current = useRoot.FindNode(use.SourceSpan, getInnermostNodeForTie: true);
            }

            return false;
        }

        /// <summary>
        /// The function a node runs in: a lambda or anonymous method, a local function, a method, constructor, operator
        /// or accessor, a property or field declaration (initializers, expression bodies), or the compilation unit for
        /// top-level statements.
        /// </summary>
        public static SyntaxNode? GetFunction(SyntaxNode node)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax:
                    case LocalFunctionStatementSyntax:
                    case BaseMethodDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case BasePropertyDeclarationSyntax:
                    case BaseFieldDeclarationSyntax:
                        return current;
                    case GlobalStatementSyntax:
                        return current.Parent;
                    case TypeDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }
    }
}
