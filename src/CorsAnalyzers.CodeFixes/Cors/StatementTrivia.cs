using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CorsAnalyzers.CodeFixes.Cors
{
    /// <summary>The trivia a fix gives a statement it inserts: the neighbour's indentation, the document's own line break.</summary>
    internal static class StatementTrivia
    {
        /// <summary>The indentation at the end of a statement's leading trivia (after its blank lines and comments).</summary>
        public static SyntaxTriviaList GetIndentation(SyntaxTriviaList leading)
        {
            if (leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia))
            {
                return SyntaxFactory.TriviaList(leading[leading.Count - 1]);
            }

            return SyntaxFactory.TriviaList();
        }

        /// <summary>The first line break of the document (CRLF when it has none).</summary>
        public static SyntaxTrivia FindEndOfLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.CarriageReturnLineFeed;
        }
    }
}
