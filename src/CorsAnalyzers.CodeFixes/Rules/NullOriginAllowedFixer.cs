using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS005: remove the "null" origin from the policy.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NullOriginAllowedFixer)), Shared]
    public sealed class NullOriginAllowedFixer : CodeFixProvider
    {
        public const string RemoveOriginKey = RuleIdentifiers.NullOriginAllowed + ".RemoveOrigin";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.NullOriginAllowed);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var span = diagnostic.Location.SourceSpan;
                var literal = OriginValueFixes.FindLiteral(root, span);
                if (literal is not null && OriginValueFixes.CanRemove(literal))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Remove the 'null' origin",
                            cancellationToken => OriginValueFixes.RemoveAsync(context.Document, span, cancellationToken),
                            RemoveOriginKey),
                        diagnostic);
                }
            }
        }
    }
}
