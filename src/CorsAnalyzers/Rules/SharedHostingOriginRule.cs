using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS015: a policy trusts every subdomain of a shared hosting domain (<see cref="SharedHosting"/>): a <c>*.</c>
    /// origin with <c>SetIsOriginAllowedToAllowWildcardSubdomains()</c> in effect, or, in an origin predicate, an
    /// <c>EndsWith</c> or an anchored regular expression ending in that domain. Also such an origin read from
    /// appsettings*.json, reported at the value in the file.
    /// </summary>
    public sealed class SharedHostingOriginRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.SharedHostingOrigin, DiagnosticDescriptors.InConfiguration.SharedHostingOrigin);

        internal override void Initialize(CorsCompilationContext context)
        {
            if (context.Cors is not { } cors)
            {
                return;
            }

            // A helper shared by several policies or predicates is read once per policy: report each location once.
            var reported = new ConcurrentDictionary<Location, bool>();
            context.RegisterPolicyAction((operationContext, result) =>
            {
                foreach (var value in result.OriginValues)
                {
                    if (value.ConstantValue is { HasValue: true, Value: string origin }
                        && SharedHosting.TryGetWildcardDomain(origin, out var domain)
                        && result.MatchesAsWildcardSubdomainsOnSomePath(value))
                    {
                        ReportIfShared(operationContext, value.Syntax.GetLocation(), "The origin \"" + origin + "\"", domain, reported);
                    }
                }
            });

            // In configuration: the option is read where the policy reads the value (its C# file).
            var options = context.Options;
            context.GetConfiguredOrigins(cors).RegisterCheck(
                DiagnosticDescriptors.InConfiguration.SharedHostingOrigin,
                configured => configured.Reading.WildcardSubdomainsOnSomePath
                              && SharedHosting.TryGetWildcardDomain(configured.Text, out var domain)
                              && IsShared(domain, options, configured.Reading.Operation.Syntax.SyntaxTree)
                    ? domain
                    : null);

            var symbols = new OriginCheckSymbols(context.Compilation);
            context.RegisterOriginPredicateAction((operationContext, predicate) =>
                OriginPredicateWalker.Walk(operationContext, predicate, symbols, (invocation, flow) =>
                {
                    if (IsDenyingCheck(invocation))
                    {
                        return;
                    }

                    if (OriginPredicateWalker.TryGetStringCheck(invocation, flow, out _, out var argument))
                    {
                        if (invocation.TargetMethod.Name == "EndsWith"
                            && argument.Value.ConstantValue is { HasValue: true, Value: string suffix }
                            && TryGetSuffixDomain(suffix, out var domain))
                        {
                            var shown = "This origin check (EndsWith(" + argument.Value.Syntax + "))";
                            ReportIfShared(operationContext, OriginPredicateWalker.GetLocation(invocation), shown, domain, reported);
                        }
                    }
                    else if (OriginPredicateWalker.TryGetRegexCheck(invocation, flow, symbols, operationContext.CancellationToken, out var pattern, out _)
                             && RegexAnchoring.TryFindWildcardSubdomainDomain(pattern, out var domain))
                    {
                        ReportIfShared(operationContext, OriginPredicateWalker.GetLocation(invocation), "This origin check (a regular expression)", domain, reported);
                    }
                }));
        }

        /// <summary>".vercel.app" or "vercel.app" of an EndsWith: the domain every subdomain of which passes.</summary>
        private static bool TryGetSuffixDomain(string suffix, out string domain)
        {
            domain = (suffix.StartsWith(".", StringComparison.Ordinal) ? suffix.Substring(1) : suffix).ToLowerInvariant();
            return OriginBypass.IsPlainHost(domain);
        }

        /// <summary>
        /// <c>!origin.EndsWith(".vercel.app")</c>, or the condition of an <c>if</c> that returns false: a check that keeps
        /// those sites out, not one that lets them in.
        /// </summary>
        private static bool IsDenyingCheck(IInvocationOperation invocation)
        {
            IOperation current = invocation;
            var parent = current.Parent;
            while (parent is IConversionOperation or IConditionalAccessOperation
                   || parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.ConditionalAnd })
            {
                current = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not }:
                    return true;
                case IConditionalOperation conditional when conditional.Condition == current:
                    return ReturnsFalse(conditional.WhenTrue);
                default:
                    return false;
            }
        }

        private static bool ReturnsFalse(IOperation operation)
        {
            if (operation is IBlockOperation { Operations.Length: 1 } block)
            {
                operation = block.Operations[0];
            }

            return operation is IReturnOperation { ReturnedValue: { ConstantValue: { HasValue: true, Value: false } } };
        }

        private static void ReportIfShared(
            OperationAnalysisContext context,
            Location location,
            string shown,
            string domain,
            ConcurrentDictionary<Location, bool> reported)
        {
            if (location.SourceTree is { } tree
                && IsShared(domain, context.Options, tree)
                && reported.TryAdd(location, true))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SharedHostingOrigin, location, shown, domain));
            }
        }

        private static bool IsShared(string domain, AnalyzerOptions? options, SyntaxTree tree) =>
            SharedHosting.IsSharedHostingDomain(domain, options, tree);
    }
}
