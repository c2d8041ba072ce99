using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>
    /// Microsoft.Extensions.Configuration and Options types, resolved once per compilation and only when a policy is given
    /// a computed origin (which is when the configuration model looks at the code at all).
    /// </summary>
    internal sealed class ConfigurationSymbols
    {
        private readonly ImplementsCache _isConfiguration;
        private readonly ImplementsCache _isSection;

        private ConfigurationSymbols(Compilation compilation, INamedTypeSymbol configuration)
        {
            IConfiguration = configuration;
            IConfigurationSection = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.IConfigurationSection");
            ConfigurationExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationExtensions");
            ConfigurationBinder = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationBinder");
            ConfigurationKeyNameAttribute = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute");
            OptionsConfigurationServiceCollectionExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.OptionsConfigurationServiceCollectionExtensions");
            OptionsBuilderConfigurationExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.OptionsBuilderConfigurationExtensions");
            OptionsServiceCollectionExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions");
            OptionsBuilder = KnownTypes.Get(compilation, "Microsoft.Extensions.Options.OptionsBuilder`1");
            IOptions = KnownTypes.Get(compilation, "Microsoft.Extensions.Options.IOptions`1");
            IOptionsSnapshot = KnownTypes.Get(compilation, "Microsoft.Extensions.Options.IOptionsSnapshot`1");
            IOptionsMonitor = KnownTypes.Get(compilation, "Microsoft.Extensions.Options.IOptionsMonitor`1");
            Enumerable = KnownTypes.Get(compilation, "System.Linq.Enumerable");
            List = KnownTypes.Get(compilation, "System.Collections.Generic.List`1");
            _isConfiguration = new ImplementsCache(configuration);
            _isSection = new ImplementsCache(IConfigurationSection);
        }

        public INamedTypeSymbol IConfiguration { get; }

        public INamedTypeSymbol? IConfigurationSection { get; }

        /// <summary>GetRequiredSection.</summary>
        public INamedTypeSymbol? ConfigurationExtensions { get; }

        /// <summary>Get&lt;T&gt;, GetValue&lt;T&gt;, Bind.</summary>
        public INamedTypeSymbol? ConfigurationBinder { get; }

        public INamedTypeSymbol? ConfigurationKeyNameAttribute { get; }

        /// <summary>services.Configure&lt;T&gt;(IConfiguration).</summary>
        public INamedTypeSymbol? OptionsConfigurationServiceCollectionExtensions { get; }

        /// <summary>optionsBuilder.Bind(IConfiguration), BindConfiguration(path).</summary>
        public INamedTypeSymbol? OptionsBuilderConfigurationExtensions { get; }

        /// <summary>services.Configure&lt;T&gt;(Action&lt;T&gt;), PostConfigure, AddOptions&lt;T&gt;.</summary>
        public INamedTypeSymbol? OptionsServiceCollectionExtensions { get; }

        public INamedTypeSymbol? OptionsBuilder { get; }

        public INamedTypeSymbol? IOptions { get; }

        public INamedTypeSymbol? IOptionsSnapshot { get; }

        public INamedTypeSymbol? IOptionsMonitor { get; }

        public INamedTypeSymbol? Enumerable { get; }

        public INamedTypeSymbol? List { get; }

        public static ConfigurationSymbols? TryCreate(Compilation compilation)
        {
            var configuration = KnownTypes.Get(compilation, "Microsoft.Extensions.Configuration.IConfiguration");
            return configuration is null ? null : new ConfigurationSymbols(compilation, configuration);
        }

        /// <summary>IConfiguration, IConfigurationRoot, ConfigurationManager, a section...</summary>
        public bool IsConfiguration(ITypeSymbol? type) => _isConfiguration.Check(type);

        public bool IsSection(ITypeSymbol? type) => _isSection.Check(type);

        public bool IsBinderMethod(IMethodSymbol method, string name) =>
            method.Name == name && SymbolEqualityComparer.Default.Equals(method.ContainingType, ConfigurationBinder);

        /// <summary><c>GetSection(key)</c> of any configuration type, or <c>GetRequiredSection(key)</c>.</summary>
        public bool IsGetSection(IMethodSymbol method)
        {
            if (method.Name == "GetRequiredSection")
            {
                return SymbolEqualityComparer.Default.Equals(method.ContainingType, ConfigurationExtensions);
            }

            return method.Name == "GetSection"
                && method.Parameters.Length == 1
                && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                && IsConfiguration(method.ContainingType);
        }

        /// <summary><c>configuration[key]</c>.</summary>
        public bool IsIndexer(IPropertySymbol property) =>
            property.IsIndexer
            && property.Parameters.Length == 1
            && property.Parameters[0].Type.SpecialType == SpecialType.System_String
            && property.Type.SpecialType == SpecialType.System_String
            && IsConfiguration(property.ContainingType);

        /// <summary><c>section.Value</c>.</summary>
        public bool IsSectionValue(IPropertySymbol property) =>
            property.Name == "Value" && property.Type.SpecialType == SpecialType.System_String && IsSection(property.ContainingType);

        /// <summary>IOptions&lt;T&gt;.Value, IOptionsSnapshot&lt;T&gt;.Value, IOptionsMonitor&lt;T&gt;.CurrentValue: the T.</summary>
        public ITypeSymbol? GetOptionsValueType(IPropertySymbol property)
        {
            var type = property.ContainingType;
            if (type is not { IsGenericType: true, TypeArguments.Length: 1 })
            {
                return null;
            }

            var definition = type.OriginalDefinition;
            var isValue = property.Name == "Value"
                && (SymbolEqualityComparer.Default.Equals(definition, IOptions) || SymbolEqualityComparer.Default.Equals(definition, IOptionsSnapshot));
            var isCurrentValue = property.Name == "CurrentValue" && SymbolEqualityComparer.Default.Equals(definition, IOptionsMonitor);
            return isValue || isCurrentValue ? type.TypeArguments[0] : null;
        }

        /// <summary>string[], List&lt;string&gt;, IEnumerable&lt;string&gt; and the other list interfaces the binder fills in order.</summary>
        public bool IsStringList(ITypeSymbol? type)
        {
            if (type is IArrayTypeSymbol { Rank: 1 } array)
            {
                return array.ElementType.SpecialType == SpecialType.System_String;
            }

            if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
                || named.TypeArguments[0].SpecialType != SpecialType.System_String)
            {
                return false;
            }

            switch (named.OriginalDefinition.SpecialType)
            {
                case SpecialType.System_Collections_Generic_IEnumerable_T:
                case SpecialType.System_Collections_Generic_ICollection_T:
                case SpecialType.System_Collections_Generic_IList_T:
                case SpecialType.System_Collections_Generic_IReadOnlyCollection_T:
                case SpecialType.System_Collections_Generic_IReadOnlyList_T:
                    return true;
                default:
                    return SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, List);
            }
        }
    }
}
