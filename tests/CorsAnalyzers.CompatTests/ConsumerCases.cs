using System.Text.RegularExpressions;

namespace CorsAnalyzers.CompatTests;

/// <summary>
/// The consumer cases of tests/consumer/cases (see its README.md), read the way tests/consumer/run.sh reads them:
/// a case runs when its rule is implemented (a release-tracking row whose analyzer class exists in src).
/// </summary>
internal static class ConsumerCases
{
    public static string CasesDirectory { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "consumer", "cases");

    /// <summary>Rule ID → analyzer class name, for the rules implemented in src/CorsAnalyzers.</summary>
    public static IReadOnlyDictionary<string, string> ImplementedRules { get; } = FindImplementedRules();

    /// <summary>Rule IDs whose README row says the rule has a code fix.</summary>
    public static IReadOnlySet<string> FixableRules { get; } = FindFixableRules();

    public static IEnumerable<string> RunnableCaseNames() =>
        Directory.EnumerateFiles(CasesDirectory, "CORS*.cs")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!)
            .Where(name => ImplementedRules.ContainsKey(RuleOf(name)))
            // A case with packages (// consumer-package:) needs their assemblies, which this host does not have.
            .Where(name => !Regex.IsMatch(File.ReadAllText(Path.Combine(CasesDirectory, name + ".cs")), @"^\s*// consumer-package:", RegexOptions.Multiline))
            .OrderBy(name => name, StringComparer.Ordinal);

    public static string RuleOf(string caseName) => Regex.Match(caseName, "^CORS[0-9]+").Value;

    public static Case Load(string caseName)
    {
        var path = Path.Combine(CasesDirectory, caseName + ".cs");
        var text = File.ReadAllText(path);
        var expected = new List<Expectation>();
        var editorConfig = new List<string>();
        ReadExpectations("Program.cs", text, expected, editorConfig);

        // <case>.appsettings*.json: the project's appsettings files, with expectations of their own.
        var appSettings = new List<(string Name, string Text)>();
        foreach (var file in Directory.EnumerateFiles(CasesDirectory, caseName + ".appsettings*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file).Substring(caseName.Length + 1);
            var json = File.ReadAllText(file);
            appSettings.Add((name, json));
            ReadExpectations(name, json, expected, editorConfig: null);
        }

        return new Case(caseName, path, text, expected, editorConfig, appSettings);
    }

    private static void ReadExpectations(string file, string text, List<Expectation> expected, List<string>? editorConfig)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var expect = Regex.Match(lines[i], "// expect:(?<ids>.*)$");
            if (expect.Success)
            {
                var noFix = Regex.IsMatch(expect.Groups["ids"].Value, @"\bnofix\b");
                foreach (Match id in Regex.Matches(expect.Groups["ids"].Value, "CORS[0-9]+"))
                {
                    if (ImplementedRules.ContainsKey(id.Value))
                    {
                        expected.Add(new Expectation(i + 1, id.Value, noFix, file));
                    }
                }
            }

            var directive = Regex.Match(lines[i], @"^\s*// consumer-editorconfig:\s*(?<line>.*?)\s*$");
            if (directive.Success && editorConfig is not null)
            {
                editorConfig.Add(directive.Groups["line"].Value);
            }
        }
    }

    private static Dictionary<string, string> FindImplementedRules()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot, "src", "CorsAnalyzers"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)
            .ToList();
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            foreach (var line in File.ReadAllLines(Path.Combine(TestEnvironment.RepositoryRoot, "src", "CorsAnalyzers", file)))
            {
                var row = Regex.Match(line, @"^\s*(?<id>CORS[0-9]+)\s*\|.*\|\s*.*?(?<analyzer>[A-Za-z0-9_]+Analyzer)");
                if (row.Success && sources.Any(s => Regex.IsMatch(s, $@"class\s+{row.Groups["analyzer"].Value}\b")))
                {
                    rules[row.Groups["id"].Value] = row.Groups["analyzer"].Value;
                }
            }
        }

        return rules;
    }

    private static HashSet<string> FindFixableRules()
    {
        var readme = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        var table = Regex.Match(readme, "<!-- rules:begin -->(?<table>.*)<!-- rules:end -->", RegexOptions.Singleline).Groups["table"].Value;
        var fixable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in table.Split('\n'))
        {
            var cells = line.Split('|');
            var id = Regex.Match(line, "CORS[0-9]+");
            if (cells.Length > 3 && id.Success && cells[^2].Trim() == "Yes")
            {
                fixable.Add(id.Value);
            }
        }

        return fixable;
    }

    /// <summary>An expected diagnostic: on a line of Program.cs or of one of the case's appsettings files.</summary>
    internal sealed record Expectation(int Line, string Id, bool NoFix, string File = "Program.cs");

    internal sealed record Case(
        string Name,
        string Path,
        string Text,
        IReadOnlyList<Expectation> Expected,
        IReadOnlyList<string> EditorConfig,
        IReadOnlyList<(string Name, string Text)> AppSettings);
}
