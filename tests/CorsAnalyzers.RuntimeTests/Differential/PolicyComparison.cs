using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.RuntimeTests.Differential;

/// <summary>
/// What the rules must say about one generated policy, from what the runtime did on its paths (issue 24, part 1):
/// <list type="bullet">
/// <item>CORS001 iff some path throws in Build() (any origin with credentials);</item>
/// <item>CORS002 iff on some path the attacker gets Access-Control-Allow-Origin with credentials (through a predicate:
/// any origin with credentials throws);</item>
/// <item>CORS009 iff on some path the attacker gets Access-Control-Allow-Origin without credentials: compared when the
/// policy's credentials are the same on every path, since the rule reports an any-origin call that reaches credentials
/// on one path as CORS001/CORS002 only (docs/rules/CORS009.md);</item>
/// <item>CORS004 at a WithOrigins literal iff, on every path where it runs, the origin a browser sends for it is not
/// matched by its own entry (the entry as WithOrigins stored it, or its wildcard when
/// SetIsOriginAllowedToAllowWildcardSubdomains() is the check; a "*" is "any origin" only as the whole list);</item>
/// <item>CORS005 at a WithOrigins literal iff its entry lets the null origin through (the list or the wildcard check
/// decides, on every path where it runs).</item>
/// </list>
/// The literal rules judge each value as written, and some things for the policy as a whole; these shapes are counted,
/// not compared, each a limit its rule's page states:
/// <list type="bullet">
/// <item>a value that a later AllowAnyOrigin() clears (CORS004, CORS005) or a later SetIsOriginAllowed(...) overrides
/// (CORS005) on a path where it runs is still reported (docs/rules/CORS004.md, docs/rules/CORS005.md);</item>
/// <item>a wildcard entry is not reported when some path of the policy ends with
/// SetIsOriginAllowedToAllowWildcardSubdomains(), also on a branch that does not reach it (docs/rules/CORS004.md): a
/// wildcard is compared when every path builds (a path that throws has no check to read) with the same check;</item>
/// <item>a "*" given alone that a later WithOrigins(...) call makes a dead string is not reported: only a "*" given
/// after, or with, other origins is (docs/rules/CORS004.md).</item>
/// </list>
/// Which literals a path keeps comes from the marker copy of the program (<see cref="PolicyPath.MarkerOrigins"/>).
/// </summary>
internal sealed class PolicyComparison
{
    public int Policies { get; private set; }

    public int Literals { get; private set; }

    public int ClearedLiterals { get; private set; }

    public int MixedWildcardLiterals { get; private set; }

    public int LoneStarLiterals { get; private set; }

    public int Cors009NotCompared { get; private set; }

    public Dictionary<string, int> Positives { get; } = new(StringComparer.Ordinal);

    public List<string> Disagreements { get; } = new();

