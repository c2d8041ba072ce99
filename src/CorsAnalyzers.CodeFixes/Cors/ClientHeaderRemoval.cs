using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// CORS003's removal for the client libraries (RestSharp, Flurl.Http, Refit): the analyzer computed the text edit
    /// (<see cref="CorsResponseHeaderOnRequestRule.TextEditProperty"/>, the additional location) knowing every header of the
    /// same chain, list or attribute, so this only applies it. Edits of one Fix All never overlap, or are identical
    /// (a container that empties), so any batch fixer merges them into the same result.
    /// </summary>
    internal static class ClientHeaderRemoval
    {
        /// <summary>
        /// For a client-library diagnostic: registers the removal (key <see cref="CorsResponseHeaderOnRequestFixer.RemoveHeaderKey"/>)
        /// when the diagnostic carries one, and returns true (the diagnostic is handled, with or without a fix).
        /// False for every other CORS003 diagnostic.
        /// </summary>
        public static bool TryRegister(CodeFixContext context, Diagnostic diagnostic, SyntaxNode root, string title)
        {
            if (!diagnostic.Properties.TryGetValue(CorsResponseHeaderOnRequestRule.TextEditProperty, out var replacement))
            {
                return false;
            }

            if (diagnostic.AdditionalLocations.Count == 0)
            {
                return true;
            }

            var span = diagnostic.AdditionalLocations[0].SourceSpan;
            if (!root.FullSpan.Contains(span) || RemovalSpans.ContainsDirective(root, span))
            {
                return true;
            }

            var document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ApplyAsync(document, span, replacement ?? string.Empty, ct), CorsResponseHeaderOnRequestFixer.RemoveHeaderKey),
                diagnostic);
            return true;
        }

        private static async Task<Document> ApplyAsync(Document document, TextSpan span, string replacement, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return span.End > text.Length ? document : document.WithText(text.WithChanges(new TextChange(span, replacement)));
        }
    }
}
