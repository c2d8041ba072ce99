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
    /// CORS002: list the trusted origins instead of the always-true check (the default, <see cref="UseWithOriginsKey"/>:
    /// other paths keep their credentials), or, in the IDE, drop credentials where every path that uses them is reported
    /// (<see cref="RemoveAllowCredentialsKey"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AlwaysTruePredicateWithCredentialsFixer)), Shared]
    public sealed class AlwaysTruePredicateWithCredentialsFixer : CodeFixProvider
    {
        public const string UseWithOriginsKey = RuleIdentifiers.AlwaysTruePredicateWithCredentials + ".UseWithOrigins";
        public const string RemoveAllowCredentialsKey = RuleIdentifiers.AlwaysTruePredicateWithCredentials + ".RemoveAllowCredentials";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.AlwaysTruePredicateWithCredentials);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, UseWithOriginsKey, ImmutableArray.Create(RemoveAllowCredentialsKey), FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, UseWithOriginsKey, FindAsync);

        private static Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            PolicyCodeFixes.FindAsync(document, diagnostic, UseWithOriginsKey, RemoveAllowCredentialsKey, cancellationToken);
    }
}
