using System;

namespace CorsAnalyzers.Cors
{
    /// <summary>Why an origin string can never equal a browser's <c>Origin</c> header.</summary>
    internal enum OriginProblem
    {
        None,
        SurroundingWhitespace,
        TrailingSlash,
        PathQueryOrFragment,
        DefaultPort,
        NoScheme,
        UnsupportedScheme,
        NoHost,
        WildcardHost,
    }

    /// <summary>
    /// Checks origin strings the way ASP.NET Core compares them: CorsPolicyBuilder.WithOrigins lower-cases the value
    /// (and, for IDN hosts only, converts to punycode and drops a default port); CorsService compares it ordinally with
    /// the browser's Origin, which is exactly <c>scheme://host[:port]</c> without a default port, or <c>null</c>.
    /// </summary>
    internal static class OriginParser
    {
        /// <summary>Schemes browsers do send as an origin besides http/https (extensions, hybrid mobile apps).</summary>
        private static readonly string[] AppSchemes =
        {
            "chrome-extension", "moz-extension", "safari-web-extension", "ms-browser-extension", "capacitor", "ionic", "app",
            "tauri", "electron",
        };

        /// <summary>
        /// The problem's name, as <c>Enum.ToString</c> gives it (CORS004's diagnostic property, read by its code fix),
        /// without <c>Enum.ToString</c>: its first call for an enum type reads the enum's metadata through reflection,
        /// tens of milliseconds in a fresh compiler process (docs/performance.md, round 6).
        /// </summary>
        public static string GetName(OriginProblem problem)
        {
            switch (problem)
            {
                case OriginProblem.SurroundingWhitespace:
                    return nameof(OriginProblem.SurroundingWhitespace);
                case OriginProblem.TrailingSlash:
                    return nameof(OriginProblem.TrailingSlash);
                case OriginProblem.PathQueryOrFragment:
                    return nameof(OriginProblem.PathQueryOrFragment);
                case OriginProblem.DefaultPort:
                    return nameof(OriginProblem.DefaultPort);
                case OriginProblem.NoScheme:
                    return nameof(OriginProblem.NoScheme);
                case OriginProblem.UnsupportedScheme:
                    return nameof(OriginProblem.UnsupportedScheme);
                case OriginProblem.NoHost:
                    return nameof(OriginProblem.NoHost);
                case OriginProblem.WildcardHost:
                    return nameof(OriginProblem.WildcardHost);
                default:
                    return nameof(OriginProblem.None);
            }
        }

        /// <summary>
        /// The first problem of <paramref name="origin"/> (not "*" nor "null": callers handle those), and the
        /// origin a browser would send instead when there is a mechanical answer.
        /// A <c>*.</c> wildcard host is reported as <see cref="OriginProblem.WildcardHost"/>; it is fine with
        /// SetIsOriginAllowedToAllowWildcardSubdomains(), which the caller decides.
        /// </summary>
        public static OriginProblem Analyze(string origin, out string? normalized)
        {
            normalized = null;
            var trimmed = origin.Trim();
            if (trimmed.Length != origin.Length)
            {
                // Offer the trimmed origin only when it is one a browser sends: " *" must not become "*" (any origin),
                // and "contoso.com " gains nothing from trimming.
                var candidate = Normalize(trimmed) ?? trimmed;
                if (Analyze(candidate, out _) is OriginProblem.None or OriginProblem.WildcardHost)
                {
                    normalized = candidate;
                }

                return OriginProblem.SurroundingWhitespace;
            }

            var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return OriginProblem.NoScheme;
            }

