using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>What a configuration read gives in one view: the origins, each with where it is written.</summary>
    internal static class ConfiguredOriginEvaluator
    {
        /// <summary>
        /// The origins written in the files (JSON strings) that <paramref name="read"/> gives in <paramref name="view"/>.
        /// Values that are not strings (numbers, true/false, null, []) still count as elements of the list, but are not
        /// returned: nobody wrote them as origins.
        /// </summary>
        public static List<ConfiguredOrigin> Evaluate(ConfiguredOriginReading reading, ConfigurationRead read, AppSettingsView view)
        {
            var result = new List<ConfiguredOrigin>();
            var path = read.Path!;
            switch (read.Kind)
            {
                case ConfigurationReadKind.List:
                    {
                        if (view.GetChildren(path) is not { } elements)
                        {
                            break;
                        }

                        var others = elements.Count > 1 || read.MayHaveOtherElements || reading.HasSiblings;
                        foreach (var element in elements)
                        {
                            if (element.Value is { } value && element.Entry is { Kind: AppSettingsValueKind.String } entry)
                            {
                                result.Add(new ConfiguredOrigin(reading, value, entry, entry.Span, isOnlyOrigin: !others, hasOthers: others));
                            }
                        }

                        break;
                    }

                case ConfigurationReadKind.Value:
                    {
                        if (view.GetValue(path) is { Kind: AppSettingsValueKind.String } entry)
                        {
                            var others = reading.HasSiblings;
                            result.Add(new ConfiguredOrigin(reading, entry.Value!, entry, entry.Span, isOnlyOrigin: !others, hasOthers: others));
                        }

                        break;
                    }

                case ConfigurationReadKind.SplitValue:
                    {
                        if (view.GetValue(path) is not { Kind: AppSettingsValueKind.String } entry)
                        {
                            break;
                        }

                        var parts = Split(entry.Value!, read.Separators!, read.RemoveEmpty, read.Trim);
                        var others = parts.Count > 1;
                        foreach (var (start, length) in parts)
                        {
                            // The part's own span when the string has no escape sequence (its characters are the file's).
                            var span = entry.RawIsValue ? new TextSpan(entry.Span.Start + 1 + start, length) : entry.Span;
                            result.Add(new ConfiguredOrigin(reading, entry.Value!.Substring(start, length), entry, span, isOnlyOrigin: !others, hasOthers: others));
                        }

                        break;
                    }
            }

            return result;
        }

        /// <summary>string.Split(string[] separators, options): at each position the first separator that matches ends a part.</summary>
        internal static List<(int Start, int Length)> Split(string value, string[] separators, bool removeEmpty, bool trim)
        {
            var parts = new List<(int Start, int Length)>();
            var start = 0;
            var position = 0;
            while (position <= value.Length)
            {
                var separatorLength = position == value.Length ? 0 : MatchSeparator(value, position, separators);
                if (position < value.Length && separatorLength == 0)
                {
                    position++;
                    continue;
                }

                AddPart(parts, value, start, position, removeEmpty, trim);
                if (position == value.Length)
                {
                    break;
                }

                position += separatorLength;
                start = position;
            }

            return parts;
        }

        private static int MatchSeparator(string value, int position, string[] separators)
        {
            foreach (var separator in separators)
            {
                if (string.CompareOrdinal(value, position, separator, 0, separator.Length) == 0)
                {
                    return separator.Length;
                }
            }

            return 0;
        }

        private static void AddPart(List<(int Start, int Length)> parts, string value, int start, int end, bool removeEmpty, bool trim)
        {
            if (trim)
            {
                while (start < end && char.IsWhiteSpace(value[start]))
                {
                    start++;
                }

                while (end > start && char.IsWhiteSpace(value[end - 1]))
                {
                    end--;
                }
            }

            if (removeEmpty && end == start)
            {
                return;
            }

            parts.Add((start, end - start));
        }
    }
}
