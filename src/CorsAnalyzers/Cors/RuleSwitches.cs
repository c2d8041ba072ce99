using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Whether a rule is off for a whole compilation, so that <see cref="CorsAnalyzer"/> does not even initialize it.
    /// Roslyn skips an analyzer whose diagnostics are all off, but our one analyzer runs every rule: it has to skip the
    /// rules that are off itself.
    /// <para>
    /// A diagnostic is off only when no syntax tree can report it, read the way the compiler filters diagnostics:
    /// <c>/nowarn</c>, <c>/warnaserror</c> and rule sets (<see cref="CompilationOptions.SpecificDiagnosticOptions"/>)
    /// outrank the configuration files; then a tree's .editorconfig section, else the global config (the
    /// <c>CorsAnalysisMode</c> presets are global configs); then the descriptor's default. So a rule disabled by default
    /// (CORS009) but enabled in one folder's .editorconfig section runs, and a rule turned off in one tree only still
    /// runs for the others. A diagnostic in an additional file (origins in appsettings*.json) follows the project-wide
    /// settings only (a <c>[*.cs]</c> section does not reach it): with additional files, a diagnostic the project-wide
    /// settings leave on is on, whatever the trees' sections say. When unsure, a rule is on: a rule that runs when it
    /// could have been skipped costs time, a rule skipped when it was on would lose diagnostics.
    /// </para>
    /// </summary>
    internal static class RuleSwitches
    {
        /// <summary>True when none of <paramref name="rule"/>'s diagnostics can be reported in <paramref name="compilation"/>.</summary>
        public static bool IsOff(CorsRule rule, Compilation compilation, AnalyzerOptions? options, CancellationToken cancellationToken)
        {
            var hasAdditionalFiles = options is not null && !options.AdditionalFiles.IsEmpty;
            foreach (var descriptor in rule.SupportedDiagnostics)
            {
                if (!IsOff(descriptor, compilation, hasAdditionalFiles, cancellationToken))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// True when <paramref name="descriptor"/> is suppressed in the compilation options and in every syntax tree (and,
        /// with <paramref name="hasAdditionalFiles"/>, in the project-wide settings that apply to those files).
        /// </summary>
        public static bool IsOff(DiagnosticDescriptor descriptor, Compilation compilation, bool hasAdditionalFiles, CancellationToken cancellationToken)
        {
            foreach (var tag in descriptor.CustomTags)
            {
                if (tag == WellKnownDiagnosticTags.NotConfigurable)
                {
                    return !descriptor.IsEnabledByDefault;
                }
            }

            var options = compilation.Options;

            // /nowarn:ID, /warnaserror:ID, rule sets. Default is "/warnaserror-:ID", which leaves the choice to the files.
            if (options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific) && specific != ReportDiagnostic.Default)
            {
                return IsSuppressed(specific, descriptor, options);
            }

            var provider = options.SyntaxTreeOptionsProvider;
            ReportDiagnostic fallback;
            if (provider is not null && provider.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out var global))
            {
                fallback = global;
            }
            else
            {
                fallback = descriptor.IsEnabledByDefault ? ReportDiagnostic.Default : ReportDiagnostic.Suppress;
            }

            if (!IsSuppressed(fallback, descriptor, options))
            {
                // On unless every tree's own section turns it off, and no additional file can have it.
                if (provider is null || hasAdditionalFiles)
                {
                    return false;
                }

                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (!provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var inTree)
                        || !IsSuppressed(inTree, descriptor, options))
                    {
                        return false;
                    }
                }

                return true;
            }

            // Off unless a tree's own section turns it on.
            if (provider is not null)
            {
                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (provider.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var inTree)
                        && !IsSuppressed(inTree, descriptor, options))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static bool IsSuppressed(ReportDiagnostic report, DiagnosticDescriptor descriptor, CompilationOptions options)
        {
            if (report == ReportDiagnostic.Suppress)
            {
                return true;
            }

            // "Suppress all warnings" (GeneralDiagnosticOption) silences the warnings and infos left at their default.
            return report == ReportDiagnostic.Default
                && options.GeneralDiagnosticOption == ReportDiagnostic.Suppress
                && descriptor.DefaultSeverity is DiagnosticSeverity.Warning or DiagnosticSeverity.Info;
        }
    }
}
