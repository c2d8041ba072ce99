using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>
    /// The configuration one environment of the application reads from its JSON files, as ASP.NET Core's default host
    /// builds it: appsettings.json, then appsettings.{Environment}.json over it (a later provider wins key by key, so an
    /// environment file overrides an array element by element, by index). <see cref="Environment"/> null is
    /// appsettings.json alone: every environment without a file of its own.
    /// </summary>
    internal sealed class AppSettingsView
    {
        public AppSettingsView(AppSettingsFile? baseFile, AppSettingsFile? environmentFile)
        {
            Base = baseFile;
            Overlay = environmentFile;
        }

        public AppSettingsFile? Base { get; }

        public AppSettingsFile? Overlay { get; }

        public string? Environment => Overlay?.Environment;

        /// <summary>The entry that decides a key: the last file that has it (even with a null value), as ConfigurationRoot reads it.</summary>
        public AppSettingsEntry? Get(string key)
        {
            if (Overlay is not null && Overlay.Entries.TryGetValue(key, out var entry))
            {
                return entry;
            }

            return Base is not null && Base.Entries.TryGetValue(key, out entry) ? entry : null;
        }

        /// <summary>The value of a key, as <c>configuration[key]</c> and <c>GetValue&lt;string&gt;(key)</c> return it.</summary>
        public AppSettingsEntry? GetValue(string key) => Get(key) is { Value: not null } entry ? entry : null;

        /// <summary>
        /// The elements <c>GetSection(path).Get&lt;string[]&gt;()</c> (or a string collection property bound from that section)
        /// yields: the section's children in ConfigurationKeyComparer order (indexes numerically, before names); a child
        /// with a value gives that value, a child written as null gives a null element, a child with only children of its
        /// own (an object or an array) is skipped. Null when the section has no children.
        /// </summary>
        public List<AppSettingsElement>? GetChildren(string path)
        {
            var prefix = path.Length == 0 ? string.Empty : path + ":";
            var segments = new List<string>();
            AddChildSegments(Base, prefix, segments);
            AddChildSegments(Overlay, prefix, segments);
            if (segments.Count == 0)
            {
                return null;
            }

            segments.Sort(CompareSegments);
            var elements = new List<AppSettingsElement>(segments.Count);
            foreach (var segment in segments)
            {
                var key = prefix + segment;
                // A child written with a value gives it; written as null (null, {}) gives a null element, children or not;
                // a child that only has children of its own (an object, an array) is skipped.
                if (Get(key) is { } entry)
                {
                    elements.Add(new AppSettingsElement(entry.Value, entry));
                }
            }

            return elements;
        }

        private static void AddChildSegments(AppSettingsFile? file, string prefix, List<string> segments)
        {
            if (file is null)
            {
                return;
            }

            foreach (var key in file.Entries.Keys)
            {
                if (key.Length <= prefix.Length || !key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var end = key.IndexOf(':', prefix.Length);
                var segment = end < 0 ? key.Substring(prefix.Length) : key.Substring(prefix.Length, end - prefix.Length);
                var known = false;
                foreach (var existing in segments)
                {
                    if (string.Equals(existing, segment, StringComparison.OrdinalIgnoreCase))
                    {
                        known = true;
                        break;
                    }
                }

                if (!known)
                {
                    segments.Add(segment);
                }
            }
        }

        /// <summary>ConfigurationKeyComparer on one segment: integers numerically and before other keys, others without case.</summary>
        internal static int CompareSegments(string x, string y)
        {
            var xIsInt = int.TryParse(x, NumberStyles.Integer, CultureInfo.InvariantCulture, out var xValue);
            var yIsInt = int.TryParse(y, NumberStyles.Integer, CultureInfo.InvariantCulture, out var yValue);
            if (xIsInt && yIsInt)
            {
                return xValue.CompareTo(yValue);
            }

            if (xIsInt != yIsInt)
            {
                return xIsInt ? -1 : 1;
            }

            return string.Compare(x, y, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>One element of a bound string collection: its value (null for a JSON null) and the entry that gave it.</summary>
    internal readonly struct AppSettingsElement
    {
        public AppSettingsElement(string? value, AppSettingsEntry? entry)
        {
            Value = value;
            Entry = entry;
        }

        public string? Value { get; }

        public AppSettingsEntry? Entry { get; }
    }

    /// <summary>The project's appsettings.json and appsettings.{Environment}.json (additional files), and the views they give.</summary>
    internal static class AppSettings
    {
        private const string BaseName = "appsettings.json";
        private const string Prefix = "appsettings.";
        private const string Suffix = ".json";

        /// <summary>Whether a file is appsettings.json or appsettings.{Environment}.json (a name check; nothing is read).</summary>
        public static bool IsAppSettingsFile(string path, out string? environment)
        {
            environment = null;
            var name = System.IO.Path.GetFileName(path);
            if (string.Equals(name, BaseName, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (name.Length > Prefix.Length + Suffix.Length
                && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
            {
                environment = name.Substring(Prefix.Length, name.Length - Prefix.Length - Suffix.Length);
                return true;
            }

            return false;
        }

        /// <summary>The appsettings files among the additional files (names only; nothing is read).</summary>
        public static ImmutableArray<AdditionalText> Find(ImmutableArray<AdditionalText> additionalFiles)
        {
            ImmutableArray<AdditionalText>.Builder? found = null;
            foreach (var file in additionalFiles)
            {
                if (file.Path is { } path && IsAppSettingsFile(path, out _))
                {
                    (found ??= ImmutableArray.CreateBuilder<AdditionalText>()).Add(file);
                }
            }

            return found is null ? ImmutableArray<AdditionalText>.Empty : found.ToImmutable();
        }

        /// <summary>
        /// Reads and parses each file once, and returns the views: appsettings.json alone, then appsettings.json under
        /// each environment's file, in the order of the environment names. None when the files are ambiguous (in more
        /// than one folder) or appsettings.json does not load (the application would not start).
        /// </summary>
        public static ImmutableArray<AppSettingsView> Load(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            string? folder = null;
            foreach (var file in files)
            {
                var directory = System.IO.Path.GetDirectoryName(file.Path) ?? string.Empty;
                if (folder is null)
                {
                    folder = directory;
                }
                else if (!string.Equals(folder, directory, StringComparison.Ordinal))
                {
                    return ImmutableArray<AppSettingsView>.Empty;
                }
            }

            AppSettingsFile? baseFile = null;
            var environments = new List<AppSettingsFile>();
            foreach (var file in files)
            {
                IsAppSettingsFile(file.Path, out var environment);
                var parsed = AppSettingsFile.Parse(file.Path, environment, file.GetText(cancellationToken));
                if (environment is null)
                {
                    if (baseFile is not null)
                    {
                        // Two files named appsettings.json (different case on a case-sensitive file system): ambiguous.
                        return ImmutableArray<AppSettingsView>.Empty;
                    }

                    baseFile = parsed;
                }
                else if (parsed.IsValid)
                {
                    environments.Add(parsed);
                }
            }

            if (baseFile is { IsValid: false })
            {
                return ImmutableArray<AppSettingsView>.Empty;
            }

            environments.Sort(static (x, y) => string.CompareOrdinal(x.Environment, y.Environment));
            var views = ImmutableArray.CreateBuilder<AppSettingsView>(environments.Count + 1);
            if (baseFile is not null)
            {
                views.Add(new AppSettingsView(baseFile, null));
            }

            foreach (var environment in environments)
            {
                views.Add(new AppSettingsView(baseFile, environment));
            }

            return views.ToImmutable();
        }
    }
}
