using CorsAnalyzers.Cors.Configuration;
using Microsoft.CodeAnalysis.Text;
using Microsoft.Extensions.Configuration;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// Our reading of appsettings.json (+ an environment file) against the real thing: <c>new ConfigurationBuilder()
/// .AddJsonFile(...)</c> (Microsoft.Extensions.Configuration.Json and .Binder, the version the test project references)
/// on the same files. Whether the files load, every key's value, and what <c>GetSection(path).Get&lt;string[]&gt;()</c>
/// gives for every section.
/// </summary>
public sealed class AppSettingsSemanticsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cors-appsettings-" + Guid.NewGuid().ToString("N"));

    public AppSettingsSemanticsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static IEnumerable<object?[]> Cases => new[]
    {
        Case("array", """{ "Cors": { "Origins": [ "https://a.com", "https://b.com" ] } }"""),
        Case("index override (cors-runtime.md)", """{ "Cors": { "Origins": [ "https://a.com", "https://b.com" ] } }""", """{ "Cors": { "Origins": [ "*" ] } }"""),
        Case("longer environment array", """{ "O": [ "a" ] }""", """{ "O": [ "x", "y", "z" ] }"""),
        Case("override by index as an object", """{ "O": [ "a", "b", "c" ] }""", """{ "O": { "1": "X" } }"""),
        Case("case of keys", """{ "cors": { "ORIGINS": [ "a" ] } }""", """{ "Cors": { "origins": [ "b", "c" ] } }"""),
        Case("nested sections and colon keys", """{ "A": { "B": { "C": [ "x" ] } }, "D:E": "y", "D": { "F": "z" } }"""),
        Case("comments and trailing commas", "// head\n{ /* a */ \"O\": [ \"a\", /* b */ \"b\", ], // tail\n \"P\": { \"Q\": 1, }, }\n/* end */"),
        Case("comment ending at CR", "{ \"O\": \"a\" // x\r, \"P\": \"b\" }"),
        Case("null values", """{ "O": [ "a", null, "b" ], "P": null }"""),
        Case("null in the environment", """{ "O": [ "a", "b" ] }""", """{ "O": [ null ] }"""),
        Case("empty array", """{ "O": [], "P": [ "a", [], {} ] }"""),
        Case("empty array in the environment", """{ "O": [ "a", "b" ] }""", """{ "O": [] }"""),
        Case("empty objects", """{ "O": {}, "P": { "Q": {} } }""", """{ "O": [ "a" ] }"""),
        Case("numbers and booleans", """{ "O": [ 1, 1.50, -0, 1e3, 1E+2, -0.0e-0, 123456789012345678901234567890, true, false, "", "x" ] }"""),
        Case("objects and arrays among strings", """{ "O": [ "a", { "x": "y" }, [ "p" ], "b" ] }"""),
        Case("object children in key order", """{ "O": { "b": "y", "a": "x", "10": "t", "2": "s", "-1": "m" } }"""),
        Case("a value and children on one key", """{ "O": "x" }""", """{ "O": [ "y" ] }"""),
        Case("escapes", """{ "O": [ "h\u0074tps://a\/b", "\ud83d\ude00", "\"q\"", "tab\there" ] }"""),
        Case("keys with spaces and empty keys", """{ " O ": [ "a" ], "": [ "b" ], "O": [ "c" ] }"""),
        Case("duplicate objects merge", """{ "O": { "x": "a" }, "O": { "y": "b" } }"""),
        Case("deep nesting", """{ "A": [ [ [ { "B": [ "x" ] } ] ] ] }"""),
        Case("environment only", null, """{ "O": [ "a" ] }"""),

        // Files the provider refuses.
        Case("duplicate key", """{ "O": "a", "o": "b" }"""),
        Case("duplicate through a colon key", """{ "A:B": [ "x" ], "A": { "B": [ "y" ] } }"""),
        Case("top-level array", """[ "a" ]"""),
        Case("empty file", ""),
        Case("only a comment", "// nothing"),
        Case("unterminated comment", """{ "O": "a" } /* x"""),
        Case("hash comment", "{ \"O\": \"a\" } # x"),
        Case("single quotes", """{ 'O': [ 'a' ] }"""),
        Case("leading zero", """{ "O": [ 01 ] }"""),
        Case("NaN", """{ "O": NaN }"""),
        Case("plus sign", """{ "O": +1 }"""),
        Case("bare dot", """{ "O": 1. }"""),
        Case("double trailing comma", """{ "O": [ 1,, ] }"""),
        Case("lone comma", """{ , }"""),
        Case("control character", "{ \"O\": \"a\tb\" }"),
        Case("lone surrogate", """{ "O": "\ud800" }"""),
        Case("trailing garbage", """{ "O": [ "a" ] } x"""),
        Case("invalid environment file", """{ "O": [ "a" ] }""", """{ "O": [ "b" """),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OurReading_IsTheProvidersReading(string name, string? baseJson, string? environmentJson)
    {
        // The real configuration, as the host builds it: appsettings.json, then appsettings.Env.json.
        var builder = new ConfigurationBuilder().SetBasePath(_folder);
        AppSettingsFile? ours = null, oursEnvironment = null;
        if (baseJson is not null)
        {
            File.WriteAllText(Path.Combine(_folder, "appsettings.json"), baseJson);
            builder.AddJsonFile("appsettings.json");
            ours = AppSettingsFile.Parse("appsettings.json", null, SourceText.From(baseJson));
        }

        if (environmentJson is not null)
        {
            File.WriteAllText(Path.Combine(_folder, "appsettings.Env.json"), environmentJson);
            builder.AddJsonFile("appsettings.Env.json");
            oursEnvironment = AppSettingsFile.Parse("appsettings.Env.json", "Env", SourceText.From(environmentJson));
        }

        IConfigurationRoot real;
        try
        {
            real = builder.Build();
        }
        catch (InvalidDataException)
        {
            Assert.False(ours?.IsValid != false && oursEnvironment?.IsValid != false, $"{name}: the provider refuses the files, our reader accepts them.");
            return;
        }

        Assert.True(ours?.IsValid != false && oursEnvironment?.IsValid != false, $"{name}: the provider loads the files, our reader refuses them.");
        var view = new AppSettingsView(ours, oursEnvironment);

        // Every key the provider has, with its value; and every key we have, with the provider's value.
        foreach (var (key, value) in real.AsEnumerable())
        {
            if (value is not null)
            {
                Assert.True(value == view.Get(key)?.Value, $"{name}: '{key}' is \"{value}\", ours \"{view.Get(key)?.Value ?? "(none)"}\"");
            }
        }

        var sections = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { string.Empty };
        foreach (var file in new[] { ours, oursEnvironment })
        {
            foreach (var entry in file?.Entries.Values ?? Enumerable.Empty<AppSettingsEntry>())
            {
                Assert.True(real[entry.Key] == view.Get(entry.Key)!.Value, $"{name}: '{entry.Key}' is \"{real[entry.Key]}\", ours \"{view.Get(entry.Key)!.Value}\"");
                var segments = entry.Key.Split(':');
                for (var i = 1; i <= segments.Length; i++)
                {
                    sections.Add(string.Join(":", segments.Take(i)));
                }
            }
        }

        // What a string collection bound from each section holds (null and [] alike: no origin).
        foreach (var section in sections)
        {
            var expected = (section.Length == 0 ? real.Get<string?[]>() : real.GetSection(section).Get<string?[]>()) ?? Array.Empty<string?>();
            var actual = view.GetChildren(section)?.Select(e => e.Value).ToArray() ?? Array.Empty<string?>();
            Assert.True(
                expected.SequenceEqual(actual),
                $"{name}: GetSection(\"{section}\").Get<string[]>() is [{string.Join(", ", expected.Select(Show))}], ours [{string.Join(", ", actual.Select(Show))}]");
        }
    }

    [Fact]
    public void Cases_CoverBothOutcomes()
    {
        // The comparison above must see files that load and files that do not.
        Assert.Contains(Cases, c => ((string)c[0]!).Contains("duplicate key", StringComparison.Ordinal));
        Assert.True(Cases.Count() > 30);
    }

    [Theory]
    [InlineData("a,b", new[] { "," }, false, false, new[] { "a", "b" })]
    [InlineData("a, b,,c ", new[] { "," }, false, false, new[] { "a", " b", "", "c " })]
    [InlineData("a, b,,c ", new[] { "," }, true, true, new[] { "a", "b", "c" })]
    [InlineData(" , ", new[] { "," }, true, false, new[] { " ", " " })]
    [InlineData(" , ", new[] { "," }, true, true, new string[0])]
    [InlineData("a;b,c", new[] { ",", ";" }, false, false, new[] { "a", "b", "c" })]
    [InlineData("a::b:c", new[] { "::", ":" }, false, false, new[] { "a", "b", "c" })]
    [InlineData("", new[] { "," }, false, false, new[] { "" })]
    public void Split_IsStringSplit(string value, string[] separators, bool removeEmpty, bool trim, string[] expected)
    {
        var options = (removeEmpty ? StringSplitOptions.RemoveEmptyEntries : 0) | (trim ? StringSplitOptions.TrimEntries : 0);
        Assert.Equal(expected, value.Split(separators, options));
        Assert.Equal(expected, ConfiguredOriginEvaluator.Split(value, separators, removeEmpty, trim).Select(p => value.Substring(p.Start, p.Length)));
    }

    private static string Show(string? value) => value is null ? "null" : "\"" + value + "\"";

    private static object?[] Case(string name, string? baseJson, string? environmentJson = null) => new object?[] { name, baseJson, environmentJson };
}
