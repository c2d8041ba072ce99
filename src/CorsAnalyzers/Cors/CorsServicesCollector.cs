using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// How the compilation registers and configures the CORS services: its <c>AddCors</c> calls, the other calls that
    /// register the CORS services (read from ASP.NET Core's source: <c>AddControllers</c>,
    /// <c>AddControllersWithViews</c> and <c>AddMvc</c> call <c>AddMvcCore().AddCors()</c>; <c>AddRazorPages</c> and
    /// <c>AddSignalR</c> do not), whether every CorsOptions configuration can be seen through, whether the services
    /// could come from code we cannot see (a library's helper that can use CORS, a custom ICorsService, a Startup class
    /// of another assembly), and whether it brings its own <c>ICorsPolicyProvider</c>. Part of
    /// <see cref="CorsPolicyRegistry"/>, which routes the operations here; read at compilation end, after
    /// <see cref="Complete"/>.
    /// </summary>
    internal sealed class CorsServicesCollector
    {
        /// <summary>The service types whose registration matters (by name, before any symbol is read).</summary>
        private static readonly string[] InterestingServiceNames = { "ICorsPolicyProvider", "ICorsService", "IConfigureOptions", "IPostConfigureOptions" };

        private readonly CorsSymbols _symbols;
        private readonly ConcurrentQueue<Location> _addCorsCalls = new ConcurrentQueue<Location>();

        // Where the framework registers services: AddSingleton/AddScoped/AddTransient (keyed too), TryAdd*, ServiceDescriptor.Singleton/...
        private readonly INamedTypeSymbol? _serviceCollectionServiceExtensions;
        private readonly INamedTypeSymbol? _serviceCollectionDescriptorExtensions;
        private readonly INamedTypeSymbol? _serviceDescriptor;

        private readonly INamedTypeSymbol? _mvcServiceCollectionExtensions;
        private readonly INamedTypeSymbol? _mvcCorsMvcCoreBuilderExtensions;
        private readonly INamedTypeSymbol? _corsService;
        private readonly INamedTypeSymbol? _webApplicationBuilder;
        private readonly ImplementsCache _isServiceCollection;
        private readonly INamedTypeSymbol? _mvcBuilder;
        private readonly INamedTypeSymbol? _mvcCoreBuilder;
        private readonly ImplementsCache _isHostApplicationBuilder;
        private readonly ReferencedCode _referencedCode;

        // `var app = builder.Build();` on a WebApplicationBuilder: where CORS services registrations end (CORS017's fix).
        private readonly ConcurrentQueue<ServiceRegistrationEnd> _applicationBuilds = new ConcurrentQueue<ServiceRegistrationEnd>();
        private readonly WrittenTypeArguments _writtenTypeArguments;

        private int _hasCustomPolicyProvider;
        private int _hasOpaqueCorsConfiguration;
        private int _hasAddCorsWithConfigure;
        private int _registersCorsServices;
        private int _mayRegisterCorsServicesUnseen;
        private int _createsHost;

        public CorsServicesCollector(CorsSymbols symbols, ReferencedCode referencedCode)
        {
            _symbols = symbols;
            _referencedCode = referencedCode;
            var compilation = symbols.Compilation;
            _writtenTypeArguments = new WrittenTypeArguments(compilation);
            _mvcServiceCollectionExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.MvcServiceCollectionExtensions");
            _mvcCorsMvcCoreBuilderExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.MvcCorsMvcCoreBuilderExtensions");
            _corsService = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.ICorsService");
            _webApplicationBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.WebApplicationBuilder");
            _isServiceCollection = new ImplementsCache(KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.IServiceCollection"));
            _mvcBuilder = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.IMvcBuilder");
            _mvcCoreBuilder = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.IMvcCoreBuilder");
            _isHostApplicationBuilder = new ImplementsCache(KnownTypes.Get(compilation, "Microsoft.Extensions.Hosting.IHostApplicationBuilder") ?? _webApplicationBuilder);
            _serviceCollectionServiceExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions");
            _serviceCollectionDescriptorExtensions = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions");
            _serviceDescriptor = KnownTypes.Get(compilation, "Microsoft.Extensions.DependencyInjection.ServiceDescriptor");
        }

        /// <summary>The method names of every <c>AddCors</c> call, in source order.</summary>
        public ImmutableArray<Location> AddCorsCalls => SourceOrder.Snapshot(_addCorsCalls, l => l);

        /// <summary>The compilation implements or registers its own ICorsPolicyProvider: names may come from anywhere.</summary>
        public bool HasCustomPolicyProvider => AtomicFlag.IsSet(ref _hasCustomPolicyProvider);

        /// <summary>An AddCors configure delegate this analysis cannot see through (e.g. passes CorsOptions to a library).</summary>
        public bool HasOpaqueCorsConfiguration => AtomicFlag.IsSet(ref _hasOpaqueCorsConfiguration);

        /// <summary>The compilation calls <c>AddCors(options =&gt; ...)</c>.</summary>
        public bool HasAddCorsWithConfigure => AtomicFlag.IsSet(ref _hasAddCorsWithConfigure);

        /// <summary>
        /// The compilation registers the CORS services: <c>services.AddCors(...)</c>, <c>AddMvcCore().AddCors(...)</c>,
        /// <c>AddControllers</c>, <c>AddControllersWithViews</c> or <c>AddMvc</c>.
        /// </summary>
        public bool RegistersCorsServices => AtomicFlag.IsSet(ref _registersCorsServices);

        /// <summary>
        /// The CORS services (and CORS policies) could be registered where we cannot see: a library's helper on the
        /// services that can use CORS (<see cref="ReferencedCode.MayUseCors"/>), a custom <c>ICorsService</c>, a Startup
        /// class whose ConfigureServices is not in this compilation.
        /// </summary>
        public bool MayRegisterCorsServicesUnseen => AtomicFlag.IsSet(ref _mayRegisterCorsServicesUnseen);

        /// <summary>The compilation creates the application's host (WebApplication.CreateBuilder, Host.CreateDefaultBuilder, ...): it is the app.</summary>
        public bool CreatesHost => AtomicFlag.IsSet(ref _createsHost);

        /// <summary>The statements that build a WebApplication from a builder variable (<c>var app = builder.Build();</c>), in source order.</summary>
        public ImmutableArray<ServiceRegistrationEnd> ApplicationBuilds => SourceOrder.Snapshot(_applicationBuilds, b => b.Statement);

        /// <summary>Whether the registry routes calls of this name here (<see cref="AnalyzeInvocation"/>).</summary>
        public static bool IsCandidateName(string name)
        {
            switch (name)
            {
                case "AddCors":
                case "ConfigureCors":
                case "AddControllers":
                case "AddControllersWithViews":
                case "AddMvc":
                case "Build":
                case "CreateBuilder":
                case "CreateSlimBuilder":
                case "CreateEmptyBuilder":
                case "CreateDefaultBuilder":
                case "CreateApplicationBuilder":
                case "CreateEmptyApplicationBuilder":
                case "UseStartup":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A call that registers or configures CORS services, creates the host or ends the registrations: recorded, and true.</summary>
        public bool AnalyzeInvocation(IInvocationOperation invocation, IMethodSymbol method)
        {
            var type = method.ContainingType;
            switch (method.Name)
            {
                case "AddCors" when _symbols.IsAddCors(method):
                    _addCorsCalls.Enqueue(OperationLocations.GetMethodNameLocation(invocation));
                    AtomicFlag.Set(ref _registersCorsServices);
                    if (method.Parameters.Length == 2)
                    {
                        AtomicFlag.Set(ref _hasAddCorsWithConfigure);
                        CheckConfigure(Arguments.GetExplicit(invocation, 1));
                    }

                    return true;
                case "AddCors" when Is(type, _mvcCorsMvcCoreBuilderExtensions):
                    // services.AddMvcCore().AddCors(options => ...): the same services and options as services.AddCors.
                    AtomicFlag.Set(ref _registersCorsServices);
                    if (method.Parameters.Length == 2)
                    {
                        AtomicFlag.Set(ref _hasAddCorsWithConfigure);
                        CheckConfigure(Arguments.GetExplicit(invocation, 1));
                    }

                    return true;
                case "ConfigureCors" when Is(type, _mvcCorsMvcCoreBuilderExtensions):
                    // Configures CorsOptions only (no services).
                    CheckConfigure(Arguments.GetExplicit(invocation, 1));
                    return true;
                case "AddControllers":
                case "AddControllersWithViews":
                case "AddMvc":
                    if (Is(type, _mvcServiceCollectionExtensions))
                    {
                        AtomicFlag.Set(ref _registersCorsServices);
                        return true;
                    }

                    return false;
                case "Build":
                    if (_webApplicationBuilder is not null && Is(type, _webApplicationBuilder))
                    {
                        RecordApplicationBuild(invocation);
                        return true;
                    }

                    return false;
                case "UseStartup":
                    if (!ReferencedCode.IsFrameworkAssembly(method.ContainingAssembly))
                    {
                        return false;
                    }

                    if (!IsStartupInSource(invocation, method))
                    {
                        AtomicFlag.Set(ref _mayRegisterCorsServicesUnseen);
                    }

                    return true;
                case "AddCors":
                case "ConfigureCors":
                    return false;
                default:
                    // CreateBuilder & co.: WebApplication, Host, WebHost (any framework type of those names).
                    if (method.IsStatic
                        && (type?.Name == "WebApplication" || type?.Name == "Host" || type?.Name == "WebHost")
                        && ReferencedCode.IsFrameworkAssembly(method.ContainingAssembly))
                    {
                        AtomicFlag.Set(ref _createsHost);
                        return true;
                    }

                    return false;
            }
        }

        /// <summary>
        /// An extension method of another library called on the services or the host builder (the registry has
        /// checked it is an extension method of a non-BCL assembly, not in source): when it can use CORS, the CORS
        /// services and policies may be registered there.
        /// </summary>
        public bool CheckLibraryHelper(IMethodSymbol method, ITypeSymbol? receiverType)
        {
            if (receiverType is null
                || !(_isServiceCollection.Check(receiverType)
                     || Is(receiverType.OriginalDefinition as INamedTypeSymbol, _mvcBuilder)
                     || Is(receiverType.OriginalDefinition as INamedTypeSymbol, _mvcCoreBuilder)
                     || _isHostApplicationBuilder.Check(receiverType)))
            {
                return false;
            }

            if (_referencedCode.MayUseCors(method))
            {
                AtomicFlag.Set(ref _mayRegisterCorsServicesUnseen);
                AtomicFlag.Set(ref _hasOpaqueCorsConfiguration);
            }

            return true;
        }

        private void CheckConfigure(IArgumentOperation? configure)
        {
            if (configure is null || !IsTransparentConfigure(configure))
            {
                AtomicFlag.Set(ref _hasOpaqueCorsConfiguration);
            }
        }

        private static bool Is(INamedTypeSymbol? type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);

        private void RecordApplicationBuild(IInvocationOperation invocation)
        {
            // var app = builder.Build(); or app = builder.Build(); directly in a block or at top level, on a variable.
            var receiver = PipelineSymbols.GetReceiver(invocation);
            if (!(receiver is ILocalReferenceOperation || receiver is IParameterReferenceOperation
                  || receiver is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation }
                  || receiver is IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation }))
            {
                return;
            }

            for (var node = invocation.Syntax.Parent; node is not null; node = node.Parent)
            {
                if (node is StatementSyntax statement)
                {
                    if (statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax)
                    {
                        _applicationBuilds.Enqueue(new ServiceRegistrationEnd(statement, receiver.Syntax.ToString()));
                    }

                    return;
                }

                if (node is LambdaExpressionSyntax || node is AnonymousMethodExpressionSyntax)
                {
                    return;
                }
            }
        }

        /// <summary>UseStartup&lt;T&gt;() or UseStartup(typeof(T)) with a T whose ConfigureServices we can read.</summary>
        private static bool IsStartupInSource(IInvocationOperation invocation, IMethodSymbol method)
        {
            ITypeSymbol? startup = null;
            if (method.IsGenericMethod && method.TypeArguments.Length == 1)
            {
                startup = method.TypeArguments[0];
            }
            else
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value is ITypeOfOperation typeOf)
                    {
                        startup = typeOf.TypeOperand;
                    }
                }
            }

            if (!(startup is INamedTypeSymbol type) || !IsInSource(type))
            {
                return false;
            }

            // Its ConfigureServices, if any, is declared in source or inherited from another assembly.
            for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
            {
                if (!IsInSource(current))
                {
                    return current.GetMembers("ConfigureServices").IsEmpty;
                }
            }

            return true;
        }

        /// <summary>IConfigureOptions&lt;CorsOptions&gt;, IPostConfigureOptions&lt;CorsOptions&gt; and the like: a generic options interface over CorsOptions.</summary>
        private bool IsCorsOptionsConfigurer(INamedTypeSymbol type)
        {
            var corsOptions = _symbols.CorsOptions;
            if (corsOptions is null || !(type.Name == "IConfigureOptions" || type.Name == "IPostConfigureOptions" || type.Name == "IConfigureNamedOptions"))
            {
                return false;
            }

            foreach (var argument in type.TypeArguments)
            {
                if (SymbolEqualityComparer.Default.Equals(argument, corsOptions))
                {
                    return true;
                }
            }

            return false;
        }

        private bool ConfiguresCorsOptions(INamedTypeSymbol type)
        {
            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.IsGenericType && IsCorsOptionsConfigurer(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsInSource(ISymbol symbol)
        {
            foreach (var location in symbol.Locations)
            {
                if (location.IsInSource)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A generic call: it may register a policy provider or a CORS service, or configure CorsOptions.</summary>
        public void AnalyzeGenericInvocation(IInvocationOperation invocation)
        {
            CheckOptionsConfiguration(invocation);
            CheckProviderTypeArguments(invocation);
        }

        public void AnalyzeTypeOf(ITypeOfOperation typeOf)
        {
            if (_symbols.ICorsPolicyProvider is not null
                && SymbolEqualityComparer.Default.Equals(typeOf.TypeOperand, _symbols.ICorsPolicyProvider))
            {
                AtomicFlag.Set(ref _hasCustomPolicyProvider);
            }
            else if (_corsService is not null && SymbolEqualityComparer.Default.Equals(typeOf.TypeOperand, _corsService))
            {
                AtomicFlag.Set(ref _mayRegisterCorsServicesUnseen);
            }
        }

        /// <summary>
        /// <c>services.Configure&lt;CorsOptions&gt;(...)</c> and its relatives configure the policies outside AddCors:
        /// transparent with a delegate we can see through, opaque with anything else (a configuration section binds
        /// DefaultPolicyName; AddOptions&lt;CorsOptions&gt;() configures through a builder).
        /// </summary>
        private void CheckOptionsConfiguration(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            bool takesDelegate;
            switch (method.Name)
            {
                case "Configure":
                case "PostConfigure":
                case "ConfigureAll":
                case "PostConfigureAll":
                    takesDelegate = true;
                    break;
                case "AddOptions":
                case "AddOptionsWithValidateOnStart":
                    takesDelegate = false;
                    break;
                case "ConfigureOptions":
                    // services.ConfigureOptions<T>() with a T of another assembly that configures CorsOptions.
                    if (method.TypeArguments.Length == 1 && method.TypeArguments[0] is INamedTypeSymbol configureType
                        && !IsInSource(configureType) && ConfiguresCorsOptions(configureType))
                    {
                        AtomicFlag.Set(ref _hasOpaqueCorsConfiguration);
                    }

                    return;
                default:
                    return;
            }

            var corsOptions = _symbols.CorsOptions;
            if (corsOptions is null || method.TypeArguments.Length != 1 || !SymbolEqualityComparer.Default.Equals(method.TypeArguments[0], corsOptions))
            {
                return;
            }

            if (!takesDelegate)
            {
                AtomicFlag.Set(ref _hasOpaqueCorsConfiguration);
                return;
            }

            IArgumentOperation? configure = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    configure = argument;
                }
            }

            CheckConfigure(configure);
        }

        /// <summary>Adds the custom policy providers the declarations implement. Called once, at compilation end.</summary>
        public void Complete(CorsDeclarationIndex declarations, CancellationToken cancellationToken)
        {
            if (declarations.HasCustomPolicyProvider(cancellationToken))
            {
                AtomicFlag.Set(ref _hasCustomPolicyProvider);
            }
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
                return ReferencedCode.IsInSource(methodReference.Method);
            }

            if (!(creation.Target is IAnonymousFunctionOperation lambda) || lambda.Symbol.Parameters.Length != 1)
            {
                return false;
            }

            var options = lambda.Symbol.Parameters[0];
            foreach (var descendant in lambda.Body.Descendants())
            {
                if (descendant is IInvocationOperation call
                    && !ReferencedCode.IsInSource(call.TargetMethod)
                    && !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _symbols.CorsOptions)
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

        /// <summary>
        /// A generic call that registers a policy provider: <c>AddSingleton&lt;ICorsPolicyProvider, T&gt;()</c>, or
        /// <c>AddSingleton(provider)</c> with an argument typed <c>ICorsPolicyProvider</c>.
        /// </summary>
        private void CheckProviderTypeArguments(IInvocationOperation invocation)
        {
            var provider = _symbols.ICorsPolicyProvider;
            if (provider is null || !MayRegisterService(invocation.TargetMethod))
            {
                return;
            }

            var corsService = _corsService;

            var syntax = invocation.Syntax as InvocationExpressionSyntax;
            var written = WrittenTypeArguments.Get(syntax);
            if (syntax is not null && written is null)
            {
                // Inferred type arguments come from the arguments (LINQ, GetRequiredService, ... are most generic
                // calls): compare their types instead of reading TypeArguments, which builds a new array on every read.
                foreach (var argument in invocation.Arguments)
                {
                    if (SymbolEqualityComparer.Default.Equals(argument.Value.Type, provider))
                    {
                        AtomicFlag.Set(ref _hasCustomPolicyProvider);
                        return;
                    }

                    if (corsService is not null && SymbolEqualityComparer.Default.Equals(argument.Value.Type, corsService))
                    {
                        AtomicFlag.Set(ref _mayRegisterCorsServicesUnseen);
                        return;
                    }
                }

                return;
            }

            if (written is not null
                && !_writtenTypeArguments.MayName(written, InterestingServiceNames))
            {
                // AddSingleton<IClock, Clock>(): no written type argument can bind to the provider interface.
                return;
            }

            var typeArguments = invocation.TargetMethod.TypeArguments;
            if (typeArguments.Length > 0
                && typeArguments[0] is INamedTypeSymbol { IsGenericType: true } serviceType
                && IsCorsOptionsConfigurer(serviceType)
                && (typeArguments.Length == 1 || !IsInSource(typeArguments[typeArguments.Length - 1])))
            {
                // AddSingleton<IConfigureOptions<CorsOptions>, ConfigureCors>() with a configurer of another assembly.
                AtomicFlag.Set(ref _hasOpaqueCorsConfiguration);
            }

            foreach (var typeArgument in typeArguments)
            {
                if (SymbolEqualityComparer.Default.Equals(typeArgument, provider))
                {
                    AtomicFlag.Set(ref _hasCustomPolicyProvider);
                    return;
                }

                if (corsService is not null && SymbolEqualityComparer.Default.Equals(typeArgument, corsService))
                {
                    // A CORS service of its own: the middleware's services may all come from there.
                    AtomicFlag.Set(ref _mayRegisterCorsServicesUnseen);
                    return;
                }
            }
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
            return !ReferencedCode.IsFrameworkAssembly(assembly) || SymbolEqualityComparer.Default.Equals(assembly, _symbols.Compilation.Assembly);
        }

    }

    /// <summary>A statement that ends the service registrations of a WebApplicationBuilder: <c>var app = builder.Build();</c>.</summary>
    internal sealed class ServiceRegistrationEnd
    {
        public ServiceRegistrationEnd(SyntaxNode statement, string builder)
        {
            Statement = statement;
            Builder = builder;
        }

        /// <summary>The statement (in a block or at top level).</summary>
        public SyntaxNode Statement { get; }

        /// <summary>The builder expression, e.g. <c>builder</c>.</summary>
        public string Builder { get; }
    }
}
