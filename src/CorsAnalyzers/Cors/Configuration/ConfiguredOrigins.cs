using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>One policy's read of origins from configuration, found while the policy was interpreted.</summary>
    internal sealed class ConfiguredOriginReading
    {
        public ConfiguredOriginReading(PolicySite site, IOperation operation, ConfigurationRead read, PolicyAnalysisResult result)
        {
            Site = site;
            Operation = operation;
            Read = read;

            // WithOrigins and the CorsPolicyBuilder constructor receive origins as params arrays (elements of an
            // initializer) or as the array itself; Origins.Add does not normalize.
            var parent = operation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            HasSiblings = parent is IArrayInitializerOperation initializer && initializer.ElementValues.Length > 1;
            GivenToBuilder = parent is IArrayInitializerOperation || result.ComputedOrigins.Contains(operation);
            MayAllowWildcardSubdomains = result.MayAllowWildcardSubdomains;
            foreach (var state in result.FinalStates)
            {
                OtherPredicate |= state.Predicate is PredicateShape.AlwaysTrue or PredicateShape.Custom;
                if (state.OriginsArgument == operation)
                {
                    if (state.AllowsCredentials)
                    {
                        SoleWithCredentials = true;
                    }
                    else if (state.Credentials == CredentialsShape.Disallowed)
                    {
                        SoleWithoutCredentials = true;
                    }
                }
            }
        }

        public PolicySite Site { get; }

        /// <summary>The C# expression that reads configuration (a WithOrigins argument or element).</summary>
        public IOperation Operation { get; }

        public ConfigurationRead Read { get; }

        /// <summary>Given to WithOrigins or the CorsPolicyBuilder constructor (which rebuild IDN origins), not to Origins.Add.</summary>
        public bool GivenToBuilder { get; }

        /// <summary>An element of a WithOrigins(...) call with other elements: never the only origin.</summary>
        public bool HasSiblings { get; }

        public bool MayAllowWildcardSubdomains { get; }

        /// <summary>Some path ends with an origin predicate of the policy's own.</summary>
        public bool OtherPredicate { get; }

        /// <summary>Some path ends with these origins alone and credentials allowed.</summary>
        public bool SoleWithCredentials { get; }

        /// <summary>Some path ends with these origins alone and credentials disallowed.</summary>
        public bool SoleWithoutCredentials { get; }
    }

    /// <summary>One origin a configuration read gives in one view (appsettings.json, or it under one environment's file).</summary>
    internal sealed class ConfiguredOrigin
    {
        public ConfiguredOrigin(ConfiguredOriginReading reading, string text, AppSettingsEntry entry, Microsoft.CodeAnalysis.Text.TextSpan span, bool isOnlyOrigin, bool hasOthers)
        {
            Reading = reading;
            Text = text;
            Entry = entry;
            Span = span;
            IsOnlyOrigin = isOnlyOrigin;
            HasOthers = hasOthers;
        }

        public ConfiguredOriginReading Reading { get; }

        /// <summary>The origin string (a part of the value when the read splits it).</summary>
        public string Text { get; }

        /// <summary>The JSON string it is written in.</summary>
        public AppSettingsEntry Entry { get; }

        /// <summary>Where the origin is written in the file (the string, or the part of it).</summary>
        public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

        /// <summary>It is the whole origin list the read gives (the configured list has this one element).</summary>
        public bool IsOnlyOrigin { get; }

        /// <summary>The list has other elements (configured, initial or beside it in WithOrigins): "*" is then a dead string.</summary>
        public bool HasOthers { get; }
    }

    /// <summary>
    /// The origins policies read from appsettings*.json, for CORS001, CORS004, CORS005 and CORS009. Policies are
    /// interpreted as usual; each origin expression the policy model cannot read is resolved to a configuration read
    /// (<see cref="ConfigurationReads"/>) and kept. At the end of the compilation, only if some policy reads
    /// configuration, each appsettings file is read and parsed once, every read is evaluated in every view (appsettings.json
    /// alone and under each environment's file), the rules' checks run on every configured origin, and each problem is
    /// reported once at the value in the JSON file, with the policies that read it and, when only some environments
    /// make it wrong, their names.
    /// </summary>
    internal sealed class ConfiguredOrigins
    {
        private readonly CorsCompilationContext _compilation;
        private readonly ImmutableArray<AdditionalText> _files;
        private readonly ConcurrentQueue<ConfiguredOriginReading> _readings = new ConcurrentQueue<ConfiguredOriginReading>();
        private readonly List<Action<OperationAnalysisContext, ConfiguredOriginReading>> _readingActions = new List<Action<OperationAnalysisContext, ConfiguredOriginReading>>();
        private readonly List<(DiagnosticDescriptor Descriptor, Func<ConfiguredOrigin, string?> Check)> _checks = new List<(DiagnosticDescriptor, Func<ConfiguredOrigin, string?>)>();
        private readonly object _symbolsLock = new object();
        private OptionsBindings? _bindings;
        private ConfigurationSymbols? _symbols;
        private bool _symbolsResolved;

        public ConfiguredOrigins(CorsCompilationContext compilation, ImmutableArray<AdditionalText> files)
        {
            _compilation = compilation;
            _files = files;
            var readingActions = _readingActions;
            compilation.RegisterPolicyAction((context, result) =>
            {
                if (result.ComputedOrigins.IsEmpty && !HasComputedValue(result))
                {
                    return;
                }

                var symbols = GetSymbols();
                if (symbols is null)
                {
                    return;
                }

                foreach (var origin in result.ComputedOrigins)
                {
                    Resolve(context, result, origin, symbols, readingActions);
                }

                foreach (var value in result.OriginValues)
                {
                    if (!value.ConstantValue.HasValue)
                    {
                        Resolve(context, result, value, symbols, readingActions);
                    }
                }
            });
        }

        /// <summary>Whether the compilation has appsettings files: the JSON checks run only then.</summary>
        public bool HasFiles => !_files.IsEmpty;

        /// <summary>Calls <paramref name="action"/> (in the policy's callback) for each configuration read a policy makes, files or not.</summary>
        public void RegisterReadingAction(Action<OperationAnalysisContext, ConfiguredOriginReading> action) => _readingActions.Add(action);

        /// <summary>
        /// Runs <paramref name="check"/> on every origin written in an appsettings file that a policy reads, in every view:
        /// a non-null result is the problem (the last message argument), reported once per value with
        /// <paramref name="descriptor"/> (arguments: origin, key, file and environments, policies, problem).
        /// </summary>
        public void RegisterCheck(DiagnosticDescriptor descriptor, Func<ConfiguredOrigin, string?> check)
        {
            if (_checks.Count == 0 && HasFiles)
            {
                // Complete before the first callback: rules register in Initialize, callbacks run after RegisterWith.
                _bindings = new OptionsBindings(_compilation, GetSymbols);
                _compilation.RegisterCompilationEndAction(ReportAll);
            }

            _checks.Add((descriptor, check));
        }

        private ConfigurationSymbols? GetSymbols()
        {
            if (!_symbolsResolved)
            {
                lock (_symbolsLock)
                {
                    if (!_symbolsResolved)
                    {
                        _symbols = ConfigurationSymbols.TryCreate(_compilation.Compilation);
                        _symbolsResolved = true;
                    }
                }
            }

            return _symbols;
        }

        private static bool HasComputedValue(PolicyAnalysisResult result)
        {
            foreach (var value in result.OriginValues)
            {
                if (!value.ConstantValue.HasValue)
                {
                    return true;
                }
            }

            return false;
        }

        private void Resolve(
            OperationAnalysisContext context,
            PolicyAnalysisResult result,
            IOperation origin,
            ConfigurationSymbols symbols,
            List<Action<OperationAnalysisContext, ConfiguredOriginReading>> readingActions)
        {
            if (ConfigurationReads.Resolve(origin, symbols, context.CancellationToken) is not { } read)
            {
                return;
            }

            var reading = new ConfiguredOriginReading(result.Site, origin, read, result);
            foreach (var action in readingActions)
            {
                action(context, reading);
            }

            if (_checks.Count > 0 && HasFiles && !read.IsAllowedHosts)
            {
                _readings.Enqueue(reading);
            }
        }

        private void ReportAll(CompilationAnalysisContext context)
        {
            if (_readings.IsEmpty)
            {
                // No policy reads configuration: the files are never read.
                return;
            }

            var views = AppSettings.Load(_files, context.CancellationToken);
            if (views.IsEmpty)
            {
                return;
            }

            var findings = new Dictionary<FindingKey, Finding>();
            foreach (var reading in _readings)
            {
                var read = reading.Read;
                if (read.Path is null)
                {
                    if (_bindings?.GetSectionPath(read.OptionsType!) is not { } sectionPath)
                    {
                        continue;
                    }

                    read = read.WithBinding(sectionPath);
                }

                foreach (var view in views)
                {
                    foreach (var origin in ConfiguredOriginEvaluator.Evaluate(reading, read, view))
                    {
                        foreach (var (descriptor, check) in _checks)
                        {
                            if (check(origin) is not { } problem)
                            {
                                continue;
                            }

                            var key = new FindingKey(descriptor, origin.Entry.File.Path, origin.Span, problem);
                            if (!findings.TryGetValue(key, out var finding))
                            {
                                finding = new Finding(origin);
                                findings.Add(key, finding);
                            }

                            finding.Add(view, reading.Site);
                        }
                    }
                }
            }

            var ordered = new List<KeyValuePair<FindingKey, Finding>>(findings);
            ordered.Sort(static (x, y) =>
            {
                var byPath = string.CompareOrdinal(x.Key.Path, y.Key.Path);
                return byPath != 0 ? byPath
                    : x.Key.Span.Start != y.Key.Span.Start ? x.Key.Span.Start.CompareTo(y.Key.Span.Start)
                    : string.CompareOrdinal(x.Key.Descriptor.Id, y.Key.Descriptor.Id);
            });

            foreach (var pair in ordered)
            {
                context.ReportDiagnostic(pair.Value.CreateDiagnostic(pair.Key.Descriptor, pair.Key.Problem));
            }
        }

        private readonly struct FindingKey : IEquatable<FindingKey>
        {
            public FindingKey(DiagnosticDescriptor descriptor, string path, Microsoft.CodeAnalysis.Text.TextSpan span, string problem)
            {
                Descriptor = descriptor;
                Path = path;
                Span = span;
                Problem = problem;
            }

            public DiagnosticDescriptor Descriptor { get; }

            public string Path { get; }

            public Microsoft.CodeAnalysis.Text.TextSpan Span { get; }

            public string Problem { get; }

            public bool Equals(FindingKey other) =>
                ReferenceEquals(Descriptor, other.Descriptor) && Path == other.Path && Span == other.Span && Problem == other.Problem;

            public override bool Equals(object? obj) => obj is FindingKey other && Equals(other);

            public override int GetHashCode() => ((Descriptor.GetHashCode() * 31 + Path.GetHashCode()) * 31 + Span.GetHashCode()) * 31 + Problem.GetHashCode();
        }

        /// <summary>One problem at one place in a file: the views it shows in and the policies that read it.</summary>
        private sealed class Finding
        {
            private readonly ConfiguredOrigin _origin;
            private readonly List<AppSettingsView> _views = new List<AppSettingsView>();
            private readonly List<string> _policies = new List<string>();

            public Finding(ConfiguredOrigin origin)
            {
                _origin = origin;
            }

            public void Add(AppSettingsView view, PolicySite site)
            {
                if (!_views.Contains(view))
                {
                    _views.Add(view);
                }

                var description = site.Description;
                description = char.ToLowerInvariant(description[0]) + description.Substring(1);
                if (!_policies.Contains(description))
                {
                    _policies.Add(description);
                }
            }

            public Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, string problem)
            {
                var entry = _origin.Entry;
                var file = entry.File;
                var text = file.Text!;
                var location = Location.Create(file.Path, _origin.Span, text.Lines.GetLinePositionSpan(_origin.Span));

                // Name the environments only when the value is not wrong in appsettings.json alone (every environment without a file).
                var where = "'" + entry.Key + "' in " + file.FileName;
                var inBaseAlone = false;
                var environments = new List<string>();
                foreach (var view in _views)
                {
                    if (view.Environment is null)
                    {
                        inBaseAlone = true;
                    }
                    else
                    {
                        environments.Add(view.Environment);
                    }
                }

                if (!inBaseAlone && environments.Count > 0)
                {
                    environments.Sort(StringComparer.Ordinal);
                    where += environments.Count == 1
                        ? ", in the '" + environments[0] + "' environment"
                        : ", in the environments " + JoinQuoted(environments);
                }

                _policies.Sort(StringComparer.Ordinal);
                return Diagnostic.Create(descriptor, location, _origin.Text, where, entry.Key, Join(_policies), problem);
            }

            private static string JoinQuoted(List<string> names)
            {
                var quoted = new List<string>(names.Count);
                foreach (var name in names)
                {
                    quoted.Add("'" + name + "'");
                }

                return Join(quoted);
            }

            private static string Join(List<string> items) =>
                items.Count == 1 ? items[0]
                : string.Join(", ", items.GetRange(0, items.Count - 1)) + " and " + items[items.Count - 1];
        }
    }
}
