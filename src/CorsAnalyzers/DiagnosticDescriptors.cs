using Microsoft.CodeAnalysis;

namespace CorsAnalyzers
{
    /// <summary>Every rule's descriptor, read by the analyzers, the code fixes and the tests.</summary>
    public static class DiagnosticDescriptors
    {
        /// <summary>Where docs/rules/&lt;ID&gt;.md is published; the help link of every rule.</summary>
        public const string DocsBaseUrl = "https://github.com/corsanalyzers/CorsAnalyzers/blob/main/docs/rules/";

        public static string GetHelpLink(string id) => DocsBaseUrl + id + ".md";

        /// <summary>
        /// Tags of rules decided in a compilation-end action (compilation-wide facts such as policy names); the IDE
        /// shows them only with full-solution analysis (RS1037).
        /// Declared before the descriptors: static fields are initialized in textual order.
        /// </summary>
        private static readonly string[] CompilationEndTags = { WellKnownDiagnosticTags.CompilationEnd };

        public static readonly DiagnosticDescriptor AnyOriginWithCredentials = Create(
            RuleIdentifiers.AnyOriginWithCredentials,
            "CORS policy allows any origin together with credentials",
            "{0} allows any origin together with credentials: ASP.NET Core refuses this policy at run time; list the trusted origins with WithOrigins(...)",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "A CORS policy whose final state allows any origin ('AllowAnyOrigin()' or the '*' origin) and credentials is rejected by ASP.NET Core with an InvalidOperationException, and browsers reject 'Access-Control-Allow-Origin: *' with credentials. List the trusted origins with WithOrigins(...), or drop credentials for a public API.");

        public static readonly DiagnosticDescriptor AlwaysTruePredicateWithCredentials = Create(
            RuleIdentifiers.AlwaysTruePredicateWithCredentials,
            "CORS policy accepts every origin together with credentials",
            "{0} accepts every origin with an always-true origin check together with credentials: any web site can make credentialed requests and read the responses; list the trusted origins with WithOrigins(...)",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "An origin predicate that returns true for every origin, together with credentials, makes ASP.NET Core echo any Origin back with 'Access-Control-Allow-Credentials: true'. Any web site the user visits can then send requests with the user's cookies and read the answers.");

        public static readonly DiagnosticDescriptor CorsResponseHeaderOnRequest = Create(
            RuleIdentifiers.CorsResponseHeaderOnRequest,
            "CORS response header set on a request",
            "'{0}' is a CORS response header: {1}",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "Access-Control-Allow-* headers, Access-Control-Expose-Headers and Access-Control-Max-Age are sent by the server on its response. Added to a request they are ignored by the server; on a browser's outgoing request they are also non-safelisted request headers that trigger a preflight the server must allow.");

        public static readonly DiagnosticDescriptor OriginCanNeverMatch = Create(
            RuleIdentifiers.OriginCanNeverMatch,
            "Origin can never match",
            "The origin \"{0}\" can never match a browser's Origin header: {1}",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "Browsers send an Origin of exactly scheme://host[:port], and ASP.NET Core compares it ordinally after lower-casing. An origin with a trailing slash, a path, a query, no scheme or surrounding whitespace never matches.");

        public static readonly DiagnosticDescriptor NullOriginAllowed = Create(
            RuleIdentifiers.NullOriginAllowed,
            "'null' origin allowed",
            "The 'null' origin is sent by sandboxed iframes, file: pages and some redirects: any site can produce it; remove it from the trusted origins",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "Browsers send 'Origin: null' from sandboxed iframes, file: pages and after some cross-origin redirects. Any attacker can produce such a request, so trusting 'null' trusts everyone.");

        public static readonly DiagnosticDescriptor HandWrittenCorsHeaders = Create(
            RuleIdentifiers.HandWrittenCorsHeaders,
            "CORS response headers written by hand",
            "{0}: use the CORS middleware (AddCors/UseCors) with WithOrigins(...) instead of writing CORS headers by hand",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "Hand-written Access-Control-Allow-Origin headers are easy to get wrong: '*' with credentials is rejected by browsers, and echoing the request's Origin without a check trusts every site.");

