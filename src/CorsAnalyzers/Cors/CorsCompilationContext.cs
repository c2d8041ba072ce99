using System;
using System.Collections.Generic;
using System.Threading;
using System.Collections.Immutable;
using CorsAnalyzers.Cors.Configuration;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// What the rules of <see cref="CorsAnalyzer"/> share in one compilation: the framework symbols (resolved once),
    /// the policy model (each policy site interpreted once for every rule that reads it), the compilation-wide
    /// policy registry (collected once), the index of CORS attributes on declarations (walked once), and the
    /// callbacks. Rules add their callbacks here; <see cref="RegisterWith"/> then registers one Roslyn action per kind
    /// of callback, which calls the rules' callbacks in turn. Callbacks for calls of given method names are routed by
    /// one name lookup per invocation, and header writes are read once for every rule that looks at them.
    /// <para>
    /// Why: Roslyn pays a fixed cost for every callback it makes (scheduling, timing, a context per call). With one
    /// analyzer per rule, an invocation was visited by up to nine analyzers; in a real build those visits of ordinary
    /// code, not the CORS analysis, were most of the cost (docs/performance.md).
    /// </para>
    /// </summary>
    internal sealed class CorsCompilationContext
    {
        // Callbacks indexed by kind. Arrays rather than dictionaries keyed by the enums: a dictionary over a value-type
        // key is generic code compiled anew, at tier 0, in every fresh compiler process (docs/performance.md). Lists of
        // delegates rather than multicast delegates (Delegate.Combine): the first combination of a delegate type makes
        // the runtime generate and JIT-compile a multicast invoke stub, in every fresh compiler process.
        private List<Action<OperationAnalysisContext>>?[] _operationActions = new List<Action<OperationAnalysisContext>>?[0];

        // Invocation callbacks that only want calls of methods with given names: one name lookup per invocation for all of
        // them, instead of one check per rule (most invocations in a project are of none of these names).
        private Dictionary<string, List<Action<OperationAnalysisContext>>>? _invocationActionsByName;

        private List<Action<CompilationAnalysisContext>>? _compilationEndActions;
        private List<Action<OperationAnalysisContext, PolicyAnalysisResult>>? _policyActions;
        private List<Action<OperationAnalysisContext, HeaderWrite>>? _headerWriteActions;
        private List<Action<OperationAnalysisContext, IOperation>>? _originPredicateActions;
        private List<Action<OperationAnalysisContext, AllowOriginWrite>>? _allowOriginWriteActions;
        private CorsPolicyRegistry? _registry;
        private ConfiguredOrigins? _configuredOrigins;
        private CorsDeclarationIndex? _declarations;
        private bool _pipelineResolved;
        private PipelineSymbols? _pipeline;
        private bool _wired;
        private bool _clientLibrariesResolved;
        private ClientLibrarySymbols? _clientLibraries;
        private List<Action<SymbolAnalysisContext>>? _namedTypeActions;

        private CorsCompilationContext(Compilation compilation, AnalyzerOptions? options, CorsSymbols? cors, HeaderSymbols headers, CancellationToken cancellationToken)
        {
            Compilation = compilation;
            Options = options;
            Cors = cors;
            Headers = headers;
            CancellationToken = cancellationToken;
        }

        public Compilation Compilation { get; }

        /// <summary>The analyzer options (additional files); null in tests that do not give them.</summary>
        public AnalyzerOptions? Options { get; }

        public CancellationToken CancellationToken { get; }

        /// <summary>ASP.NET Core's CORS types; null when the compilation does not reference ASP.NET Core CORS.</summary>
        public CorsSymbols? Cors { get; }

        /// <summary>The request and response header types (HttpClient, ASP.NET Core, HttpListener, WebClient).</summary>
        public HeaderSymbols Headers { get; }

        /// <summary>
        /// The application-builder types and pipeline methods; null without ASP.NET Core's IApplicationBuilder.
        /// Resolved on first use; read it in <see cref="CorsRule.Initialize"/> (single-threaded), not in callbacks.
        /// </summary>
        public PipelineSymbols? Pipeline
        {
            get
            {
                if (!_pipelineResolved)
                {
                    _pipeline = PipelineSymbols.TryCreate(Compilation);
                    _pipelineResolved = true;
                }

                return _pipeline;
            }
        }

        /// <summary>
        /// The HTTP client libraries the compilation references (RestSharp, Flurl.Http, Refit, Blazor WebAssembly's
        /// request options); null when it references none. Resolved on first use; read it in
        /// <see cref="CorsRule.Initialize"/> (single-threaded), not in callbacks.
        /// </summary>
        public ClientLibrarySymbols? ClientLibraries
        {
            get
            {
                if (!_clientLibrariesResolved)
                {
                    _clientLibraries = ClientLibrarySymbols.TryCreate(Compilation);
                    _clientLibrariesResolved = true;
                }

                return _clientLibraries;
            }
        }

        /// <summary>
        /// The context of a compilation worth analyzing, or null when it has neither ASP.NET Core CORS nor any HTTP
        /// header type: then nothing at all is registered (a project without CORS costs one symbol lookup per type).
        /// </summary>
        public static CorsCompilationContext? TryCreate(Compilation compilation, CancellationToken cancellationToken, AnalyzerOptions? options = null)
        {
            var cors = CorsSymbols.TryCreate(compilation);
            var headers = HeaderSymbols.Create(compilation);
            if (cors is null && !headers.HasRequestHeaderTypes && !headers.HasResponseHeaderTypes)
            {
                return null;
            }

            return new CorsCompilationContext(compilation, options, cors, headers, cancellationToken);
        }

        /// <summary>
        /// The compilation-wide registry of policy names, endpoints and pipeline calls (CORS008/011/013/014), created
        /// and registered on first request, so every rule that asks reads the same one. Read it at compilation end.
        /// </summary>
        public CorsPolicyRegistry GetRegistry(CorsSymbols cors)
        {
            if (_registry is null)
            {
                // Collecting registers callbacks: too late once wired.
                ThrowIfWired();
                _registry = CorsPolicyRegistry.Collect(this, cors);
            }

            return _registry;
        }

        /// <summary>
        /// The origins policies read from configuration (appsettings*.json), created on first request so every rule that
        /// asks shares one; call it in <see cref="CorsRule.Initialize"/>. The files are found by name now and read only at
        /// the end of the compilation, and only when some policy reads configuration.
        /// </summary>
        public ConfiguredOrigins GetConfiguredOrigins(CorsSymbols cors)
        {
            if (_configuredOrigins is null)
            {
                var files = Options is null ? ImmutableArray<AdditionalText>.Empty : AppSettings.Find(Options.AdditionalFiles);
                _configuredOrigins = new ConfiguredOrigins(this, files);
            }

            return _configuredOrigins;
        }

        /// <summary>
        /// The compilation's declarations with CORS metadata attributes and its custom policy providers, walked on the
        /// first read (not here) and shared by every rule that asks. Read it in callbacks, not in Initialize.
        /// </summary>
        public CorsDeclarationIndex GetDeclarationIndex(CorsSymbols cors)
        {
            if (_declarations is null)
            {
                _declarations = new CorsDeclarationIndex(Compilation, cors);
            }

            return _declarations;
        }

        public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
        {
            ThrowIfWired();
            foreach (var kind in kinds)
            {
                var index = (int)kind;
                if (index >= _operationActions.Length)
                {
                    Array.Resize(ref _operationActions, index + 1);
                }

                (_operationActions[index] ??= new List<Action<OperationAnalysisContext>>()).Add(action);
            }
        }

        /// <summary>
        /// Calls <paramref name="action"/> for the invocations of methods named one of <paramref name="methodNames"/>
        /// (ordinal), and for no other invocation.
        /// </summary>
        public void RegisterInvocationAction(Action<OperationAnalysisContext> action, params string[] methodNames)
        {
            ThrowIfWired();
            _invocationActionsByName ??= new Dictionary<string, List<Action<OperationAnalysisContext>>>(StringComparer.Ordinal);
            foreach (var name in methodNames)
            {
                if (!_invocationActionsByName.TryGetValue(name, out var actions))
                {
                    actions = new List<Action<OperationAnalysisContext>>();
                    _invocationActionsByName.Add(name, actions);
                }

                if (!actions.Contains(action))
                {
                    actions.Add(action);
                }
            }
        }

        /// <summary>Calls <paramref name="action"/> for every named type declared in the compilation.</summary>
        public void RegisterNamedTypeAction(Action<SymbolAnalysisContext> action)
        {
            ThrowIfWired();
            (_namedTypeActions ??= new List<Action<SymbolAnalysisContext>>()).Add(action);
        }

        public void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
        {
            ThrowIfWired();
            (_compilationEndActions ??= new List<Action<CompilationAnalysisContext>>()).Add(action);
        }

        /// <summary>
        /// Calls <paramref name="action"/> once per policy site (an Action&lt;CorsPolicyBuilder&gt;, a
        /// <c>new CorsPolicyBuilder(...)</c> or a <c>new CorsPolicy</c>) with the states the policy can end in. The site
        /// is interpreted once, whatever the number of rules that read it.
        /// </summary>
        public void RegisterPolicyAction(Action<OperationAnalysisContext, PolicyAnalysisResult> action)
        {
            ThrowIfWired();
            var cors = Cors ?? throw new InvalidOperationException("Policy actions need ASP.NET Core CORS; check CorsCompilationContext.Cors first.");
            if (_policyActions is null)
            {
                // Complete before the first callback: rules register in Initialize, callbacks run after RegisterWith.
                var policyActions = _policyActions = new List<Action<OperationAnalysisContext, PolicyAnalysisResult>>();
                RegisterOperationAction(
                    context =>
                    {
                        var site = PolicySite.TryCreate(context.Operation, cors);
                        if (site is not null)
                        {
                            var result = PolicyInterpreter.Analyze(site, cors, context.CancellationToken);
                            for (var i = 0; i < policyActions.Count; i++)
                            {
                                policyActions[i](context, result);
                            }
                        }
                    },
                    OperationKind.DelegateCreation,
                    OperationKind.ObjectCreation);
            }

            _policyActions.Add(action);
        }

        /// <summary>
        /// Calls <paramref name="action"/> once per write of a CORS response header (<see cref="HeaderWrite"/>, header names
        /// filtered by <see cref="HeaderNameFilter.CorsResponseHeader"/>; the side is not filtered): each candidate call
        /// or assignment is read once, whatever the number of rules that look at header writes.
        /// </summary>
        public void RegisterHeaderWriteAction(Action<OperationAnalysisContext, HeaderWrite> action)
        {
            ThrowIfWired();
            if (_headerWriteActions is null)
            {
                // Complete before the first callback: rules register in Initialize, callbacks run after RegisterWith.
                var headerWriteActions = _headerWriteActions = new List<Action<OperationAnalysisContext, HeaderWrite>>();
                var headers = Headers;
                Action<OperationAnalysisContext> analyze = context =>
                {
                    if (HeaderWrite.TryCreate(context.Operation, headers, HeaderNameFilter.CorsResponseHeader, context.CancellationToken, out var write))
                    {
                        for (var i = 0; i < headerWriteActions.Count; i++)
                        {
                            headerWriteActions[i](context, write);
                        }
                    }
                };

                RegisterInvocationAction(analyze, HeaderWrite.WriteMethodNames);

                // Indexer writes (headers["..."] = v) and typed properties (headers.AccessControlAllowOrigin = v); TryCreate
                // leaves at once for other assignment targets, as for other method names.
                RegisterOperationAction(analyze, OperationKind.SimpleAssignment);
            }

            _headerWriteActions.Add(action);
        }

        /// <summary>
        /// Calls <paramref name="action"/> once per hand-written <c>Access-Control-Allow-Origin</c> on a response that lets
        /// every origin in ("*", or the request's Origin unchecked), analyzed once for every rule that reads it
        /// (CORS006 with credentials, CORS009 without).
        /// </summary>
        public void RegisterAllowOriginWriteAction(Action<OperationAnalysisContext, AllowOriginWrite> action)
        {
            ThrowIfWired();
            if (_allowOriginWriteActions is null)
            {
                // Complete before the first callback: rules register in Initialize, callbacks run after RegisterWith.
                var actions = _allowOriginWriteActions = new List<Action<OperationAnalysisContext, AllowOriginWrite>>();
                var headers = Headers;
                RegisterHeaderWriteAction((context, write) =>
                {
                    if (write.Side == HeaderSide.Response
                        && write.Name == CorsHeaderNames.AccessControlAllowOrigin
                        && AllowOriginWrite.TryCreate(write, headers, context.CancellationToken) is { } finding)
                    {
                        for (var i = 0; i < actions.Count; i++)
                        {
                            actions[i](context, finding);
                        }
                    }
                });
            }

            _allowOriginWriteActions.Add(action);
        }

        /// <summary>
        /// Calls <paramref name="action"/> with every origin predicate given to a policy: the argument of
        /// <c>CorsPolicyBuilder.SetIsOriginAllowed(...)</c> and the value assigned to <c>CorsPolicy.IsOriginAllowed</c>
        /// (the delegate-valued operation; <see cref="OriginPredicate"/> finds its code). One route for every rule that
        /// reads predicates (CORS010, CORS015).
        /// </summary>
        public void RegisterOriginPredicateAction(Action<OperationAnalysisContext, IOperation> action)
        {
            ThrowIfWired();
            var cors = Cors ?? throw new InvalidOperationException("Origin predicate actions need ASP.NET Core CORS; check CorsCompilationContext.Cors first.");
            if (_originPredicateActions is null)
            {
                // Complete before the first callback: rules register in Initialize, callbacks run after RegisterWith.
                var actions = _originPredicateActions = new List<Action<OperationAnalysisContext, IOperation>>();
                RegisterInvocationAction(
                    context =>
                    {
                        var invocation = (IInvocationOperation)context.Operation;
                        if (cors.IsBuilderMethod(invocation.TargetMethod) && invocation.Arguments.Length == 1)
                        {
                            for (var i = 0; i < actions.Count; i++)
                            {
                                actions[i](context, invocation.Arguments[0].Value);
                            }
                        }
                    },
                    "SetIsOriginAllowed");

                if (cors.CorsPolicyIsOriginAllowed is { } isOriginAllowed)
                {
                    RegisterOperationAction(
                        context =>
                        {
                            var assignment = (ISimpleAssignmentOperation)context.Operation;
                            if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "IsOriginAllowed" } property }
                                && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, isOriginAllowed))
                            {
                                for (var i = 0; i < actions.Count; i++)
                                {
                                    actions[i](context, assignment.Value);
                                }
                            }
                        },
                        OperationKind.SimpleAssignment);
                }
            }

            _originPredicateActions.Add(action);
        }

        /// <summary>
        /// Registers with Roslyn one action per kind of callback the rules asked for (none when they asked for none).
        /// After this, the context refuses registrations: one made later (from a callback) would never be called.
        /// </summary>
        public void RegisterWith(CompilationStartAnalysisContext context)
        {
            if (_invocationActionsByName is not null)
            {
                var byName = new Dictionary<string, Action<OperationAnalysisContext>[]>(_invocationActionsByName.Count, StringComparer.Ordinal);
                foreach (var pair in _invocationActionsByName)
                {
                    byName.Add(pair.Key, pair.Value.ToArray());
                }

                RegisterOperationAction(new InvocationRouter(byName).Invoke, OperationKind.Invocation);
            }

            // The router above was the last registration: from here on a registration would never be called.
            ThrowIfWired();
            _wired = true;

            var kindCount = 0;
            var table = new Action<OperationAnalysisContext>[]?[_operationActions.Length];
            for (var i = 0; i < _operationActions.Length; i++)
            {
                if (_operationActions[i] is { } actions)
                {
                    table[i] = actions.ToArray();
                    kindCount++;
                }
            }

            if (kindCount > 0)
            {
                var kinds = new OperationKind[kindCount];
                kindCount = 0;
                for (var i = 0; i < table.Length; i++)
                {
                    if (table[i] is not null)
                    {
                        kinds[kindCount++] = (OperationKind)i;
                    }
                }

                context.RegisterOperationAction(new OperationDispatch(table).Invoke, kinds);
            }

            if (_namedTypeActions is not null)
            {
                var namedTypeActions = _namedTypeActions.ToArray();
                context.RegisterSymbolAction(
                    symbolContext =>
                    {
                        foreach (var action in namedTypeActions)
                        {
                            action(symbolContext);
                        }
                    },
                    SymbolKind.NamedType);
            }

            if (_compilationEndActions is null)
            {
                return;
            }

            var endActions = _compilationEndActions.ToArray();
            var registry = _registry;
            context.RegisterCompilationEndAction(endContext =>
            {
                // The registry reads the declarations' attributes once, before any rule reads the registry.
                registry?.Complete(endContext.CancellationToken);
                foreach (var action in endActions)
                {
                    action(endContext);
                }
            });
        }

        private void ThrowIfWired()
        {
            if (_wired)
            {
                throw new InvalidOperationException(
                    "CorsCompilationContext is already registered with Roslyn: rules register their callbacks in CorsRule.Initialize, not later.");
            }
        }

        /// <summary>Calls the callbacks registered for the invoked method's name (one dictionary lookup per invocation).</summary>
        private sealed class InvocationRouter
        {
            private readonly Dictionary<string, Action<OperationAnalysisContext>[]> _byName;

            public InvocationRouter(Dictionary<string, Action<OperationAnalysisContext>[]> byName)
            {
                _byName = byName;
            }

            public void Invoke(OperationAnalysisContext context)
            {
                if (_byName.TryGetValue(((IInvocationOperation)context.Operation).TargetMethod.Name, out var actions))
                {
                    foreach (var action in actions)
                    {
                        action(context);
                    }
                }
            }
        }

        /// <summary>Calls the rules' callbacks for one operation kind (one Roslyn callback for all of them).</summary>
        private sealed class OperationDispatch
        {
            private readonly Action<OperationAnalysisContext>[]?[] _table;

            public OperationDispatch(Action<OperationAnalysisContext>[]?[] table)
            {
                _table = table;
            }

            public void Invoke(OperationAnalysisContext context)
            {
                var kind = (int)context.Operation.Kind;
                if (kind < _table.Length && _table[kind] is { } actions)
                {
                    foreach (var action in actions)
                    {
                        action(context);
                    }
                }
            }
        }
    }
}
