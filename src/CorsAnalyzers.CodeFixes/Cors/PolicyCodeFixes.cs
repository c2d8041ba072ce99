using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Cors
{
    /// <summary>Registers the policy rules' code actions; each rule's fixer only names its keys.</summary>
    internal static class PolicyCodeFixes
    {
        public static async Task RegisterAsync(CodeFixContext context, string useWithOriginsKey, string? removeCredentialsKey)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.ContainsKey(CorsAnalyzers.Rules.AnyOriginAllowedRule.HandWrittenHeaderProperty))
                {
                    // CORS009 on a header written by hand: there is no policy to rewrite.
                    continue;
                }

                if (PolicyFixes.FindWithOriginsTarget(root, diagnostic.Location.SourceSpan) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Allow only the trusted origins (WithOrigins)",
                            cancellationToken => PolicyFixes.UseWithOriginsAsync(context.Document, diagnostic, cancellationToken),
                            useWithOriginsKey),
                        diagnostic);
                }

                if (removeCredentialsKey is not null && PolicyFixes.CanRemoveCredentials(diagnostic))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Do not allow credentials (public API)",
                            cancellationToken => PolicyFixes.RemoveCredentialsAsync(context.Document, diagnostic, cancellationToken),
                            removeCredentialsKey),
                        diagnostic);
                }
            }
        }
    }
}
