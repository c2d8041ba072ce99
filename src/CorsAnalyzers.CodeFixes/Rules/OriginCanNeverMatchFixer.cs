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
    /// CORS004, one fix deciding per site (<see cref="FixOriginKey"/>): for a <c>*.</c> host, turn on wildcard subdomains
    /// when the analyzer says that trusts only domains of one owner; else write the origin a browser sends (whitespace,
    /// slash, path, default port); else drop a dead "*". Origins without a mechanical answer get no fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OriginCanNeverMatchFixer)), Shared]
    public sealed class OriginCanNeverMatchFixer : CodeFixProvider
    {
        public const string FixOriginKey = RuleIdentifiers.OriginCanNeverMatch + ".FixOrigin";

        private const string DeadAnyOriginProblem = "DeadAnyOrigin";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.OriginCanNeverMatch);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, FixOriginKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, FixOriginKey, FindAsync);

        private static async Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var span = diagnostic.Location.SourceSpan;
            var value = root is null ? null : OriginValueFixes.FindValue(root, span);
            if (value is null)
            {
                return ImmutableArray<SiteFix>.Empty;
            }

            var site = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : Location.None;
            var solution = document.Project.Solution;
            if (diagnostic.Properties.ContainsKey(OriginCanNeverMatchRule.WildcardSubdomainsProperty)
                && OriginValueFixes.FindOriginsCall(value) is { } call
                && await PolicyScope.IsDedicatedAsync(solution, call, site, cancellationToken).ConfigureAwait(false))
            {
                return ImmutableArray.Create(SiteFix.ForDocument(
                    FixOriginKey,
                    "Allow wildcard subdomains (SetIsOriginAllowedToAllowWildcardSubdomains)",
                    ct => OriginValueFixes.AllowWildcardSubdomainsAsync(document, span, ct)));
            }

            var literal = OriginValueFixes.FindLiteral(root!, span);
            if (literal is not null
                && diagnostic.Properties.TryGetValue(OriginCanNeverMatchRule.NormalizedProperty, out var normalized)
                && normalized is not null)
            {
                return ImmutableArray.Create(SiteFix.ForDocument(
                    FixOriginKey,
                    "Use '" + normalized + "'",
                    ct => OriginValueFixes.ReplaceAsync(document, span, normalized, ct)));
            }

            if (diagnostic.Properties.TryGetValue(OriginCanNeverMatchRule.ProblemProperty, out var problem)
                && problem == DeadAnyOriginProblem
                && OriginValueFixes.CanRemove(value)
                && await PolicyScope.IsDedicatedAsync(solution, value, site, cancellationToken).ConfigureAwait(false))
            {
                return ImmutableArray.Create(SiteFix.ForDocument(
                    FixOriginKey,
                    "Remove the dead '*' origin",
                    ct => OriginValueFixes.RemoveAsync(document, span, ct)));
            }

            return ImmutableArray<SiteFix>.Empty;
        }
    }
}
