using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>
    /// Which configuration section each options class is bound to, for reads through <c>IOptions&lt;T&gt;.Value</c>:
    /// <c>services.Configure&lt;T&gt;(configuration.GetSection("Cors"))</c>, <c>services.AddOptions&lt;T&gt;().Bind(section)</c> and
    /// <c>.BindConfiguration("Cors")</c> of the default (unnamed) options. A type bound more than once, from a section
    /// not followed, or also configured in code (<c>Configure&lt;T&gt;(o =&gt; ...)</c>, <c>PostConfigure</c>) has no known section.
    /// </summary>
    internal sealed class OptionsBindings
    {
        private readonly Func<ConfigurationSymbols?> _getSymbols;
        private readonly ConcurrentDictionary<ITypeSymbol, List<string?>> _bindings =
            new ConcurrentDictionary<ITypeSymbol, List<string?>>(SymbolEqualityComparer.Default);

        public OptionsBindings(CorsCompilationContext compilation, Func<ConfigurationSymbols?> getSymbols)
        {
            _getSymbols = getSymbols;
            compilation.RegisterInvocationAction(Collect, "Configure", "PostConfigure", "ConfigureAll", "PostConfigureAll", "Bind", "BindConfiguration");
        }

        /// <summary>The section path T is bound to, or null. Read at the end of the compilation.</summary>
        public string? GetSectionPath(ITypeSymbol optionsType)
        {
            if (!_bindings.TryGetValue(optionsType, out var paths))
            {
                return null;
            }

            lock (paths)
            {
                return paths.Count == 1 ? paths[0] : null;
            }
        }

        private void Collect(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null
                || type.Name is not ("OptionsConfigurationServiceCollectionExtensions" or "OptionsBuilderConfigurationExtensions" or "OptionsServiceCollectionExtensions" or "OptionsBuilder")
                || _getSymbols() is not { } symbols)
            {
                // A name check first: app.Configure..., builder.WebHost.Configure... are not options bindings.
                return;
            }

            if (SymbolEqualityComparer.Default.Equals(type, symbols.OptionsConfigurationServiceCollectionExtensions) && method.Name == "Configure")
            {
                CollectConfigure(invocation, symbols, context);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, symbols.OptionsBuilderConfigurationExtensions))
            {
                CollectOptionsBuilder(invocation, symbols, context);
            }
            else if (SymbolEqualityComparer.Default.Equals(type, symbols.OptionsServiceCollectionExtensions) && method.TypeArguments.Length >= 1)
            {
                // services.Configure<T>(o => ...), PostConfigure<T>: configured in code, whatever the binding gives may change.
                Add(method.TypeArguments[0], null);
            }
            else if (type.IsGenericType && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, symbols.OptionsBuilder))
            {
                // services.AddOptions<T>().Configure(o => ...).
                Add(type.TypeArguments[0], null);
            }
        }

        /// <summary>services.Configure&lt;T&gt;([name,] configuration [, binderOptions]).</summary>
        private void CollectConfigure(IInvocationOperation invocation, ConfigurationSymbols symbols, OperationAnalysisContext context)
        {
            if (invocation.TargetMethod.TypeArguments.Length != 1)
            {
                return;
            }

            var optionsType = invocation.TargetMethod.TypeArguments[0];
            string? path = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "name" when argument.Value.ConstantValue is { HasValue: true, Value: string name } && name.Length > 0:
                        // Named options: not what IOptions<T>.Value reads.
                        return;
                    case "config":
                        path = ConfigurationReads.ResolveSection(argument.Value, symbols, context.CancellationToken)?.Path;
                        break;
                }
            }

            Add(optionsType, path);
        }

        /// <summary>services.AddOptions&lt;T&gt;().Bind(configuration) / .BindConfiguration("path").</summary>
        private void CollectOptionsBuilder(IInvocationOperation invocation, ConfigurationSymbols symbols, OperationAnalysisContext context)
        {
            if (invocation.Arguments.Length == 0
                || invocation.Arguments[0].Value.Type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } builderType)
            {
                return;
            }

            var optionsType = builderType.TypeArguments[0];
            if (!IsDefaultAddOptions(invocation.Arguments[0].Value))
            {
                Add(optionsType, null);
                return;
            }

            string? path = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "config":
                        path = ConfigurationReads.ResolveSection(argument.Value, symbols, context.CancellationToken)?.Path;
                        break;
                    case "configSectionPath" when argument.Value.ConstantValue is { HasValue: true, Value: string constant }:
                        path = constant;
                        break;
                }
            }

            Add(optionsType, path);
        }

        /// <summary>The builder is <c>services.AddOptions&lt;T&gt;()</c> itself (the default name).</summary>
        private static bool IsDefaultAddOptions(IOperation builder) =>
            Policy.PolicyInterpreter.Unwrap(builder) is IInvocationOperation { TargetMethod: { Name: "AddOptions", Parameters.Length: 1 } };

        private void Add(ITypeSymbol optionsType, string? path)
        {
            var paths = _bindings.GetOrAdd(optionsType, static _ => new List<string?>());
            lock (paths)
            {
                paths.Add(path);
            }
        }
    }
}
