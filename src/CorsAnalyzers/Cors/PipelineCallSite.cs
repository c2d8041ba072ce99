using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    internal enum PipelineCallKind
    {
        /// <summary><c>UseRouting()</c>: UseCors goes right after it.</summary>
        Routing,

        /// <summary><c>UseAuthentication()</c>/<c>UseAuthorization()</c>: UseCors goes before them.</summary>
        Authentication,

        /// <summary><c>Map*</c>, <c>UseEndpoints</c>, <c>Run</c>: UseCors goes before the first of them.</summary>
        Endpoints,
    }

    /// <summary>A call that builds the request pipeline on an application builder.</summary>
    internal sealed class PipelineCallSite
    {
        // Syntax, not locations: every MapGet/MapPost/... of an application is a pipeline call, and the locations of
        // the few that a rule reports are made at compilation end.
        private readonly SyntaxNode _call;
        private readonly SyntaxNode? _statement;
        private readonly SyntaxNode? _receiver;

        public PipelineCallSite(PipelineCallKind kind, SyntaxNode call, SyntaxNode? statement, SyntaxNode? receiver, bool isWholeStatement)
        {
            Kind = kind;
            _call = call;
            _statement = statement;
            _receiver = receiver;
            IsWholeStatement = isWholeStatement;
        }

        public PipelineCallKind Kind { get; }

        public SyntaxNode CallSyntax => _call;

        public Location CallLocation => _call.GetLocation();

        /// <summary>
        /// The statement on the application builder that contains the call (for <c>endpoints.MapControllers()</c>
        /// inside <c>app.UseEndpoints(...)</c>: the UseEndpoints statement), when it sits directly in a block or at
        /// top level; null otherwise.
        /// </summary>
        public Location? StatementLocation => _statement?.GetLocation();

        /// <summary>The application builder expression the statement starts from (e.g. <c>app</c>).</summary>
        public string? Receiver => _receiver?.ToString();

        /// <summary>The call is the statement's outermost expression (not followed by more calls of a fluent chain).</summary>
        public bool IsWholeStatement { get; }
    }

    /// <summary>A call of ASP.NET Core's UseCors.</summary>
    internal sealed class UseCorsCall
    {
        public UseCorsCall(Location location, bool hasArgument)
        {
            Location = location;
            HasArgument = hasArgument;
        }

        /// <summary>The method name and arguments (<c>UseCors("Frontend")</c>).</summary>
        public Location Location { get; }

        /// <summary>A policy name or an inline policy is passed (UseCors(name), UseCors(policy =&gt; ...)).</summary>
        public bool HasArgument { get; }
    }
}
