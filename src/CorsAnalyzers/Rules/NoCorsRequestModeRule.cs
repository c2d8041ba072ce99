using System.Collections.Immutable;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS012: Blazor WebAssembly's <c>SetBrowserRequestMode(BrowserRequestMode.NoCors)</c> (or
    /// <c>SetBrowserRequestOption("mode", "no-cors")</c>, which it calls) on an <c>HttpRequestMessage</c>: the browser's
    /// fetch then returns an opaque response the code cannot read. Reported at the no-cors value: the whole argument when it
    /// is a constant, or the branch of a conditional that is (<c>dev ? BrowserRequestMode.NoCors : BrowserRequestMode.Cors</c>).
    /// Registered only when the compilation references Microsoft.AspNetCore.Components.WebAssembly.
    /// </summary>
    public sealed class NoCorsRequestModeRule : CorsRule
    {
        /// <summary>Diagnostic property: <see cref="ModeForm"/> (an enum value) or <see cref="OptionForm"/> (a string).</summary>
        internal const string FormProperty = "Form";

        internal const string ModeForm = "Mode";
        internal const string OptionForm = "Option";

        /// <summary>
        /// Diagnostic property present when the reported value is the whole argument (not one branch of a conditional):
        /// then removing the call is an alternative fix, and the additional location is the call.
        /// </summary>
        internal const string WholeArgumentProperty = "WholeArgument";

        private const string SetBrowserRequestMode = "SetBrowserRequestMode";
        private const string SetBrowserRequestOption = "SetBrowserRequestOption";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.NoCorsRequestMode);

        internal override void Initialize(CorsCompilationContext compilation)
        {
            if (compilation.ClientLibraries is not { BrowserRequestExtensions: { } extensions } clients
                || GetNoCorsValue(clients.BrowserRequestMode) is not { } noCors)
            {
                return;
            }

            compilation.RegisterInvocationAction(
                context =>
                {
                    var invocation = (IInvocationOperation)context.Operation;
                    if (!ClientLibrarySymbols.IsDeclaredBy(invocation.TargetMethod, extensions))
                    {
                        return;
                    }

                    if (invocation.TargetMethod.Name == SetBrowserRequestMode)
                    {
                        var mode = GetArgument(invocation, "requestMode");
                        Report(context, invocation, mode, mode, noCors, ModeForm, "SetBrowserRequestMode(BrowserRequestMode.NoCors)");
                    }
                    else if (GetArgument(invocation, "name") is { ConstantValue: { HasValue: true, Value: "mode" } })
                    {
                        var value = GetArgument(invocation, "value");
                        Report(context, invocation, value, value, "no-cors", OptionForm, "SetBrowserRequestOption(\"mode\", \"no-cors\")");
                    }
                },
                SetBrowserRequestMode,
                SetBrowserRequestOption);
        }

        /// <summary>Reports <paramref name="value"/> when it is the no-cors constant, or each branch of a conditional that is.</summary>
        private static void Report(OperationAnalysisContext context, IInvocationOperation invocation, IOperation? argument, IOperation? value, object noCors, string form, string call)
        {
            // An explicit cast is reported with its operand ((BrowserRequestMode)1); implicit conversions have the operand's syntax.
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            switch (value)
            {
                case null:
                    return;
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when !conditional.ConstantValue.HasValue:
                    Report(context, invocation, argument, conditional.WhenTrue, noCors, form, call);
                    Report(context, invocation, argument, whenFalse, noCors, form, call);
                    return;
            }

            if (!value.ConstantValue.HasValue || !Equals(value.ConstantValue.Value, noCors))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(FormProperty, form);
            var isWholeArgument = value.Syntax == argument?.Syntax;
            if (isWholeArgument)
            {
                properties = properties.Add(WholeArgumentProperty, string.Empty);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.NoCorsRequestMode,
                value.Syntax.GetLocation(),
                isWholeArgument ? new[] { invocation.Syntax.GetLocation() } : null,
                properties,
                call));
        }

        private static object? GetNoCorsValue(INamedTypeSymbol? mode)
        {
            if (mode is null)
            {
                return null;
            }

            foreach (var member in mode.GetMembers("NoCors"))
            {
                if (member is IFieldSymbol { HasConstantValue: true } field)
                {
                    return field.ConstantValue;
                }
            }

            return null;
        }

        private static IOperation? GetArgument(IInvocationOperation invocation, string parameterName)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    return argument.Value;
                }
            }

            return null;
        }
    }
}
