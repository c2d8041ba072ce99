using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.RuntimeTests.Hosting;

/// <summary>A C# web project (the Web SDK's implicit usings, nullable, C# latest) in an <see cref="AdhocWorkspace"/>.</summary>
internal static class WebProject
{
    public const string Folder = "/app/";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The project: <paramref name="sources"/> at <c>/app/&lt;name&gt;</c>, the implicit usings, an .editorconfig with
    /// <paramref name="editorConfig"/> under <c>[*.cs]</c>, and a global config that turns every diagnostic of
    /// <paramref name="raiseToWarning"/> on as a warning (so rules disabled by default run too).
    /// </summary>
    public static Project Create(IEnumerable<(string Name, string Text)> sources, string? editorConfig = null, IEnumerable<DiagnosticAnalyzer>? raiseToWarning = null, string assemblyName = "App")
    {
        var list = sources.ToList();
        var topLevel = list.Any(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions).GetCompilationUnitRoot().Members.Any(m => m is GlobalStatementSyntax));
        var options = new CSharpCompilationOptions(
            topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            optimizationLevel: OptimizationLevel.Debug);

        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId(assemblyName);
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, assemblyName, assemblyName, LanguageNames.CSharp,
            filePath: Folder + assemblyName + ".csproj", compilationOptions: options, parseOptions: ParseOptions,
            metadataReferences: RuntimeEnvironment.References));
        foreach (var (name, text) in list.Append(("GlobalUsings.g.cs", RuntimeEnvironment.GlobalUsingsSource)))
        {
            var path = Folder + name;
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId, path), Path.GetFileName(name), SourceText.From(text), filePath: path);
        }

        solution = solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From("root = true\n\n[*.cs]\n" + editorConfig + "\n"), filePath: Folder + ".editorconfig");
        var global = "is_global = true\n" + string.Concat((raiseToWarning ?? Enumerable.Empty<DiagnosticAnalyzer>())
            .SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct()
            .Select(id => "dotnet_diagnostic." + id + ".severity = warning\n"));
        solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".globalconfig", SourceText.From(global), filePath: Folder + ".globalconfig");
        return solution.GetProject(projectId)!;
    }

    /// <summary>The project's sources, without the generated usings file: what a test compares and prints.</summary>
    public static async Task<ImmutableArray<(string Name, string Text)>> SourcesAsync(Project project)
    {
        var builder = ImmutableArray.CreateBuilder<(string, string)>();
        foreach (var document in project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal))
        {
            if (document.Name != "GlobalUsings.g.cs")
            {
                builder.Add((document.FilePath!.Substring(Folder.Length), (await document.GetTextAsync()).ToString()));
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>Compiles the project to an assembly image; <see cref="CompiledProgram.Errors"/> is empty when it compiled.</summary>
    public static async Task<CompiledProgram> CompileAsync(Project project, CancellationToken cancellationToken = default)
    {
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        return Compile(compilation);
    }

    public static CompiledProgram Compile(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToImmutableArray();
        return new CompiledProgram(compilation.AssemblyName ?? "App", errors.IsEmpty ? stream.ToArray() : Array.Empty<byte>(), errors, compilation.Options.OutputKind == OutputKind.ConsoleApplication);
    }
}

/// <summary>An emitted assembly image (empty when it did not compile).</summary>
internal sealed record CompiledProgram(string AssemblyName, byte[] Image, ImmutableArray<string> Errors, bool HasEntryPoint);
