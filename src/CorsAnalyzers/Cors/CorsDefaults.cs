namespace CorsAnalyzers.Cors
{
    /// <summary>Values the ASP.NET Core CORS runtime uses (Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants, CorsOptions).</summary>
    internal static class CorsDefaults
    {
        /// <summary>
        /// The initial value of <c>CorsOptions.DefaultPolicyName</c> (an instance property, so there is no constant to
        /// read from the reference assemblies): the name AddDefaultPolicy, UseCors() and a name-less [EnableCors] use.
        /// See aspnetcore src/Middleware/CORS/src/Infrastructure/CorsOptions.cs.
        /// </summary>
        public const string DefaultPolicyName = "__DefaultCorsPolicy";

        /// <summary><c>CorsConstants.AnyOrigin</c>: the origin list entry that means any origin when it is the only one.</summary>
        public const string AnyOrigin = "*";

        /// <summary>The Origin value browsers send from opaque origins (sandboxed iframes, file: pages, some redirects).</summary>
        public const string NullOrigin = "null";
    }
}