        public static readonly DiagnosticDescriptor UseCorsMisplaced = Create(
            RuleIdentifiers.UseCorsMisplaced,
            "UseCors is in the wrong place in the middleware pipeline",
            "UseCors must be called {0}",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "The CORS middleware must run after UseRouting (when it is called) and before UseAuthentication, UseAuthorization, UseResponseCaching and the endpoints; elsewhere preflights fail or CORS headers are missing.");

        public static readonly DiagnosticDescriptor UnknownPolicyName = Create(
            RuleIdentifiers.UnknownPolicyName,
            "Unknown CORS policy name",
            "No CORS policy named '{0}' is defined{1}",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "ASP.NET Core looks CORS policies up by exact, case-sensitive name. A name that no AddPolicy defines applies no CORS at all, and the browser's requests fail.",
            customTags: CompilationEndTags);

        public static readonly DiagnosticDescriptor AnyOriginAllowed = Create(
            RuleIdentifiers.AnyOriginAllowed,
            "CORS policy allows any origin",
            "{0} allows any origin: make sure this API is meant to be public, or list the trusted origins with WithOrigins(...)",
            RuleCategories.Security,
            DiagnosticSeverity.Info,
            "A policy that allows any origin lets every web site read the API's responses. That is right for public, read-only APIs and wrong for everything else. Disabled by default; enable it for a strict mode.",
            isEnabledByDefault: false);

        public static readonly DiagnosticDescriptor SubstringOriginCheck = Create(
            RuleIdentifiers.SubstringOriginCheck,
            "Origin check matches by substring",
            "This origin check uses {0}: an attacker's origin such as '{1}' passes it; compare the parsed host exactly or against a '.domain' suffix",
            RuleCategories.Security,
            DiagnosticSeverity.Warning,
            "Matching the raw Origin with Contains, StartsWith, an EndsWith without a dot boundary, or an unanchored regular expression accepts attacker-controlled origins such as https://app.contoso.com.evil.net or https://evilcontoso.com.");

        public static readonly DiagnosticDescriptor CorsNeverEnabled = Create(
            RuleIdentifiers.CorsNeverEnabled,
            "CORS configured but never enabled",
            "CORS is added and endpoints carry CORS metadata ([EnableCors], RequireCors), but the pipeline never calls UseCors(): every request to those endpoints fails with an InvalidOperationException",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "[EnableCors] and RequireCors are read only by the CORS middleware. With endpoint routing and no app.UseCors(), ASP.NET Core's endpoint middleware throws for every request to an endpoint with CORS metadata ('contains CORS metadata, but a middleware was not found that supports CORS'), so those endpoints answer 500.",
            customTags: CompilationEndTags);

        public static readonly DiagnosticDescriptor NoCorsRequestMode = Create(
            RuleIdentifiers.NoCorsRequestMode,
            "Request mode no-cors makes the response unreadable",
            "{0}: the browser sends the request without CORS and returns an opaque response (status 0, no headers, empty body), so the CORS error is hidden, not fixed; allow this application's origin on the server (WithOrigins(...)) and keep the default 'cors' mode",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "Blazor WebAssembly's SetBrowserRequestMode(BrowserRequestMode.NoCors) sets fetch's mode to 'no-cors'. The browser then sends only a simple request (GET, HEAD or POST, safelisted headers and content types), without asking the server for permission, and hands the code an opaque response: status 0, no headers, an empty body. The CORS error disappears from the console but the response cannot be read. The fix is on the server: allow the calling origin in its CORS policy.");

        public static readonly DiagnosticDescriptor UseCorsWithoutPolicy = Create(
            RuleIdentifiers.UseCorsWithoutPolicy,
            "UseCors() without a policy does nothing",
            "UseCors() applies the default policy or endpoint CORS metadata, and this application defines neither: the call does nothing",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "UseCors() without arguments uses the default policy or the [EnableCors]/RequireCors metadata of the endpoint. With neither, it sends no CORS header.",
            customTags: CompilationEndTags);

        public static readonly DiagnosticDescriptor UnusedPolicy = Create(
            RuleIdentifiers.UnusedPolicy,
            "CORS policy is never used",
            "{0} is never used by UseCors, [EnableCors], RequireCors or a CORS filter",
            RuleCategories.Correctness,
            DiagnosticSeverity.Info,
            "A named policy applies only where it is referenced by name, the default policy only where UseCors(), [EnableCors] or a filter without a name asks for it. A policy nothing applies never applies, and the browser's requests still fail.",
            customTags: CompilationEndTags);

