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
    /// (method or local function) declared in the same compilation.
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
        /// anything else: a delegate held in a variable or field, a method from another assembly, incomplete code.
        /// </summary>
        public static bool TryResolve(IOperation? value, Compilation compilation, CancellationToken cancellationToken, out OriginPredicate predicate)
        {
            predicate = default;
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
                    if (lambda.Symbol.Parameters.Length != 1)
                    {
                        return false;
                    }

                    predicate = new OriginPredicate(lambda.Body, lambda.Symbol.Parameters[0]);
                    return true;

                case IMethodReferenceOperation methodReference:
                    return TryResolveMethod(methodReference.Method, 0, delegateCreation, compilation, cancellationToken, out predicate);

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
            method = method.PartialImplementationPart ?? method;
            if (parameterOrdinal < 0 || parameterOrdinal >= method.Parameters.Length || method.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var reference = method.DeclaringSyntaxReferences[0];
            var syntax = reference.GetSyntax(cancellationToken);
            if (syntax is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax))
            {
                return false;
            }

            if (syntax is MethodDeclarationSyntax { Body: null, ExpressionBody: null }
                || syntax is LocalFunctionStatementSyntax { Body: null, ExpressionBody: null })
            {
                return false;
            }

            var model = GetSemanticModel(site, reference.SyntaxTree, compilation);
            if (model is null)
            {
                return false;
            }

            var body = model.GetOperation(syntax, cancellationToken);
            if (body is null)
            {
                return false;
            }

            predicate = new OriginPredicate(body, method.Parameters[parameterOrdinal]);
            return true;
        }

        private static SemanticModel? GetSemanticModel(IOperation site, SyntaxTree tree, Compilation compilation)
        {
            if (site.SemanticModel is { } model && model.SyntaxTree == tree)
            {
                return model;
            }

            if (!compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

            // The predicate lives in another file of the same compilation: this is the one place where the analyzer needs
            // a model the driver did not hand it. It happens once per predicate declared elsewhere, not per node.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        }
    }
}
