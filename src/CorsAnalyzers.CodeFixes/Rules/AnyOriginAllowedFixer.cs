using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS009: list the trusted origins instead of any origin (<see cref="UseWithOriginsKey"/>, the only fix).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AnyOriginAllowedFixer)), Shared]
    public sealed class AnyOriginAllowedFixer : CodeFixProvider
    {
        public const string UseWithOriginsKey = RuleIdentifiers.AnyOriginAllowed + ".UseWithOrigins";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.AnyOriginAllowed);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, UseWithOriginsKey, ImmutableArray<string>.Empty, FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, UseWithOriginsKey, FindAsync);

        private static Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            PolicyCodeFixes.FindAsync(document, diagnostic, UseWithOriginsKey, removeCredentialsKey: null, cancellationToken);
    }
}
