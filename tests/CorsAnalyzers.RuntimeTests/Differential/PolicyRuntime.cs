using System.Reflection;
using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CorsAnalyzers.RuntimeTests.Differential;

/// <summary>Which origin check a built CorsPolicy runs.</summary>
internal enum OriginCheck
{
    /// <summary>The default: the origin list.</summary>
    List,

    /// <summary>SetIsOriginAllowedToAllowWildcardSubdomains(): the list and its wildcard entries.</summary>
    WildcardSubdomains,

    /// <summary>A predicate of the program's own (SetIsOriginAllowed).</summary>
    Predicate,
}

/// <summary>One execution path of a generated policy (one value of its conditions) as the runtime built and answered it.</summary>
internal sealed class PolicyPath
{
    public required string Conditions { get; init; }

    /// <summary>What Build() threw (any origin with credentials), or null.</summary>
    public string? Error { get; init; }

    public CorsPolicy? Policy { get; init; }

    public OriginCheck Check { get; init; }

    public IReadOnlyDictionary<string, CorsAnswer> Answers { get; init; } = new Dictionary<string, CorsAnswer>();

    public bool Threw => Error is not null;

    /// <summary>
    /// The same path in the marker copy of the program (every origin literal a distinct origin,
    /// <see cref="PolicyProgramGenerator.Marker"/>): its origin list and check, which show the literals the path keeps.
    /// Empty when that copy threw too (AllowAnyOrigin() with credentials: no literal kept).
    /// </summary>
    public IReadOnlyList<string> MarkerOrigins { get; init; } = Array.Empty<string>();

    public OriginCheck MarkerCheck { get; init; }

    /// <summary>Whether the marker copy built this path's policy.</summary>
    public bool MarkerBuilt { get; init; }

    public override string ToString() => Threw
        ? $"{Conditions}: Build() throws {Error}"
        : $"{Conditions}: origins [{string.Join(", ", Policy!.Origins)}], check {Check}, credentials {Policy.SupportsCredentials}; " +
          string.Join("; ", Answers.Where(a => a.Value.Allowed).Select(a => a.Key + " -> " + a.Value));
}

/// <summary>Runs the generated policies on the installed ASP.NET Core: every value of their conditions, the real CorsPolicyBuilder, CorsOptions and CorsService.</summary>
internal static class PolicyRuntime
{
    public const string Attacker = "https://attacker.test";

    /// <summary>The origins every policy is asked about: an attacker, null, look-alikes, and each site the generator's literals name, as a browser sends it.</summary>
    public static readonly IReadOnlyList<string> Probes = new[]
        {
            Attacker, "null", "https://contoso.com.attacker.test", "https://app.contoso.com.attacker.test", "https://attackercontoso.com",
            "https://admin.contoso.com",
        }
        .Concat(PolicyProgramGenerator.OriginPool.Select(BrowserOrigin.Of).OfType<string>())
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    // CorsPolicy.IsDefaultIsOriginAllowed is internal (CorsService reads it for Vary: Origin): read it as the runtime does.
    private static readonly PropertyInfo IsDefaultIsOriginAllowed =
        typeof(CorsPolicy).GetProperty(nameof(IsDefaultIsOriginAllowed), BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("CorsPolicy.IsDefaultIsOriginAllowed is gone: update OriginCheck detection.");

    private static readonly CorsService Service = new(Options.Create(new CorsOptions()), NullLoggerFactory.Instance);

    public static List<PolicyPath> Run(Type policies, Type markers, GeneratedPolicy policy)
    {
        var paths = new List<PolicyPath>();
        foreach (var (c0, c1) in new[] { (false, false), (false, true), (true, false), (true, true) })
        {
            var (built, error) = Build(policies, policy, c0, c1);
            var (marked, _) = Build(markers, policy, c0, c1);
            paths.Add(new PolicyPath
            {
                Conditions = $"c0={c0}, c1={c1}",
                Error = error,
                Policy = built,
                Check = built is null ? default : CheckOf(built),
                Answers = built is null ? new Dictionary<string, CorsAnswer>() : Probes.ToDictionary(
                    origin => origin,
                    origin => CorsAnswer.Combine(CorsObservation.Evaluate(Service, built, origin, preflight: true), CorsObservation.Evaluate(Service, built, origin, preflight: false))),
                MarkerOrigins = marked?.Origins.ToArray() ?? Array.Empty<string>(),
                MarkerCheck = marked is null ? default : CheckOf(marked),
                MarkerBuilt = marked is not null,
            });
        }

        return paths;
    }

    /// <summary>The policy one path registers, or what Build() threw: CorsOptions.AddPolicy builds it at once.</summary>
    private static (CorsPolicy? Policy, string? Error) Build(Type policies, GeneratedPolicy policy, bool c0, bool c1)
    {
        var options = new CorsOptions();
        try
        {
            policies.GetMethod(policy.Name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { options, c0, c1 });
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException inner)
        {
            return (null, CorsAnswer.Describe(inner));
        }

        return (options.GetPolicy(policy.IsDefault ? options.DefaultPolicyName : policy.Name)!, null);
    }

    /// <summary>
    /// Whether the built policy's own list decides: the default check, or the wildcard one, which
    /// SetIsOriginAllowedToAllowWildcardSubdomains() installs as CorsPolicyExtensions.IsOriginAnAllowedSubdomain
    /// (src/Middleware/CORS/src/Infrastructure/CorsPolicyBuilder.cs).
    /// </summary>
    public static OriginCheck CheckOf(CorsPolicy policy) =>
        (bool)IsDefaultIsOriginAllowed.GetValue(policy)! ? OriginCheck.List
        : policy.IsOriginAllowed.Method is { Name: "IsOriginAnAllowedSubdomain", DeclaringType.Name: "CorsPolicyExtensions" } ? OriginCheck.WildcardSubdomains
        : OriginCheck.Predicate;

    /// <summary>How the runtime stores an origin given to WithOrigins (lower-cased; an IDN host rebuilt as punycode).</summary>
    public static string Stored(string origin) => new CorsPolicyBuilder().WithOrigins(origin).Build().Origins.Single();

    /// <summary>Whether the runtime's wildcard check, on a policy with only <paramref name="entry"/>, accepts <paramref name="origin"/>.</summary>
    public static bool WildcardEntryAllows(string entry, string origin) =>
        new CorsPolicyBuilder().WithOrigins(entry).SetIsOriginAllowedToAllowWildcardSubdomains().Build().IsOriginAllowed(origin);
}
