using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>One marked span: <c>[|...|]</c> (Id and Key null), <c>{|CORS001:...|}</c> (Id) or <c>{|#0:...|}</c> (Key).</summary>
public readonly record struct MarkupSpan(string? Id, int? Key, TextSpan Span);

/// <summary>A source with its markup removed, and the marked spans.</summary>
public sealed record MarkupSource(string Text, ImmutableArray<MarkupSpan> Spans);

/// <summary>
/// Parses the markup of Microsoft.CodeAnalysis.Testing: <c>[|text|]</c>, <c>{|ID:text|}</c> and <c>{|#n:text|}</c>,
/// nested freely.
/// </summary>
public static class TestMarkup
{
    public static MarkupSource Parse(string markup)
    {
        var output = new StringBuilder(markup.Length);
        var spans = ImmutableArray.CreateBuilder<MarkupSpan>();
        var open = new Stack<(string? Name, int Start, int MarkupOffset)>();

        var i = 0;
        while (i < markup.Length)
        {
            if (Match(markup, i, "[|"))
            {
                open.Push((null, output.Length, i));
                i += 2;
                continue;
            }

            if (Match(markup, i, "{|") && TryReadName(markup, i + 2, out var name, out var afterColon))
            {
                open.Push((name, output.Length, i));
                i = afterColon;
                continue;
            }

            if (Match(markup, i, "|]") && open.Count > 0 && open.Peek().Name is null)
            {
                var (_, start, _) = open.Pop();
                spans.Add(new MarkupSpan(null, null, TextSpan.FromBounds(start, output.Length)));
                i += 2;
                continue;
            }

            if (Match(markup, i, "|}") && open.Count > 0 && open.Peek().Name is not null)
            {
                var (openName, start, _) = open.Pop();
                var span = TextSpan.FromBounds(start, output.Length);
                spans.Add(openName![0] == '#'
                    ? new MarkupSpan(null, int.Parse(openName.Substring(1), System.Globalization.CultureInfo.InvariantCulture), span)
                    : new MarkupSpan(openName, null, span));
                i += 2;
                continue;
            }

            output.Append(markup[i]);
            i++;
        }

        if (open.Count > 0)
        {
            var (name, _, offset) = open.Peek();
            throw new ArgumentException($"Unclosed markup '{(name is null ? "[|" : "{|" + name + ":")}' at offset {offset} of the test source.");
        }

        // Sort by position so that expected diagnostics come in source order.
        var sorted = spans.OrderBy(s => s.Span.Start).ThenBy(s => s.Span.End).ToImmutableArray();
        return new MarkupSource(output.ToString(), sorted);
    }

    private static bool Match(string text, int index, string token) =>
        index + token.Length <= text.Length && string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    private static bool TryReadName(string text, int start, out string name, out int afterColon)
    {
        var i = start;
        if (i < text.Length && text[i] == '#')
        {
            i++;
            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == digitsStart)
            {
                name = string.Empty;
                afterColon = 0;
                return false;
            }
        }
        else
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
            {
                i++;
            }
        }

        if (i == start || i >= text.Length || text[i] != ':')
        {
            name = string.Empty;
            afterColon = 0;
            return false;
        }

        name = text.Substring(start, i - start);
        afterColon = i + 1;
        return true;
    }
}
