using System.Collections.Immutable;
using System.Composition;
using System.Reflection;
using System.Text.RegularExpressions;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CorsAnalyzers.Tests;

/// <summary>
/// Checks every rule, analyzer and code fix found by reflection, so a new rule is covered without editing this file:
/// identity (ID, help link, docs page, release tracking, README row), packaging attributes, and that every
/// analyzer runs on trivial code without throwing.
/// </summary>
public class MetaTests
{
    public static IEnumerable<object[]> DescriptorIds => AllDescriptors.Select(d => new object[] { d.Id });

    internal static ImmutableArray<DiagnosticDescriptor> AllDescriptors { get; } = typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToImmutableArray();

    /// <summary>The rules' descriptors for origins in configuration (DiagnosticDescriptors.InConfiguration): same IDs, messages of their own.</summary>
    internal static ImmutableArray<DiagnosticDescriptor> VariantDescriptors { get; } = typeof(DiagnosticDescriptors.InConfiguration)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToImmutableArray();

    internal static Assembly AnalyzerAssembly => typeof(DiagnosticDescriptors).Assembly;

    internal static Assembly CodeFixAssembly { get; } = Assembly.Load(new AssemblyName("CorsAnalyzers.CodeFixes"));

    internal static ImmutableArray<Type> AnalyzerTypes { get; } = ConcreteSubclasses(AnalyzerAssembly, typeof(DiagnosticAnalyzer));

    internal static ImmutableArray<Type> CodeFixTypes { get; } = ConcreteSubclasses(CodeFixAssembly, typeof(CodeFixProvider));

    /// <summary>
    /// A fresh instance of every analyzer of the product. Never empty: a test that runs every analyzer must not pass
    /// because reflection found none.
    /// </summary>
    internal static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers() =>
        NotEmpty(AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray(), AnalyzerAssembly);

    /// <summary>A fresh instance of every code fix of the product (never empty).</summary>
    internal static ImmutableArray<CodeFixProvider> CreateCodeFixes() =>
        NotEmpty(CodeFixTypes.Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToImmutableArray(), CodeFixAssembly);

    private static ImmutableArray<T> NotEmpty<T>(ImmutableArray<T> items, Assembly assembly)
    {
        Assert.False(items.IsEmpty, $"No {typeof(T).Name} found in {assembly.GetName().Name}.");
        return items;
    }

    private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors.Single(d => d.Id == id);

    private static string RepositoryFile(params string[] parts) =>
        Path.Combine(new[] { TestAssemblyMetadata.RepositoryRoot }.Concat(parts).ToArray());

    private static ImmutableArray<Type> ConcreteSubclasses(Assembly assembly, Type baseType)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types
            .Where(t => t is not null && !t.IsAbstract && baseType.IsAssignableFrom(t))
            .Select(t => t!)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    // ---------- descriptors ----------

