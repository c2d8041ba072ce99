using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Domains where anyone can get a subdomain (Vercel, Netlify, Azure App Service, GitHub Pages, ...): trusting every
    /// subdomain of one trusts every site deployed there. The list is the private section of the Public Suffix List,
    /// embedded as <c>SharedHostingSuffixes.txt</c> (source, version and date in its header and in
    /// docs/shared-hosting-suffixes.md) and read once per process, the first time a rule or fix asks.
    /// </summary>
    internal static class SharedHosting
    {
        private const string ResourceName = "CorsAnalyzers.Cors.SharedHostingSuffixes.txt";

        private static Suffixes? s_suffixes;

        /// <summary>
        /// Whether trusting every subdomain of <paramref name="domain"/> (the host part after <c>*.</c> in an origin, or
        /// after the dot of an <c>EndsWith(".x")</c> check; no scheme, no port) trusts a shared hosting domain:
        /// <paramref name="domain"/> is on the list, is one label under a <c>*.x</c> entry, or has an entry under it
        /// (<c>amazonaws.com</c> holds <c>s3.amazonaws.com</c>). <paramref name="suffix"/> is the listed entry that
        /// decided, for the message. Bare top-level domains are not judged here.
        /// </summary>
        public static bool IsSharedHostingDomain(string domain, out string suffix) =>
            IsSharedHostingDomain(domain, additional: null, out suffix);

        /// <summary>The domain of a <c>scheme://*.domain[:port]</c> entry, as SetIsOriginAllowedToAllowWildcardSubdomains() reads it.</summary>
        public static bool TryGetWildcardDomain(string origin, out string domain)
        {
            domain = string.Empty;
            var marker = origin.IndexOf("://*.", StringComparison.Ordinal);
            if (marker < 0)
            {
                return false;
            }

            var host = origin.Substring(marker + 5);
            var end = host.IndexOfAny(new[] { ':', '/', '?', '#' });
            host = (end < 0 ? host : host.Substring(0, end)).Trim().ToLowerInvariant();
            if (!OriginBypass.IsPlainHost(host))
            {
                return false;
            }

            domain = host;
            return true;
        }

        /// <summary>
        /// <see cref="IsSharedHostingDomain(string, IEnumerable{string}?, out string)"/> with the domains that
        /// <see cref="SharedHostingSuffixesOption"/> adds for <paramref name="tree"/>.
        /// </summary>
        public static bool IsSharedHostingDomain(string domain, AnalyzerOptions? options, SyntaxTree tree) =>
            IsSharedHostingDomain(domain, options is null ? null : SharedHostingSuffixesOption.Read(options, tree), out _);

        /// <inheritdoc cref="IsSharedHostingDomain(string, out string)"/>
        /// <param name="additional">More suffixes to treat as shared hosting (an option), as written by the user.</param>
        public static bool IsSharedHostingDomain(string domain, IEnumerable<string>? additional, out string suffix)
        {
            suffix = string.Empty;
            var host = Normalize(domain);
            if (host is null || host.IndexOf('.') < 0)
            {
                return false;
            }

            if (additional is not null)
            {
                foreach (var extra in additional)
                {
                    var normalized = Normalize(extra);
                    if (normalized is not null && (host == normalized || normalized.EndsWith("." + host, StringComparison.Ordinal)))
                    {
                        suffix = normalized;
                        return true;
                    }
                }
            }

            var suffixes = Volatile.Read(ref s_suffixes) ?? Load();
            if (suffixes.Exact.Contains(host))
            {
                suffix = host;
                return true;
            }

            var dot = host.IndexOf('.');
            if (suffixes.WildcardBases.Contains(host.Substring(dot + 1)))
            {
                suffix = "*." + host.Substring(dot + 1);
                return true;
            }

            return suffixes.Ancestors.TryGetValue(host, out suffix!);
        }

        /// <summary>Lower case, no trailing dot, IDN labels as punycode (as the runtime compares origins); null when not a host name.</summary>
        private static string? Normalize(string value)
        {
            var host = value.Trim().TrimEnd('.').ToLowerInvariant();
            if (host.Length == 0 || host.IndexOf("..", StringComparison.Ordinal) >= 0 || host[0] == '.')
            {
                return null;
            }

            foreach (var c in host)
            {
                if (c > 0x7F)
                {
                    try
                    {
                        return new IdnMapping().GetAscii(host);
                    }
                    catch (ArgumentException)
                    {
                        return null;
                    }
                }
            }

            return host;
        }

        private static Suffixes Load()
        {
            var suffixes = new Suffixes();
            using (var stream = typeof(SharedHosting).Assembly.GetManifestResourceStream(ResourceName))
            {
                if (stream is not null)
                {
                    using var reader = new StreamReader(stream);
                    string? line;
                    while ((line = reader.ReadLine()) is not null)
                    {
                        if (line.Length == 0 || line[0] == '#')
                        {
                            continue;
                        }

                        suffixes.Add(line);
                    }
                }
            }

            return Interlocked.CompareExchange(ref s_suffixes, suffixes, null) ?? suffixes;
        }

        private sealed class Suffixes
        {
            public HashSet<string> Exact { get; } = new HashSet<string>(StringComparer.Ordinal);

            /// <summary>The <c>x</c> of each <c>*.x</c> entry.</summary>
            public HashSet<string> WildcardBases { get; } = new HashSet<string>(StringComparer.Ordinal);

            /// <summary>Each parent domain (two labels or more) of an entry, with the entry it holds.</summary>
            public Dictionary<string, string> Ancestors { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

            public void Add(string entry)
            {
                var isWildcard = entry.StartsWith("*.", StringComparison.Ordinal);
                var name = Normalize(isWildcard ? entry.Substring(2) : entry);
                if (name is null)
                {
                    return;
                }

                (isWildcard ? WildcardBases : Exact).Add(name);
                var listed = isWildcard ? "*." + name : name;
                if (isWildcard && !Ancestors.ContainsKey(name))
                {
                    // Every subdomain of x trusts the one-label-deeper suffixes *.x stands for.
                    Ancestors.Add(name, listed);
                }

                for (var dot = name.IndexOf('.'); dot >= 0; dot = name.IndexOf('.', dot + 1))
                {
                    var parent = name.Substring(dot + 1);
                    if (parent.IndexOf('.') < 0)
                    {
                        break;
                    }

                    if (!Ancestors.ContainsKey(parent))
                    {
                        Ancestors.Add(parent, listed);
                    }
                }
            }
        }
    }
}
