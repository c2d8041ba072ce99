using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Source order for what the compilation-wide collectors gather: their actions run concurrently, so items are
    /// sorted by file and position before anyone reads them, and decisions and reports are deterministic.
    /// </summary>
    internal static class SourceOrder
    {
        public static ImmutableArray<T> Snapshot<T>(ConcurrentQueue<T> queue, Func<T, Location> location) =>
            Sorted(queue, (x, y) => CompareLocations(location(x), location(y)));

        /// <summary>Like the other overload, from syntax, for items that keep no location (see <see cref="PipelineCallSite"/>).</summary>
        public static ImmutableArray<T> Snapshot<T>(ConcurrentQueue<T> queue, Func<T, SyntaxNode> syntax) =>
            Sorted(queue, (x, y) =>
            {
                SyntaxNode a = syntax(x), b = syntax(y);
                return ComparePositions(a.SyntaxTree.FilePath, a.SpanStart, b.SyntaxTree.FilePath, b.SpanStart);
            });

        public static int CompareLocations(Location x, Location y) =>
            ComparePositions(x.SourceTree?.FilePath, x.SourceSpan.Start, y.SourceTree?.FilePath, y.SourceSpan.Start);

        private static ImmutableArray<T> Sorted<T>(ConcurrentQueue<T> queue, Comparison<T> comparison)
        {
            var items = queue.ToArray();
            Array.Sort(items, comparison);
            return ImmutableArray.Create(items);
        }

        private static int ComparePositions(string? pathX, int startX, string? pathY, int startY)
        {
            var byPath = string.CompareOrdinal(pathX, pathY);
            return byPath != 0 ? byPath : startX.CompareTo(startY);
        }
    }

    /// <summary>A fact a collector learns once and never forgets, set from concurrent actions.</summary>
    internal static class AtomicFlag
    {
        public static void Set(ref int flag)
        {
            // Read first: most calls find the flag already set, and a write would bounce the cache line between cores.
            if (Volatile.Read(ref flag) == 0)
            {
                Interlocked.Exchange(ref flag, 1);
            }
        }

        public static bool IsSet(ref int flag) => Volatile.Read(ref flag) != 0;
    }
}
