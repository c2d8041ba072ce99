using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Tests.Verifiers;

/// <summary>
/// Where an expected diagnostic is: a markup key (<c>{|#0:...|}</c>) resolved when the test runs, or a span in a
/// file (produced by <c>[|...|]</c> and <c>{|ID:...|}</c> markup).
/// </summary>
public readonly struct DiagnosticLocation
{
    private DiagnosticLocation(int? markupKey, string? path, TextSpan span)
    {
        MarkupKey = markupKey;
        Path = path;
        Span = span;
    }

    public int? MarkupKey { get; }

    public string? Path { get; }

    public TextSpan Span { get; }

    public static DiagnosticLocation FromMarkupKey(int key) => new(key, null, default);

    public static DiagnosticLocation FromSpan(string path, TextSpan span) => new(null, path, span);

    public override string ToString() => MarkupKey is { } key ? "{|#" + key + ":...|}" : Path + Span;
}

/// <summary>An expected diagnostic, with the shape of Microsoft.CodeAnalysis.Testing's DiagnosticResult.</summary>
public readonly struct DiagnosticResult
{
    private readonly ImmutableArray<DiagnosticLocation> _locations;
    private readonly ImmutableArray<object?> _arguments;

    public DiagnosticResult(string id, DiagnosticSeverity? severity)
        : this(id, severity, null, null, default, default)
    {
    }

    public DiagnosticResult(DiagnosticDescriptor descriptor)
        : this(descriptor.Id, descriptor.DefaultSeverity, null, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), default, default)
    {
    }

    private DiagnosticResult(
        string id,
        DiagnosticSeverity? severity,
        string? message,
        string? messageFormat,
        ImmutableArray<object?> arguments,
        ImmutableArray<DiagnosticLocation> locations)
    {
        Id = id;
        Severity = severity;
        Message = message;
        MessageFormat = messageFormat;
        _arguments = arguments;
        _locations = locations;
    }

    public string Id { get; }

    /// <summary>The expected severity; compared when not null.</summary>
    public DiagnosticSeverity? Severity { get; }

    /// <summary>The exact expected message; compared when not null.</summary>
    public string? Message { get; }

    /// <summary>The message format the arguments are formatted with (the descriptor's); null: the actual diagnostic's.</summary>
    public string? MessageFormat { get; }

    /// <summary>The expected message arguments; when set, the formatted message is compared.</summary>
    public ImmutableArray<object?> Arguments => _arguments.IsDefault ? ImmutableArray<object?>.Empty : _arguments;

    public bool HasArguments => !_arguments.IsDefault;

    /// <summary>The first is the primary location, the rest are additional locations.</summary>
    public ImmutableArray<DiagnosticLocation> Locations => _locations.IsDefault ? ImmutableArray<DiagnosticLocation>.Empty : _locations;

    public bool HasLocation => !Locations.IsEmpty;

    public static DiagnosticResult CompilerError(string id) => new(id, DiagnosticSeverity.Error);

    public static DiagnosticResult CompilerWarning(string id) => new(id, DiagnosticSeverity.Warning);

    /// <summary>Adds a location by markup key: the first call sets the primary location, later calls additional locations.</summary>
    public DiagnosticResult WithLocation(int markupKey) => WithLocation(DiagnosticLocation.FromMarkupKey(markupKey));

    public DiagnosticResult WithLocation(DiagnosticLocation location) =>
        new(Id, Severity, Message, MessageFormat, _arguments, Locations.Add(location));

    public DiagnosticResult WithSpan(string path, TextSpan span) => WithLocation(DiagnosticLocation.FromSpan(path, span));

    public DiagnosticResult WithArguments(params object?[] arguments) =>
        new(Id, Severity, Message, MessageFormat, arguments.ToImmutableArray(), _locations);

    public DiagnosticResult WithMessage(string? message) =>
        new(Id, Severity, message, MessageFormat, _arguments, _locations);

    public DiagnosticResult WithMessageFormat(string? messageFormat) =>
        new(Id, Severity, Message, messageFormat, _arguments, _locations);

    public DiagnosticResult WithSeverity(DiagnosticSeverity? severity) =>
        new(Id, severity, Message, MessageFormat, _arguments, _locations);

    /// <summary>The message this result expects, given the actual diagnostic's message format; null when none is expected.</summary>
    public string? ExpectedMessage(string actualMessageFormat)
    {
        if (Message is not null)
        {
            return Message;
        }

        if (!HasArguments)
        {
            return null;
        }

        var format = MessageFormat ?? actualMessageFormat;
        try
        {
            return string.Format(CultureInfo.InvariantCulture, format, Arguments.ToArray());
        }
        catch (FormatException)
        {
            return "<cannot format \"" + format + "\" with " + Arguments.Length + " argument(s)>";
        }
    }

    public override string ToString()
    {
        var builder = new StringBuilder(Id);
        if (Severity is { } severity)
        {
            builder.Append(' ').Append(severity);
        }

        foreach (var location in Locations)
        {
            builder.Append(' ').Append(location);
        }

        if (Message is not null)
        {
            builder.Append(" message \"").Append(Message).Append('"');
        }
        else if (HasArguments)
        {
            builder.Append(" arguments (").Append(string.Join(", ", Arguments.Select(a => "\"" + a + "\""))).Append(')');
        }

        return builder.ToString();
    }
}
