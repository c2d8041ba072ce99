using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The text to delete (or replace) to remove one element of a call chain, a statement, an element of a comma
    /// separated list or an attribute, computed by the analyzer, which sees every element that will be removed. The fix
    /// then only applies the text edit, so that the edits of one Fix All never overlap: the elements of one list share
    /// out its commas, the links of one chain are disjoint, and every diagnostic of a container that empties removes the
    /// same container (identical edits, merged into one).
    /// </summary>
    internal static class RemovalSpans
    {
        /// <summary>
        /// The span that removes element <paramref name="index"/> of a separated list when the elements marked in
        /// <paramref name="removed"/> are all removed; null when every element is removed (then the container goes).
        /// An element followed by a kept element takes its own comma and the indentation of the next one; in a removed
        /// run at the end of the list each element takes the comma before it.
        /// </summary>
        public static TextSpan? ListElement<TNode>(SeparatedSyntaxList<TNode> list, int index, bool[] removed)
            where TNode : SyntaxNode
        {
            var count = list.Count;
            var last = index;
            while (last + 1 < count && removed[last + 1])
            {
                last++;
            }

            var first = index;
            while (first > 0 && removed[first - 1])
            {
                first--;
            }

            if (first == 0 && last == count - 1)
            {
                return null;
            }

            return last < count - 1
                ? TextSpan.FromBounds(list[index].SpanStart, list[index + 1].SpanStart)
                : TextSpan.FromBounds(list[index - 1].Span.End, list[index].Span.End);
        }

        /// <summary>
        /// The span of a whole statement with its line (indentation, trailing comment and line break), when removing it
        /// leaves valid code: a statement of a block or a switch section, or a top-level statement among others.
        /// </summary>
        public static TextSpan? Statement(StatementSyntax statement)
        {
            SyntaxNode removed = statement;
            switch (statement.Parent)
            {
                case BlockSyntax:
                case SwitchSectionSyntax:
                    break;
                case GlobalStatementSyntax global when HasOtherGlobalStatement(global):
                    removed = global;
                    break;
                default:
                    return null;
            }

            return WholeLines(removed);
        }

        /// <summary>
        /// The span of an attribute list: from the start of its line when only indentation precedes it (comments above
        /// it, e.g. documentation, stay), to the end of its trailing trivia.
        /// </summary>
        public static TextSpan AttributeList(AttributeListSyntax list) => WholeLines(list);

        private static TextSpan WholeLines(SyntaxNode node)
        {
            var start = node.SpanStart;
            var leading = node.GetLeadingTrivia();
            for (var i = leading.Count - 1; i >= 0; i--)
            {
                var trivia = leading[i];
                if (trivia.IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    start = trivia.SpanStart;
                    continue;
                }

                break;
            }

            // Only the indentation of its own line goes: a line break, a comment or a directive before it stays.
            if (start != node.SpanStart && start != node.FullSpan.Start && !PrecededByLineBreak(leading, start))
            {
                start = node.SpanStart;
            }

            return TextSpan.FromBounds(start, node.FullSpan.End);
        }

        private static bool PrecededByLineBreak(SyntaxTriviaList leading, int position)
        {
            for (var i = leading.Count - 1; i >= 0; i--)
            {
                if (leading[i].Span.End == position)
                {
                    return leading[i].IsKind(SyntaxKind.EndOfLineTrivia) || leading[i].HasStructure;
                }
            }

            return false;
        }

        private static bool HasOtherGlobalStatement(GlobalStatementSyntax global)
        {
            if (global.Parent is not CompilationUnitSyntax compilationUnit)
            {
                return false;
            }

            foreach (var member in compilationUnit.Members)
            {
                if (member is GlobalStatementSyntax other && other != global)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Whether a span holds a preprocessor directive (never deleted by a fix).</summary>
        public static bool ContainsDirective(SyntaxNode root, TextSpan span)
        {
            foreach (var trivia in root.DescendantTrivia(span))
            {
                if (trivia.IsDirective && span.Contains(trivia.Span))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The index of <paramref name="node"/> in <paramref name="list"/>, or -1.</summary>
        public static int IndexOf<TNode>(SeparatedSyntaxList<TNode> list, SyntaxNode node)
            where TNode : SyntaxNode
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] == node)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>A mask of <paramref name="count"/> elements, none removed.</summary>
        public static bool[] NewMask(int count) => count == 0 ? Array.Empty<bool>() : new bool[count];
    }
}
