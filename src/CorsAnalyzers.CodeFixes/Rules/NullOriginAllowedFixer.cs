using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS005: remove the "null" origin from the policy (<see cref="RemoveOriginKey"/>), with the policy's other "null"
    /// values and its dead "*" values, when the analyzer says no path then allows any origin; every value must be
    /// removable and belong to the policy alone.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NullOriginAllowedFixer)), Shared]
    public sealed class NullOriginAllowedFixer : CodeFixProvider
    {
        public const string RemoveOriginKey = RuleIdentifiers.NullOriginAllowed + ".RemoveOrigin";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.NullOriginAllowed);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, RemoveOriginKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, RemoveOriginKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.ContainsKey(NullOriginAllowedRule.RemovableProperty) || diagnostic.AdditionalLocations.Count == 0)
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            var site = diagnostic.AdditionalLocations[0];
            var solution = document.Project.Solution;
            var values = new List<Location> { diagnostic.Location };
            for (var i = 1; i < diagnostic.AdditionalLocations.Count; i++)
            {
                if (diagnostic.AdditionalLocations[i].IsInSource)
                {
                    values.Add(diagnostic.AdditionalLocations[i]);
                }
            }

            foreach (var location in values)
            {
                var root = await location.SourceTree!.GetRootAsync(cancellationToken).ConfigureAwait(false);
                var value = OriginValueFixes.FindValue(root, location.SourceSpan);
                if (value is null
                    || !OriginValueFixes.CanRemove(value)
                    || !await PolicyScope.IsDedicatedAsync(solution, value, site, cancellationToken).ConfigureAwait(false))
                {
                    return ImmutableArray<SiteFix>.Empty;
                }
            }

            return ImmutableArray.Create(new SiteFix(RemoveOriginKey, "Remove the 'null' origin", ct => RemoveAllAsync(solution, values, ct)));
        }

        /// <summary>Removes the values, the last first in each document, so that the spans of the others stay valid.</summary>
        private static async Task<Solution> RemoveAllAsync(Solution solution, List<Location> values, CancellationToken cancellationToken)
        {
            var targets = new List<(DocumentId Id, Microsoft.CodeAnalysis.Text.TextSpan Span)>(values.Count);
            foreach (var location in values)
            {
                if (solution.GetDocument(location.SourceTree) is { } document)
                {
                    targets.Add((document.Id, location.SourceSpan));
                }
            }

            targets.Sort(static (a, b) => b.Span.Start.CompareTo(a.Span.Start));
            foreach (var (id, span) in targets)
            {
                solution = (await OriginValueFixes.RemoveAsync(solution.GetDocument(id)!, span, cancellationToken).ConfigureAwait(false)).Project.Solution;
            }

            return solution;
        }
    }
}
