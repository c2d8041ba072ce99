using System.Runtime.CompilerServices;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// For the few methods Roslyn calls for every invocation, object creation, assignment or type of a compilation.
    /// A compiler process is short-lived: with tiered compilation those methods would run as unoptimized (and, with
    /// dynamic PGO, instrumented) tier-0 code for most of the build. <c>AggressiveOptimization</c> (value 512, not in
    /// netstandard2.0's enum) compiles them optimized at once; .NET Framework hosts ignore it.
    /// </summary>
    internal static class Hot
    {
        public const MethodImplOptions Path = (MethodImplOptions)512;
    }
}
