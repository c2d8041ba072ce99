using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>
    /// Classifies an origin predicate (<c>Func&lt;string, bool&gt;</c> given to SetIsOriginAllowed or assigned to
    /// CorsPolicy.IsOriginAllowed). ASP.NET Core only calls it with a non-empty origin (CorsService.IsOriginAllowed),
    /// so <c>o =&gt; true</c>, <c>o =&gt; o != null</c> and <c>o =&gt; !string.IsNullOrEmpty(o)</c> all accept every origin.
    /// </summary>
    internal static class OriginPredicates
    {
        public static PredicateShape Classify(IOperation predicate, Compilation compilation, CancellationToken cancellationToken)
        {
            var value = PolicyInterpreter.Unwrap(predicate);
            if (value is not IDelegateCreationOperation)
            {
                return value is null ? PredicateShape.Unknown : PredicateShape.Custom;
            }

            // The shared finder: a lambda's or anonymous method's body, or a method group's method / local function.
            if (!OriginPredicate.TryResolveFunction(value, compilation, cancellationToken, out var function, out var symbol)
                || symbol is null)
            {
                return PredicateShape.Custom;
            }

            var body = function switch
            {
                IMethodBodyOperation methodBody => (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody,
                ILocalFunctionOperation localFunction => localFunction.Body,
                _ => function,
            };

            // delegate { return true; } (no parameter list) has no origin to test, and is always true all the same.
            return body is not null && AlwaysReturnsTrue(body, symbol.Parameters.Length == 1 ? symbol.Parameters[0] : null)
                ? PredicateShape.AlwaysTrue
                : PredicateShape.Custom;
        }

        /// <summary>Every return statement of the body returns an always-true expression, and there is at least one.</summary>
        private static bool AlwaysReturnsTrue(IOperation body, IParameterSymbol? origin)
        {
            var returns = 0;
            var stack = new Stack<IOperation>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var operation = stack.Pop();
                if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (operation is IReturnOperation returnOperation)
                {
                    if (returnOperation.ReturnedValue is null || !IsAlwaysTrue(returnOperation.ReturnedValue, origin))
                    {
                        return false;
                    }

                    returns++;
                    continue;
                }

                foreach (var child in operation.ChildOperations)
                {
                    stack.Push(child);
                }
            }

            return returns > 0;
        }

        private static bool IsAlwaysTrue(IOperation value, IParameterSymbol? origin)
        {
            value = PolicyInterpreter.Unwrap(value)!;
            if (value.ConstantValue is { HasValue: true, Value: true })
            {
                return true;
            }

            if (origin is null)
            {
                return false;
            }

            switch (value)
            {
                // !string.IsNullOrEmpty(origin), !string.IsNullOrWhiteSpace(origin)
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IInvocationOperation invocation }
                    when invocation.TargetMethod.ContainingType.SpecialType == SpecialType.System_String
                         && invocation.TargetMethod.Name is "IsNullOrEmpty" or "IsNullOrWhiteSpace"
                         && invocation.Arguments.Length == 1
                         && IsOrigin(invocation.Arguments[0].Value, origin):
                    return true;

                // origin != null, null != origin
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } binary
                    when (IsOrigin(binary.LeftOperand, origin) && IsNull(binary.RightOperand))
                         || (IsNull(binary.LeftOperand) && IsOrigin(binary.RightOperand, origin)):
                    return true;

                // origin is not null, origin is { }
                case IIsPatternOperation { Pattern: INegatedPatternOperation { Pattern: IConstantPatternOperation { Value: { } constant } } } isPattern
                    when IsOrigin(isPattern.Value, origin) && IsNull(constant):
                    return true;
                case IIsPatternOperation { Pattern: IRecursivePatternOperation { DeconstructionSubpatterns.Length: 0, PropertySubpatterns.Length: 0 } } isPattern
                    when IsOrigin(isPattern.Value, origin):
                    return true;

                default:
                    return false;
            }
        }

        private static bool IsOrigin(IOperation operation, IParameterSymbol origin) =>
            PolicyInterpreter.Unwrap(operation) is IParameterReferenceOperation parameter
            && SymbolEqualityComparer.Default.Equals(parameter.Parameter, origin);

        private static bool IsNull(IOperation operation) =>
            PolicyInterpreter.Unwrap(operation) is { ConstantValue: { HasValue: true, Value: null } };
    }
}
