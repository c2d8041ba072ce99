using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Rules
{
    /// <summary>CORS005: the "null" origin among a policy's trusted origins.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NullOriginAllowedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.NullOriginAllowed);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var symbols = CorsSymbols.TryCreate(start.Compilation);
                if (symbols is null)
                {
                    return;
                }

                var reported = new ConcurrentDictionary<IOperation, bool>();
                PolicySites.Register(start, symbols, (context, result) =>
                {
                    foreach (var value in result.OriginValues)
                    {
                        if (value.ConstantValue is { HasValue: true, Value: string origin }
                            && string.Equals(origin.Trim(), CorsDefaults.NullOrigin, StringComparison.OrdinalIgnoreCase)
                            && reported.TryAdd(value, true))
                        {
                            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NullOriginAllowed, value.Syntax.GetLocation()));
                        }
                    }
                });
            });
        }
    }
}
