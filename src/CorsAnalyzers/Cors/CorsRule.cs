using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// One rule of <see cref="CorsAnalyzer"/>: its descriptor and what it looks at. A rule lives in one file,
    /// <c>Rules/&lt;Name&gt;Rule.cs</c>, and registers its callbacks on the per-compilation
    /// <see cref="CorsCompilationContext"/> instead of on Roslyn directly, so that the rules cost Roslyn one
    /// callback per operation instead of one per rule (see <see cref="CorsAnalyzer"/>).
    /// </summary>
    public abstract class CorsRule
    {
        public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>
        /// Called once per compilation that references ASP.NET Core CORS or HTTP header types. Registers what the rule
        /// needs, or nothing when the types it looks for are absent. Per-compilation state belongs in locals captured
        /// by the callbacks, never in fields (rules are shared by every compilation).
        /// </summary>
        internal abstract void Initialize(CorsCompilationContext context);
    }
}
