using System.Collections.Immutable;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>A test's inputs as the verifier would compile them: sources without markup, .editorconfig lines, references.</summary>
public sealed record RecordedTest(ImmutableArray<(string Name, string Text)> Sources, string? EditorConfig, ReferenceSet References);

/// <summary>
/// While started on the current async flow, a <c>Verify.Test</c>'s <c>RunAsync</c> records the
/// test's sources (and those of its expected fix) here instead of verifying them: the robustness tests replay every
/// rule test's inputs, cut and damaged, without copying them.
/// </summary>
public static class TestSourceRecorder
{
    private static readonly AsyncLocal<List<RecordedTest>?> Current = new();

    /// <summary>Records into <paramref name="into"/> on this flow (and the calls it starts) until disposed.</summary>
    public static IDisposable Start(List<RecordedTest> into)
    {
        var previous = Current.Value;
        Current.Value = into;
        return new Restore(previous);
    }

    /// <summary>
    /// Records <paramref name="sourceSets"/> (markup removed) when a recording is started on this flow; false when
    /// none is: the test runs normally.
    /// </summary>
    internal static bool TryRecord(IEnumerable<ImmutableArray<(string Name, string Text)>> sourceSets, string? editorConfig, ReferenceAssemblies referenceAssemblies)
    {
        var into = Current.Value;
        if (into is null)
        {
            return false;
        }

        // The last reference set: the newest ASP.NET Core the test runs against (or its only set).
        var references = referenceAssemblies.Sets[referenceAssemblies.Sets.Length - 1];
        lock (into)
        {
            foreach (var sources in sourceSets)
            {
                into.Add(new RecordedTest(sources.Select(s => (s.Name, CorsTestDefaults.WithoutMarkup(s.Text))).ToImmutableArray(), editorConfig, references));
            }
        }

        return true;
    }

    private sealed class Restore : IDisposable
    {
        private readonly List<RecordedTest>? _previous;

        public Restore(List<RecordedTest>? previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}