    [Fact]
    public void DescriptorFields_MatchRuleIdentifiers()
    {
        var identifiers = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        var descriptorFields = typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .ToList();

        Assert.NotEmpty(descriptorFields);
        Assert.Equal(identifiers.Count, descriptorFields.Count);
        foreach (var field in descriptorFields)
        {
            var descriptor = (DiagnosticDescriptor)field.GetValue(null)!;
            Assert.True(identifiers.TryGetValue(field.Name, out var id), $"RuleIdentifiers has no constant named {field.Name}.");
            Assert.Equal(id, descriptor.Id);
        }

        Assert.Equal(AllDescriptors.Length, AllDescriptors.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void VariantDescriptors_AreTheirRulesWithAnotherMessage()
    {
        Assert.Equal(6, VariantDescriptors.Length);
        foreach (var variant in VariantDescriptors)
        {
            var rule = Descriptor(variant.Id);
            Assert.Equal(rule.Title.ToString(), variant.Title.ToString());
            Assert.Equal(rule.Category, variant.Category);
            Assert.Equal(rule.DefaultSeverity, variant.DefaultSeverity);
            Assert.Equal(rule.IsEnabledByDefault, variant.IsEnabledByDefault);
            Assert.Equal(rule.Description.ToString(), variant.Description.ToString());
            Assert.Equal(rule.HelpLinkUri, variant.HelpLinkUri);
            Assert.NotEqual(rule.MessageFormat.ToString(), variant.MessageFormat.ToString());
        }

        // Reported in appsettings*.json at the end of the compilation; AllowedHosts is reported in the code, per policy.
        Assert.All(
            VariantDescriptors.Where(d => d != DiagnosticDescriptors.InConfiguration.AllowedHostsAsOrigins),
            d => Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, d.CustomTags));
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, DiagnosticDescriptors.InConfiguration.AllowedHostsAsOrigins.CustomTags);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasWellFormedIdentity(string id)
    {
        var descriptor = Descriptor(id);
        Assert.Matches(new Regex("^CORS[0-9]{3}$"), descriptor.Id);
        Assert.Equal(DiagnosticDescriptors.GetHelpLink(id), descriptor.HelpLinkUri);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.MessageFormat.ToString()));
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()));
        Assert.Contains(descriptor.Category, new[] { RuleCategories.Security, RuleCategories.Correctness });
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasDocsPageWithIdAndTitle(string id)
    {
        var descriptor = Descriptor(id);
        var page = RepositoryFile("docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{id}: the help page docs/rules/{id}.md does not exist.");

        var heading = File.ReadLines(page).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        Assert.True(heading is not null, $"{id}: docs/rules/{id}.md has no '# ' heading.");
        Assert.Contains(id, heading, StringComparison.Ordinal);
        Assert.Contains(descriptor.Title.ToString(), heading, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasReleaseTrackingRow(string id)
    {
        var descriptor = Descriptor(id);
        var rows = ReleaseTrackingRows();
        Assert.True(rows.TryGetValue(id, out var row), $"{id} has no row in AnalyzerReleases.Shipped.md or AnalyzerReleases.Unshipped.md.");
        Assert.Equal(descriptor.Category, row.Category);
        Assert.Equal(descriptor.IsEnabledByDefault ? descriptor.DefaultSeverity.ToString() : "Disabled", row.Severity);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_HasReadmeRow(string id)
    {
        var descriptor = Descriptor(id);
        var rows = ReadmeRows();
        Assert.True(rows.TryGetValue(id, out var cells), $"README.md's rule table has no row for {id}.");

        // | [ID](docs/rules/ID.md) | Title | Category | Default severity | Code fix |
        Assert.Equal(5, cells.Length);
        Assert.Equal($"[{id}](docs/rules/{id}.md)", cells[0]);
        Assert.Equal(descriptor.Title.ToString(), cells[1]);
        Assert.Equal(descriptor.Category, cells[2]);
        var severity = descriptor.DefaultSeverity.ToString() + (descriptor.IsEnabledByDefault ? string.Empty : " (disabled)");
        Assert.Equal(severity, cells[3]);

        var hasFix = CreateCodeFixes().Any(f => f.FixableDiagnosticIds.Contains(id));
        Assert.True(
            cells[4] == (hasFix ? "Yes" : "No"),
            $"README.md says Code fix = '{cells[4]}' for {id}, but {(hasFix ? "a" : "no")} CodeFixProvider lists it in FixableDiagnosticIds.");
    }

    [Fact]
    public void Readme_ListsOnlyKnownRules()
    {
        var known = AllDescriptors.Select(d => d.Id).ToHashSet();
        Assert.All(ReadmeRows().Keys, id => Assert.Contains(id, known));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Descriptor_IsSupportedBySomeAnalyzer(string id)
    {
        var supporting = CreateAnalyzers().Where(a => a.SupportedDiagnostics.Any(d => d.Id == id)).ToList();
        Assert.True(supporting.Count > 0, $"No analyzer lists {id} in SupportedDiagnostics (the rule is not implemented yet).");
    }

    // ---------- analyzers ----------

    [Fact]
    public void Analyzers_AreSealedPublicCSharpAnalyzers()
    {
        var problems = new List<string>();
        foreach (var type in AnalyzerTypes)
        {
            if (!type.IsSealed)
            {
                problems.Add(type.Name + " is not sealed.");
            }

            if (!type.IsPublic)
            {
                problems.Add(type.Name + " is not public.");
            }

            var attribute = type.GetCustomAttribute<DiagnosticAnalyzerAttribute>();
            if (attribute is null || !attribute.Languages.SequenceEqual(new[] { LanguageNames.CSharp }))
            {
                problems.Add(type.Name + " lacks [DiagnosticAnalyzer(LanguageNames.CSharp)].");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Analyzers_SupportOnlySharedDescriptors()
    {
        var problems = new List<string>();
        foreach (var analyzer in CreateAnalyzers())
        {
            if (analyzer.SupportedDiagnostics.IsDefaultOrEmpty)
            {
                problems.Add(analyzer.GetType().Name + " supports no diagnostic.");
                continue;
            }

            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (!AllDescriptors.Any(d => ReferenceEquals(d, descriptor)) && !VariantDescriptors.Any(d => ReferenceEquals(d, descriptor)))
                {
                    problems.Add($"{analyzer.GetType().Name} supports {descriptor.Id}, which is not a DiagnosticDescriptors field.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Analyzers_EnableConcurrentExecution_AndSkipGeneratedCode()
    {
        var problems = new List<string>();
        foreach (var analyzer in CreateAnalyzers())
        {
            var context = new RecordingAnalysisContext();
            analyzer.Initialize(context);
            if (!context.ConcurrentExecutionEnabled)
            {
                problems.Add(analyzer.GetType().Name + " does not call EnableConcurrentExecution().");
            }

            if (context.GeneratedCodeAnalysis != GeneratedCodeAnalysisFlags.None)
            {
                problems.Add(analyzer.GetType().Name + " does not call ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None).");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    public static IEnumerable<object[]> TrivialSources => new[]
    {
        new object[] { "Empty", string.Empty },
        new object[] { "Program", SmallProgram },
    };

    internal const string SmallProgram = """
        using Microsoft.AspNetCore.Cors;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors(options =>
        {
            options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.example").AllowAnyHeader());
            options.AddDefaultPolicy(policy => policy.AllowAnyOrigin());
        });
        var app = builder.Build();
        app.UseRouting();
        app.UseCors();
        app.UseAuthorization();
        app.MapGet("/", () => "Hello").RequireCors("Frontend");
        app.Run();

        [EnableCors("Frontend")]
        public class HomeController
        {
        }
        """;

    [Theory]
    [MemberData(nameof(TrivialSources))]
    public async Task Analyzers_RunOnTrivialSources_WithoutException(string name, string source)
    {
        var analyzers = CreateAnalyzers();
        foreach (var references in new[] { ReferenceSet.AspNetCore8, ReferenceSet.AspNetCore10, ReferenceSet.NetCore10 })
        {
            if (!references.HasAspNetCore && name == "Program")
            {
                continue;
            }

            var project = TestProjectFactory.CreateProject(references, new[] { ("Program.cs", source) }, analyzers: analyzers);
            var compilation = (await project.GetCompilationAsync())!;
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

            var run = await TestProjectFactory.AnalyzeAsync(compilation, project.AnalyzerOptions, analyzers);
            Assert.True(run.Failures.IsEmpty, $"[{references.Name}] {name}: " + string.Join(Environment.NewLine, run.Failures));
        }
    }

    // ---------- code fixes ----------

    [Fact]
    public void CodeFixes_AreSealedSharedExportedWithFixAll()
    {
        var problems = new List<string>();
        foreach (var type in CodeFixTypes)
        {
            if (!type.IsSealed)
            {
                problems.Add(type.Name + " is not sealed.");
            }

            if (!type.IsPublic)
            {
                problems.Add(type.Name + " is not public.");
            }

            var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
            if (export is null || !export.Languages.SequenceEqual(new[] { LanguageNames.CSharp }))
            {
                problems.Add(type.Name + " lacks [ExportCodeFixProvider(LanguageNames.CSharp, ...)].");
            }
            else if (export.Name != type.Name)
            {
                problems.Add($"{type.Name}'s [ExportCodeFixProvider] Name is '{export.Name}', expected nameof({type.Name}).");
            }

            if (type.GetCustomAttribute<SharedAttribute>() is null)
            {
                problems.Add(type.Name + " lacks [Shared].");
            }

            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            if (fixer.GetFixAllProvider() is null)
            {
                problems.Add(type.Name + ".GetFixAllProvider() returns null.");
            }

            if (fixer.FixableDiagnosticIds.IsDefaultOrEmpty)
            {
                problems.Add(type.Name + " fixes no diagnostic.");
            }
            else
            {
                foreach (var id in fixer.FixableDiagnosticIds)
                {
                    if (!AllDescriptors.Any(d => d.Id == id))
                    {
                        problems.Add($"{type.Name} fixes {id}, which is not a rule of DiagnosticDescriptors.");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    // ---------- parsing the tracking files and the README ----------

    /// <summary>The latest (Category, Severity) per ID: Shipped.md in order, then Unshipped.md.</summary>
    private static Dictionary<string, (string Category, string Severity)> ReleaseTrackingRows()
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            var section = string.Empty;
            foreach (var line in File.ReadLines(RepositoryFile("src", "CorsAnalyzers", file)))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    section = line.Substring(4).Trim();
                    continue;
                }

                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length < 3 || !Regex.IsMatch(cells[0], "^CORS[0-9]+$"))
                {
                    continue;
                }

                // New Rules: ID | Category | Severity | Notes; Changed Rules: ID | New Category | New Severity | Old ...
                if (section == "Removed Rules")
                {
                    rows.Remove(cells[0]);
                }
                else
                {
                    rows[cells[0]] = (cells[1], cells[2]);
                }
            }
        }

        return rows;
    }

    /// <summary>The README rule table's cells per ID, between the rules:begin and rules:end markers.</summary>
    private static Dictionary<string, string[]> ReadmeRows()
    {
        var text = File.ReadAllText(RepositoryFile("README.md"));
        var begin = text.IndexOf("<!-- rules:begin -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- rules:end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "README.md lacks the <!-- rules:begin --> ... <!-- rules:end --> markers.");

        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in text.Substring(begin, end - begin).Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('|') || !trimmed.EndsWith('|'))
            {
                continue;
            }

            var cells = trimmed.Substring(1, trimmed.Length - 2).Split('|').Select(c => c.Trim()).ToArray();
            var match = Regex.Match(cells[0], @"CORS[0-9]{3}");
            if (match.Success)
            {
                Assert.False(rows.ContainsKey(match.Value), $"README.md lists {match.Value} twice.");
                rows[match.Value] = cells;
            }
        }

        return rows;
    }

    /// <summary>Records what an analyzer's Initialize asks of its context.</summary>
    private sealed class RecordingAnalysisContext : AnalysisContext
    {
        public bool ConcurrentExecutionEnabled { get; private set; }

        public GeneratedCodeAnalysisFlags? GeneratedCodeAnalysis { get; private set; }

        public override void EnableConcurrentExecution() => ConcurrentExecutionEnabled = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCodeAnalysis = analysisMode;

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
        {
        }

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        {
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
        {
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        {
        }

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
        {
        }

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
        {
        }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        {
        }

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
        {
        }

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
        {
        }

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
        {
        }

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        {
        }

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        {
        }

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
        {
        }
    }
}
