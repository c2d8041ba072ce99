namespace CorsAnalyzers
{
    public static class RuleCategories
    {
        public const string Security = "Security";
        public const string Correctness = "Correctness";
    }
}
