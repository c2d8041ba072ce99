namespace CorsAnalyzers
{
    /// <summary>The rule IDs: the product's contract, never reused or renumbered.</summary>
    public static class RuleIdentifiers
    {
        public const string AnyOriginWithCredentials = "CORS001";
        public const string AlwaysTruePredicateWithCredentials = "CORS002";
        public const string CorsResponseHeaderOnRequest = "CORS003";
        public const string OriginCanNeverMatch = "CORS004";
        public const string NullOriginAllowed = "CORS005";
        public const string HandWrittenCorsHeaders = "CORS006";
        public const string UseCorsMisplaced = "CORS007";
        public const string UnknownPolicyName = "CORS008";
        public const string AnyOriginAllowed = "CORS009";
        public const string SubstringOriginCheck = "CORS010";
        public const string CorsNeverEnabled = "CORS011";
        public const string NoCorsRequestMode = "CORS012";
        public const string UseCorsWithoutPolicy = "CORS013";
        public const string UnusedPolicy = "CORS014";
        public const string PolicyAllowsNoOrigin = "CORS016";
        public const string UseCorsWithoutCorsServices = "CORS017";
    }
}
