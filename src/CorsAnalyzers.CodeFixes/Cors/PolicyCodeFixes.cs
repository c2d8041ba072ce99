using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The policy rules' fixes (CORS001, CORS002, CORS009): the default lists the trusted origins in place of the
    /// permissive part (every shape the rules report: <c>AllowAnyOrigin()</c>, <c>WithOrigins("*")</c>, a "*" value,
    /// <c>SetIsOriginAllowed(...)</c>, <c>IsOriginAllowed = ...</c>); the alternative drops credentials, offered only where
    /// every path that uses them is reported. Both edit only code that belongs to the reported policy alone
    /// (<see cref="PolicyScope"/>): a helper other policies share is left alone, and the site gets no fix.
    /// </summary>
    internal static class PolicyCodeFixes
    {
        public static async Task<ImmutableArray<SiteFix>> FindAsync(
            Document document,
            Diagnostic diagnostic,
            string useWithOriginsKey,
            string? removeCredentialsKey,
            CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || diagnostic.AdditionalLocations.Count == 0)
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            var site = diagnostic.AdditionalLocations[0];
            var solution = document.Project.Solution;
            var fixes = ImmutableArray.CreateBuilder<SiteFix>();
            var target = PolicyFixes.FindWithOriginsTarget(root, diagnostic.Location.SourceSpan, PolicyFixes.CountOrigins(diagnostic));
            if (target is not null && await PolicyScope.IsDedicatedAsync(solution, target, site, cancellationToken).ConfigureAwait(false))
            {
                fixes.Add(SiteFix.ForDocument(
                    useWithOriginsKey,
                    "Allow only the trusted origins (WithOrigins)",
                    cancellationToken => PolicyFixes.UseWithOriginsAsync(document, diagnostic, cancellationToken)));
            }

            if (removeCredentialsKey is not null
                && diagnostic.Properties.ContainsKey(PolicyFindings.CredentialsRemovableProperty)
                && await PolicyFixes.FindCredentialsAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false) is { Count: > 0 } credentials
                && await AreDedicatedAsync(solution, credentials, site, cancellationToken).ConfigureAwait(false))
            {
                fixes.Add(new SiteFix(
                    removeCredentialsKey,
                    "Do not allow credentials (public API)",
                    cancellationToken => PolicyFixes.RemoveCredentialsAsync(solution, credentials, cancellationToken)));
            }

            return fixes.ToImmutable();
        }

        private static async Task<bool> AreDedicatedAsync(Solution solution, System.Collections.Generic.List<Location> locations, Location site, CancellationToken cancellationToken)
        {
            foreach (var location in locations)
            {
                var root = await location.SourceTree!.GetRootAsync(cancellationToken).ConfigureAwait(false);
                var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
                if (!await PolicyScope.IsDedicatedAsync(solution, node, site, cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
