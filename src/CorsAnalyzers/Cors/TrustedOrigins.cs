using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The trusted origins the WithOrigins fixes write, from .editorconfig:
    /// <c>&lt;RULE&gt;.trusted_origins</c> (e.g. <c>CORS001.trusted_origins</c>), else the shared
    /// <c>cors_analyzers.trusted_origins</c>; comma- or space-separated. The analyzer reads the option and hands it
    /// to the fix in the diagnostic's properties.
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

            var origins = value.Split(new[] { ',', ' ', '\t', ';' }, StringSplitOptions.RemoveEmptyEntries);
            return origins.Length == 0 ? null : string.Join(",", origins);
        }
    }
}
