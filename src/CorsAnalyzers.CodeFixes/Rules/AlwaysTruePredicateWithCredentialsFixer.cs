using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS002: list the trusted origins instead of an always-true origin check, or drop credentials.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AlwaysTruePredicateWithCredentialsFixer)), Shared]
    public sealed class AlwaysTruePredicateWithCredentialsFixer : CodeFixProvider
    {
        public const string UseWithOriginsKey = RuleIdentifiers.AlwaysTruePredicateWithCredentials + ".UseWithOrigins";
        public const string RemoveAllowCredentialsKey = RuleIdentifiers.AlwaysTruePredicateWithCredentials + ".RemoveAllowCredentials";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.AlwaysTruePredicateWithCredentials);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            PolicyCodeFixes.RegisterAsync(context, UseWithOriginsKey, RemoveAllowCredentialsKey);
    }
}
