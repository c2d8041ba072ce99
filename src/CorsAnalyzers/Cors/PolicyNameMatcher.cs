using System;
using System.Collections.Generic;

namespace CorsAnalyzers.Cors
{
    internal enum PolicyNameMatchKind
    {
        /// <summary>No defined name is close enough (or several are equally close).</summary>
        None,

        /// <summary>Exactly one defined name differs only by case.</summary>
        CaseMismatch,

        /// <summary>Exactly one defined name is the nearest, within the typo distance.</summary>
        Nearest,
    }

    /// <summary>Finds the defined policy name a mistyped name most likely meant.</summary>
    internal static class PolicyNameMatcher
    {
        /// <summary>
        /// The defined name <paramref name="name"/> most likely meant: the only one equal ignoring case, else the
        /// unique nearest by case-insensitive edit distance (insertions, deletions, substitutions, adjacent
        /// transpositions) when that distance is at most max(2, a third of the length) and shorter than both names.
        /// The default policy's internal name is never suggested.
        /// </summary>
        public static PolicyNameMatchKind Match(string name, IEnumerable<string> definedNames, out string? suggestion)
        {
            suggestion = null;
            string? caseMatch = null;
            var caseMatches = 0;
            string? nearest = null;
            var nearestDistance = int.MaxValue;
            var nearestCount = 0;

            foreach (var candidate in definedNames)
            {
                if (candidate.Length == 0 || candidate == CorsDefaults.DefaultPolicyName || candidate == name)
                {
                    continue;
                }

                if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
                {
                    caseMatch = candidate;
                    caseMatches++;
                    continue;
                }

                var distance = Distance(name, candidate);
                if (distance < nearestDistance)
                {
                    nearest = candidate;
                    nearestDistance = distance;
                    nearestCount = 1;
                }
                else if (distance == nearestDistance && !string.Equals(candidate, nearest, StringComparison.Ordinal))
                {
                    nearestCount++;
                }
            }

            if (caseMatches == 1)
            {
                suggestion = caseMatch;
                return PolicyNameMatchKind.CaseMismatch;
            }

            if (caseMatches > 1 || nearest is null || nearestCount != 1)
            {
                return PolicyNameMatchKind.None;
            }

            var limit = Math.Max(2, name.Length / 3);
            if (nearestDistance > limit || nearestDistance >= name.Length || nearestDistance >= nearest.Length)
            {
                return PolicyNameMatchKind.None;
            }

            suggestion = nearest;
            return PolicyNameMatchKind.Nearest;
        }

        /// <summary>Optimal string alignment distance, comparing characters case-insensitively.</summary>
        internal static int Distance(string a, string b)
        {
            var rows = a.Length + 1;
            var columns = b.Length + 1;
            var d = new int[rows, columns];
            for (var i = 0; i < rows; i++)
            {
                d[i, 0] = i;
            }

            for (var j = 0; j < columns; j++)
            {
                d[0, j] = j;
            }

            for (var i = 1; i < rows; i++)
            {
                for (var j = 1; j < columns; j++)
                {
                    var cost = SameIgnoringCase(a[i - 1], b[j - 1]) ? 0 : 1;
                    var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && SameIgnoringCase(a[i - 1], b[j - 2]) && SameIgnoringCase(a[i - 2], b[j - 1]))
                    {
                        best = Math.Min(best, d[i - 2, j - 2] + 1);
                    }

                    d[i, j] = best;
                }
            }

            return d[rows - 1, columns - 1];
        }

        private static bool SameIgnoringCase(char x, char y) =>
            x == y || char.ToUpperInvariant(x) == char.ToUpperInvariant(y);
    }
}
