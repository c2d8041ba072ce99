using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The body of an origin predicate (<c>Func&lt;string, bool&gt;</c> given to <c>SetIsOriginAllowed</c> or assigned to
    /// <c>CorsPolicy.IsOriginAllowed</c>) and its origin parameter: a lambda, an anonymous method, or a method group
    /// (method or local function) declared in the same compilation. The one place that finds a predicate's code:
    /// CORS010 reads it through <see cref="TryResolve"/>, the policy model (CORS002/CORS009) through
    /// <see cref="TryResolveFunction"/>.
    /// </summary>
    internal readonly struct OriginPredicate
    {
        public OriginPredicate(IOperation body, IParameterSymbol originParameter)
        {
            Body = body;
            OriginParameter = originParameter;
        }

        /// <summary>The operation tree to inspect: a lambda's body, or the whole method/local function operation.</summary>
        public IOperation Body { get; }

        public IParameterSymbol OriginParameter { get; }

        /// <summary>
        /// Finds the predicate behind a delegate-valued operation (an argument or an assigned value). Returns false for
        /// anything else: a delegate held in a variable or field, a method from another assembly, incomplete code, a
        /// function without exactly one parameter.
        /// </summary>
        public static bool TryResolve(IOperation? value, Compilation compilation, CancellationToken cancellationToken, out OriginPredicate predicate)
        {
            predicate = default;
            if (!TryResolveFunction(value, compilation, cancellationToken, out var body, out var function)
                || body is null
                || function is null
                || function.Parameters.Length != 1)
            {
                return false;
            }

            predicate = new OriginPredicate(body, function.Parameters[0]);
            return true;
        }

        /// <summary>
        /// The function behind a delegate-valued operation, whatever its parameters: for a lambda or anonymous method
        /// (also <c>delegate { ... }</c> without a parameter list) its body, for a method group of a method or local
        /// function declared in this compilation its whole operation (<see cref="IMethodBodyOperation"/> or
        /// <see cref="ILocalFunctionOperation"/>); with the function's symbol, whose parameters the body refers to.
        /// Returns false for anything else (a delegate held in a variable or field, a method from another assembly,
        /// incomplete code).
        /// </summary>
        public static bool TryResolveFunction(
            IOperation? value,
            Compilation compilation,
            CancellationToken cancellationToken,
            out IOperation? body,
            out IMethodSymbol? function)
        {
            body = null;
            function = null;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (value is not IDelegateCreationOperation delegateCreation)
            {
                return false;
            }

            switch (delegateCreation.Target)
            {
                case IAnonymousFunctionOperation lambda:
                    body = lambda.Body;
                    function = lambda.Symbol;
                    return true;

                case IMethodReferenceOperation methodReference:
                    return SourceMethods.TryGetBody(methodReference.Method, delegateCreation.SemanticModel, compilation, cancellationToken, out body, out function);

                default:
                    return false;
            }
        }

        /// <summary>
        /// The body of a source method (or local function) and its parameter at <paramref name="parameterOrdinal"/>:
        /// used for method groups and for calls a predicate forwards its origin to.
        /// </summary>
        public static bool TryResolveMethod(
            IMethodSymbol method,
            int parameterOrdinal,
            IOperation site,
            Compilation compilation,
            CancellationToken cancellationToken,
            out OriginPredicate predicate)
        {
            predicate = default;
            if (parameterOrdinal < 0
                || parameterOrdinal >= method.Parameters.Length
                || !SourceMethods.TryGetBody(method, site.SemanticModel, compilation, cancellationToken, out var body, out var resolved)
                || body is null
                || resolved is null)
            {
                return false;
            }

            predicate = new OriginPredicate(body, resolved.Parameters[parameterOrdinal]);
            return true;
        }
    }
}
