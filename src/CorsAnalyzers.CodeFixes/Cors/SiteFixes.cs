using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Cors
{
    /// <summary>One rewrite a fixer offers for one diagnostic's site: its equivalence key, its title and the change.</summary>
    internal sealed class SiteFix
    {
        public SiteFix(string key, string title, Func<CancellationToken, Task<Solution>> applyAsync)
        {
            Key = key;
            Title = title;
            ApplyAsync = applyAsync;
        }

        public string Key { get; }

        public string Title { get; }

        public Func<CancellationToken, Task<Solution>> ApplyAsync { get; }

        public static SiteFix ForDocument(string key, string title, Func<CancellationToken, Task<Document>> applyAsync) =>
            new SiteFix(key, title, async cancellationToken => (await applyAsync(cancellationToken).ConfigureAwait(false)).Project.Solution);
    }

    /// <summary>The rewrites a rule offers for one diagnostic, in order: the rule's default first (when it has one for the site).</summary>
    internal delegate Task<ImmutableArray<SiteFix>> SiteFixFinder(Document document, Diagnostic diagnostic, CancellationToken cancellationToken);

    /// <summary>
    /// How every fixer of the package registers its actions and fixes all, so that <c>dotnet format</c> (which takes
    /// the first action's key at the first diagnostic it meets, whatever that diagnostic is) applies one default rewrite
    /// per rule, decided per site, in one run, with the same bytes every time:
    /// <list type="bullet">
    /// <item>a site's actions are registered only when the first is the rule's default: an alternative (an IDE choice)
    /// is never the first action, so the formatter never picks it;</item>
    /// <item>diagnostics of other rules are ignored (the formatter hands any diagnostic of the requested IDs);</item>
    /// <item>Fix All (<see cref="SiteFixAllProvider"/>) treats a null or unknown key as the default, skips sites without
    /// that rewrite, and applies the sites one after the other in source order.</item>
    /// </list>
    /// </summary>
    internal static class SiteFixes
    {
        public static async Task RegisterAsync(CodeFixContext context, ImmutableArray<string> fixableIds, string defaultKey, SiteFixFinder finder)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!fixableIds.Contains(diagnostic.Id) || !diagnostic.Location.IsInSource)
                {
                    continue;
                }

                var fixes = await finder(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (fixes.IsDefaultOrEmpty || fixes[0].Key != defaultKey)
                {
                    continue;
                }

                foreach (var fix in fixes)
                {
                    context.RegisterCodeFix(CodeAction.Create(fix.Title, fix.ApplyAsync, fix.Key), diagnostic);
                }
            }
        }

        /// <summary>The fix with <paramref name="key"/> among those found for the diagnostic (only when the default leads them), or null.</summary>
        public static async Task<SiteFix?> FindAsync(SiteFixFinder finder, Document document, Diagnostic diagnostic, string key, string defaultKey, CancellationToken cancellationToken)
        {
            var fixes = await finder(document, diagnostic, cancellationToken).ConfigureAwait(false);
            if (fixes.IsDefaultOrEmpty || fixes[0].Key != defaultKey)
            {
                return null;
            }

            foreach (var fix in fixes)
            {
                if (fix.Key == key)
                {
                    return fix;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// Fix All for one rule in document, project or solution scope: every diagnostic of the scope, in source order,
    /// rewritten one after the other on the solution the previous rewrites left (the diagnostic's locations are followed
    /// through the rewrites by <see cref="SiteLocations"/>; a diagnostic whose own tokens a previous rewrite replaced is
    /// left to that rewrite).
    /// A null key (what <c>dotnet format</c> passes when the first diagnostic it met has no fix) or a key the rule does not
    /// know means the default. It always returns an action, which may change nothing.
    /// </summary>
    internal sealed class SiteFixAllProvider : FixAllProvider
    {
        private static readonly ImmutableArray<FixAllScope> Scopes =
            ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution);

        private readonly ImmutableArray<string> _fixableIds;
        private readonly string _defaultKey;
        private readonly ImmutableArray<string> _keys;
        private readonly SiteFixFinder _finder;

        public SiteFixAllProvider(ImmutableArray<string> fixableIds, string defaultKey, ImmutableArray<string> alternativeKeys, SiteFixFinder finder)
        {
            _fixableIds = fixableIds;
            _defaultKey = defaultKey;
            _keys = alternativeKeys.Add(defaultKey);
            _finder = finder;
        }

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => Scopes;

        public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
        {
            var requested = fixAllContext.CodeActionEquivalenceKey;
            var key = requested is not null && _keys.Contains(requested) ? requested : _defaultKey;
            var diagnostics = new List<Diagnostic>();
            switch (fixAllContext.Scope)
            {
                case FixAllScope.Document when fixAllContext.Document is not null:
                    diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false));
                    break;
                case FixAllScope.Project:
                    diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(fixAllContext.Project).ConfigureAwait(false));
                    break;
                case FixAllScope.Solution:
                    foreach (var project in fixAllContext.Solution.Projects)
                    {
                        diagnostics.AddRange(await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                    }

                    break;
            }

            var sites = new List<Diagnostic>(diagnostics.Count);
            foreach (var diagnostic in diagnostics)
            {
                if (_fixableIds.Contains(diagnostic.Id) && diagnostic.Location.IsInSource)
                {
                    sites.Add(diagnostic);
                }
            }

            sites.Sort(CompareBySource);
            var solution = fixAllContext.Solution;
            return CodeAction.Create(
                "Fix all " + string.Join(", ", fixAllContext.DiagnosticIds),
                cancellationToken => FixAllAsync(solution, sites, key, cancellationToken),
                key);
        }

        private async Task<Solution> FixAllAsync(Solution solution, List<Diagnostic> sites, string key, CancellationToken cancellationToken)
        {
            var (tracked, locations) = await SiteLocations.TrackAsync(solution, sites, cancellationToken).ConfigureAwait(false);
            solution = tracked;
            foreach (var site in sites)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var diagnostic = await locations.FindAsync(solution, site, cancellationToken).ConfigureAwait(false);
                var document = diagnostic is null ? null : solution.GetDocument(diagnostic.Location.SourceTree);
                if (diagnostic is null || document is null)
                {
                    continue;
                }

                var fix = await SiteFixes.FindAsync(_finder, document, diagnostic, key, _defaultKey, cancellationToken).ConfigureAwait(false);
                if (fix is not null)
                {
                    solution = await fix.ApplyAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return solution;
        }

        /// <summary>By file, then position, then ID: the order does not depend on how the diagnostics arrived.</summary>
        private static int CompareBySource(Diagnostic x, Diagnostic y)
        {
            var result = string.CompareOrdinal(x.Location.SourceTree?.FilePath, y.Location.SourceTree?.FilePath);
            if (result == 0)
            {
                result = x.Location.SourceSpan.Start.CompareTo(y.Location.SourceSpan.Start);
            }

            if (result == 0)
            {
                result = x.Location.SourceSpan.End.CompareTo(y.Location.SourceSpan.End);
            }

            return result != 0 ? result : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
