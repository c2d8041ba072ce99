using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS005: the "null" origin among a policy's trusted origins, in the code or in appsettings*.json.</summary>
    public sealed class NullOriginAllowedRule : CorsRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.NullOriginAllowed, DiagnosticDescriptors.InConfiguration.NullOriginAllowed);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            var symbols = compilation.Cors;
            if (symbols is null)
            {
                return;
            }

            // Keyed by location: the same helper can be read through two semantic models (two IOperation trees).
            var reported = new ConcurrentDictionary<Location, bool>();
            compilation.RegisterPolicyAction((context, result) =>
            {
                foreach (var value in result.OriginValues)
                {
                    if (value.ConstantValue is { HasValue: true, Value: string origin }
                        && string.Equals(origin.Trim(), CorsDefaults.NullOrigin, StringComparison.OrdinalIgnoreCase)
                        && reported.TryAdd(value.Syntax.GetLocation(), true))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NullOriginAllowed, value.Syntax.GetLocation()));
                    }
                }
            });

            compilation.GetConfiguredOrigins(symbols).RegisterCheck(
                DiagnosticDescriptors.InConfiguration.NullOriginAllowed,
                static origin => string.Equals(origin.Text.Trim(), CorsDefaults.NullOrigin, StringComparison.OrdinalIgnoreCase) ? string.Empty : null);
        }
    }
}
