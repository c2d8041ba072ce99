using System.Text.RegularExpressions;
using CorsAnalyzers.RuntimeTests.Hosting;

namespace CorsAnalyzers.RuntimeTests;

/// <summary>The rule pages link to the runtime tests that prove their claims: each link names a test that exists.</summary>
public partial class DocsLinkTests
{
    [Fact]
    public void RulePages_LinkToRuntimeTestsThatExist()
    {
        var links = 0;
        foreach (var page in Directory.GetFiles(Path.Combine(RuntimeEnvironment.RepositoryRoot, "docs", "rules"), "*.md"))
        {
            foreach (Match link in TestLink().Matches(File.ReadAllText(page)))
            {
                links++;
                var file = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, link.Groups["path"].Value));
                Assert.True(File.Exists(file), $"{Path.GetFileName(page)} links to {link.Groups["path"].Value}, which does not exist.");
                Assert.True(
                    Regex.IsMatch(File.ReadAllText(file), @"public async Task " + Regex.Escape(link.Groups["test"].Value) + @"\(|public void " + Regex.Escape(link.Groups["test"].Value) + @"\("),
                    $"{Path.GetFileName(page)} links to the test {link.Groups["test"].Value}, which {Path.GetFileName(file)} does not have.");
            }
        }

        Assert.True(links >= 15, $"Only {links} links from docs/rules to the runtime tests.");
    }

    [GeneratedRegex(@"\[`(?<test>\w+)`\]\((?<path>\.\./\.\./tests/CorsAnalyzers\.RuntimeTests/[^)]+\.cs)\)")]
    private static partial Regex TestLink();
}
