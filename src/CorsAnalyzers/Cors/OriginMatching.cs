using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// What a string test on a browser Origin (<c>scheme://host[:port]</c>) or on its parsed host lets through: a concrete
    /// attacker origin that passes it, or null when the test has a safe boundary.
    /// </summary>
    internal static class OriginBypass
    {
        private const string EvilSuffix = "evil.net";

        /// <summary><c>Contains(text)</c>: the attacker puts the text inside a host of their own.</summary>
        public static string? ForContains(string text)
        {
            if (text.Length == 0)
            {
                return null;
            }

            var schemeEnd = text.IndexOf("://", System.StringComparison.Ordinal);
            if (schemeEnd >= 0)
            {
                // "https://app.contoso.com" → "https://app.contoso.com.evil.net"; with a port nothing can follow the text.
                var rest = text.Substring(schemeEnd + 3);
                return rest.Length == 0 || rest.IndexOf(':') >= 0 || rest.IndexOf('/') >= 0 ? null : AppendHost(text);
            }

            if (text[0] == ':')
            {
                return "https://" + EvilSuffix + text;
            }

            if (text.IndexOf(':') >= 0)
            {
                // "contoso.com:8080": the text must end the origin; only a dot boundary makes that safe.
                return text[0] == '.' ? null : "https://evil" + text;
            }

            return AppendHost("https://" + (text[0] == '.' ? "evil" : string.Empty) + text);
        }

        /// <summary><c>StartsWith(text)</c> on the raw origin.</summary>
        public static string? ForOriginPrefix(string text)
        {
            var schemeEnd = text.IndexOf("://", System.StringComparison.Ordinal);
            if (schemeEnd < 0)
            {
                // Not a prefix that contains a host ("https", "http://" alone): not a substring host check.
                return null;
            }

            var rest = text.Substring(schemeEnd + 3);
            return rest.Length == 0 || rest.IndexOf(':') >= 0 || rest.IndexOf('/') >= 0 ? null : AppendHost(text);
        }

        /// <summary><c>StartsWith(text)</c> on the parsed host.</summary>
        public static string? ForHostPrefix(string text)
        {
            return text.Length == 0 || text.IndexOf(':') >= 0 || text.IndexOf('/') >= 0 ? null : AppendHost("https://" + text);
        }

        /// <summary><c>EndsWith(text)</c>, on the raw origin or the parsed host.</summary>
        public static string? ForSuffix(string text)
        {
            if (text.Length == 0 || text[0] == '.' || text.IndexOf('/') >= 0)
            {
                // ".contoso.com" has its dot boundary; "://contoso.com" its scheme boundary.
                return null;
            }

            return text[0] == ':' ? "https://" + EvilSuffix + text : "https://evil" + text;
        }

        /// <summary>A bare host name such as "contoso.com" or "localhost": what the host-comparison fix can use.</summary>
        public static bool IsPlainHost(string text)
        {
            if (text.Length == 0)
            {
                return false;
            }

            var labelLength = 0;
            foreach (var c in text)
            {
                if (c == '.')
                {
                    if (labelLength == 0)
                    {
                        return false;
                    }

                    labelLength = 0;
                }
                else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')
                {
                    labelLength++;
                }
                else
                {
                    return false;
                }
            }

            return labelLength > 0;
        }

        internal static string AppendHost(string origin) => origin + (origin.EndsWith(".", System.StringComparison.Ordinal) ? EvilSuffix : "." + EvilSuffix);
    }

    /// <summary>
    /// Whether a regular expression matched against an Origin is anchored at both ends. A pattern whose start is a
    /// literal scheme ("https://"), a dot ("\.contoso\.com$") or "://" needs no '^'; a pattern that ends with a port
    /// ("localhost:\d+") needs no '$': nothing can follow it in an origin.
    /// </summary>
    internal static class RegexAnchoring
    {
        private static readonly Regex InlineOptions = new Regex(@"^\(\?[imnsx-]+\)", RegexOptions.CultureInvariant);
        private static readonly Regex PortAtEnd = new Regex(@":(\\d|\[0-9\])([+*]|\{\d+(,\d*)?\})$", RegexOptions.CultureInvariant);

        /// <summary>
        /// True when some top-level alternative of <paramref name="pattern"/> is not anchored; <paramref name="bypass"/>
        /// is then an origin that matches it (from the pattern's literal text when it has one).
        /// </summary>
        public static bool TryFindBypass(string pattern, out string bypass)
        {
            bypass = string.Empty;
            var match = InlineOptions.Match(pattern);
            while (match.Success)
            {
                pattern = pattern.Substring(match.Length);
                match = InlineOptions.Match(pattern);
            }

            foreach (var alternative in SplitTopLevelAlternatives(pattern))
            {
                var core = alternative;
                var start = false;
                if (core.StartsWith("^", System.StringComparison.Ordinal))
                {
                    start = true;
                    core = core.Substring(1);
                }
                else if (core.StartsWith(@"\A", System.StringComparison.Ordinal) || core.StartsWith(@"\G", System.StringComparison.Ordinal))
                {
                    start = true;
                    core = core.Substring(2);
                }

                var end = false;
                if (EndsWithUnescaped(core, "$"))
                {
                    end = true;
                    core = core.Substring(0, core.Length - 1);
                }
                else if (EndsWithUnescaped(core, @"\z") || EndsWithUnescaped(core, @"\Z"))
                {
                    end = true;
                    core = core.Substring(0, core.Length - 2);
                }

                start = start || StartsWithScheme(core) || core.StartsWith(@"\.", System.StringComparison.Ordinal)
                        || core.StartsWith("://", System.StringComparison.Ordinal) || core.StartsWith(@":\/\/", System.StringComparison.Ordinal);
                end = end || PortAtEnd.IsMatch(core);
                if (start && end)
                {
                    continue;
                }

                var literal = Literalize(core);
                if (!end)
                {
                    bypass = literal is null
                        ? "https://<match>.evil.net"
                        : OriginBypass.AppendHost(literal.IndexOf("://", System.StringComparison.Ordinal) >= 0 ? literal : "https://" + literal);
                }
                else
                {
                    bypass = literal is null ? "https://evil<match>" : literal.StartsWith(":", System.StringComparison.Ordinal) ? "https://evil.net" + literal : "https://evil" + literal;
                }

                return true;
            }

            return false;
        }

        private static bool EndsWithUnescaped(string text, string suffix)
        {
            if (!text.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return false;
            }

            // The suffix's first character must not itself be escaped: an even number of backslashes precedes it.
            var backslashes = 0;
            for (var i = text.Length - suffix.Length - 1; i >= 0 && text[i] == '\\'; i--)
            {
                backslashes++;
            }

            return backslashes % 2 == 0;
        }

        private static bool StartsWithScheme(string core)
        {
            var i = 0;
            while (i < core.Length && ((core[i] >= 'a' && core[i] <= 'z') || (core[i] >= 'A' && core[i] <= 'Z') || core[i] == '?'))
            {
                i++;
            }

            return i > 0
                   && (string.CompareOrdinal(core, i, "://", 0, 3) == 0 || string.CompareOrdinal(core, i, @":\/\/", 0, 5) == 0);
        }

        /// <summary>The text the pattern matches when it is plain literal text (escapes and optional characters allowed).</summary>
        private static string? Literalize(string core)
        {
            var builder = new StringBuilder(core.Length);
            for (var i = 0; i < core.Length; i++)
            {
                var c = core[i];
                char literal;
                if (c == '\\')
                {
                    if (i + 1 >= core.Length || char.IsLetterOrDigit(core[i + 1]))
                    {
                        // \d, \w, \b...: a class or an assertion, not a character.
                        return null;
                    }

                    literal = core[++i];
                }
                else if ("[](){}*+?|^$".IndexOf(c) >= 0)
                {
                    return null;
                }
                else
                {
                    literal = c;
                }

                if (i + 1 < core.Length && core[i + 1] == '?')
                {
                    // "https?": the optional character is left out.
                    i++;
                    continue;
                }

                builder.Append(literal);
            }

            return builder.ToString();
        }

        private static List<string> SplitTopLevelAlternatives(string pattern)
        {
            var alternatives = new List<string>();
            var depth = 0;
            var inClass = false;
            var start = 0;
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                if (c == '\\')
                {
                    i++;
                }
                else if (inClass)
                {
                    inClass = c != ']';
                }
                else if (c == '[')
                {
                    inClass = true;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth--;
                }
                else if (c == '|' && depth == 0)
                {
                    alternatives.Add(pattern.Substring(start, i - start));
                    start = i + 1;
                }
            }

            alternatives.Add(pattern.Substring(start));
            return alternatives;
        }
    }
}
