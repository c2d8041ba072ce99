using System.Collections.Generic;
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
    /// <c>SetIsOriginAllowed(...)</c>, <c>IsOriginAllowed = ...</c>), and with "*" the always-true predicates it masks; the
    /// alternative drops credentials, offered only where every path that uses them is reported. Both edit only code that belongs to the reported policy alone
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
            if (await FindWithOriginsTargetsAsync(document, root, diagnostic, site, cancellationToken).ConfigureAwait(false) is { } targets)
            {
                fixes.Add(new SiteFix(
                    useWithOriginsKey,
                    "Allow only the trusted origins (WithOrigins)",
                    cancellationToken => PolicyFixes.UseWithOriginsAsync(solution, diagnostic, targets, cancellationToken)));
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

        /// <summary>
        /// What the WithOrigins fix rewrites: the reported part and the always-true predicates "*" masked (they would come
        /// into effect); null when one has no rewrite or belongs to other policies too, or a path sets another predicate.
        /// </summary>
        private static async Task<List<Location>?> FindWithOriginsTargetsAsync(Document document, SyntaxNode root, Diagnostic diagnostic, Location site, CancellationToken cancellationToken)
        {
            if (diagnostic.Properties.ContainsKey(PolicyFindings.OtherMaskedPredicateProperty))
            {
                return null;
            }

            var count = PolicyFixes.CountOrigins(diagnostic);
            var targets = new List<Location> { diagnostic.Location };
            var masked = PolicyFixes.CountMaskedPredicates(diagnostic);
            for (var i = 1; i <= masked && i < diagnostic.AdditionalLocations.Count; i++)
            {
                if (diagnostic.AdditionalLocations[i].IsInSource)
                {
                    targets.Add(diagnostic.AdditionalLocations[i]);
                }
            }

            foreach (var target in targets)
            {
                var targetRoot = target.SourceTree == root.SyntaxTree ? root : await target.SourceTree!.GetRootAsync(cancellationToken).ConfigureAwait(false);
                var node = PolicyFixes.FindWithOriginsTarget(targetRoot, target.SourceSpan, count);
                if (node is null || !await PolicyScope.IsDedicatedAsync(document.Project.Solution, node, site, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }
            }

            return targets;
        }

        private static async Task<bool> AreDedicatedAsync(Solution solution, List<Location> locations, Location site, CancellationToken cancellationToken)
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
