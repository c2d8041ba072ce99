using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS009: list the trusted origins instead of any origin.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AnyOriginAllowedFixer)), Shared]
    public sealed class AnyOriginAllowedFixer : CodeFixProvider
    {
        public const string UseWithOriginsKey = RuleIdentifiers.AnyOriginAllowed + ".UseWithOrigins";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.AnyOriginAllowed);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override Task RegisterCodeFixesAsync(CodeFixContext context) =>
            PolicyCodeFixes.RegisterAsync(context, UseWithOriginsKey, removeCredentialsKey: null);
    }
}