            var scheme = origin.Substring(0, schemeEnd);
            var isHttp = string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase);
            var isHttps = string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase);
            if (!isHttp && !isHttps && Array.IndexOf(AppSchemes, scheme.ToLowerInvariant()) < 0)
            {
                return OriginProblem.UnsupportedScheme;
            }

            var rest = origin.Substring(schemeEnd + 3);
            var authorityEnd = rest.IndexOfAny(new[] { '/', '?', '#' });
            var authority = authorityEnd < 0 ? rest : rest.Substring(0, authorityEnd);
            if (authority.Length == 0)
            {
                return OriginProblem.NoHost;
            }

            if (authorityEnd >= 0)
            {
                normalized = Normalize(origin);
                return rest.Substring(authorityEnd) == "/" ? OriginProblem.TrailingSlash : OriginProblem.PathQueryOrFragment;
            }

            if ((isHttps && authority.EndsWith(":443", StringComparison.Ordinal)) || (isHttp && authority.EndsWith(":80", StringComparison.Ordinal)))
            {
                normalized = scheme + "://" + authority.Substring(0, authority.LastIndexOf(':'));
                return OriginProblem.DefaultPort;
            }

            return authority.StartsWith("*.", StringComparison.Ordinal) ? OriginProblem.WildcardHost : OriginProblem.None;
        }

        /// <summary>scheme://authority of an origin with a path, without the default port; null when not parseable.</summary>
        private static string? Normalize(string origin)
        {
            var schemeEnd = origin.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return null;
            }

            var rest = origin.Substring(schemeEnd + 3);
            var authorityEnd = rest.IndexOfAny(new[] { '/', '?', '#' });
            var result = authorityEnd < 0 ? origin : origin.Substring(0, schemeEnd + 3 + authorityEnd);
            return Analyze(result, out var further) == OriginProblem.DefaultPort ? further : result;
        }

        /// <summary>
        /// Whether <c>CorsPolicyBuilder.WithOrigins</c> (and its constructor) rewrites the origin to scheme://host[:port]:
        /// an http/https origin whose host is an internationalized domain name is parsed with <see cref="Uri"/> and
        /// rebuilt from its punycode host and non-default port, which drops whitespace, a path and a default port
        /// (CorsPolicyBuilder.GetNormalizedOrigin). Other origins are only lower-cased.
        /// <para>
        /// Uri's IdnHost differs from its Host only for a host with non-ASCII characters, percent escapes or an IPv6
        /// address (IdnHost drops the brackets, so the runtime rebuilds "http://[::1]:5000/" too). Other origins skip
        /// <see cref="Uri"/>, whose first use costs milliseconds in a fresh compiler process (docs/performance.md).
        /// </para>
        /// </summary>
        public static bool IsRebuiltByWithOrigins(string origin) =>
            MayHaveRebuiltHost(origin)
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.Equals(uri.IdnHost, uri.Host, StringComparison.Ordinal);

        private static bool MayHaveRebuiltHost(string origin)
        {
            foreach (var c in origin)
            {
                if (c > '\u007F' || c == '%' || c == '[')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether SetIsOriginAllowedToAllowWildcardSubdomains() treats the entry as a wildcard pattern: the runtime
        /// (CorsPolicyExtensions.IsOriginAnAllowedSubdomain) takes every entry containing "://*.", removes "*." and
        /// parses the rest with <see cref="Uri"/>, comparing only scheme, port and host suffix, so whitespace, a path
        /// or a default port in such an entry do not matter.
        /// </summary>
        public static bool IsWildcardSubdomainPattern(string origin) =>
            origin.IndexOf("://*.", StringComparison.Ordinal) >= 0;

        /// <summary>Why the origin never matches, for messages.</summary>
        public static string Describe(OriginProblem problem) => problem switch
        {
            OriginProblem.SurroundingWhitespace => "it has surrounding whitespace, which browsers never send",
            OriginProblem.TrailingSlash => "browsers send no trailing slash, and ASP.NET Core does not remove it",
            OriginProblem.PathQueryOrFragment => "browsers send only scheme://host[:port], without a path, query or fragment",
            OriginProblem.DefaultPort => "browsers omit the default port, and ASP.NET Core keeps it",
            OriginProblem.NoScheme => "it has no scheme; browsers send 'https://host' or 'http://host'",
            OriginProblem.UnsupportedScheme => "browsers do not send this scheme as an origin",
            OriginProblem.NoHost => "it has no host",
            OriginProblem.WildcardHost => "a '*.' host matches subdomains only with SetIsOriginAllowedToAllowWildcardSubdomains() on the same policy",
            _ => string.Empty,
        };

        /// <summary>Why a "*" among other origins matches nothing.</summary>
        public const string DeadAnyOriginDescription =
            "among other origins '*' is compared as a plain string and does not allow any origin (AllowAnyOrigin() does)";
    }
}
