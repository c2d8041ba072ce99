using System.Collections.Concurrent;
using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>
/// Code being typed: every analyzer, and the first action of every code fix, must survive each prefix of a real
/// file (cut at token boundaries) and the file with one token deleted. An exception is a defect (AD0001).
/// </summary>
public class EveryPrefixTests
{
    private const int MaxCutPoints = 200;
    private const int TokenDeletions = 100;
    private const int MaxFixesPerRule = 40;

    private readonly ITestOutputHelper _output;

    public EveryPrefixTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Inputs => RobustnessCorpus.AllInputs().Select(i => new object[] { i.Key });

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task PrefixesAndTokenDeletions_DoNotBreakAnalyzersOrFixes(string input)
    {
        var analyzers = MetaTests.CreateAnalyzers();
        var fixers = MetaTests.CreateCodeFixes();
        if (analyzers.IsEmpty)
        {
            return;
        }

        var text = RobustnessCorpus.Text(input);
        var variants = Variants(text, seed: StableHash(input));
        var project = TestProjectFactory.CreateProject(ReferenceSet.AspNetCore10, new[] { ("Input.cs", text) }, analyzers: analyzers);
        var documentId = project.Documents.Single(d => d.Name == "Input.cs").Id;

        var failures = new ConcurrentQueue<string>();
        var fixesApplied = 0;
        long analysisTicks = 0, fixTicks = 0;
        var perFixer = new ConcurrentDictionary<string, long>();
        var perRule = new ConcurrentDictionary<string, int>();
        var triedFixes = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            variants,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) },
            async (variant, cancellationToken) =>
            {
                var variantProject = project.Solution.WithDocumentText(documentId, SourceText.From(variant.Text)).GetProject(project.Id)!;
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var run = await TestProjectFactory.AnalyzeAsync(variantProject, analyzers, cancellationToken: cancellationToken);
                Interlocked.Add(ref analysisTicks, watch.ElapsedTicks);
                watch.Restart();
                foreach (var failure in run.Failures)
                {
                    failures.Enqueue($"{input} {variant.Description}: {failure}");
                }

                foreach (var diagnostic in run.Diagnostics)
                {
                    if (!diagnostic.Location.IsInSource)
                    {
                        continue;
                    }

                    foreach (var fixer in fixers)
                    {
                        if (!fixer.FixableDiagnosticIds.Contains(diagnostic.Id))
                        {
                            continue;
                        }

                        // The same diagnostic on the same member text was already fixed in another variant; and a
                        // bounded number of fixes per rule keeps a slow fixer from dominating the run.
                        var rule = fixer.GetType().Name + "/" + diagnostic.Id;
                        if (perRule.GetOrAdd(rule, 0) >= MaxFixesPerRule || !triedFixes.TryAdd(FixKey(fixer, diagnostic), 0))
                        {
                            continue;
                        }

                        perRule.AddOrUpdate(rule, 1, (_, n) => n + 1);

                        var fixWatch = System.Diagnostics.Stopwatch.StartNew();
                        var error = await TryFirstFixAsync(fixer, variantProject.GetDocument(diagnostic.Location.SourceTree)!, diagnostic, cancellationToken);
                        Interlocked.Increment(ref fixesApplied);
                        perFixer.AddOrUpdate(fixer.GetType().Name + "/" + diagnostic.Id, fixWatch.ElapsedMilliseconds, (_, v) => v + fixWatch.ElapsedMilliseconds);
                        if (error is not null)
                        {
                            failures.Enqueue($"{input} {variant.Description}: {fixer.GetType().Name} on {diagnostic}: {error}");
                        }
                    }
                }

                Interlocked.Add(ref fixTicks, watch.ElapsedTicks);
            });

        _output.WriteLine($"{variants.Length} variants, {fixesApplied} fixes applied; analysis {TimeSpan.FromTicks(analysisTicks * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)}, fixes {TimeSpan.FromTicks(fixTicks * TimeSpan.TicksPerSecond / System.Diagnostics.Stopwatch.Frequency)}");

        foreach (var pair in perFixer.OrderByDescending(p => p.Value))
        {
            _output.WriteLine($"  {pair.Key}: {perRule.GetValueOrDefault(pair.Key)} fixes, {pair.Value} ms");
        }

        Assert.True(failures.IsEmpty, $"{failures.Count} failure(s):{Environment.NewLine}" + string.Join(Environment.NewLine + Environment.NewLine, failures.Take(10)));
    }

    /// <summary>
    /// The fixer, the rule, the text of the member (or top-level statement) holding the diagnostic and the span within
    /// it: later prefixes repeat earlier members unchanged, and fixing them again adds time, not coverage.
    /// </summary>
    private static string FixKey(CodeFixProvider fixer, Diagnostic diagnostic)
    {
        var root = diagnostic.Location.SourceTree!.GetRoot();
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var member = node.AncestorsAndSelf().FirstOrDefault(n => n is MemberDeclarationSyntax and not BaseTypeDeclarationSyntax and not BaseNamespaceDeclarationSyntax) ?? root;
        var span = diagnostic.Location.SourceSpan;
        return $"{fixer.GetType().Name}|{diagnostic.Id}|{span.Start - member.FullSpan.Start}|{span.Length}|{member.ToFullString()}";
    }

    /// <summary>Registers the fixes and applies the first action; returns the exception text, or null.</summary>
    private static async Task<string?> TryFirstFixAsync(CodeFixProvider fixer, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        try
        {
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), cancellationToken));
            var action = actions.FirstOrDefault();
            while (action is not null && !action.NestedActions.IsDefaultOrEmpty)
            {
                action = action.NestedActions[0];
            }

            if (action is null)
            {
                return null;
            }

            foreach (var operation in await action.GetOperationsAsync(cancellationToken))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    foreach (var changed in apply.ChangedSolution.GetChanges(document.Project.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                    {
                        await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync(cancellationToken);
                    }
                }
            }

            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return e.ToString();
        }
    }

    private static ImmutableArray<(string Description, string Text)> Variants(string text, int seed)
    {
        var tokens = CSharpSyntaxTree.ParseText(text, TestProjectFactory.ParseOptions).GetRoot().DescendantTokens().ToImmutableArray();
        var variants = ImmutableArray.CreateBuilder<(string, string)>();

        // Prefixes ending after a token (with its trailing trivia), evenly sampled.
        var cuts = Math.Min(MaxCutPoints, tokens.Length);
        for (var i = 0; i < cuts; i++)
        {
            var token = tokens[(int)((long)i * tokens.Length / cuts)];
            variants.Add(($"prefix to {Describe(text, token.Span)}", text.Substring(0, token.FullSpan.End)));
        }

        // One token deleted, at random but reproducibly.
        var random = new Random(seed);
        for (var i = 0; i < TokenDeletions && tokens.Length > 1; i++)
        {
            var token = tokens[random.Next(tokens.Length - 1)];
            variants.Add(($"without token {Describe(text, token.Span)}", text.Remove(token.SpanStart, token.Span.Length)));
        }

        return variants.ToImmutable();
    }

    private static string Describe(string text, TextSpan span)
    {
        var line = SourceText.From(text).Lines.GetLinePosition(span.Start);
        return $"'{text.Substring(span.Start, Math.Min(span.Length, 40))}' at ({line.Line + 1},{line.Character + 1})";
    }

    private static int StableHash(string value)
    {
        var hash = 17;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
