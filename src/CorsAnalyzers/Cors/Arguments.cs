using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>Reading the arguments of a call by parameter (named arguments may be written in any order).</summary>
    internal static class Arguments
    {
        /// <summary>The argument given for the parameter at <paramref name="ordinal"/>; null when absent or left to its default value.</summary>
        public static IArgumentOperation? GetExplicit(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    // An optional parameter left out is not a value given by the user.
                    return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument;
                }
            }

            return null;
        }
    }
}
