using System.Globalization;
using System.Text.RegularExpressions;

namespace CorsAnalyzers.RuntimeTests.Hosting;

/// <summary>
/// The Origin header a browser sends from the site an origin string names: <c>scheme://host[:port]</c>, lower case,
/// punycode host, no default port, no path (RFC 6454; what ASP.NET Core compares ordinally).
/// </summary>
internal static partial class BrowserOrigin
{
    /// <summary>The subdomain probed for a wildcard entry <c>scheme://*.domain</c>.</summary>
    public const string WildcardProbeLabel = "probe";

    /// <summary>
    /// The browser's Origin for <paramref name="text"/>: an absolute http(s) URL however written (case, whitespace,
    /// trailing slash, path, default port); <c>https://host</c> for a bare host name; <c>null</c> for "null"; for a
    /// wildcard entry, a subdomain of it. Null when the text names no site ("*", other strings).
    /// </summary>
    public static string? Of(string text)
    {
        text = text.Trim();
        if (string.Equals(text, "null", StringComparison.OrdinalIgnoreCase))
        {
            return "null";
        }

        if (Wildcard().Match(text) is { Success: true } wildcard)
        {
            return Of(wildcard.Groups["scheme"].Value + "://" + WildcardProbeLabel + "." + wildcard.Groups["rest"].Value);
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
            && uri.Host.Length > 0 && text.Contains("://", StringComparison.Ordinal))
        {
            return Format(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.IsDefaultPort ? null : uri.Port);
        }

        return HostName().IsMatch(text) ? "https://" + text.TrimStart('.').ToLowerInvariant() : null;
    }

    /// <summary>Parts of an absolute http(s) origin string (not a wildcard): scheme, punycode host, port suffix (":8443" or empty).</summary>
    public static (string Scheme, string Host, string Port)? Parts(string text)
    {
        text = text.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https")
            || uri.Host.Length == 0 || uri.Host.Contains('*') || !text.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        return (uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.IsDefaultPort ? string.Empty : ":" + uri.Port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary><c>scheme://*.domain[:port][/]</c>: the parts of a wildcard-subdomain entry.</summary>
    public static (string Scheme, string Domain, string Port)? WildcardParts(string text)
    {
        var match = Wildcard().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var port = Regex.Match(match.Groups["rest"].Value, @":\d+").Value;
        var domain = match.Groups["rest"].Value.Split(':', '/')[0].ToLowerInvariant();
        return (match.Groups["scheme"].Value.ToLowerInvariant(), domain, port);
    }

    /// <summary>Whether <paramref name="text"/> is a bare host name (<c>contoso.com</c>, <c>.contoso.com</c>).</summary>
    public static bool IsHostName(string text) => HostName().IsMatch(text.Trim());

    private static string Format(string scheme, string host, int? port) =>
        scheme + "://" + host + (port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty);

    [GeneratedRegex(@"^(?<scheme>https?)://\*\.(?<rest>[A-Za-z0-9.-]+(:\d+)?/?)$", RegexOptions.IgnoreCase)]
    private static partial Regex Wildcard();

    [GeneratedRegex(@"^\.?([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$")]
    private static partial Regex HostName();
}
