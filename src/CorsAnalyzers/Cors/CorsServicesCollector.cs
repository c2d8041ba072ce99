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
    /// How the compilation registers and configures the CORS services: its <c>AddCors</c> calls, whether every
    /// configure delegate can be seen through, and whether it brings its own <c>ICorsPolicyProvider</c> (a class,
    /// a <c>typeof</c>, a registration). Part of <see cref="CorsPolicyRegistry"/>, which routes the operations here;
    /// read at compilation end, after <see cref="Complete"/>.
    /// </summary>
    internal sealed class CorsServicesCollector
    {
        private readonly CorsSymbols _symbols;
        private readonly ConcurrentQueue<Location> _addCorsCalls = new ConcurrentQueue<Location>();

        // Where the framework registers services: AddSingleton/AddScoped/AddTransient (keyed too), TryAdd*, ServiceDescriptor.Singleton/...
        private readonly INamedTypeSymbol? _serviceCollectionServiceExtensions;
        private readonly INamedTypeSymbol? _serviceCollectionDescriptorExtensions;
        private readonly INamedTypeSymbol? _serviceDescriptor;
        private HashSet<string>? _globalAliasNames;

        private int _hasCustomPolicyProvider;
        private int _hasOpaqueCorsConfiguration;
        private int _hasAddCorsWithConfigure;

        public CorsServicesCollector(CorsSymbols symbols)
        {
            _symbols = symbols;
            var compilation = symbols.Compilation;
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

        /// <summary>ASP.NET Core's AddCors: recorded, and true; false for any other method.</summary>
        public bool AnalyzeInvocation(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (!_symbols.IsAddCors(method))
            {
                return false;
            }

            _addCorsCalls.Enqueue(OperationLocations.GetMethodNameLocation(invocation));
            if (method.Parameters.Length == 2)
            {
                var configure = Arguments.GetExplicit(invocation, 1);
                AtomicFlag.Set(ref _hasAddCorsWithConfigure);
                if (configure is null || !IsTransparentConfigure(configure))
                {
                    AtomicFlag.Set(ref _hasOpaqueCorsConfiguration);
                }
            }

            return true;
        }

        /// <summary>A generic call: it may register a policy provider.</summary>
        public void AnalyzeGenericInvocation(IInvocationOperation invocation) => CheckProviderTypeArguments(invocation);

        public void AnalyzeTypeOf(ITypeOfOperation typeOf)
        {
            if (_symbols.ICorsPolicyProvider is not null
                && SymbolEqualityComparer.Default.Equals(typeOf.TypeOperand, _symbols.ICorsPolicyProvider))
            {
                AtomicFlag.Set(ref _hasCustomPolicyProvider);
            }
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
                        AtomicFlag.Set(ref _hasCustomPolicyProvider);
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
                    AtomicFlag.Set(ref _hasCustomPolicyProvider);
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
            foreach (var tree in _symbols.Compilation.SyntaxTrees)
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
            return !ReferencedCode.IsFrameworkAssembly(assembly) || SymbolEqualityComparer.Default.Equals(assembly, _symbols.Compilation.Assembly);
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
    }
}
