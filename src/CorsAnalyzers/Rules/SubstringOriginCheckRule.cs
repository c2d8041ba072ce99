using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS010: inside an origin predicate (<c>SetIsOriginAllowed(...)</c>, <c>CorsPolicy.IsOriginAllowed = ...</c>), the
    /// origin is matched with <c>Contains</c>, <c>StartsWith</c>, an <c>EndsWith</c> without a dot boundary, an
    /// unanchored regular expression, or one whose unescaped '.' matches any character.
    /// </summary>
    public sealed class SubstringOriginCheckRule : CorsRule
    {
        /// <summary>Diagnostic property: the host the fix compares against (set only when the fix applies).</summary>
        internal const string FixHostProperty = "Host";

        /// <summary>Diagnostic property: "Origin" when the receiver is the raw origin, "Host" when it is a parsed host.</summary>
        internal const string ReceiverProperty = "Receiver";

        /// <summary>Diagnostic property, present when the call's second argument is a <c>StringComparison</c>.</summary>
        internal const string HasComparisonProperty = "HasComparison";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.SubstringOriginCheck);

        internal override void Initialize(CorsCompilationContext context)
        {
            if (context.Cors is null)
            {
                return;
            }

            var symbols = new OriginCheckSymbols(context.Compilation);

            // A helper method shared by several predicates is analyzed once per predicate: report each location once.
            // Values are bool, as in the other rules' sets: a ConcurrentDictionary<_, byte> was compiled by the JIT in
            // every fresh compiler process for this set alone (docs/performance.md, round 9).
            var reported = new ConcurrentDictionary<Location, bool>();
            context.RegisterOriginPredicateAction((operationContext, predicate) =>
                OriginPredicateWalker.Walk(operationContext, predicate, symbols, (invocation, flow) =>
                {
                    if (invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String)
                    {
                        AnalyzeStringCall(operationContext, invocation, flow, reported);
                    }
                    else
                    {
                        AnalyzeRegexCall(operationContext, invocation, flow, symbols, reported);
                    }
                }));
        }

        private static void AnalyzeStringCall(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            OriginFlow flow,
            ConcurrentDictionary<Location, bool> reported)
        {
            if (!OriginPredicateWalker.TryGetStringCheck(invocation, flow, out var kind, out var valueArgument))
            {
                return;
            }

            var method = invocation.TargetMethod;
            var constant = valueArgument.Value.ConstantValue;
            var text = constant.HasValue ? constant.Value as string : null;
            if (constant.HasValue && text is null)
            {
                return;
            }

            // Browsers send lower-case origins: the example bypass is lower-case too.
            var lowered = text?.ToLowerInvariant();
            string? bypass;
            string? fixHost = null;
            switch (method.Name)
            {
                case "Contains":
                    bypass = text is null ? "https://<" + valueArgument.Value.Syntax + ">.evil.net" : OriginBypass.ForContains(lowered!);
                    if (text is not null && OriginBypass.IsPlainHost(text))
                    {
                        fixHost = text;
                    }

                    break;
                case "StartsWith":
                    bypass = text is null
                        ? "<" + valueArgument.Value.Syntax + ">.evil.net"
                        : kind == OriginValue.Raw ? OriginBypass.ForOriginPrefix(lowered!) : OriginBypass.ForHostPrefix(lowered!);
                    break;
                default:
                    // EndsWith with a value we cannot see may well carry its leading dot: stay silent.
                    bypass = lowered is null ? null : OriginBypass.ForSuffix(lowered);
                    if (bypass is not null && OriginBypass.IsPlainHost(text!))
                    {
                        fixHost = text;
                    }

                    break;
            }

            if (bypass is null)
            {
                return;
            }

            // The fix trusts the host and its subdomains: for a shared hosting domain that is CORS015's finding, not a fix.
            if (fixHost is not null && SharedHosting.IsSharedHostingDomain(fixHost, SharedHostingSuffixesOption.Read(context.Options, invocation.Syntax.SyntaxTree), out _))
            {
                fixHost = null;
            }

            var shown = method.Name + "(" + valueArgument.Value.Syntax + ")";
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (fixHost is not null && IsFixableOverload(method, invocation))
            {
                properties = properties
                    .Add(FixHostProperty, fixHost)
                    .Add(ReceiverProperty, kind == OriginValue.Raw ? "Origin" : "Host");
                if (method.Parameters.Length == 2)
                {
                    properties = properties.Add(HasComparisonProperty, "true");
                }
            }

            Report(context, invocation, shown, bypass, properties, reported);
        }

        /// <summary>
        /// <c>x.EndsWith("contoso.com")</c> or <c>x.EndsWith("contoso.com", StringComparison.Ordinal)</c> written as a plain
        /// member call with positional arguments: what the fix can rewrite from syntax alone.
        /// </summary>
        private static bool IsFixableOverload(IMethodSymbol method, IInvocationOperation invocation)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } syntax)
            {
                return false;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameColon is not null)
                {
                    return false;
                }
            }

            return method.Parameters.Length == 1
                   || (method.Parameters.Length == 2 && method.Parameters[1].Type.Name == nameof(StringComparison)
                       && method.Parameters[1].Type.ContainingNamespace?.Name == "System");
        }

        private static void AnalyzeRegexCall(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            OriginFlow flow,
            OriginCheckSymbols symbols,
            ConcurrentDictionary<Location, bool> reported)
        {
            if (!OriginPredicateWalker.TryGetRegexCheck(invocation, flow, symbols, context.CancellationToken, out var pattern, out _))
            {
                return;
            }

            if (RegexAnchoring.TryFindBypass(pattern, out var bypass))
            {
                Report(context, invocation, "an unanchored regular expression", bypass, ImmutableDictionary<string, string?>.Empty, reported);
            }
            else if (RegexAnchoring.TryFindUnescapedDotBypass(pattern, out bypass))
            {
                Report(context, invocation, "a regular expression whose unescaped '.' matches any character", bypass, ImmutableDictionary<string, string?>.Empty, reported);
            }
        }

        private static void Report(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            string shown,
            string bypass,
            ImmutableDictionary<string, string?> properties,
            ConcurrentDictionary<Location, bool> reported)
        {
            var location = OriginPredicateWalker.GetLocation(invocation);
            if (reported.TryAdd(location, true))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SubstringOriginCheck, location, properties, shown, bypass));
            }
        }
    }
}
