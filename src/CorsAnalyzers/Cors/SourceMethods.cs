using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Cors
{
    /// <summary>Source methods of the compilation being analyzed: helpers a builder or an origin is passed to.</summary>
    internal static class SourceMethods
    {
        /// <summary>
        /// The operation of a method (its implementation part, for a partial method) or local function declared with a
        /// body in this compilation, read with the current semantic model when it is in the same file. The one place that finds the body of a
        /// helper method (the policy model) or of a method-group predicate (CORS002, CORS010).
        /// </summary>
        public static bool TryGetBody(
            IMethodSymbol method,
            SemanticModel? currentModel,
            Compilation compilation,
            CancellationToken cancellationToken,
            out IOperation? body,
            out IMethodSymbol? resolved)
        {
            body = null;
            resolved = method.OriginalDefinition;
            resolved = resolved.PartialImplementationPart ?? resolved;
            if (resolved.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            var reference = resolved.DeclaringSyntaxReferences[0];
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

            var model = GetSemanticModel(currentModel, reference.SyntaxTree, compilation);
            body = model?.GetOperation(syntax, cancellationToken);
            return body is not null;
        }

        /// <summary>The semantic model of <paramref name="tree"/>: <paramref name="currentModel"/> when it is that tree's, else the compilation's (null for a tree of another compilation).</summary>
        public static SemanticModel? GetSemanticModel(SemanticModel? currentModel, SyntaxTree tree, Compilation compilation)
        {
            if (currentModel is { } model && model.SyntaxTree == tree)
            {
                return model;
            }

            if (!compilation.ContainsSyntaxTree(tree))
            {
                return null;
            }

            // The method lives in another file of the same compilation: the one place where the analyzers need a model the
            // driver did not hand them. It happens once per helper or predicate declared elsewhere, not per node.
#pragma warning disable RS1030 // Do not invoke Compilation.GetSemanticModel() method within a diagnostic analyzer
            return compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
        }
    }
}