    public void Compare(GeneratedPolicy policy, IReadOnlyList<PolicyPath> paths, IReadOnlyList<Diagnostic> diagnostics)
    {
        Policies++;
        var found = new List<string>();
        var built = paths.Where(p => !p.Threw).ToList();
        Check(found, "CORS001", paths.Any(p => p.Threw), diagnostics.Any(d => d.Id == "CORS001"));
        Check(found, "CORS002", built.Any(p => p.Answers[PolicyRuntime.Attacker].WithCredentials), diagnostics.Any(d => d.Id == "CORS002"));
        if (paths.Select(p => p.Threw || p.Policy!.SupportsCredentials).Distinct().Count() == 1)
        {
            Check(found, "CORS009", built.Any(p => p.Answers[PolicyRuntime.Attacker].Allowed && !p.Policy!.SupportsCredentials), diagnostics.Any(d => d.Id == "CORS009"));
        }
        else
        {
            Cors009NotCompared++;
        }

        var literalOffsets = policy.OriginLiterals.Select(l => l.Offset).ToHashSet();
        foreach (var stray in diagnostics.Where(d => d.Id is "CORS004" or "CORS005" && !literalOffsets.Contains(d.Location.SourceSpan.Start)))
        {
            found.Add($"{stray.Id} reported off any WithOrigins literal, at {stray.Location.SourceSpan.Start - policy.Start}");
        }

        for (var i = 0; i < policy.OriginLiterals.Count; i++)
        {
            var literal = policy.OriginLiterals[i];
            var marker = PolicyProgramGenerator.Marker(i);
            var runs = paths.Where(p => literal.RunsWhen(p.Conditions.Contains("c0=True"), p.Conditions.Contains("c1=True"))).ToList();
            var isNull = string.Equals(literal.Value.Trim(), "null", StringComparison.OrdinalIgnoreCase);
            if (runs.Any(p => !p.MarkerOrigins.Contains(marker)) || (isNull && runs.Any(p => p.Threw || p.MarkerCheck == OriginCheck.Predicate)))
            {
                ClearedLiterals++;
                continue;
            }

            var isStar = literal.Value.Trim() == "*";
            if (BrowserOrigin.WildcardParts(literal.Value) is not null
                && (paths.Any(p => !p.MarkerBuilt) || paths.Select(p => p.MarkerCheck == OriginCheck.WildcardSubdomains).Distinct().Count() > 1))
            {
                MixedWildcardLiterals++;
                continue;
            }

            if (isStar && literal.ArgumentsInCall == 1 && runs.Any(p => p.MarkerOrigins.Count > 1 && p.MarkerOrigins[0] == marker))
            {
                LoneStarLiterals++;
                continue;
            }

            Literals++;
            var at = $" at \"{literal.Value}\" (literal {i})";
            var reported004 = diagnostics.Any(d => d.Id == "CORS004" && d.Location.SourceSpan.Start == literal.Offset);
            var reported005 = diagnostics.Any(d => d.Id == "CORS005" && d.Location.SourceSpan.Start == literal.Offset);
            Check(found, "CORS004" + at, runs.All(p => !Matches(p, literal.Value)), reported004);
            Check(found, "CORS005" + at, isNull && PolicyRuntime.Stored(literal.Value) == "null", reported005);
        }

        if (found.Count > 0)
        {
            Disagreements.Add(
                $"{policy.Name}: {string.Join("; ", found)}\n{policy.Text}" +
                "  runtime:\n" + string.Join("\n", paths.Select(p => "    " + p)) + "\n" +
                "  analyzer: " + (diagnostics.Count == 0 ? "(nothing)" : string.Join(", ", diagnostics.Select(d => d.Id + " at " + (d.Location.SourceSpan.Start - policy.Start)))) + "\n");
        }
    }

    /// <summary>
    /// Whether, on a path that keeps the literal, its own entry matches the origin a browser sends for it: the entry as
    /// WithOrigins stored it equals that origin, or, when the path's check is the wildcard one, the runtime's wildcard
    /// check of a policy holding only this entry accepts it. A "*" matches (is "any origin") only as the whole list.
    /// </summary>
    private static bool Matches(PolicyPath path, string literal)
    {
        if (literal.Trim() == "*")
        {
            return path.MarkerOrigins.Count == 1;
        }

        var origin = BrowserOrigin.Of(literal);
        return origin is not null
               && (PolicyRuntime.Stored(literal) == origin
                   || (path.MarkerCheck == OriginCheck.WildcardSubdomains && PolicyRuntime.WildcardEntryAllows(literal, origin)));
    }

    private void Check(List<string> found, string what, bool truth, bool reported)
    {
        if (truth)
        {
            var id = what.Substring(0, 7);
            Positives[id] = Positives.GetValueOrDefault(id) + 1;
        }

        if (truth != reported)
        {
            found.Add($"{what}: the runtime says {(truth ? "yes" : "no")}, the analyzer {(reported ? "reports it" : "does not")}");
        }
    }
}
