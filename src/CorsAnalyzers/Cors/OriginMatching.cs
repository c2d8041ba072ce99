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
            foreach (var alternative in SplitTopLevelAlternatives(StripInlineOptions(pattern)))
            {
                var core = StripAnchors(alternative, out var start, out var end);

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

        /// <summary>
        /// True when some top-level alternative of <paramref name="pattern"/> is plain literal text in which an unescaped
        /// '.' between two host labels, not the last dot of the host, matches any character:
        /// <c>^https://portal.example.com$</c> also accepts <c>https://portalxexample.com</c>, a name anyone can register.
        /// <paramref name="bypass"/> is that origin. A last dot (<c>example.com</c> → <c>examplexcom</c>) is no bypass: no
        /// such host can be registered. Patterns that are not plain literal text are not judged.
        /// </summary>
        public static bool TryFindUnescapedDotBypass(string pattern, out string bypass)
        {
            bypass = string.Empty;
            foreach (var alternative in SplitTopLevelAlternatives(StripInlineOptions(pattern)))
            {
                var core = StripAnchors(alternative, out _, out _);
                var inClass = false;
                for (var i = 0; i < core.Length; i++)
                {
                    var c = core[i];
                    if (c == '\\')
                    {
                        i++;
                        continue;
                    }

                    if (inClass || c == '[')
                    {
                        inClass = c != ']';
                        continue;
                    }

                    if (c != '.' || (i + 1 < core.Length && "*+?{".IndexOf(core[i + 1]) >= 0))
                    {
                        continue;
                    }

                    const char Marker = '\u0001';
                    var literal = Literalize(core.Substring(0, i) + Marker + core.Substring(i + 1));
                    var marker = literal?.IndexOf(Marker) ?? -1;
                    if (literal is null || marker <= 0 || marker + 1 >= literal.Length)
                    {
                        continue;
                    }

                    var schemeEnd = literal.IndexOf("://", System.StringComparison.Ordinal);
                    var hostStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
                    var hostEnd = literal.IndexOfAny(new[] { ':', '/' }, hostStart);
                    hostEnd = hostEnd < 0 ? literal.Length : hostEnd;
                    var rest = marker < hostEnd ? literal.Substring(marker + 1, hostEnd - marker - 1) : string.Empty;
                    if (marker < hostStart
                        || !IsLabelCharacter(literal[marker - 1])
                        || !IsLabelCharacter(literal[marker + 1])
                        || rest.IndexOf('.') < 0
                        || !HasLetter(rest.Substring(rest.LastIndexOf('.') + 1)))
                    {
                        continue;
                    }

                    var origin = literal.Replace(Marker, 'x').ToLowerInvariant();
                    bypass = schemeEnd < 0 ? "https://" + origin : origin;
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The domain whose every subdomain an anchored pattern accepts: some top-level alternative ends with a wildcard
        /// part followed by a literal <c>\.domain</c> (<c>^https://[a-z0-9-]+\.vercel\.app$</c>, <c>^https://.*\.netlify\.app$</c>),
        /// before an optional port. Alternatives that are plain literal text (one site) or not anchored at the end are not
        /// judged (the second is CORS010's).
        /// </summary>
        public static bool TryFindWildcardSubdomainDomain(string pattern, out string domain)
        {
            domain = string.Empty;
            foreach (var alternative in SplitTopLevelAlternatives(StripInlineOptions(pattern)))
            {
                var core = StripAnchors(alternative, out _, out var end);
                if (!end)
                {
                    continue;
                }

                foreach (var port in OptionalPortGroups)
                {
                    if (core.EndsWith(port, System.StringComparison.Ordinal))
                    {
                        core = core.Substring(0, core.Length - port.Length);
                        break;
                    }
                }

                // Tokens from the end: literal host characters (letters, digits, '-', "\."), until anything else.
                var suffix = new StringBuilder();
                var i = core.Length - 1;
                while (i >= 0)
                {
                    var escaped = i > 0 && core[i - 1] == '\\' && !IsEscapedBackslash(core, i - 1);
                    var c = core[i];
                    if (escaped && (c == '.' || c == '-'))
                    {
                        suffix.Insert(0, c);
                        i -= 2;
                    }
                    else if (!escaped && IsLabelCharacter(c))
                    {
                        suffix.Insert(0, c);
                        i--;
                    }
                    else
                    {
                        break;
                    }
                }

                var text = suffix.ToString();
                if (i >= 0 && text.Length > 1 && text[0] == '.' && core[i] != '/' && core[i] != ':' && OriginBypass.IsPlainHost(text.Substring(1)))
                {
                    domain = text.Substring(1).ToLowerInvariant();
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] OptionalPortGroups = { @"(:\d+)?", @"(:[0-9]+)?", @"(?::\d+)?", @"(?::[0-9]+)?" };

        private static bool IsEscapedBackslash(string text, int index)
        {
            // text[index] is a backslash: it is itself escaped when an odd number of backslashes precedes it.
            var count = 0;
            for (var j = index - 1; j >= 0 && text[j] == '\\'; j--)
            {
                count++;
            }

            return count % 2 == 1;
        }

        private static bool IsLabelCharacter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';

        private static bool HasLetter(string text)
        {
            foreach (var c in text)
            {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                {
                    return true;
                }
            }

            return false;
        }

        private static string StripInlineOptions(string pattern)
        {
            var match = InlineOptions.Match(pattern);
            while (match.Success)
            {
                pattern = pattern.Substring(match.Length);
                match = InlineOptions.Match(pattern);
            }

            return pattern;
        }

        /// <summary>The alternative without its '^'/'\A'/'\G' start and '$'/'\z'/'\Z' end anchors, and which it had.</summary>
        private static string StripAnchors(string alternative, out bool start, out bool end)
        {
            var core = alternative;
            start = false;
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

            end = false;
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

            return core;
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
