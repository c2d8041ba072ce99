using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// CORS003's removal for the client libraries (RestSharp, Flurl.Http, Refit): the analyzer computed the text edit
    /// (<see cref="CorsResponseHeaderOnRequestRule.TextEditProperty"/>, the additional location) knowing every header of the
    /// same chain, list or attribute, so this only applies it. Fix All applies the sites one after the other: an edit
    /// that empties a container removes the other sites' locations with it, and those sites are then skipped.
    /// </summary>
    internal static class ClientHeaderRemoval
    {
        /// <summary>
        /// For a client-library diagnostic: the removal under <paramref name="key"/> (null when the diagnostic carries
        /// none, or its span is gone or crosses a directive), and true (the diagnostic is handled, with or without a
        /// fix). False for every other CORS003 diagnostic.
        /// </summary>
        public static bool TryFind(Document document, Diagnostic diagnostic, SyntaxNode root, string key, string title, out SiteFix? fix)
        {
            fix = null;
            if (!diagnostic.Properties.TryGetValue(CorsResponseHeaderOnRequestRule.TextEditProperty, out var replacement))
            {
                return false;
            }

            if (diagnostic.AdditionalLocations.Count == 0 || !diagnostic.AdditionalLocations[0].IsInSource)
            {
                return true;
            }

            var span = diagnostic.AdditionalLocations[0].SourceSpan;
            if (!root.FullSpan.Contains(span) || RemovalSpans.ContainsDirective(root, span))
            {
                return true;
            }

            fix = SiteFix.ForDocument(key, title, ct => SiteLocations.ReplaceTextAsync(document, span, replacement ?? string.Empty, ct));
            return true;
        }
    }
}
