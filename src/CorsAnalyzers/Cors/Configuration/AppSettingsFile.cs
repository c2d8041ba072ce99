using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>What a configuration value was in the JSON file.</summary>
    internal enum AppSettingsValueKind
    {
        String,
        Number,
        True,
        False,
        Null,

        /// <summary><c>[]</c>: the key with the value "" (Microsoft.Extensions.Configuration.Json 7.0 and later).</summary>
        EmptyArray,

        /// <summary><c>{}</c> (not at the top level): the key with a null value.</summary>
        EmptyObject,
    }

    /// <summary>One key of a configuration file, flattened as the JSON provider flattens it.</summary>
    internal sealed class AppSettingsEntry
    {
        public AppSettingsEntry(AppSettingsFile file, string key, string? value, AppSettingsValueKind kind, TextSpan span, bool rawIsValue)
        {
            File = file;
            Key = key;
            Value = value;
            Kind = kind;
            Span = span;
            RawIsValue = rawIsValue;
        }

        public AppSettingsFile File { get; }

        /// <summary>The key as written, segments joined with ':' (array elements are their index).</summary>
        public string Key { get; }

        /// <summary>The value the provider stores: the string, the number's text, "True"/"False", null, "" for [].</summary>
        public string? Value { get; }

        public AppSettingsValueKind Kind { get; }

        /// <summary>The token in the file (a string with its quotes).</summary>
        public TextSpan Span { get; }

        /// <summary>A string without escape sequences: character i of the value is at Span.Start + 1 + i.</summary>
        public bool RawIsValue { get; }
    }

    /// <summary>
    /// One appsettings*.json file, read the way Microsoft.Extensions.Configuration.Json reads it
    /// (JsonConfigurationFileParser: System.Text.Json with comments skipped and trailing commas allowed; the top-level
    /// value must be an object; leaves become keys joined with ':', array elements keyed by index; a number keeps its
    /// text, true/false become "True"/"False", null stays null, [] is "" and {} is null; a key written twice, compared
    /// without case, makes the whole file fail to load).
    /// <para>
    /// A reader of our own rather than System.Text.Json: analyzers target netstandard2.0, and System.Text.Json is not
    /// loaded by every compiler host (Visual Studio's .NET Framework host, older SDKs) unless shipped beside the analyzer,
    /// with version conflicts between analyzers that ship different copies. The reader also keeps what the provider
    /// throws away and the diagnostics need: where each value is written.
    /// </para>
    /// </summary>
    internal sealed class AppSettingsFile
    {
        /// <summary>System.Text.Json's default maximum depth (JsonDocumentOptions.MaxDepth = 0 means 64).</summary>
        private const int MaxDepth = 64;

        private readonly Dictionary<string, AppSettingsEntry> _entries = new Dictionary<string, AppSettingsEntry>(StringComparer.OrdinalIgnoreCase);

        private AppSettingsFile(string path, string? environment)
        {
            Path = path;
            Environment = environment;
        }

        public string Path { get; }

        /// <summary>The file name (appsettings.json, appsettings.Production.json).</summary>
        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>Null for appsettings.json; "Production" for appsettings.Production.json.</summary>
        public string? Environment { get; }

        /// <summary>False when the provider would refuse the file (invalid JSON, a duplicate key, a top level that is not an object).</summary>
        public bool IsValid { get; private set; }

        public SourceText? Text { get; private set; }

        /// <summary>Every key the provider would store, by key without case.</summary>
        public IReadOnlyDictionary<string, AppSettingsEntry> Entries => _entries;

        /// <summary>Parses a file; never throws on bad input (an invalid file has no entries).</summary>
        public static AppSettingsFile Parse(string path, string? environment, SourceText? text)
        {
            var file = new AppSettingsFile(path, environment) { Text = text };
            if (text is null)
            {
                return file;
            }

            var reader = new Reader(file, text.ToString());
            file.IsValid = reader.ReadDocument();
            if (!file.IsValid)
            {
                file._entries.Clear();
            }

            return file;
        }

        /// <summary>Reads one document: a recursive-descent reader over the text that stops at the first error.</summary>
        private sealed class Reader
        {
            private readonly AppSettingsFile _file;
            private readonly string _text;
            private readonly List<string> _path = new List<string>();
            private readonly StringBuilder _builder = new StringBuilder();
            private int _position;
            private int _depth;

            public Reader(AppSettingsFile file, string text)
            {
                _file = file;
                _text = text;
            }

            public bool ReadDocument()
            {
                if (!SkipTrivia() || Peek() != '{')
                {
                    return false;
                }

                if (!ReadObject(topLevel: true))
                {
                    return false;
                }

                return SkipTrivia() && _position == _text.Length;
            }

            private char Peek() => _position < _text.Length ? _text[_position] : '\0';

            /// <summary>Skips JSON whitespace and comments; false for an unterminated comment.</summary>
            private bool SkipTrivia()
            {
                while (_position < _text.Length)
                {
                    var c = _text[_position];
                    if (c is ' ' or '\t' or '\n' or '\r')
                    {
                        _position++;
                    }
                    else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
                    {
                        _position += 2;
                        while (_position < _text.Length && _text[_position] is not ('\n' or '\r'))
                        {
                            _position++;
                        }
                    }
                    else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
                    {
                        var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                        if (end < 0)
                        {
                            return false;
                        }

                        _position = end + 2;
                    }
                    else
                    {
                        break;
                    }
                }

                return true;
            }

            private bool ReadValue()
            {
                switch (Peek())
                {
                    case '{':
                        return ReadObject(topLevel: false);
                    case '[':
                        return ReadArray();
                    case '"':
                        {
                            var start = _position;
                            if (!ReadString(out var value, out var rawIsValue))
                            {
                                return false;
                            }

                            return Add(value, AppSettingsValueKind.String, TextSpan.FromBounds(start, _position), rawIsValue);
                        }

                    case 't':
                        return ReadLiteral("true", "True", AppSettingsValueKind.True);
                    case 'f':
                        return ReadLiteral("false", "False", AppSettingsValueKind.False);
                    case 'n':
                        return ReadLiteral("null", null, AppSettingsValueKind.Null);
                    default:
                        return ReadNumber();
                }
            }

            private bool ReadObject(bool topLevel)
            {
                if (++_depth > MaxDepth)
                {
                    return false;
                }

                var start = _position;
                _position++; // {
                if (!SkipTrivia())
                {
                    return false;
                }

                var empty = true;
                while (Peek() != '}')
                {
                    if (Peek() != '"' || !ReadString(out var name, out _) || !SkipTrivia() || Peek() != ':')
                    {
                        return false;
                    }

                    _position++; // :
                    if (!SkipTrivia())
                    {
                        return false;
                    }

                    _path.Add(name);
                    var ok = ReadValue();
                    _path.RemoveAt(_path.Count - 1);
                    if (!ok || !SkipTrivia())
                    {
                        return false;
                    }

                    empty = false;
                    if (!ReadSeparator('}'))
                    {
                        return false;
                    }
                }

                _position++; // }
                _depth--;
                return topLevel || !empty || Add(null, AppSettingsValueKind.EmptyObject, TextSpan.FromBounds(start, _position), rawIsValue: false);
            }

            private bool ReadArray()
            {
                if (++_depth > MaxDepth)
                {
                    return false;
                }

                var start = _position;
                _position++; // [
                if (!SkipTrivia())
                {
                    return false;
                }

                var index = 0;
                while (Peek() != ']')
                {
                    _path.Add(index.ToString(CultureInfo.InvariantCulture));
                    var ok = ReadValue();
                    _path.RemoveAt(_path.Count - 1);
                    if (!ok || !SkipTrivia() || !ReadSeparator(']'))
                    {
                        return false;
                    }

                    index++;
                }

                _position++; // ]
                _depth--;
                return index > 0 || Add(string.Empty, AppSettingsValueKind.EmptyArray, TextSpan.FromBounds(start, _position), rawIsValue: false);
            }

            /// <summary>After a member or element: a comma (a trailing one is allowed), or the closing bracket.</summary>
            private bool ReadSeparator(char close)
            {
                if (Peek() == ',')
                {
                    _position++;
                    return SkipTrivia() && _position < _text.Length;
                }

                return Peek() == close;
            }

            private bool ReadLiteral(string literal, string? value, AppSettingsValueKind kind)
            {
                if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
                {
                    return false;
                }

                var start = _position;
                _position += literal.Length;
                return Add(value, kind, new TextSpan(start, literal.Length), rawIsValue: false);
            }

            /// <summary>-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as written.</summary>
            private bool ReadNumber()
            {
                var start = _position;
                if (Peek() == '-')
                {
                    _position++;
                }

                if (Peek() == '0')
                {
                    _position++;
                }
                else if (!ReadDigits())
                {
                    return false;
                }

                if (Peek() == '.')
                {
                    _position++;
                    if (!ReadDigits())
                    {
                        return false;
                    }
                }

                if (Peek() is 'e' or 'E')
                {
                    _position++;
                    if (Peek() is '+' or '-')
                    {
                        _position++;
                    }

                    if (!ReadDigits())
                    {
                        return false;
                    }
                }

                // A number runs into the next structural character or trivia only ("01", "1a" are invalid).
                if (_position < _text.Length && _text[_position] is not (',' or '}' or ']' or ' ' or '\t' or '\n' or '\r' or '/'))
                {
                    return false;
                }

                return Add(_text.Substring(start, _position - start), AppSettingsValueKind.Number, TextSpan.FromBounds(start, _position), rawIsValue: false);
            }

            private bool ReadDigits()
            {
                var start = _position;
                while (_position < _text.Length && _text[_position] is >= '0' and <= '9')
                {
                    _position++;
                }

                return _position > start;
            }

            /// <summary>A string token (at its opening quote), unescaped; false for an invalid one.</summary>
            private bool ReadString(out string value, out bool rawIsValue)
            {
                value = string.Empty;
                rawIsValue = true;
                _position++; // "
                _builder.Clear();
                while (true)
                {
                    if (_position >= _text.Length)
                    {
                        return false;
                    }

                    var c = _text[_position++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c < ' ')
                    {
                        return false;
                    }

                    if (c != '\\')
                    {
                        _builder.Append(c);
                        continue;
                    }

                    rawIsValue = false;
                    if (_position >= _text.Length)
                    {
                        return false;
                    }

                    switch (_text[_position++])
                    {
                        case '"': _builder.Append('"'); break;
                        case '\\': _builder.Append('\\'); break;
                        case '/': _builder.Append('/'); break;
                        case 'b': _builder.Append('\b'); break;
                        case 'f': _builder.Append('\f'); break;
                        case 'n': _builder.Append('\n'); break;
                        case 'r': _builder.Append('\r'); break;
                        case 't': _builder.Append('\t'); break;
                        case 'u':
                            if (_position + 4 > _text.Length
                                || !int.TryParse(_text.Substring(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                            {
                                return false;
                            }

                            _builder.Append((char)code);
                            _position += 4;
                            break;
                        default:
                            return false;
                    }
                }

                value = _builder.ToString();

                // The provider reads the value as a .NET string, which fails on a lone surrogate (written as \uD800).
                for (var i = 0; i < value.Length; i++)
                {
                    if (char.IsHighSurrogate(value[i]) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[++i])))
                    {
                        return false;
                    }

                    if (char.IsLowSurrogate(value[i]) && (i == 0 || !char.IsHighSurrogate(value[i - 1])))
                    {
                        return false;
                    }
                }

                return true;
            }

            private bool Add(string? value, AppSettingsValueKind kind, TextSpan span, bool rawIsValue)
            {
                var key = string.Join(":", _path);
                if (_file._entries.ContainsKey(key))
                {
                    // JsonConfigurationFileParser: "A duplicate key '...' was found." The file does not load.
                    return false;
                }

                _file._entries.Add(key, new AppSettingsEntry(_file, key, value, kind, span, rawIsValue));
                return true;
            }
        }
    }
}
