using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// More domains to treat as shared hosting, from .editorconfig: <c>CORS015.shared_hosting_suffixes</c>
    /// (comma- or space-separated, e.g. <c>apps.internal.example, sites.contoso-hosting.net</c>), read per file. Added to
    /// the embedded list (<see cref="SharedHosting"/>); CORS015 reports them, and CORS010's fix does not trust them.
    /// </summary>
    internal static class SharedHostingSuffixesOption
    {
        public const string Key = "CORS015.shared_hosting_suffixes";

        private static readonly string[] None = new string[0];

        private static readonly char[] Separators = { ',', ' ', '\t', ';' };

        public static string[] Read(AnalyzerOptions options, SyntaxTree tree)
        {
            var configOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            return configOptions.TryGetValue(Key, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value.Split(Separators, StringSplitOptions.RemoveEmptyEntries)
                : None;
        }
    }
}
