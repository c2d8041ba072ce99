using System.Collections.Immutable;
using CorsAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Robustness;

/// <summary>Code as an editor sees it while it is typed or edited: prefixes cut after a token, one token deleted or replaced.</summary>
internal static class SourceVariants
{
    /// <summary>
    /// How much more than the default sampling to walk: <c>CORS_ROBUSTNESS_DEPTH=20</c> multiplies the cut points,
    /// deletions, replacements and fixes tried by 20 (the cuts are capped by the number of tokens), for a long local
    /// hunt; CI uses 1.
    /// </summary>
    public static int Depth { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CORS_ROBUSTNESS_DEPTH"), out var depth) && depth > 0 ? depth : 1;

    /// <summary>
    /// Up to <paramref name="maxCuts"/> prefixes ending after a token (with its trailing trivia), evenly spread,
    /// <paramref name="deletions"/> copies with one token deleted and <paramref name="replacements"/> with one token
    /// replaced by another of the file, chosen at random from <paramref name="seed"/>.
    /// </summary>
    public static ImmutableArray<(string Description, string Text)> Create(string text, int maxCuts, int deletions, int replacements, int seed)
    {
        var tokens = CSharpSyntaxTree.ParseText(text, TestProjectFactory.ParseOptions).GetRoot().DescendantTokens().ToImmutableArray();
        var source = SourceText.From(text);
        var variants = ImmutableArray.CreateBuilder<(string, string)>();

        var cuts = Math.Min(maxCuts, tokens.Length);
        for (var i = 0; i < cuts; i++)
        {
            var token = tokens[(int)((long)i * tokens.Length / cuts)];
            variants.Add(($"prefix to {Describe(source, token.Span)}", text.Substring(0, token.FullSpan.End)));
        }

        var random = new Random(seed);
        for (var i = 0; i < deletions && tokens.Length > 1; i++)
        {
            // The end-of-file token is never chosen: deleting it changes nothing.
            var token = tokens[random.Next(tokens.Length - 1)];
            variants.Add(($"without token {Describe(source, token.Span)}", text.Remove(token.SpanStart, token.Span.Length)));
        }

        // One token replaced by another of the file: mostly well-formed code with wrong symbols and types (an
        // identifier for a string, a call for a lambda), where semantic models hand out error types and null symbols.
        for (var i = 0; i < replacements && tokens.Length > 2; i++)
        {
            var token = tokens[random.Next(tokens.Length - 1)];
            var other = tokens[random.Next(tokens.Length - 1)];
            variants.Add(($"with {Describe(source, token.Span)} replaced by '{Shorten(other.Text)}'", text.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, other.Text)));
        }

        return variants.ToImmutable();
    }

    /// <summary>
    /// <paramref name="project"/> with its document <paramref name="documentName"/> replaced by each variant's text,
    /// described as "<paramref name="description"/> variant".
    /// </summary>
    public static IEnumerable<(string Description, Project Project)> InProject(
        Project project, string documentName, string description, ImmutableArray<(string Description, string Text)> variants)
    {
        var document = project.Documents.Single(d => d.Name == documentName).Id;
        return variants.Select(v => (
            $"{description} {v.Description}",
            project.Solution.WithDocumentText(document, SourceText.From(v.Text)).GetProject(project.Id)!));
    }

    /// <summary>A hash of <paramref name="value"/> that is the same in every process (string.GetHashCode is not).</summary>
    public static int StableHash(string value)
    {
        var hash = 17;
        foreach (var c in value)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40);

    private static string Describe(SourceText source, TextSpan span)
    {
        var line = source.Lines.GetLinePosition(span.Start);
        return $"'{source.ToString(new TextSpan(span.Start, Math.Min(span.Length, 40)))}' at ({line.Line + 1},{line.Character + 1})";
    }
}
