using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Follows the locations of diagnostics through a series of rewrites of the solution: the first and last token of
    /// each location get an annotation, which rewrites keep on every token they do not replace (moved statements
    /// included), so a location is found again by its tokens, not by its text (two identical statements stay apart).
    /// A location whose first or last token a rewrite replaced is gone: that rewrite handled its site.
    /// </summary>
    internal sealed class SiteLocations
    {
        private const string AnnotationKind = "CorsAnalyzers.SiteLocation";

        private readonly Dictionary<Location, Tracked> _tracked;

        private SiteLocations(Dictionary<Location, Tracked> tracked) => _tracked = tracked;

        /// <summary>Annotates the tokens of every source location of <paramref name="diagnostics"/>; returns the annotated solution.</summary>
        public static async Task<(Solution Solution, SiteLocations Locations)> TrackAsync(Solution solution, IReadOnlyList<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var tracked = new Dictionary<Location, Tracked>();
            var byDocument = new Dictionary<DocumentId, Dictionary<SyntaxToken, List<SyntaxAnnotation>>>();
            foreach (var diagnostic in diagnostics)
            {
                await AddAsync(diagnostic.Location).ConfigureAwait(false);
                foreach (var location in diagnostic.AdditionalLocations)
                {
                    await AddAsync(location).ConfigureAwait(false);
                }
            }

            foreach (var pair in byDocument)
            {
                var document = solution.GetDocument(pair.Key)!;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var annotations = pair.Value;
                var annotated = root!.ReplaceTokens(annotations.Keys, (original, _) => original.WithAdditionalAnnotations(annotations[original]));
                solution = solution.WithDocumentSyntaxRoot(pair.Key, annotated);
            }

            return (solution, new SiteLocations(tracked));

            async Task AddAsync(Location location)
            {
                if (!location.IsInSource || tracked.ContainsKey(location) || solution.GetDocument(location.SourceTree) is not { } document)
                {
                    return;
                }

                var root = await location.SourceTree!.GetRootAsync(cancellationToken).ConfigureAwait(false);
                var span = location.SourceSpan;
                if (!root.FullSpan.Contains(span))
                {
                    return;
                }

                var first = root.FindToken(span.Start);
                var last = span.Length == 0 ? first : root.FindToken(span.End - 1);
                var entry = new Tracked(document.Id, new SyntaxAnnotation(AnnotationKind), new SyntaxAnnotation(AnnotationKind), span.Start - first.SpanStart, last.Span.End - span.End);
                tracked.Add(location, entry);
                if (!byDocument.TryGetValue(document.Id, out var tokens))
                {
                    byDocument.Add(document.Id, tokens = new Dictionary<SyntaxToken, List<SyntaxAnnotation>>());
                }

                Add(tokens, first, entry.First);
                Add(tokens, last, entry.Last);
            }

            static void Add(Dictionary<SyntaxToken, List<SyntaxAnnotation>> tokens, SyntaxToken token, SyntaxAnnotation annotation)
            {
                if (!tokens.TryGetValue(token, out var list))
                {
                    tokens.Add(token, list = new List<SyntaxAnnotation>());
                }

                list.Add(annotation);
            }
        }

        /// <summary>
        /// Replaces a span of the document's text and keeps the site annotations of every token the change does not
        /// touch: a plain <c>WithText</c> reparses and drops them all, and Fix All would lose every other site of the
        /// document. For fixes computed as text edits (the analyzer's client-library removals).
        /// </summary>
        public static async Task<Document> ReplaceTextAsync(Document document, TextSpan span, string replacement, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || span.End > text.Length)
            {
                return document;
            }

            var newTree = root.SyntaxTree.WithChangedText(text.WithChanges(new TextChange(span, replacement)));
            var newRoot = await newTree.GetRootAsync(cancellationToken).ConfigureAwait(false);
            var delta = replacement.Length - span.Length;
            var carried = new Dictionary<SyntaxToken, List<SyntaxAnnotation>>();
            foreach (var token in root.GetAnnotatedTokens(AnnotationKind))
            {
                var before = token.Span.End <= span.Start;
                var after = token.SpanStart >= span.End;
                if (!before && !after)
                {
                    continue;
                }

                var position = after ? token.SpanStart + delta : token.SpanStart;
                var newToken = newRoot.FindToken(position);
                if (newToken.SpanStart != position || newToken.RawKind != token.RawKind || newToken.Text != token.Text)
                {
                    continue;
                }

                foreach (var annotation in token.GetAnnotations(AnnotationKind))
                {
                    if (!newToken.HasAnnotation(annotation))
                    {
                        if (!carried.TryGetValue(newToken, out var list))
                        {
                            carried.Add(newToken, list = new List<SyntaxAnnotation>());
                        }

                        list.Add(annotation);
                    }
                }
            }

            if (carried.Count > 0)
            {
                newRoot = newRoot.ReplaceTokens(carried.Keys, (original, _) => original.WithAdditionalAnnotations(carried[original]));
            }

            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary>
        /// The diagnostic with its locations in <paramref name="solution"/>; null when its own location is gone. An
        /// additional location that is gone becomes <see cref="Location.None"/>.
        /// </summary>
        public async Task<Diagnostic?> FindAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var location = await FindAsync(solution, diagnostic.Location, cancellationToken).ConfigureAwait(false);
            if (location is null)
            {
                return null;
            }

            var additional = new List<Location>(diagnostic.AdditionalLocations.Count);
            foreach (var other in diagnostic.AdditionalLocations)
            {
                additional.Add(await FindAsync(solution, other, cancellationToken).ConfigureAwait(false) ?? Location.None);
            }

            return Diagnostic.Create(diagnostic.Descriptor, location, additional, diagnostic.Properties);
        }

        private async Task<Location?> FindAsync(Solution solution, Location location, CancellationToken cancellationToken)
        {
            if (!location.IsInSource)
            {
                return location;
            }

            if (!_tracked.TryGetValue(location, out var entry) || solution.GetDocument(entry.DocumentId) is not { } document)
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return null;
            }

            SyntaxToken? first = null;
            foreach (var token in root.GetAnnotatedTokens(entry.First))
            {
                first = token;
                break;
            }

            SyntaxToken? last = null;
            foreach (var token in root.GetAnnotatedTokens(entry.Last))
            {
                last = token;
                break;
            }

            if (first is not { } start || last is not { } end)
            {
                return null;
            }

            var spanStart = start.SpanStart + entry.StartOffset;
            var spanEnd = end.Span.End - entry.EndOffset;
            return spanEnd < spanStart ? null : Location.Create(root.SyntaxTree, TextSpan.FromBounds(spanStart, spanEnd));
        }

        private sealed class Tracked
        {
            public Tracked(DocumentId documentId, SyntaxAnnotation first, SyntaxAnnotation last, int startOffset, int endOffset)
            {
                DocumentId = documentId;
                First = first;
                Last = last;
                StartOffset = startOffset;
                EndOffset = endOffset;
            }

            public DocumentId DocumentId { get; }

            public SyntaxAnnotation First { get; }

            public SyntaxAnnotation Last { get; }

            /// <summary>From the first token's start to the location's start (0 when the location starts with a token).</summary>
            public int StartOffset { get; }

            /// <summary>From the location's end to the last token's end.</summary>
            public int EndOffset { get; }
        }
    }
}
