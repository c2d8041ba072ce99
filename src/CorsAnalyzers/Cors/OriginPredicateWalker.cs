using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The string and regular-expression calls of an origin predicate (<c>SetIsOriginAllowed(...)</c>,
    /// <c>CorsPolicy.IsOriginAllowed = ...</c>) and of the helpers of the same compilation it forwards the origin to (two
    /// calls deep), each with the <see cref="OriginFlow"/> that says which values are the origin or its host. Read by
    /// CORS010 (substring checks) and CORS015 (shared hosting domains).
    /// </summary>
    internal static class OriginPredicateWalker
    {
        /// <summary>How many method calls deep the analysis follows the origin (predicate → helper → helper).</summary>
        private const int MaxForwardingDepth = 2;

        /// <summary>Calls <paramref name="visit"/> for every <c>string</c> and <c>Regex</c> method call of the predicate.</summary>
        public static void Walk(
            OperationAnalysisContext context,
            IOperation predicateValue,
            OriginCheckSymbols symbols,
            Action<IInvocationOperation, OriginFlow> visit)
        {
            if (!OriginPredicate.TryResolve(predicateValue, context.Compilation, context.CancellationToken, out var predicate))
            {
                return;
            }

            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            WalkBody(context, predicate, symbols, visit, visited, depth: 0);
        }

        private static void WalkBody(
            OperationAnalysisContext context,
            OriginPredicate predicate,
            OriginCheckSymbols symbols,
            Action<IInvocationOperation, OriginFlow> visit,
            HashSet<IMethodSymbol> visited,
            int depth)
        {
            var flow = new OriginFlow(predicate.OriginParameter, symbols);
            flow.CollectLocals(predicate.Body);

            foreach (var operation in predicate.Body.Descendants())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                var method = invocation.TargetMethod;
                if (method.ContainingType?.SpecialType == SpecialType.System_String || symbols.IsRegex(method.ContainingType))
                {
                    visit(invocation, flow);
                }
                else if (depth < MaxForwardingDepth)
                {
                    FollowForwardedOrigin(context, invocation, flow, symbols, visit, visited, depth);
                }
            }
        }

        /// <summary>
        /// <c>SetIsOriginAllowed(origin =&gt; IsAllowed(origin))</c>: the check is in a helper of the same compilation.
        /// </summary>
        private static void FollowForwardedOrigin(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            OriginFlow flow,
            OriginCheckSymbols symbols,
            Action<IInvocationOperation, OriginFlow> visit,
            HashSet<IMethodSymbol> visited,
            int depth)
        {
            var method = invocation.TargetMethod;
            if (method.DeclaringSyntaxReferences.Length == 0)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null
                    || argument.Parameter.Type.SpecialType != SpecialType.System_String
                    || flow.Classify(argument.Value) != OriginValue.Raw)
                {
                    continue;
                }

                if (!visited.Add(method.OriginalDefinition))
                {
                    return;
                }

                if (OriginPredicate.TryResolveMethod(
                        method.OriginalDefinition, argument.Parameter.Ordinal, invocation, context.Compilation, context.CancellationToken, out var helper))
                {
                    WalkBody(context, helper, symbols, visit, visited, depth + 1);
                }

                return;
            }
        }

        /// <summary>
        /// <c>x.Contains/StartsWith/EndsWith(value[, comparison])</c> on the origin or its host: the kind of receiver and the
        /// value argument. False for anything else (a static call, another method, a receiver unrelated to the origin).
        /// </summary>
        public static bool TryGetStringCheck(IInvocationOperation invocation, OriginFlow flow, out OriginValue receiver, out IArgumentOperation valueArgument)
        {
            receiver = OriginValue.None;
            valueArgument = null!;
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (method.IsStatic
                || method.ContainingType?.SpecialType != SpecialType.System_String
                || (name != "Contains" && name != "StartsWith" && name != "EndsWith")
                || method.Parameters.Length == 0
                || method.Parameters[0].Type.SpecialType != SpecialType.System_String
                || invocation.Arguments.Length == 0)
            {
                return false;
            }

            receiver = flow.Classify(invocation.Instance);
            if (receiver == OriginValue.None)
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    valueArgument = argument;
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>Regex.IsMatch/Match</c> on the origin or its host, static with a constant pattern or on an instance whose
        /// pattern is known (<see cref="OriginFlow.GetRegexPattern"/>): the pattern and the kind of input.
        /// </summary>
        public static bool TryGetRegexCheck(
            IInvocationOperation invocation,
            OriginFlow flow,
            OriginCheckSymbols symbols,
            System.Threading.CancellationToken cancellationToken,
            out string pattern,
            out OriginValue input)
        {
            pattern = string.Empty;
            input = OriginValue.None;
            var method = invocation.TargetMethod;
            if ((method.Name != "IsMatch" && method.Name != "Match") || !symbols.IsRegex(method.ContainingType))
            {
                return false;
            }

            IOperation? inputValue = null;
            string? constantPattern = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "input":
                        inputValue = argument.Value;
                        break;
                    case "pattern":
                        constantPattern = argument.Value.ConstantValue.HasValue ? argument.Value.ConstantValue.Value as string : null;
                        break;
                }
            }

            input = inputValue is null ? OriginValue.None : flow.Classify(inputValue);
            if (input == OriginValue.None)
            {
                return false;
            }

            if (!method.IsStatic)
            {
                constantPattern = flow.GetRegexPattern(invocation.Instance, symbols, cancellationToken);
            }

            pattern = constantPattern ?? string.Empty;
            return constantPattern is not null;
        }

        /// <summary>Where a diagnostic on a check points: the call, with its conditional access (<c>origin?.EndsWith(...)</c>).</summary>
        public static Location GetLocation(IInvocationOperation invocation)
        {
            var syntax = invocation.Syntax;
            if (syntax.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == syntax)
            {
                syntax = conditional;
            }

            return syntax.GetLocation();
        }
    }
}
