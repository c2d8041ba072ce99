// One variant per process, timed from its first line: what a fresh compiler pays the first time our code takes each
// shape. A value-type key of our own (like Roslyn's OperationKind for us) is not among the instantiations the
// framework ships precompiled, as in a compiler process.
//   dotnet bin/Release/net10.0/Idioms.dll <dictionary|table|multicast|lists>
using System.Diagnostics;

var variant = args[0];
var clock = Stopwatch.StartNew();
var calls = 0;
switch (variant)
{
    case "dictionary":
    {
        // Callbacks by kind in a dictionary over an enum: Dictionary<Kind, ...> is generic code compiled for this key.
        var byKind = new Dictionary<Kind, List<Action<int>>>();
        foreach (var kind in new[] { Kind.Invocation, Kind.ObjectCreation, Kind.DelegateCreation, Kind.SimpleAssignment, Kind.Invocation })
        {
            if (!byKind.TryGetValue(kind, out var list))
            {
                byKind[kind] = list = new List<Action<int>>();
            }

            list.Add(_ => calls++);
        }

        for (var i = 0; i < 1000; i++)
        {
            if (byKind.TryGetValue((Kind)(i % 8), out var actions))
            {
                foreach (var action in actions)
                {
                    action(i);
                }
            }
        }

        break;
    }

    case "table":
    {
        // The same in an array indexed by the kind (what CorsCompilationContext does).
        var table = new List<Action<int>>?[0];
        foreach (var kind in new[] { Kind.Invocation, Kind.ObjectCreation, Kind.DelegateCreation, Kind.SimpleAssignment, Kind.Invocation })
        {
            var index = (int)kind;
            if (index >= table.Length)
            {
                Array.Resize(ref table, index + 1);
            }

            (table[index] ??= new List<Action<int>>()).Add(_ => calls++);
        }

        for (var i = 0; i < 1000; i++)
        {
            var index = i % 8;
            if (index < table.Length && table[index] is { } actions)
            {
                foreach (var action in actions)
                {
                    action(i);
                }
            }
        }

        break;
    }

    case "multicast":
    {
        // Three delegate types combined with += (Delegate.Combine): the runtime makes an invoke stub per type.
        Action<int>? a = null;
        Action<string>? b = null;
        Action<int, string>? c = null;
        for (var i = 0; i < 3; i++)
        {
            a += _ => calls++;
            b += _ => calls++;
            c += (_, _) => calls++;
        }

        for (var i = 0; i < 1000; i++)
        {
            a!(i);
            b!("x");
            c!(i, "x");
        }

        break;
    }

    case "lists":
    {
        // The same in lists (what CorsCompilationContext does).
        var a = new List<Action<int>>();
        var b = new List<Action<string>>();
        var c = new List<Action<int, string>>();
        for (var i = 0; i < 3; i++)
        {
            a.Add(_ => calls++);
            b.Add(_ => calls++);
            c.Add((_, _) => calls++);
        }

        for (var i = 0; i < 1000; i++)
        {
            foreach (var x in a)
            {
                x(i);
            }

            foreach (var x in b)
            {
                x("x");
            }

            foreach (var x in c)
            {
                x(i, "x");
            }
        }

        break;
    }

    default:
        throw new ArgumentException(variant);
}

clock.Stop();
Console.WriteLine($"{variant} {clock.Elapsed.TotalMilliseconds:F3} {calls}");

internal enum Kind
{
    None,
    Invocation,
    ObjectCreation,
    DelegateCreation,
    SimpleAssignment,
}
