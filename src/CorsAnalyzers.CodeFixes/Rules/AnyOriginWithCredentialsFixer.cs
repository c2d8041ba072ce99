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
    /// CORS001: list the trusted origins instead of any origin (the default, <see cref="UseWithOriginsKey"/>), or, in the
    /// IDE, drop credentials where every path that uses them is reported (<see cref="RemoveAllowCredentialsKey"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AnyOriginWithCredentialsFixer)), Shared]
    public sealed class AnyOriginWithCredentialsFixer : CodeFixProvider
    {
        public const string UseWithOriginsKey = RuleIdentifiers.AnyOriginWithCredentials + ".UseWithOrigins";
        public const string RemoveAllowCredentialsKey = RuleIdentifiers.AnyOriginWithCredentials + ".RemoveAllowCredentials";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.AnyOriginWithCredentials);

        public override FixAllProvider GetFixAllProvider() =>
            new SiteFixAllProvider(FixableDiagnosticIds, UseWithOriginsKey, ImmutableArray.Create(RemoveAllowCredentialsKey), FindAsync);

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            SiteFixes.RegisterAsync(context, FixableDiagnosticIds, UseWithOriginsKey, FindAsync);

        private static Task<ImmutableArray<SiteFix>> FindAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken) =>
            PolicyCodeFixes.FindAsync(document, diagnostic, UseWithOriginsKey, RemoveAllowCredentialsKey, cancellationToken);
    }
}
