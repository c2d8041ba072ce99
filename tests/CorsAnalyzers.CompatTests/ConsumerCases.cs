using System.Text.RegularExpressions;

namespace CorsAnalyzers.CompatTests;

/// <summary>
/// The consumer cases of tests/consumer/cases (see its README.md), read the way tests/consumer/run.sh reads them:
/// a case runs when its rule is implemented (a release-tracking row whose analyzer class exists in src).
/// </summary>
internal static class ConsumerCases
{
    public static string CasesDirectory { get; } = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "consumer", "cases");

    /// <summary>Rule ID → rule class name (the release row's "rule class X"), for the rules implemented in src/CorsAnalyzers.</summary>
    public static IReadOnlyDictionary<string, string> ImplementedRules { get; } = FindImplementedRules();

    /// <summary>Rule IDs whose README row says the rule has a code fix.</summary>
    public static IReadOnlySet<string> FixableRules { get; } = FindFixableRules();

    /// <summary>The packages this project's PackageDownload items bring (CorsAnalyzers.CompatTests.csproj).</summary>
    private static readonly HashSet<string> DownloadedPackages = new(StringComparer.OrdinalIgnoreCase)
    {
        "RestSharp", "Flurl.Http", "Refit", "Microsoft.AspNetCore.Components.WebAssembly",
    };

    public static IEnumerable<string> RunnableCaseNames() =>
        Directory.EnumerateFiles(CasesDirectory, "CORS*.cs")
            .Select(Path.GetFileNameWithoutExtension)
            .Select(name => name!)
            .Where(name => ImplementedRules.ContainsKey(RuleOf(name)))
            // A case's packages (// consumer-package:) must be among the ones this project downloads to compile against
            // (the client libraries); an app-shaped case with Swashbuckle or Serilog runs in the consumer test only.
            .Where(name => Regex.Matches(File.ReadAllText(Path.Combine(CasesDirectory, name + ".cs")), @"^\s*// consumer-package:\s*(?<id>\S+)", RegexOptions.Multiline)
                .All(package => DownloadedPackages.Contains(package.Groups["id"].Value)))
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

        // "// consumer-package: Id Version" (a client library) and "// consumer-tfms: net10.0" lines of Program.cs.
        var packages = new List<(string Id, string Version)>();
        var tfms = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var package = Regex.Match(line, @"^\s*// consumer-package:\s*(?<id>\S+)\s+(?<version>\S+)");
            if (package.Success)
            {
                packages.Add((package.Groups["id"].Value, package.Groups["version"].Value));
            }

            var frameworks = Regex.Match(line, @"^\s*// consumer-tfms:\s*(?<tfms>.*?)\s*$");
            if (frameworks.Success)
            {
                tfms.AddRange(frameworks.Groups["tfms"].Value.Split(new[] { ' ', ',' }, StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return new Case(caseName, path, text, expected, editorConfig, appSettings, packages, tfms);
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
                var row = Regex.Match(line, @"^\s*(?<id>CORS[0-9]+)\s*\|.*\|.*\brule class (?<analyzer>[A-Za-z0-9_]+)");
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

    /// <summary>
    /// A case; <see cref="Packages"/> from its <c>// consumer-package:</c> lines (a client library), <see cref="Tfms"/>
    /// from <c>// consumer-tfms:</c> (empty: every framework).
    /// </summary>
    internal sealed record Case(
        string Name,
        string Path,
        string Text,
        IReadOnlyList<Expectation> Expected,
        IReadOnlyList<string> EditorConfig,
        IReadOnlyList<(string Name, string Text)> AppSettings,
        IReadOnlyList<(string Id, string Version)> Packages,
        IReadOnlyList<string> Tfms)
    {
        /// <summary>
        /// The ASP.NET Core reference versions the case compiles against in the old host: every one for a plain case; the
        /// newest for a case with packages (built for today's frameworks); the .NET 10 set for a net10.0-only case.
        /// </summary>
        public IReadOnlyList<string> AspNetCoreVersions =>
            Tfms.Count > 0 && !Tfms.Any(t => TestEnvironment.AspNetCoreRefVersions.Any(v => t == "net" + v.Split('.')[0] + ".0"))
                ? new[] { TestEnvironment.AspNetCore10RefVersion }
                : Packages.Count > 0 ? new[] { TestEnvironment.AspNetCoreRefVersions[^1] } : TestEnvironment.AspNetCoreRefVersions;
    }
}
