using CorsAnalyzers.RuntimeTests.Hosting;

namespace CorsAnalyzers.RuntimeTests.FixOracle;

/// <summary>
/// Compares what the real runtime does before and after a fix. A fix must never trust more than the code it replaced:
/// <list type="bullet">
/// <item>nothing that did not throw (at start, or building a policy, or answering a request) starts to throw;</item>
/// <item>no origin the code did not declare (<see cref="ProbeOrigins"/>) newly gets Access-Control-Allow-Origin on a
/// channel that answered before;</item>
/// <item>the origins answered with Access-Control-Allow-Origin and Access-Control-Allow-Credentials: true grow by no
/// origin the code did not declare, and no origin answered without credentials before gets them.</item>
/// </list>
/// Where the code before threw (any origin with credentials: CORS001), the runtime trusted nothing while the code
/// declared its origins and credentials: the fix may keep either half, so only the last rule applies.
/// </summary>
internal static class FixJudge
{
    public static List<string> Violations(CorsObservation before, CorsObservation after, ProbeOrigins probes)
    {
        var violations = new List<string>();
        if (after.Start != StartOutcome.Started)
        {
            if (before.Start == StartOutcome.Started)
            {
                violations.Add($"the program started before the fix; after it: {after.Start} {after.StartError}");
            }

            return violations;
        }

        foreach (var channel in before.Channels.Keys.Union(after.Channels.Keys).OrderBy(c => c, StringComparer.Ordinal))
        {
            foreach (var origin in probes.All)
            {
                var was = before.Start == StartOutcome.Started ? before.Answer(channel, origin) : new CorsAnswer(null, false, before.StartError ?? "did not start");
                var now = after.Answer(channel, origin);
                var where = $"{channel}, Origin {origin} ({probes.Why(origin)}{(probes.IsDeclared(origin) ? ", declared" : string.Empty)})";
                if (now.Threw && !was.Threw)
                {
                    violations.Add($"{where}: {was} before, {now} after");
                }
                else if (now.Allowed && !was.Allowed && !was.Threw && !probes.IsDeclared(origin))
                {
                    violations.Add($"{where}: newly allowed: {was} before, {now} after");
                }
                else if (now.WithCredentials && !was.WithCredentials && (was.Allowed || !probes.IsDeclared(origin)))
                {
                    violations.Add($"{where}: newly allowed with credentials: {was} before, {now} after");
                }
            }
        }

        return violations;
    }
}
