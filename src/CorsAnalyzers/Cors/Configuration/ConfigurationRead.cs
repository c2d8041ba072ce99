using System;
using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>What an expression reads from configuration.</summary>
    internal enum ConfigurationReadKind
    {
        /// <summary>A section (<c>configuration</c>, <c>GetSection("Cors")</c>): not origins yet.</summary>
        Section,

        /// <summary>An options object bound from a section: its members are read further.</summary>
        Object,

        /// <summary>The section's children bound as a string collection (<c>Get&lt;string[]&gt;()</c>, a string[] property).</summary>
        List,

        /// <summary>One value (<c>configuration[key]</c>, <c>GetValue&lt;string&gt;(key)</c>, a string property).</summary>
        Value,

        /// <summary>One value split into origins (<c>configuration[key].Split(',')</c>).</summary>
        SplitValue,
    }

    /// <summary>
    /// A read of configuration found in the code: its kind and key path, or, for an options class read through
    /// <c>IOptions&lt;T&gt;</c>, the type whose section binding (<c>services.Configure&lt;T&gt;(section)</c>) gives the path at the
    /// end of the compilation. Immutable.
    /// </summary>
    internal sealed class ConfigurationRead
    {
        private ConfigurationRead(ConfigurationReadKind kind, string? path, ITypeSymbol? optionsType, string member, string[]? separators, bool removeEmpty, bool trim, bool mayHaveOtherElements)
        {
            Kind = kind;
            Path = path;
            OptionsType = optionsType;
            Member = member;
            Separators = separators;
            RemoveEmpty = removeEmpty;
            Trim = trim;
            MayHaveOtherElements = mayHaveOtherElements;
        }

        public ConfigurationReadKind Kind { get; }

        /// <summary>The key path ("" for the root), or null when it is below the section <see cref="OptionsType"/> is bound to.</summary>
        public string? Path { get; }

        /// <summary>For a read through IOptions&lt;T&gt;: T, whose binding is found at the end of the compilation.</summary>
        public ITypeSymbol? OptionsType { get; }

        /// <summary>For a read through IOptions&lt;T&gt;: the path below T's section ("" for T itself).</summary>
        public string Member { get; }

        /// <summary>For <see cref="ConfigurationReadKind.SplitValue"/>: the separators (each a string).</summary>
        public string[]? Separators { get; }

        /// <summary>StringSplitOptions.RemoveEmptyEntries.</summary>
        public bool RemoveEmpty { get; }

        /// <summary>StringSplitOptions.TrimEntries.</summary>
        public bool Trim { get; }

        /// <summary>The binder appends to a collection the options class already fills (a property initializer): other elements come first.</summary>
        public bool MayHaveOtherElements { get; }

        public static ConfigurationRead Root { get; } = new ConfigurationRead(ConfigurationReadKind.Section, string.Empty, null, string.Empty, null, false, false, false);

        public static ConfigurationRead ForOptions(ITypeSymbol optionsType) =>
            new ConfigurationRead(ConfigurationReadKind.Object, null, optionsType, string.Empty, null, false, false, false);

        /// <summary>A section or object member below this one, read as <paramref name="kind"/>.</summary>
        public ConfigurationRead Child(string key, ConfigurationReadKind kind, bool mayHaveOtherElements = false) =>
            Path is not null
                ? new ConfigurationRead(kind, Combine(Path, key), null, string.Empty, null, false, false, mayHaveOtherElements)
                : new ConfigurationRead(kind, null, OptionsType, Combine(Member, key), null, false, false, mayHaveOtherElements);

        /// <summary>This section or object, read as <paramref name="kind"/> (<c>Get&lt;string[]&gt;()</c>, <c>section.Value</c>).</summary>
        public ConfigurationRead As(ConfigurationReadKind kind) =>
            new ConfigurationRead(kind, Path, OptionsType, Member, null, false, false, MayHaveOtherElements);

        public ConfigurationRead Split(string[] separators, bool removeEmpty, bool trim) =>
            new ConfigurationRead(ConfigurationReadKind.SplitValue, Path, OptionsType, Member, separators, removeEmpty, trim, false);

        /// <summary>The same read with the options binding's section path in place of the options type.</summary>
        public ConfigurationRead WithBinding(string sectionPath) =>
            new ConfigurationRead(Kind, Combine(sectionPath, Member), null, string.Empty, Separators, RemoveEmpty, Trim, MayHaveOtherElements);

        /// <summary>Whether this reads the host filtering setting (AllowedHosts), whatever the case.</summary>
        public bool IsAllowedHosts =>
            Path is not null && Kind is ConfigurationReadKind.Value or ConfigurationReadKind.SplitValue or ConfigurationReadKind.List
            && string.Equals(Path, "AllowedHosts", StringComparison.OrdinalIgnoreCase);

        private static string Combine(string path, string key) => path.Length == 0 ? key : key.Length == 0 ? path : path + ":" + key;
    }
}
