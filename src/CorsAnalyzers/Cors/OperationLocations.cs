using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>Where diagnostics point.</summary>
    internal static class OperationLocations
    {
        /// <summary>
        /// For a method call, the method name through the argument list (<c>AllowAnyOrigin()</c> in
        /// <c>builder.AllowAnyOrigin()</c>): the part a fix replaces. For anything else, the operation's syntax.
        /// </summary>
        public static Location GetNameAndArgumentsLocation(IOperation operation)
        {
            if (operation.Syntax is InvocationExpressionSyntax invocation)
            {
                SyntaxNode? name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax memberAccess => memberAccess.Name,
                    MemberBindingExpressionSyntax memberBinding => memberBinding.Name,
                    _ => null,
                };
                if (name is not null)
                {
                    return Location.Create(invocation.SyntaxTree, TextSpan.FromBounds(name.SpanStart, invocation.Span.End));
                }
            }

            return operation.Syntax.GetLocation();
        }

        /// <summary>The method name of <c>x.Name(...)</c> or <c>Name(...)</c>; the whole call otherwise.</summary>
        public static Location GetMethodNameLocation(IOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                switch (syntax.Expression)
                {
                    case MemberAccessExpressionSyntax memberAccess:
                        return memberAccess.Name.GetLocation();
                    case MemberBindingExpressionSyntax memberBinding:
                        return memberBinding.Name.GetLocation();
                    case SimpleNameSyntax name:
                        return name.GetLocation();
                }
            }

            return invocation.Syntax.GetLocation();
        }
    }
}
