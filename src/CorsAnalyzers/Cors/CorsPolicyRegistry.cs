using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>Where a CORS policy name is consumed.</summary>
    internal enum PolicyReferenceKind
    {
        /// <summary><c>app.UseCors("x")</c>.</summary>
        UseCors,

        /// <summary><c>[EnableCors("x")]</c> on a class, method, lambda or local function, or <c>new EnableCorsAttribute("x")</c>.</summary>
        EnableCors,

        /// <summary><c>endpoint.RequireCors("x")</c>.</summary>
        RequireCors,

        /// <summary>
        /// An MVC CORS filter: <c>new CorsAuthorizationFilterFactory("x")</c> (public before ASP.NET Core 3.0) or
        /// <c>new CorsAuthorizationFilter(...) { PolicyName = "x" }</c>.
        /// </summary>
        MvcFilter,
    }

    /// <summary>A policy defined with a constant name: <c>AddPolicy("x", ...)</c> or <c>AddDefaultPolicy(...)</c>.</summary>
    internal sealed class PolicyDefinition
    {
        public PolicyDefinition(string name, Location location, bool isAddDefaultPolicy)
        {
            Name = name;
            Location = location;
            IsAddDefaultPolicy = isAddDefaultPolicy;
        }

        public string Name { get; }

        /// <summary>The name argument (for AddDefaultPolicy: the method name).</summary>
        public Location Location { get; }

        public bool IsAddDefaultPolicy { get; }
    }

    /// <summary>A constant policy name consumed somewhere; <see cref="Name"/> null means the default policy.</summary>
    internal sealed class PolicyReference
    {
        public PolicyReference(string? name, Location location, PolicyReferenceKind kind)
        {
            Name = name;
            Location = location;
            Kind = kind;
        }

        public string? Name { get; }

        /// <summary>The name argument expression (or the call/attribute when the name is implicit).</summary>
        public Location Location { get; }

        public PolicyReferenceKind Kind { get; }
    }

    /// <summary>An <c>app.UseCors()</c> without arguments.</summary>
    internal sealed class UseCorsWithoutName
    {
        public UseCorsWithoutName(Location location)
        {
            Location = location;
        }

        /// <summary>The invocation <c>app.UseCors()</c>.</summary>
        public Location Location { get; }
    }

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

    /// <summary>
    /// Compilation-wide facts about CORS policy names, collected by operation actions and, at compilation end, from
    /// the declarations' attributes (<see cref="CorsDeclarationIndex"/>), and read in a compilation-end action (the
    /// ASP.NET Core StartupAnalyzer model). One instance per compilation start: create
    /// it with <see cref="Collect"/>, read it in the analyzer's own compilation-end action.
    /// <para>
    /// ASP.NET Core looks policies up by exact name (CorsOptions.PolicyMap uses StringComparer.Ordinal;
    /// DefaultCorsPolicyProvider maps a null name to CorsOptions.DefaultPolicyName).
    /// </para>
    /// </summary>
    internal sealed class CorsPolicyRegistry
    {
        /// <summary>Which pipeline method a call is (UseCors, UseRouting, Map*, ...); null without IApplicationBuilder.</summary>
        private readonly PipelineSymbols? _pipeline;

        /// <summary>[EnableCors] on classes and methods, custom policy providers: read at compilation end (<see cref="Complete"/>).</summary>
        private readonly CorsDeclarationIndex _declarations;

        // Lock-free: every call of MapGet/MapPost/... on an endpoint builder adds a pipeline call, from several threads.
        private readonly ConcurrentQueue<PolicyDefinition> _definitions = new ConcurrentQueue<PolicyDefinition>();
        private readonly ConcurrentQueue<PolicyReference> _references = new ConcurrentQueue<PolicyReference>();
        private readonly ConcurrentQueue<UseCorsWithoutName> _useCorsWithoutName = new ConcurrentQueue<UseCorsWithoutName>();
        private readonly ConcurrentQueue<PipelineCallSite> _pipelineCalls = new ConcurrentQueue<PipelineCallSite>();
        private readonly ConcurrentQueue<Location> _addCorsCalls = new ConcurrentQueue<Location>();

        // Per-compilation memos of the type tests made for every attribute, type and extension call.
        private readonly ImplementsCache _isEnableCors;
        private readonly ImplementsCache _isApplicationBuilder;
        private readonly ImplementsCache _isEndpointRouteBuilder;

        // Where the framework registers services: AddSingleton/AddScoped/AddTransient (keyed too), TryAdd*, ServiceDescriptor.Singleton/...
        private readonly INamedTypeSymbol? _serviceCollectionServiceExtensions;
        private readonly INamedTypeSymbol? _serviceCollectionDescriptorExtensions;
        private readonly INamedTypeSymbol? _serviceDescriptor;
        private HashSet<string>? _globalAliasNames;

        private int _hasComputedDefinition;
        private int _hasComputedReference;
        private int _hasCustomPolicyProvider;
        private int _hasOpaqueCorsConfiguration;
        private int _hasAddCorsWithConfigure;
        private int _defaultPolicyNameAssigned;
        private int _hasEndpointCorsMetadata;
        private int _hasDisableCorsMetadata;
        private int _hasEndpointPolicyOtherThanDefault;
        private int _hasCorsMiddleware;
        private int _hasMvcFilterCors;
        private int _hasOpaquePipelineHelper;

        private CorsPolicyRegistry(CorsSymbols symbols, PipelineSymbols? pipeline, CorsDeclarationIndex declarations)
        {
            Symbols = symbols;
            _pipeline = pipeline;
            _declarations = declarations;
            _isEnableCors = new ImplementsCache(symbols.IEnableCorsAttribute ?? symbols.EnableCorsAttribute);
            _isApplicationBuilder = new ImplementsCache(pipeline?.IApplicationBuilder);
            _isEndpointRouteBuilder = new ImplementsCache(pipeline?.IEndpointRouteBuilder);
            var compilation = symbols.Compilation;
            _serviceCollectionServiceExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
            _serviceCollectionDescriptorExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
            _serviceDescriptor = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceDescriptor");
        }

        public CorsSymbols Symbols { get; }

        /// <summary>Policies defined with a constant name, in source order.</summary>
        public ImmutableArray<PolicyDefinition> Definitions => Snapshot(_definitions, d => d.Location);

        /// <summary>Constant policy names consumed (null = default policy), in source order.</summary>
        public ImmutableArray<PolicyReference> References => Snapshot(_references, r => r.Location);

        public ImmutableArray<UseCorsWithoutName> UseCorsCallsWithoutName => Snapshot(_useCorsWithoutName, u => u.Location);

        public ImmutableArray<PipelineCallSite> PipelineCalls => Snapshot(_pipelineCalls, p => p.CallSyntax);

        /// <summary>The method names of every <c>AddCors</c> call, in source order.</summary>
        public ImmutableArray<Location> AddCorsCalls => Snapshot(_addCorsCalls, l => l);

        /// <summary>Some AddPolicy has a name that is not a compile-time constant.</summary>
        public bool HasComputedDefinition => Volatile.Read(ref _hasComputedDefinition) != 0;

        /// <summary>Some UseCors/EnableCors/RequireCors/filter takes a name that is not a compile-time constant.</summary>
        public bool HasComputedReference => Volatile.Read(ref _hasComputedReference) != 0;

        /// <summary>The compilation implements or registers its own ICorsPolicyProvider: names may come from anywhere.</summary>
        public bool HasCustomPolicyProvider => Volatile.Read(ref _hasCustomPolicyProvider) != 0;

        /// <summary>An AddCors configure delegate this analysis cannot see through (e.g. passes CorsOptions to a library).</summary>
        public bool HasOpaqueCorsConfiguration => Volatile.Read(ref _hasOpaqueCorsConfiguration) != 0;

        /// <summary>The compilation calls <c>AddCors(options =&gt; ...)</c>.</summary>
        public bool HasAddCorsWithConfigure => Volatile.Read(ref _hasAddCorsWithConfigure) != 0;

        /// <summary><c>CorsOptions.DefaultPolicyName</c> is assigned somewhere.</summary>
        public bool DefaultPolicyNameAssigned => Volatile.Read(ref _defaultPolicyNameAssigned) != 0;

        /// <summary>Some endpoint carries CORS metadata: [EnableCors] or RequireCors (any form).</summary>
        public bool HasEndpointCorsMetadata => Volatile.Read(ref _hasEndpointCorsMetadata) != 0;

        /// <summary>
        /// Some endpoint may carry any CORS metadata, [DisableCors] included (an attribute on a lambda or declaration,
        /// <c>new DisableCorsAttribute()</c> as metadata): without the CORS middleware such an endpoint throws.
        /// </summary>
        public bool HasAnyEndpointCorsMetadata => HasEndpointCorsMetadata || Volatile.Read(ref _hasDisableCorsMetadata) != 0;

        /// <summary>
        /// Some endpoint carries CORS metadata that UseCors() would honour without a default policy: a named
        /// [EnableCors]/RequireCors (constant or not) or an inline RequireCors(policy =&gt; ...).
        /// </summary>
        public bool HasEndpointPolicyOtherThanDefault => Volatile.Read(ref _hasEndpointPolicyOtherThanDefault) != 0;

        /// <summary>UseCors (any overload) or UseMiddleware&lt;CorsMiddleware&gt; is called.</summary>
        public bool HasCorsMiddleware => Volatile.Read(ref _hasCorsMiddleware) != 0;

        /// <summary>CORS may run as MVC filters without the middleware: UseMvc, EnableEndpointRouting set, a CORS filter created in code.</summary>
        public bool HasMvcFilterCors => Volatile.Read(ref _hasMvcFilterCors) != 0;

        /// <summary>The pipeline calls an extension method of another (non-Microsoft) assembly that may call UseCors itself.</summary>
        public bool HasOpaquePipelineHelper => Volatile.Read(ref _hasOpaquePipelineHelper) != 0;

        /// <summary>
        /// The compilation's policy names are fully visible: it calls AddCors with a configure delegate we can see
        /// through, defines every policy under a constant name, keeps the default policy's name and has no custom
        /// policy provider.
        /// </summary>
        public bool PolicyNamesAreKnown =>
            HasAddCorsWithConfigure && !HasOpaqueCorsConfiguration && !HasComputedDefinition && !HasCustomPolicyProvider
            && !DefaultPolicyNameAssigned;

        /// <summary>The compilation builds a request pipeline (UseRouting, Map*, UseEndpoints, Run, ...).</summary>
        public bool BuildsPipeline
        {
            get
            {
                return !_pipelineCalls.IsEmpty;
            }
        }

        /// <summary>
        /// Creates the registry of one compilation and registers the callbacks that fill it. Use
        /// <see cref="CorsCompilationContext.GetRegistry"/>, which creates one per compilation for every rule that reads it.
        /// </summary>
        public static CorsPolicyRegistry Collect(CorsCompilationContext context, CorsSymbols symbols)
        {
            var registry = new CorsPolicyRegistry(symbols, context.Pipeline, context.GetDeclarationIndex(symbols));
            context.RegisterOperationAction(registry.AnalyzeInvocation, OperationKind.Invocation);
            context.RegisterOperationAction(registry.AnalyzeObjectCreation, OperationKind.ObjectCreation);
            context.RegisterOperationAction(registry.AnalyzeTypeOf, OperationKind.TypeOf);
            // Property writes only (DefaultPolicyName, EnableEndpointRouting, PolicyName): far fewer than property reads.
            context.RegisterOperationAction(
                registry.AnalyzeAssignment,
                OperationKind.SimpleAssignment,
                OperationKind.CompoundAssignment,
                OperationKind.CoalesceAssignment);
            context.RegisterOperationAction(registry.AnalyzeFunction, OperationKind.AnonymousFunction, OperationKind.LocalFunction);
            return registry;
        }

        /// <summary>The names defined with constants (ordinal set; includes the default policy's name).</summary>
        public HashSet<string> GetDefinedNames()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var definition in Definitions)
            {
                names.Add(definition.Name);
            }

            return names;
        }

        /// <summary>A default policy exists (AddDefaultPolicy, AddPolicy under the default name) or may exist (DefaultPolicyName reassigned).</summary>
        public bool MayHaveDefaultPolicy()
        {
            if (DefaultPolicyNameAssigned)
            {
                return true;
            }

            foreach (var definition in Definitions)
            {
                if (definition.Name == CorsDefaults.DefaultPolicyName)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsCandidateInvocationName(string name)
        {
            switch (name)
            {
                case "AddPolicy":
                case "AddDefaultPolicy":
                case "AddCors":
                case "RequireCors":
                case "UseMiddleware":
                    return true;
                default:
                    return PipelineSymbols.IsCandidateName(name);
            }
        }

        private void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;

            if (method.IsGenericMethod)
            {
                CheckProviderTypeArguments(invocation);
            }

            if (!IsCandidateInvocationName(method.Name))
            {
                CheckOpaquePipelineHelper(invocation);
                return;
            }

            if (Symbols.IsCorsOptionsMethod(method, "AddPolicy"))
            {
                var nameArgument = GetArgument(invocation, 0);
                if (nameArgument is null)
                {
                    return;
                }

                if (TryGetConstantName(nameArgument, out var name) && name is not null)
                {
                    Add(_definitions, new PolicyDefinition(name, nameArgument.Syntax.GetLocation(), isAddDefaultPolicy: false));
                }
                else
                {
                    Set(ref _hasComputedDefinition);
                }

                return;
            }

            if (Symbols.IsCorsOptionsMethod(method, "AddDefaultPolicy"))
            {
                Add(_definitions, new PolicyDefinition(CorsDefaults.DefaultPolicyName, GetMethodNameLocation(invocation), isAddDefaultPolicy: true));
                return;
            }

            if (Symbols.IsAddCors(method))
            {
                Add(_addCorsCalls, GetMethodNameLocation(invocation));
                if (method.Parameters.Length == 2)
                {
                    var configure = GetArgument(invocation, 1);
                    Set(ref _hasAddCorsWithConfigure);
                    if (configure is null || !IsTransparentConfigure(configure))
                    {
                        Set(ref _hasOpaqueCorsConfiguration);
                    }
                }

                return;
            }

            var call = _pipeline?.Classify(method) ?? PipelineCall.None;
            if (call == PipelineCall.UseCors)
            {
                Set(ref _hasCorsMiddleware);
                var argument = GetArgument(invocation, 1);
                if (argument is null)
                {
                    if (method.Parameters.Length == 1)
                    {
                        Add(_useCorsWithoutName, new UseCorsWithoutName(invocation.Syntax.GetLocation()));
                    }

                    return;
                }

                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    AddReference(argument, PolicyReferenceKind.UseCors, isEndpointMetadata: false);
                }

                return;
            }

            if (Symbols.IsRequireCors(method))
            {
                Set(ref _hasEndpointCorsMetadata);
                var argument = GetArgument(invocation, 1);
                if (argument is null)
                {
                    Add(_references, new PolicyReference(null, invocation.Syntax.GetLocation(), PolicyReferenceKind.RequireCors));
                }
                else if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    AddReference(argument, PolicyReferenceKind.RequireCors, isEndpointMetadata: true);
                }
                else
                {
                    // RequireCors(policy => ...): an inline policy, honoured by UseCors().
                    Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                return;
            }

            if (method.Name == "UseMiddleware")
            {
                if (method.TypeArguments.Length == 1
                    && Symbols.CorsMiddleware is not null
                    && SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], Symbols.CorsMiddleware))
                {
                    Set(ref _hasCorsMiddleware);
                }

                return;
            }

            PipelineCallKind kind;
            switch (call)
            {
                case PipelineCall.UseMvc:
                    Set(ref _hasMvcFilterCors);
                    return;
                case PipelineCall.UseRouting:
                    kind = PipelineCallKind.Routing;
                    break;
                case PipelineCall.UseAuthentication:
                case PipelineCall.UseAuthorization:
                    kind = PipelineCallKind.Authentication;
                    break;
                case PipelineCall.MapEndpoints:
                case PipelineCall.UseEndpoints:
                case PipelineCall.Run:
                    kind = PipelineCallKind.Endpoints;
                    break;
                case PipelineCall.None:
                    CheckOpaquePipelineHelper(invocation);
                    return;
                default:
                    // UseResponseCaching is no anchor for UseCors here; the generic host's Run/RunAsync
                    // (Microsoft.Extensions.Hosting) is not counted as building the pipeline.
                    return;
            }

            var receiver = PipelineSymbols.GetReceiver(invocation);
            if (receiver is null
                || !(_isApplicationBuilder.Check(receiver.Type) || _isEndpointRouteBuilder.Check(receiver.Type)))
            {
                return;
            }

            var statement = FindApplicationStatement(invocation, out var root);
            Add(_pipelineCalls, new PipelineCallSite(
                kind,
                invocation.Syntax,
                statement?.Syntax,
                root?.Syntax,
                statement is not null && statement.Operation == invocation));
        }

        private void AnalyzeObjectCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type;
            if (type is null || creation.Syntax is AttributeSyntax)
            {
                // Attributes are read from the symbols (newer compilers also report them as operations).
                return;
            }

            if (Symbols.DisableCorsAttribute is not null && SymbolEqualityComparer.Default.Equals(type, Symbols.DisableCorsAttribute))
            {
                Set(ref _hasDisableCorsMetadata);
                return;
            }

            if (Symbols.CorsAuthorizationFilterFactory is not null
                && SymbolEqualityComparer.Default.Equals(type, Symbols.CorsAuthorizationFilterFactory))
            {
                Set(ref _hasMvcFilterCors);
                var argument = creation.Arguments.Length > 0 ? creation.Arguments[0] : null;
                if (argument is not null)
                {
                    AddReference(argument, PolicyReferenceKind.MvcFilter, isEndpointMetadata: false);
                }

                return;
            }

            if (Symbols.EnableCorsAttribute is not null
                && SymbolEqualityComparer.Default.Equals(type, Symbols.EnableCorsAttribute))
            {
                // new EnableCorsAttribute("x") as endpoint metadata (WithMetadata).
                Set(ref _hasEndpointCorsMetadata);
                // new EnableCorsAttribute { PolicyName = ... } is seen as an assignment (AnalyzePropertyReference).
                var argument = creation.Arguments.Length > 0 ? creation.Arguments[0] : null;
                if (argument is null)
                {
                    Add(_references, new PolicyReference(null, creation.Syntax.GetLocation(), PolicyReferenceKind.EnableCors));
                }
                else
                {
                    AddReference(argument, PolicyReferenceKind.EnableCors, isEndpointMetadata: true);
                }
            }
        }

        private void AnalyzeTypeOf(OperationAnalysisContext context)
        {
            var typeOf = (ITypeOfOperation)context.Operation;
            if (Symbols.ICorsPolicyProvider is not null
                && SymbolEqualityComparer.Default.Equals(typeOf.TypeOperand, Symbols.ICorsPolicyProvider))
            {
                Set(ref _hasCustomPolicyProvider);
            }
        }

        private void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (!(assignment.Target is IPropertyReferenceOperation reference))
            {
                return;
            }

            var property = reference.Property;
            if (property.Name != "DefaultPolicyName" && property.Name != "EnableEndpointRouting" && property.Name != "PolicyName")
            {
                return;
            }

            var containingType = property.ContainingType;
            if (property.Name == "DefaultPolicyName" && SymbolEqualityComparer.Default.Equals(containingType, Symbols.CorsOptions))
            {
                Set(ref _defaultPolicyNameAssigned);
            }
            else if (property.Name == "EnableEndpointRouting" && SymbolEqualityComparer.Default.Equals(containingType, Symbols.MvcOptions))
            {
                Set(ref _hasMvcFilterCors);
            }
            else if (property.Name == "PolicyName")
            {
                var isFilter = Symbols.CorsAuthorizationFilter is not null
                    && SymbolEqualityComparer.Default.Equals(containingType, Symbols.CorsAuthorizationFilter);
                var isEnableCors = !isFilter && Symbols.IEnableCorsAttribute is not null && _isEnableCors.Check(containingType);
                if (!isFilter && !isEnableCors)
                {
                    return;
                }

                // [EnableCors(PolicyName = "x")] is read from the attribute data (newer compilers also report it as an operation).
                for (var node = reference.Syntax; node is not null; node = node.Parent)
                {
                    if (node is AttributeSyntax)
                    {
                        return;
                    }
                }

                if (isFilter)
                {
                    Set(ref _hasMvcFilterCors);
                }

                // new EnableCorsAttribute { PolicyName = "x" }, new CorsAuthorizationFilter(...) { PolicyName = "x" }, attribute.PolicyName = x.
                AddReference(assignment.Value, isFilter ? PolicyReferenceKind.MvcFilter : PolicyReferenceKind.EnableCors, isEndpointMetadata: isEnableCors);
            }
        }

        private void AnalyzeFunction(OperationAnalysisContext context)
        {
            // Only a function written with attribute lists can carry [EnableCors] (cheap syntax check before the symbol's attributes).
            switch (context.Operation.Syntax)
            {
                case LambdaExpressionSyntax lambdaSyntax when lambdaSyntax.AttributeLists.Count > 0:
                case LocalFunctionStatementSyntax localFunctionSyntax when localFunctionSyntax.AttributeLists.Count > 0:
                    break;
                case LambdaExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case AnonymousMethodExpressionSyntax:
                    return;
            }

            IMethodSymbol? symbol = context.Operation switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation localFunction => localFunction.Symbol,
                _ => null,
            };

            if (symbol is not null)
            {
                AnalyzeAttributes(symbol, context.CancellationToken);
            }
        }

        /// <summary>
        /// Adds what the compilation's declarations say (their [EnableCors] attributes, a custom ICorsPolicyProvider
        /// class), read once by <see cref="CorsDeclarationIndex"/>. Called once, at compilation end, before the rules
        /// read the registry (<see cref="CorsCompilationContext.RegisterWith"/>).
        /// </summary>
        public void Complete(CancellationToken cancellationToken)
        {
            if (_declarations.HasCustomPolicyProvider(cancellationToken))
            {
                Set(ref _hasCustomPolicyProvider);
            }

            foreach (var symbol in _declarations.GetMetadataCarriers(cancellationToken))
            {
                AnalyzeAttributes(symbol, cancellationToken);
            }
        }

        private void AnalyzeAttributes(ISymbol symbol, CancellationToken cancellationToken)
        {
            if (_declarations.HasMetadataAttribute(symbol))
            {
                Set(ref _hasDisableCorsMetadata);
            }

            var enableCors = Symbols.IEnableCorsAttribute ?? Symbols.EnableCorsAttribute;
            if (enableCors is null)
            {
                return;
            }

            var attributes = symbol.GetAttributes();
            if (attributes.IsEmpty)
            {
                return;
            }

            foreach (var attribute in attributes)
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass is null
                    || (!SymbolEqualityComparer.Default.Equals(attributeClass, Symbols.EnableCorsAttribute)
                        && !_isEnableCors.Check(attributeClass)))
                {
                    continue;
                }

                Set(ref _hasEndpointCorsMetadata);
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                if (syntax is null)
                {
                    continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(attributeClass, Symbols.EnableCorsAttribute))
                {
                    // A custom IEnableCorsAttribute: its PolicyName is computed by its own code.
                    Set(ref _hasComputedReference);
                    Set(ref _hasEndpointPolicyOtherThanDefault);
                    continue;
                }

                if (attribute.ConstructorArguments.Length > 1)
                {
                    continue;
                }

                // The name: the PolicyName named argument wins over the constructor argument.
                ExpressionSyntax? nameSyntax = null;
                TypedConstant? name = null;
                if (attribute.ConstructorArguments.Length == 1)
                {
                    name = attribute.ConstructorArguments[0];
                    nameSyntax = FindAttributeArgument(syntax, named: false);
                }

                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "PolicyName")
                    {
                        name = named.Value;
                        nameSyntax = FindAttributeArgument(syntax, named: true);
                    }
                }

                if (name is { } constant && constant.Kind == TypedConstantKind.Error)
                {
                    continue;
                }

                var value = name?.Value as string;
                if (value is not null)
                {
                    Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                Add(_references, new PolicyReference(
                    value,
                    (nameSyntax ?? (SyntaxNode)syntax).GetLocation(),
                    PolicyReferenceKind.EnableCors));
            }
        }

        private static ExpressionSyntax? FindAttributeArgument(AttributeSyntax attribute, bool named)
        {
            if (attribute.ArgumentList is null)
            {
                return null;
            }

            foreach (var argument in attribute.ArgumentList.Arguments)
            {
                var isNamed = argument.NameEquals is not null;
                if (isNamed == named)
                {
                    if (named && argument.NameEquals!.Name.Identifier.ValueText != "PolicyName")
                    {
                        continue;
                    }

                    return argument.Expression;
                }
            }

            return null;
        }

        private void AddReference(IArgumentOperation argument, PolicyReferenceKind kind, bool isEndpointMetadata) =>
            AddReference(argument.Value, kind, isEndpointMetadata);

        private void AddReference(IOperation value, PolicyReferenceKind kind, bool isEndpointMetadata)
        {
            if (TryGetConstantName(value, out var name))
            {
                if (isEndpointMetadata && name is not null)
                {
                    Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                Add(_references, new PolicyReference(name, value.Syntax.GetLocation(), kind));
            }
            else
            {
                Set(ref _hasComputedReference);
                if (isEndpointMetadata)
                {
                    Set(ref _hasEndpointPolicyOtherThanDefault);
                }
            }
        }

        /// <summary>A compile-time constant name (string literal, const, nameof, null); false when computed.</summary>
        private static bool TryGetConstantName(IArgumentOperation argument, out string? name) =>
            TryGetConstantName(argument.Value, out name);

        private static bool TryGetConstantName(IOperation value, out string? name)
        {
            while (value is IConversionOperation conversion && conversion.IsImplicit)
            {
                value = conversion.Operand;
            }

            var constant = value.ConstantValue;
            if (constant.HasValue && (constant.Value is null || constant.Value is string))
            {
                name = constant.Value as string;
                return true;
            }

            name = null;
            return false;
        }

        /// <summary>
        /// An AddCors configure delegate is transparent when it is a lambda or a method of this compilation, and
        /// does not hand the CorsOptions to a method of another assembly (which could add policies we cannot see).
        /// </summary>
        private bool IsTransparentConfigure(IArgumentOperation argument)
        {
            var value = argument.Value;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            if (!(value is IDelegateCreationOperation creation))
            {
                return false;
            }

            if (creation.Target is IMethodReferenceOperation methodReference)
            {
                return IsInSource(methodReference.Method);
            }

            if (!(creation.Target is IAnonymousFunctionOperation lambda) || lambda.Symbol.Parameters.Length != 1)
            {
                return false;
            }

            var options = lambda.Symbol.Parameters[0];
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IInvocationOperation call
                    && !IsInSource(call.TargetMethod)
                    && !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, Symbols.CorsOptions)
                    && PassesParameter(call, options))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool PassesParameter(IInvocationOperation call, IParameterSymbol parameter)
        {
            foreach (var argument in call.Arguments)
            {
                if (IsParameterReference(argument.Value, parameter))
                {
                    return true;
                }
            }

            return call.Instance is not null && IsParameterReference(call.Instance, parameter);
        }

        private static bool IsParameterReference(IOperation operation, IParameterSymbol parameter)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation is IParameterReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter);
        }

        private static bool IsInSource(IMethodSymbol method)
        {
            var original = method.ReducedFrom ?? method.OriginalDefinition;
            foreach (var location in original.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A generic call that registers a policy provider: <c>AddSingleton&lt;ICorsPolicyProvider, T&gt;()</c>, or
        /// <c>AddSingleton(provider)</c> with an argument typed <c>ICorsPolicyProvider</c>.
        /// </summary>
        private void CheckProviderTypeArguments(IInvocationOperation invocation)
        {
            var provider = Symbols.ICorsPolicyProvider;
            if (provider is null || !MayRegisterService(invocation.TargetMethod))
            {
                return;
            }

            var syntax = invocation.Syntax as InvocationExpressionSyntax;
            var written = GetWrittenTypeArguments(syntax);
            if (syntax is not null && written is null)
            {
                // Inferred type arguments come from the arguments (LINQ, GetRequiredService, ... are most generic
                // calls): compare their types instead of reading TypeArguments, which builds a new array on every read.
                foreach (var argument in invocation.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(argument.Value.Type, provider))
                    {
                        Set(ref _hasCustomPolicyProvider);
                        return;
                    }
                }

                return;
            }

            if (written is not null && !MayNameType(written, provider.Name))
            {
                // AddSingleton<IClock, Clock>(): no written type argument can bind to the provider interface.
                return;
            }

            foreach (var typeArgument in invocation.TargetMethod.TypeArguments)
            {
                if (SymbolEqualityComparer.Default.Equals(typeArgument, provider))
                {
                    Set(ref _hasCustomPolicyProvider);
                    return;
                }
            }
        }

        /// <summary>
        /// Whether one of the written type arguments may bind to a type named <paramref name="typeName"/>: it spells
        /// that name (qualified or not, nullable or not) or a using alias in scope at the call.
        /// A syntax check before reading TypeArguments: an application registers hundreds of services this way.
        /// </summary>
        private bool MayNameType(TypeArgumentListSyntax typeArguments, string typeName)
        {
            foreach (var typeArgument in typeArguments.Arguments)
            {
                var name = GetRightmostName(typeArgument);
                if (name is not null && (name == typeName || IsAliasInScope(typeArguments, name)))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? GetRightmostName(TypeSyntax type)
        {
            while (true)
            {
                switch (type)
                {
                    case NullableTypeSyntax nullable:
                        type = nullable.ElementType;
                        continue;
                    case QualifiedNameSyntax qualified:
                        return qualified.Right.Identifier.ValueText;
                    case AliasQualifiedNameSyntax aliasQualified:
                        return aliasQualified.Name.Identifier.ValueText;
                    case SimpleNameSyntax simple:
                        return simple.Identifier.ValueText;
                    default:
                        return null;
                }
            }
        }

        /// <summary>
        /// A using alias named <paramref name="name"/> is visible at <paramref name="node"/>: declared in an enclosing
        /// namespace or at the top of its file, or by a global using in any file. Only the call's own ancestors and the
        /// global usings are read, not every file's declarations.
        /// </summary>
        private bool IsAliasInScope(SyntaxNode node, string name)
        {
            for (var current = node.Parent; current is not null; current = current.Parent)
            {
                switch ((SyntaxKind)current.RawKind)
                {
                    case SyntaxKind.NamespaceDeclaration:
                    case SyntaxKind.FileScopedNamespaceDeclaration:
                        if (DeclaresAlias(((BaseNamespaceDeclarationSyntax)current).Usings, name))
                        {
                            return true;
                        }

                        break;
                    case SyntaxKind.CompilationUnit:
                        if (DeclaresAlias(((CompilationUnitSyntax)current).Usings, name))
                        {
                            return true;
                        }

                        break;
                }
            }

            return GetGlobalAliasNames().Contains(name);
        }

        private static bool DeclaresAlias(SyntaxList<UsingDirectiveSyntax> usings, string name)
        {
            foreach (var directive in usings)
            {
                if (directive.Alias is { } alias && alias.Name.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The names of the compilation's global using aliases (<c>global using X = ...;</c>), read once.</summary>
        private HashSet<string> GetGlobalAliasNames()
        {
            var names = Volatile.Read(ref _globalAliasNames);
            if (names is not null)
            {
                return names;
            }

            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var tree in Symbols.Compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is not CompilationUnitSyntax root)
                {
                    continue;
                }

                // Global usings come first in a file (CS8915 otherwise): stop at the first one that is not.
                foreach (var directive in root.Usings)
                {
                    if (!directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
                    {
                        break;
                    }

                    if (directive.Alias is { } alias)
                    {
                        names.Add(alias.Name.Identifier.ValueText);
                    }
                }
            }

            return Interlocked.CompareExchange(ref _globalAliasNames, names, null) ?? names;
        }

        /// <summary>
        /// In the framework, only DI's registration methods register a service; a method of the application or of
        /// another library may wrap one. Checked before the type arguments: most generic calls are the framework's
        /// (GetRequiredService&lt;T&gt;, ReadFromJsonAsync&lt;T&gt;, ...), and reading TypeArguments builds a new array.
        /// </summary>
        private bool MayRegisterService(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (SymbolEqualityComparer.Default.Equals(type, _serviceCollectionServiceExtensions)
                || SymbolEqualityComparer.Default.Equals(type, _serviceCollectionDescriptorExtensions)
                || SymbolEqualityComparer.Default.Equals(type, _serviceDescriptor))
            {
                return true;
            }

            var assembly = method.ContainingAssembly;
            return !IsFrameworkAssembly(assembly) || SymbolEqualityComparer.Default.Equals(assembly, Symbols.Compilation.Assembly);
        }

        /// <summary>A Microsoft.* or System.* assembly: the BCL, ASP.NET Core, Microsoft.Extensions.*.</summary>
        private static bool IsFrameworkAssembly(IAssemblySymbol? assembly)
        {
            var name = assembly?.Name;
            return name is not null
                && (name.StartsWith("Microsoft.", StringComparison.Ordinal) || name.StartsWith("System.", StringComparison.Ordinal));
        }

        /// <summary>The type arguments written in <c>M&lt;T&gt;(...)</c>, <c>x.M&lt;T&gt;(...)</c> or <c>x?.M&lt;T&gt;(...)</c>; null when inferred.</summary>
        private static TypeArgumentListSyntax? GetWrittenTypeArguments(InvocationExpressionSyntax? invocation)
        {
            var name = invocation?.Expression switch
            {
                GenericNameSyntax generic => generic,
                MemberAccessExpressionSyntax memberAccess => memberAccess.Name as GenericNameSyntax,
                MemberBindingExpressionSyntax memberBinding => memberBinding.Name as GenericNameSyntax,
                _ => null,
            };
            return name?.TypeArgumentList;
        }

        /// <summary>
        /// An extension method on the application builder from another assembly that is neither ASP.NET Core nor
        /// the BCL (a company's <c>app.UseDefaults()</c>) may call UseCors where we cannot see it.
        /// </summary>
        private void CheckOpaquePipelineHelper(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            // The arguments, not method.Parameters (which builds a new array on every read).
            if (!method.IsExtensionMethod || invocation.Arguments.IsEmpty)
            {
                return;
            }

            var assembly = method.ContainingAssembly;
            if (assembly is null || IsFrameworkAssembly(assembly) || IsInSource(method))
            {
                return;
            }

            var receiver = PipelineSymbols.GetReceiver(invocation);
            if (receiver is not null && _isApplicationBuilder.Check(receiver.Type))
            {
                Set(ref _hasOpaquePipelineHelper);
            }
        }

        /// <summary>
        /// The expression statement, among the call's ancestors, whose call chain starts from an application
        /// builder variable (<c>app.UseRouting();</c>; for a Map* inside <c>app.UseEndpoints(e =&gt; ...)</c> the
        /// UseEndpoints statement), when it sits in a block or at top level.
        /// </summary>
        private IExpressionStatementOperation? FindApplicationStatement(IInvocationOperation invocation, out IOperation? root)
        {
            for (IOperation? current = invocation; current is not null; current = current.Parent)
            {
                if (current is IExpressionStatementOperation statement
                    && statement.Syntax is ExpressionStatementSyntax statementSyntax
                    && (statementSyntax.Parent is BlockSyntax || statementSyntax.Parent is GlobalStatementSyntax))
                {
                    var start = GetChainRoot(statement.Operation);
                    if (start is not null && _isApplicationBuilder.Check(start.Type))
                    {
                        root = start;
                        return statement;
                    }
                }
            }

            root = null;
            return null;
        }

        private static IOperation? GetChainRoot(IOperation operation)
        {
            var current = operation;
            while (current is IInvocationOperation call)
            {
                var next = PipelineSymbols.GetReceiver(call);
                if (next is null)
                {
                    return null;
                }

                current = next;
            }

            switch (current.Kind)
            {
                case OperationKind.LocalReference:
                case OperationKind.ParameterReference:
                case OperationKind.FieldReference:
                case OperationKind.PropertyReference:
                    return current;
                default:
                    return null;
            }
        }

        private static IArgumentOperation? GetArgument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    // An optional parameter left out is not a name given by the user.
                    return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument;
                }
            }

            return null;
        }

        /// <summary>The method name of <c>x.Name(...)</c> or <c>Name(...)</c>; the whole call otherwise.</summary>
        private static Location GetMethodNameLocation(IInvocationOperation invocation)
        {
            if (invocation.Syntax is InvocationExpressionSyntax syntax)
            {
                switch (syntax.Expression)
                {
                    case MemberAccessExpressionSyntax memberAccess:
                        return memberAccess.Name.GetLocation();
                    case MemberBindingExpressionSyntax memberBinding:
                        return memberBinding.Name.GetLocation();
                    case SimpleNameSyntax name:
                        return name.GetLocation();
                }
            }

            return invocation.Syntax.GetLocation();
        }

        private static void Add<T>(ConcurrentQueue<T> queue, T item) => queue.Enqueue(item);

        private static void Set(ref int flag)
        {
            // Read first: most calls find the flag already set, and a write would bounce the cache line between cores.
            if (Volatile.Read(ref flag) == 0)
            {
                Interlocked.Exchange(ref flag, 1);
            }
        }

        // Actions run concurrently: items are sorted by file and position so that decisions and reports are deterministic.
        private static ImmutableArray<T> Snapshot<T>(ConcurrentQueue<T> queue, Func<T, Location> location) =>
            Sorted(queue, (x, y) => CompareLocations(location(x), location(y)));

        /// <summary>Like the other overload, from syntax, for items that keep no location (see <see cref="PipelineCallSite"/>).</summary>
        private static ImmutableArray<T> Snapshot<T>(ConcurrentQueue<T> queue, Func<T, SyntaxNode> syntax) =>
            Sorted(queue, (x, y) =>
            {
                SyntaxNode a = syntax(x), b = syntax(y);
                return ComparePositions(a.SyntaxTree.FilePath, a.SpanStart, b.SyntaxTree.FilePath, b.SpanStart);
            });

        private static ImmutableArray<T> Sorted<T>(ConcurrentQueue<T> queue, Comparison<T> comparison)
        {
            var items = queue.ToArray();
            Array.Sort(items, comparison);
            return ImmutableArray.Create(items);
        }

        public static int CompareLocations(Location x, Location y) =>
            ComparePositions(x.SourceTree?.FilePath, x.SourceSpan.Start, y.SourceTree?.FilePath, y.SourceSpan.Start);

        private static int ComparePositions(string? pathX, int startX, string? pathY, int startY)
        {
            var byPath = string.CompareOrdinal(pathX, pathY);
            return byPath != 0 ? byPath : startX.CompareTo(startY);
        }
    }
}
