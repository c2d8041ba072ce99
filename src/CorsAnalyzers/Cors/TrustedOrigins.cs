using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The trusted origins the WithOrigins fixes write, from .editorconfig:
    /// <c>&lt;RULE&gt;.trusted_origins</c> (e.g. <c>CORS001.trusted_origins</c>), else the shared
    /// <c>cors_analyzers.trusted_origins</c>; comma- or space-separated. The analyzer reads the option and hands it
    /// to the fix in the diagnostic's properties. Entries that are not an origin a browser sends (<c>*</c>, <c>null</c>,
    /// a <c>*.</c> host, a path, a default port) are left out; with none left the fixes write their placeholder.
    /// </summary>
    internal static class TrustedOrigins
    {
        public const string PropertyName = "TrustedOrigins";
        public const string SharedKey = "cors_analyzers.trusted_origins";

        public static string? Read(AnalyzerOptions options, SyntaxTree tree, string ruleId)
        {
            var configOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
            if (!configOptions.TryGetValue(ruleId + ".trusted_origins", out var value) || string.IsNullOrWhiteSpace(value))
            {
                if (!configOptions.TryGetValue(SharedKey, out value) || string.IsNullOrWhiteSpace(value))
                {
                    return null;
                }
            }

            // Only origins a browser sends, in lower case (CorsPolicy.Origins.Add does not lower-case): a fix that wrote
            // "*", "null", a wildcard or an origin with a path would trade one diagnostic for another.
            var origins = new List<string>();
            foreach (var entry in value.Split(new[] { ',', ' ', '\t', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var origin = entry.ToLowerInvariant();
                if (OriginParser.Analyze(origin, out _) == OriginProblem.None && !origins.Contains(origin))
                {
                    origins.Add(origin);
                }
            }

            return origins.Count == 0 ? null : string.Join(",", origins);
        }
    }
}
