using CorsAnalyzers.Cors;
using CorsAnalyzers.RuntimeTests.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CorsAnalyzers.RuntimeTests.FixOracle;

/// <summary>
/// The origins a fix is judged on, each as a browser sends it (<c>scheme://host[:port]</c>, lower case, punycode, no
/// default port), and which of them the code before the fix <b>declared</b>: the origins its literals name (a listed
/// origin however it was written, the hosts its predicates compare with, the subdomains of a wildcard entry unless the
/// domain is shared hosting, Public Suffix List private section), the trusted origins of its .editorconfig, and the
/// fixes' documented placeholder. Everything else is hostile: an attacker, <c>null</c>, look-alikes of each declared
/// host (<c>https://trusted.com.attacker.test</c>, <c>https://attackertrusted.com</c>), the other scheme, the bare
/// domain of a wildcard entry.
/// </summary>
internal sealed class ProbeOrigins
{
    public const string Attacker = "https://attacker.test";
    public const string Null = "null";

    /// <summary>What the WithOrigins fixes write without configured origins (docs/rules/CORS001.md): a reserved domain.</summary>
    public const string Placeholder = "https://app.example.com";

    private readonly SortedDictionary<string, string> _why = new(StringComparer.Ordinal);
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    // Wildcard entries the code declared (not on shared hosting): each of their subdomains is declared.
    private readonly List<(string Scheme, string Domain, string Port)> _declaredWildcards = new();

    private ProbeOrigins()
    {
    }

    public IReadOnlyCollection<string> All => _why.Keys;

    public IReadOnlyCollection<string> Declared => _declared;

    public bool IsDeclared(string origin) =>
        _declared.Contains(origin) || _declaredWildcards.Any(w => origin.StartsWith(w.Scheme + "://", StringComparison.Ordinal)
            && origin.EndsWith("." + w.Domain + w.Port, StringComparison.Ordinal) && origin.IndexOf('/', w.Scheme.Length + 3) < 0);

    public string Why(string origin) => _why.TryGetValue(origin, out var why) ? why : "?";

    /// <summary>
    /// The probes for a fix: the literals of the code before it (<paramref name="before"/>, which declare), of the code
    /// after it (probed, but declare nothing new), and the configured trusted origins (declared).
    /// </summary>
    public static ProbeOrigins For(IEnumerable<string> before, IEnumerable<string> after, IEnumerable<string> configured)
    {
        var probes = new ProbeOrigins();
        probes.Add(Attacker, "an attacker's site", declared: false);
        probes.Add(Null, "the 'null' origin (sandboxed iframes, file: pages)", declared: false);
        probes.Add(Placeholder, "the fixes' documented placeholder", declared: true);
        foreach (var origin in configured)
        {
            probes.AddLiteral(origin, declared: true);
        }

        foreach (var literal in before)
        {
            probes.AddLiteral(literal, declared: true);
        }

        foreach (var literal in after)
        {
            probes.AddLiteral(literal, declared: false);
        }

        return probes;
    }

    /// <summary>The string literals of C# sources.</summary>
    public static IEnumerable<string> Literals(IEnumerable<string> sources) => sources
        .SelectMany(text => CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens())
        .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.InterpolatedStringTextToken)
                    || t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
        .Select(t => t.ValueText)
        .Where(v => v.Length is > 0 and < 300)
        .Distinct(StringComparer.Ordinal);

    /// <summary>The origins of every <c>*.trusted_origins</c> key of an .editorconfig section.</summary>
    public static IEnumerable<string> Configured(string? editorConfig) => (editorConfig ?? string.Empty)
        .Split('\n')
        .Select(line => line.Split('=', 2))
        .Where(parts => parts.Length == 2 && parts[0].Trim().EndsWith(".trusted_origins", StringComparison.Ordinal))
        .SelectMany(parts => parts[1].Split(new[] { ',', ' ', '\t', ';' }, StringSplitOptions.RemoveEmptyEntries));

    private void AddLiteral(string literal, bool declared)
    {
        var text = literal.Trim();
        if (BrowserOrigin.WildcardParts(text) is { } wildcard)
        {
            var (scheme, domain, port) = wildcard;
            var shared = SharedHosting.IsSharedHostingDomain(domain, out var suffix);
            if (declared && !shared)
            {
                _declaredWildcards.Add((scheme, domain, port));
            }

            Add(
                BrowserOrigin.Of(text)!,
                $"a subdomain of '{text}'" + (shared ? $" (shared hosting: {suffix})" : string.Empty),
                declared && !shared);
            Add($"{scheme}://{domain}{port}", $"the bare domain of '{text}'", declared: false);
            AddLookAlikes(scheme, domain, port);
            return;
        }

        if (BrowserOrigin.Parts(text) is { } origin)
        {
            Add(BrowserOrigin.Of(text)!, $"'{text}' as a browser sends it", declared);
            Add((origin.Scheme == "https" ? "http" : "https") + "://" + origin.Host + origin.Port, $"'{text}' with the other scheme", declared: false);
            AddLookAlikes(origin.Scheme, origin.Host, origin.Port);
            return;
        }

        if (BrowserOrigin.IsHostName(text))
        {
            var host = text.TrimStart('.').ToLowerInvariant();
            Add("https://" + host, $"the host '{text}'", declared);
            Add("http://" + host, $"the host '{text}'", declared);
            Add("https://probe." + host, $"a subdomain of the host '{text}'", declared: false);
            AddLookAlikes("https", host, string.Empty);
        }
    }

    private void AddLookAlikes(string scheme, string host, string port)
    {
        Add($"{scheme}://{host}.attacker.test{port}", $"a look-alike of '{host}'", declared: false);
        Add($"{scheme}://attacker{host}{port}", $"a look-alike of '{host}'", declared: false);
    }

    private void Add(string origin, string why, bool declared)
    {
        _why.TryAdd(origin, why);
        if (declared)
        {
            _declared.Add(origin);
        }
    }
}
