using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CorsAnalyzers.EditorTests;

/// <summary>One diagnostic, as the build's SARIF log or the language server reports it (1-based lines and columns).</summary>
internal sealed record ReportedDiagnostic(string File, string Id, string Severity, int StartLine, int StartColumn, int EndLine, int EndColumn, string Message)
{
    public override string ToString() => $"{Path.GetFileName(Path.GetDirectoryName(File))}/{Path.GetFileName(File)}({StartLine},{StartColumn},{EndLine},{EndColumn}) {Severity} {Id}: {Message}";
}

/// <summary>
/// A consumer solution as users have it (tests/consumer/run.sh does the same for the build): fresh `dotnet new web`
/// projects, the packed package added with `dotnet add package` from a local feed into a package folder of their own,
/// one project per case of tests/consumer/cases with the case as its Program.cs, built once with a SARIF log.
/// </summary>
internal sealed class ConsumerSolution
{
    private ConsumerSolution(string directory, IReadOnlyDictionary<string, string> environment)
    {
        Directory = directory;
        Environment = environment;
    }

    public string Directory { get; }

    /// <summary>The environment every `dotnet` (and the language server) runs with: NUGET_PACKAGES of its own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public string SolutionPath => Path.Combine(Directory, "cases.sln");

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string PackageVersion { get; } = Metadata("PackageVersion");

    public static string CsharpLsVersion { get; } = Metadata("CsharpLsVersion");

    public string ProgramPath(string caseName) => Path.Combine(Directory, caseName, "Program.cs");

    public static async Task<ConsumerSolution> CreateAsync(IReadOnlyList<string> cases)
    {
        var packageDirectory = System.Environment.GetEnvironmentVariable("CORS_PACKAGE_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(RepositoryRoot, "artifacts", "packages");
        var nupkg = Path.Combine(packageDirectory, $"CorsAnalyzers.{PackageVersion}.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} not found: run `dotnet pack src/CorsAnalyzers.Package -c Release -o artifacts/packages` first.");

        var work = System.IO.Directory.CreateTempSubdirectory("cors-editor-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(work, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
        };
        var solution = new ConsumerSolution(work, environment);

        System.IO.Directory.CreateDirectory(Path.Combine(work, "feed"));
        File.Copy(nupkg, Path.Combine(work, "feed", Path.GetFileName(nupkg)));
        var publicSource = System.Environment.GetEnvironmentVariable("CORS_NUGET_SOURCE") is { Length: > 0 } source
            ? source
            : await solution.FirstEnabledNuGetSourceAsync();
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Path.Combine(work, "feed")}" />
                <add key="public" value="{publicSource}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="CorsAnalyzers" /></packageSource>
                <packageSource key="public"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(work, ".editorconfig"), "root = true\n");

        // Nothing from above the work folder; every project's compiler writes its diagnostics with their spans.
        File.WriteAllText(Path.Combine(work, "Directory.Build.props"), """
            <Project>
              <PropertyGroup>
                <ErrorLog>$(MSBuildProjectDirectory)/build.sarif,version=2.1</ErrorLog>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />\n");

        foreach (var name in cases)
        {
            var project = Path.Combine(work, name);
            await solution.DotnetAsync(work, "new", "web", "-o", project, "-n", name, "--no-restore");
            await solution.DotnetAsync(work, "add", Path.Combine(project, name + ".csproj"), "package", "CorsAnalyzers", "--version", PackageVersion);
            File.Copy(Path.Combine(RepositoryRoot, "tests", "consumer", "cases", name + ".cs"), Path.Combine(project, "Program.cs"), overwrite: true);
        }

        await solution.DotnetAsync(work, "new", "sln", "-n", "cases", "--format", "sln", "-o", work);
        await solution.DotnetAsync(work, new[] { "sln", solution.SolutionPath, "add" }.Concat(cases.Select(c => Path.Combine(work, c, c + ".csproj"))).ToArray());
        await solution.DotnetAsync(work, "build", solution.SolutionPath, "--no-incremental", "-nologo");
        return solution;
    }

    /// <summary>The CORS diagnostics the build reported, from each case project's SARIF log.</summary>
    public IReadOnlyList<ReportedDiagnostic> BuildDiagnostics(IEnumerable<string> cases)
    {
        var diagnostics = new List<ReportedDiagnostic>();
        foreach (var name in cases)
        {
            var log = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, name, "build.sarif")))!;
            foreach (var result in log["runs"]![0]!["results"]!.AsArray())
            {
                var id = (string)result!["ruleId"]!;
                if (!id.StartsWith("CORS", StringComparison.Ordinal))
                {
                    continue;
                }

                var location = result["locations"]![0]!["physicalLocation"]!;
                var region = location["region"]!;
                diagnostics.Add(new ReportedDiagnostic(
                    new Uri((string)location["artifactLocation"]!["uri"]!).LocalPath,
                    id,
                    (string?)result["level"] ?? "warning",
                    (int)region["startLine"]!,
                    (int)region["startColumn"]!,
                    (int)region["endLine"]!,
                    (int)region["endColumn"]!,
                    (string)result["message"]!["text"]!));
            }
        }

        return diagnostics;
    }

    /// <summary>The "line id" pairs a case expects (<c>// expect: CORS001</c> on the line).</summary>
    public static IReadOnlyList<string> Expectations(string caseName) =>
        File.ReadAllLines(Path.Combine(RepositoryRoot, "tests", "consumer", "cases", caseName + ".cs"))
            .Select((text, index) => (Line: index + 1, Match: Regex.Match(text, @"// expect:(.*)$")))
            .Where(l => l.Match.Success)
            .SelectMany(l => Regex.Matches(l.Match.Groups[1].Value, @"CORS\d+").Select(m => $"{l.Line} {m.Value}"))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The pinned csharp-ls in a tool path of its own under artifacts/tools (installed once).</summary>
    public async Task<string> InstallCsharpLsAsync()
    {
        var toolPath = Path.Combine(RepositoryRoot, "artifacts", "tools", "csharp-ls-" + CsharpLsVersion);
        var executable = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
        if (!File.Exists(executable))
        {
            await DotnetAsync(Directory, "tool", "install", "csharp-ls", "--version", CsharpLsVersion, "--tool-path", toolPath);
        }

        return executable;
    }

    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<string> FirstEnabledNuGetSourceAsync()
    {
        var list = await DotnetAsync(Directory, "nuget", "list", "source", "--format", "short");
        var line = list.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith('E'));
        Assert.True(line is not null, "No enabled NuGet source is configured on this machine (set CORS_NUGET_SOURCE).");
        return line![1..].Trim();
    }

    private async Task<string> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}) in {workingDirectory}:{System.Environment.NewLine}{text}");
        return text;
    }

    private static string Metadata(string key) =>
        typeof(ConsumerSolution).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