        public static readonly DiagnosticDescriptor PolicyAllowsNoOrigin = Create(
            RuleIdentifiers.PolicyAllowsNoOrigin,
            "CORS policy allows no origin",
            "{0} allows no origin: no cross-origin request gets Access-Control-Allow-Origin; list the trusted origins with WithOrigins(...)",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "A policy that never calls WithOrigins, AllowAnyOrigin or SetIsOriginAllowed matches no origin: ASP.NET Core answers preflights with 204 and no Access-Control-Allow-Origin, so the browser blocks every cross-origin request. AllowAnyHeader() and AllowAnyMethod() do not allow origins.");

        public static readonly DiagnosticDescriptor UseCorsWithoutCorsServices = Create(
            RuleIdentifiers.UseCorsWithoutCorsServices,
            "UseCors without CORS services",
            "UseCors needs the CORS services and nothing in this application registers them: the app fails at start with \"{0}\"; call AddCors() on the services",
            RuleCategories.Correctness,
            DiagnosticSeverity.Warning,
            "The CORS middleware needs the services that AddCors registers (AddControllers, AddControllersWithViews and AddMvc register them too; AddRazorPages and AddSignalR do not). Without them the application throws an InvalidOperationException when it builds its pipeline.",
            customTags: CompilationEndTags);

        /// <summary>
        /// The same rules reporting origins read from configuration: same ID, title, category, severity, description and
        /// help link as the rule's descriptor, with a message of their own that says where the value is written and which
        /// policies read it. The ones reported in appsettings*.json are decided at the end of the compilation.
        /// Message arguments: {0} the origin, {1} the key and file (and environments), {2} the key, {3} the policies,
        /// {4} the problem.
        /// </summary>
        public static class InConfiguration
        {
            public static readonly DiagnosticDescriptor AnyOriginWithCredentials = Variant(
                DiagnosticDescriptors.AnyOriginWithCredentials,
                "\"*\" ({1}) is the only origin of {3}, which also allows credentials: ASP.NET Core refuses this policy at run time; list the trusted origins in configuration instead");

            public static readonly DiagnosticDescriptor OriginCanNeverMatch = Variant(
                DiagnosticDescriptors.OriginCanNeverMatch,
                "The origin \"{0}\" ({1}), read by {3}, can never match a browser's Origin header: {4}");

            public static readonly DiagnosticDescriptor NullOriginAllowed = Variant(
                DiagnosticDescriptors.NullOriginAllowed,
                "The 'null' origin ({1}), read by {3}, is sent by sandboxed iframes, file: pages and some redirects: any site can produce it; remove it from the trusted origins");

            public static readonly DiagnosticDescriptor AnyOriginAllowed = Variant(
                DiagnosticDescriptors.AnyOriginAllowed,
                "\"*\" ({1}) is the only origin of {3}: it allows any origin; make sure this API is meant to be public, or list the trusted origins in configuration instead");

            /// <summary>CORS004 in C#: the host filtering setting read as origins. Argument: the key as the code writes it.</summary>
            public static readonly DiagnosticDescriptor AllowedHostsAsOrigins = Variant(
                DiagnosticDescriptors.OriginCanNeverMatch,
                "'{0}' is the host filtering setting (host names separated by ';', \"*\" in every template), not a list of origins: its host names never match a browser's Origin header, and \"*\" allows any origin; read the trusted origins from a setting of their own",
                compilationEnd: false);

            private static DiagnosticDescriptor Variant(DiagnosticDescriptor rule, string messageFormat, bool compilationEnd = true) =>
                new DiagnosticDescriptor(
                    rule.Id,
                    rule.Title,
                    messageFormat,
                    rule.Category,
                    rule.DefaultSeverity,
                    rule.IsEnabledByDefault,
                    rule.Description,
                    rule.HelpLinkUri,
                    compilationEnd ? CompilationEndTags : System.Array.Empty<string>());
        }

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity defaultSeverity,
            string description,
            bool isEnabledByDefault = true,
            string[]? customTags = null)
        {
            return new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                defaultSeverity,
                isEnabledByDefault,
                description,
                GetHelpLink(id),
                customTags ?? System.Array.Empty<string>());
        }
    }
}
