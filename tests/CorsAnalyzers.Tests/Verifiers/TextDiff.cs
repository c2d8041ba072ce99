using System.Text;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// A small line diff ("-" expected only, "+" actual only) for the failure messages of tests that compare texts
/// themselves (dotnet format's output, for one); the verifier's own diffs are the testing library's.
/// </summary>
public static class TextDiff
{
    public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    public static string Unified(string expected, string actual, int context = 3)
    {
        var a = NormalizeLineEndings(expected).Split('\n');
        var b = NormalizeLineEndings(actual).Split('\n');

        // Longest common subsequence table (sources in tests are small).
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, string Text, int LineA, int LineB)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', a[x], x + 1, y + 1));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                lines.Add(('+', b[y], x + 1, y + 1));
                y++;
            }
            else
            {
                lines.Add(('-', a[x], x + 1, y + 1));
                x++;
            }
        }

        var show = new bool[lines.Count];
        for (var k = 0; k < lines.Count; k++)
        {
            if (lines[k].Kind != ' ')
            {
                for (var m = Math.Max(0, k - context); m <= Math.Min(lines.Count - 1, k + context); m++)
                {
                    show[m] = true;
                }
            }
        }

        var builder = new StringBuilder();
        builder.AppendLine("--- expected");
        builder.AppendLine("+++ actual");
        var previousShown = true;
        for (var k = 0; k < lines.Count; k++)
        {
            if (!show[k])
            {
                previousShown = false;
                continue;
            }

            if (!previousShown || k == 0)
            {
                builder.Append("@@ expected line ").Append(lines[k].LineA).Append(", actual line ").Append(lines[k].LineB).AppendLine(" @@");
            }

            previousShown = true;
            builder.Append(lines[k].Kind).Append(' ').AppendLine(ShowWhitespace(lines[k].Text));
        }

        return builder.ToString();
    }

    private static string ShowWhitespace(string line) =>
        line.Length > 0 && char.IsWhiteSpace(line[^1]) ? line + "⏎" : line;
}
