using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS004: write the origin a browser sends, enable wildcard subdomains, or drop a dead "*".</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OriginCanNeverMatchFixer)), Shared]
    public sealed class OriginCanNeverMatchFixer : CodeFixProvider
    {
        public const string NormalizeOriginKey = RuleIdentifiers.OriginCanNeverMatch + ".NormalizeOrigin";

        public const string AllowWildcardSubdomainsKey = RuleIdentifiers.OriginCanNeverMatch + ".AllowWildcardSubdomains";

        public const string RemoveOriginKey = RuleIdentifiers.OriginCanNeverMatch + ".RemoveOrigin";

        private const string DeadAnyOriginProblem = "DeadAnyOrigin";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIdentifiers.OriginCanNeverMatch);

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
                if (literal is null)
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(OriginCanNeverMatchRule.ProblemProperty, out var problem);

                // A *. entry of a shared hosting domain (CORS015): no rewrite that could make it trust every site there.
                var sharedHosting = diagnostic.Properties.ContainsKey(OriginCanNeverMatchRule.SharedHostingProperty);
                if (!sharedHosting
                    && diagnostic.Properties.TryGetValue(OriginCanNeverMatchRule.NormalizedProperty, out var normalized)
                    && normalized is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use '" + normalized + "'",
                            cancellationToken => OriginValueFixes.ReplaceAsync(context.Document, span, normalized, cancellationToken),
                            NormalizeOriginKey),
                        diagnostic);
                }

                if (problem == nameof(OriginProblem.WildcardHost)
                    && !sharedHosting
                    && !diagnostic.Properties.ContainsKey(OriginCanNeverMatchRule.OtherPredicateProperty)
                    && OriginValueFixes.FindOriginsCall(literal) is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Allow wildcard subdomains (SetIsOriginAllowedToAllowWildcardSubdomains)",
                            cancellationToken => OriginValueFixes.AllowWildcardSubdomainsAsync(context.Document, span, cancellationToken),
                            AllowWildcardSubdomainsKey),
                        diagnostic);
                }

                // Not when another "*" (or an unknown value) could be left alone: ["*"] allows any origin.
                if (problem == DeadAnyOriginProblem
                    && diagnostic.Properties.ContainsKey(OriginCanNeverMatchRule.RemovableProperty)
                    && OriginValueFixes.CanRemove(literal))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Remove the dead '*' origin",
                            cancellationToken => OriginValueFixes.RemoveAsync(context.Document, span, cancellationToken),
                            RemoveOriginKey),
                        diagnostic);
                }
            }
        }
    }
}
