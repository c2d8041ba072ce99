using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>What a header write writes, when it is visible: shared by CORS006 (judging a value) and CORS003 (moving one).</summary>
    internal static class HeaderValues
    {
        /// <summary>
        /// The written value when it is a constant string: a literal or constant (through conversions to
        /// <c>StringValues</c>, <c>new StringValues(x)</c> or a one-element array), <c>CorsConstants.AnyOrigin</c>, or the
        /// value part of <c>Add("Name: value")</c>; otherwise null.
        /// </summary>
        public static string? GetConstantValue(HeaderWrite write, HeaderSymbols symbols)
        {
            if (write.InlineValue is not null)
            {
                return write.InlineValue;
            }

            if (write.Value is null)
            {
                return null;
            }

            var value = Unwrap(write.Value, symbols);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            // CorsConstants.AnyOrigin is "*" (a static readonly field).
            if (symbols.CorsConstants is not null
                && value is IFieldReferenceOperation { Field: { Name: "AnyOrigin" } field }
                && SymbolEqualityComparer.Default.Equals(field.ContainingType, symbols.CorsConstants))
            {
                return "*";
            }

            return null;
        }

        /// <summary>The written value without conversions, <c>new StringValues(x)</c> or a one-element (params) array.</summary>
        public static IOperation Unwrap(IOperation value, HeaderSymbols symbols)
        {
            while (true)
            {
                var unwrapped = HeaderWrite.Unwrap(value)!;
                switch (unwrapped)
                {
                    case IObjectCreationOperation creation
                        when symbols.StringValues is not null
                             && SymbolEqualityComparer.Default.Equals(creation.Type, symbols.StringValues)
                             && creation.Arguments.Length == 1:
                        value = creation.Arguments[0].Value;
                        continue;
                    case IArrayCreationOperation { Initializer: { ElementValues.Length: 1 } initializer }:
                        value = initializer.ElementValues[0];
                        continue;
                    default:
                        return unwrapped;
                }
            }
        }
    }
}
