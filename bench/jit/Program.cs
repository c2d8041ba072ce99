using Microsoft.Diagnostics.Tracing;

// Usage: JitCost <trace.nettrace> <group>=<substring> [<group>=<substring> ...] [--top K]
// A method belongs to the first group whose substring occurs in its type, name or signature (so a generic
// instantiation over one of our types, List<Entry>, counts as ours: it is compiled because our code uses it).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: JitCost <trace.nettrace> <group>=<substring> ... [--top K]");
    return 2;
}

var top = 0;
var groups = new List<(string Name, string Match)>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i] == "--top" && i + 1 < args.Length)
    {
        top = int.Parse(args[++i]);
        continue;
    }

    var parts = args[i].Split('=', 2);
    groups.Add((parts[0], parts.Length > 1 ? parts[1] : parts[0]));
}

var started = new Dictionary<(int Thread, long Method), (double At, string Name, int Group, int IL)>();
var methods = new int[groups.Count + 1];
var il = new long[groups.Count + 1];
var ms = new double[groups.Count + 1];
var slowest = new List<(double Ms, int IL, string Name)>[groups.Count];
for (var g = 0; g < groups.Count; g++)
{
    slowest[g] = new List<(double, int, string)>();
}

using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.MethodJittingStarted += e =>
    {
        var name = $"{e.MethodNamespace}::{e.MethodName}";
        var group = groups.FindIndex(g => name.Contains(g.Match, StringComparison.Ordinal) || e.MethodSignature.Contains(g.Match, StringComparison.Ordinal));
        started[(e.ThreadID, e.MethodID)] = (e.TimeStampRelativeMSec, name, group < 0 ? groups.Count : group, e.MethodILSize);
    };
    source.Clr.MethodLoadVerbose += e =>
    {
        if (!started.Remove((e.ThreadID, e.MethodID), out var start))
        {
            return;
        }

        var elapsed = e.TimeStampRelativeMSec - start.At;
        methods[start.Group]++;
        il[start.Group] += start.IL;
        ms[start.Group] += elapsed;
        if (start.Group < groups.Count)
        {
            slowest[start.Group].Add((elapsed, start.IL, start.Name));
        }
    };
    source.Process();
}

for (var g = 0; g <= groups.Count; g++)
{
    var name = g < groups.Count ? groups[g].Name : "everything else";
    Console.WriteLine($"{name,-16} {methods[g],6} methods {il[g],8} bytes of IL {ms[g],9:F1} ms");
    if (g < groups.Count)
    {
        foreach (var (elapsed, size, method) in slowest[g].OrderByDescending(m => m.Ms).Take(top))
        {
            Console.WriteLine($"    {elapsed,7:F2} ms {size,6} IL  {method}");
        }
    }
}

return 0;
