using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS001: list the trusted origins instead of any origin, or drop credentials.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AnyOriginWithCredentialsFixer)), Shared]
    public sealed class AnyOriginWithCredentialsFixer : CodeFixProvider
    {
        public const string UseWithOriginsKey = RuleIdentifiers.AnyOriginWithCredentials + ".UseWithOrigins";
        public const string RemoveAllowCredentialsKey = RuleIdentifiers.AnyOriginWithCredentials + ".RemoveAllowCredentials";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.AnyOriginWithCredentials);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            PolicyCodeFixes.RegisterAsync(context, UseWithOriginsKey, RemoveAllowCredentialsKey);
    }
}
