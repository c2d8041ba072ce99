using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace CorsAnalyzers.EditorTests;

/// <summary>
/// An editor shows our diagnostics through a language server. csharp-ls runs third-party analyzers only when the client
/// turns <c>csharp.analyzersEnabled</c> on; then it must report the build's CORS001 and CORS003 diagnostics with the
/// same ids, ranges, severities and messages. (It offers no third-party code fixes: its code actions come only from
/// Roslyn's own features, so csharp-ls users fix with `dotnet format`.)
/// </summary>
public sealed class CsharpLsTests
{
    private static readonly string[] Cases = { "CORS001", "CORS003" };

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly ITestOutputHelper _output;

    public CsharpLsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task CsharpLs_WithAnalyzersOn_ReportsTheBuildsDiagnostics()
    {
        var solution = await ConsumerSolution.CreateAsync(Cases);
        var passed = false;
        try
        {
            // The build: every case reports what its `// expect:` lines say (else this test would compare nothing).
            var built = solution.BuildDiagnostics(Cases);
            foreach (var name in Cases)
            {
                var program = solution.ProgramPath(name);
                Assert.Equal(
                    ConsumerSolution.Expectations(name),
                    built.Where(d => d.File == program).Select(d => $"{d.StartLine} {d.Id}").Order(StringComparer.Ordinal));
            }

            var executable = await solution.InstallCsharpLsAsync();
            var clock = Stopwatch.StartNew();
            await using var server = LspClient.Start(
                executable,
                "--solution cases.sln --locale en-US",
                solution.Directory,
                new Dictionary<string, string>(solution.Environment),
                section => section == "csharp" ? new JsonObject { ["analyzersEnabled"] = true } : null);

            await server.RequestAsync("initialize", Initialize(solution.Directory), Patience);
            await server.NotifyAsync("initialized", new JsonObject());
            await server.NotifyAsync("workspace/didChangeConfiguration", new JsonObject
            {
                ["settings"] = new JsonObject { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } },
            });
            foreach (var name in Cases)
            {
                var path = solution.ProgramPath(name);
                await server.NotifyAsync("textDocument/didOpen", new JsonObject
                {
                    ["textDocument"] = new JsonObject
                    {
                        ["uri"] = new Uri(path).AbsoluteUri,
                        ["languageId"] = "csharp",
                        ["version"] = 1,
                        ["text"] = File.ReadAllText(path),
                    },
                });
            }

            // The server loads the solution in the background: pull until it reports what the build did, or give up.
            var expected = built.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
            var actual = new List<string>();
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                actual.Clear();
                foreach (var name in Cases)
                {
                    actual.AddRange((await PullAsync(server, solution.ProgramPath(name))).Select(d => d.ToString()));
                }

                actual.Sort(StringComparer.Ordinal);
                if (actual.SequenceEqual(expected) || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            Assert.True(
                actual.SequenceEqual(expected),
                $"csharp-ls {ConsumerSolution.CsharpLsVersion} and the build differ.{Environment.NewLine}" +
                $"Build:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}{Environment.NewLine}" +
                $"csharp-ls:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", actual)}{Environment.NewLine}" +
                $"Work folder (kept): {solution.Directory}{Environment.NewLine}Last LSP messages:{Environment.NewLine}{server.Transcript}");
            _output.WriteLine($"csharp-ls {ConsumerSolution.CsharpLsVersion} reported the build's {expected.Count} CORS diagnostics after {clock.Elapsed.TotalSeconds:F0} s:");
            foreach (var line in actual)
            {
                _output.WriteLine("  " + line);
            }

            passed = true;
        }
        finally
        {
            if (passed)
            {
                solution.Delete();
            }
        }
    }

    private static JsonObject Initialize(string root) => new()
    {
        ["processId"] = Environment.ProcessId,
        ["rootUri"] = new Uri(root).AbsoluteUri,
        ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = new Uri(root).AbsoluteUri, ["name"] = "cases" }),
        ["capabilities"] = new JsonObject
        {
            ["workspace"] = new JsonObject
            {
                ["configuration"] = true,
                ["workspaceFolders"] = true,
                ["didChangeConfiguration"] = new JsonObject { ["dynamicRegistration"] = false },
            },
            ["textDocument"] = new JsonObject
            {
                ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                ["publishDiagnostics"] = new JsonObject(),
                ["synchronization"] = new JsonObject { ["didSave"] = true },
            },
        },
    };

    /// <summary>The CORS diagnostics of one document (textDocument/diagnostic), 1-based like the SARIF log.</summary>
    private static async Task<IEnumerable<ReportedDiagnostic>> PullAsync(LspClient server, string path)
    {
        var report = await server.RequestAsync(
            "textDocument/diagnostic",
            new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = new Uri(path).AbsoluteUri } },
            Patience);
        var diagnostics = new List<ReportedDiagnostic>();
        foreach (var item in report?["items"]?.AsArray() ?? new JsonArray())
        {
            var id = item!["code"]?.ToString() ?? string.Empty;
            if (!id.StartsWith("CORS", StringComparison.Ordinal))
            {
                continue;
            }

            var range = item["range"]!;
            diagnostics.Add(new ReportedDiagnostic(
                path,
                id,
                Severity((int?)item["severity"]),
                (int)range["start"]!["line"]! + 1,
                (int)range["start"]!["character"]! + 1,
                (int)range["end"]!["line"]! + 1,
                (int)range["end"]!["character"]! + 1,
                (string)item["message"]!));
        }

        return diagnostics;
    }

    /// <summary>LSP's DiagnosticSeverity as SARIF's level.</summary>
    private static string Severity(int? severity) => severity switch
    {
        1 => "error",
        2 => "warning",
        3 => "note",
        4 => "none",
        _ => "warning",
    };
}
