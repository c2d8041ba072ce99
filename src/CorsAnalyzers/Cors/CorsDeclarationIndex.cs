using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// What the compilation's own type declarations say about CORS: which classes and methods carry CORS endpoint
    /// metadata attributes ([EnableCors], [DisableCors], a custom ICorsMetadata attribute), and whether a type
    /// implements ICorsPolicyProvider. Read once per compilation, on first request, by one walk over the source types,
    /// and shared: the registry reads it at compilation end (CORS008/011/013/014); CORS007, when a UseCors before
    /// UseRouting needs it, asks only whether there is any carrier (a walk that stops at the first one). Safe for
    /// concurrent callers.
    /// <para>
    /// Why one walk rather than a symbol action per type: the registry's symbol action cost a Roslyn callback per type
    /// and CORS007 walked every type a second time (docs/performance.md, round 6). Only the methods declared with
    /// attribute lists are asked for their attributes, and only types with a base list whether they implement the
    /// provider; most have neither. Lambdas and local functions with attributes are not declarations: the operation
    /// actions see them.
    /// </para>
    /// </summary>
    internal sealed class CorsDeclarationIndex
    {
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol? _policyProvider;
        private readonly ImplementsCache _isCorsMetadata;
        private readonly object _gate = new object();
        private Result? _result;
        private int _hasCarrier;

        public CorsDeclarationIndex(Compilation compilation, CorsSymbols cors)
        {
            _compilation = compilation;
            _policyProvider = cors.ICorsPolicyProvider;
            // ICorsMetadata (ASP.NET Core 3.0+) is implemented by [EnableCors], [DisableCors] and custom metadata.
            _isCorsMetadata = new ImplementsCache(cors.ICorsMetadata ?? cors.IEnableCorsAttribute ?? cors.EnableCorsAttribute);
        }

        /// <summary>
        /// The classes and methods declared in source (generated files included) with a CORS metadata attribute, once
        /// each (a partial method as its definition part), in the walk's order (callers sort what they report).
        /// </summary>
        public ImmutableArray<ISymbol> GetMetadataCarriers(CancellationToken cancellationToken) => GetResult(cancellationToken).Carriers;

        /// <summary>
        /// Whether any class or method declared in source carries a CORS metadata attribute. Once the full walk has
        /// run, its answer; before that, a walk that stops at the first carrier (CORS007 asks while the compiler is
        /// still binding the other declarations, whose attributes this binds; the registry's full walk comes at
        /// compilation end, when they are bound). A walk that finds none has seen everything and is kept as the result.
        /// </summary>
        public bool HasMetadataCarriers(CancellationToken cancellationToken)
        {
            var result = Volatile.Read(ref _result);
            if (result is not null)
            {
                return !result.Carriers.IsEmpty;
            }

            if (Volatile.Read(ref _hasCarrier) != 0)
            {
                return true;
            }

            var walker = new Walker(this, stopAtFirstCarrier: true, cancellationToken);
            walker.VisitNamespace(_compilation.Assembly.GlobalNamespace);
            if (walker.Carriers.Count > 0)
            {
                Volatile.Write(ref _hasCarrier, 1);
                return true;
            }

            Interlocked.CompareExchange(ref _result, new Result(ImmutableArray<ISymbol>.Empty, walker.HasCustomPolicyProvider), null);
            return false;
        }

        /// <summary>
        /// The symbol carries CORS endpoint metadata: an attribute implementing ICorsMetadata ([EnableCors], [DisableCors]
        /// or a custom one). For the declarations the walk reads, and for lambdas and local functions, which it does not.
        /// </summary>
        public bool HasMetadataAttribute(ISymbol symbol)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (_isCorsMetadata.Check(attribute.AttributeClass))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A class or struct declared in source implements ICorsPolicyProvider (directly or through its base types).</summary>
        public bool HasCustomPolicyProvider(CancellationToken cancellationToken) => GetResult(cancellationToken).HasCustomPolicyProvider;

        private Result GetResult(CancellationToken cancellationToken)
        {
            var result = Volatile.Read(ref _result);
            if (result is not null)
            {
                return result;
            }

            lock (_gate)
            {
                // A cancelled walk leaves nothing behind: the next caller walks again.
                result = _result ?? Walk(cancellationToken);
                Volatile.Write(ref _result, result);
                return result;
            }
        }

        private Result Walk(CancellationToken cancellationToken)
        {
            var walker = new Walker(this, stopAtFirstCarrier: false, cancellationToken);
            // The source assembly's namespaces only (the compilation's global namespace merges every reference's).
            walker.VisitNamespace(_compilation.Assembly.GlobalNamespace);
            return new Result(walker.Carriers.ToImmutable(), walker.HasCustomPolicyProvider);
        }

        private sealed class Result
        {
            public Result(ImmutableArray<ISymbol> carriers, bool hasCustomPolicyProvider)
            {
                Carriers = carriers;
                HasCustomPolicyProvider = hasCustomPolicyProvider;
            }

            public ImmutableArray<ISymbol> Carriers { get; }

            public bool HasCustomPolicyProvider { get; }
        }

        /// <summary>
        /// Walks the source types through their symbols (the compiler already has them; asking a semantic model for
        /// the symbol of each declaration costs a lookup among the members every time) and reads each type's
        /// declarations for attribute lists and base lists.
        /// </summary>
        private sealed class Walker
        {
            private readonly CorsDeclarationIndex _index;
            private readonly bool _stopAtFirstCarrier;
            private readonly CancellationToken _cancellationToken;
            private readonly HashSet<ISymbol> _seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Walker(CorsDeclarationIndex index, bool stopAtFirstCarrier, CancellationToken cancellationToken)
            {
                _index = index;
                _stopAtFirstCarrier = stopAtFirstCarrier;
                _cancellationToken = cancellationToken;
            }

            private bool Stopped => _stopAtFirstCarrier && Carriers.Count > 0;

            public ImmutableArray<ISymbol>.Builder Carriers { get; } = ImmutableArray.CreateBuilder<ISymbol>();

            public bool HasCustomPolicyProvider { get; private set; }

            public void VisitNamespace(INamespaceSymbol ns)
            {
                // GetMembers(), not GetTypeMembers(): a source namespace keeps the first, and sorts the second anew on
                // every call. By kind rather than by interface type tests.
                foreach (var member in ns.GetMembers())
                {
                    if (Stopped)
                    {
                        return;
                    }

                    switch (member.Kind)
                    {
                        case SymbolKind.Namespace:
                            VisitNamespace((INamespaceSymbol)member);
                            break;
                        case SymbolKind.NamedType:
                            VisitType((INamedTypeSymbol)member);
                            break;
                    }
                }
            }

            private void VisitType(INamedTypeSymbol type)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                var typeHasAttributes = false;
                var hasBaseList = false;
                var hasNestedTypes = false;
                List<string>? methodNames = null;
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax(_cancellationToken) is not TypeDeclarationSyntax declaration)
                    {
                        continue;
                    }

                    typeHasAttributes |= declaration.AttributeLists.Count > 0;
                    hasBaseList |= declaration.BaseList is not null;
                    // By kind, not by type tests: every member of every type passes here, and most are neither.
                    foreach (var member in declaration.Members)
                    {
                        var kind = (SyntaxKind)member.RawKind;
                        if (kind == SyntaxKind.MethodDeclaration)
                        {
                            var method = (MethodDeclarationSyntax)member;
                            if (method.AttributeLists.Count > 0)
                            {
                                // GetMembers(name) returns every overload: each name is read once.
                                var name = method.Identifier.ValueText;
                                if (methodNames is null || !methodNames.Contains(name))
                                {
                                    (methodNames ??= new List<string>()).Add(name);
                                }
                            }
                        }
                        else if (SyntaxFacts.IsTypeDeclaration(kind))
                        {
                            hasNestedTypes = true;
                        }
                    }
                }

                if (typeHasAttributes)
                {
                    AddIfCarrier(type);
                    if (Stopped)
                    {
                        return;
                    }
                }

                // A type whose declarations have no base list implements nothing (records add only IEquatable).
                if (hasBaseList
                    && !HasCustomPolicyProvider
                    && type.TypeKind != TypeKind.Interface
                    && CorsSymbols.Implements(type, _index._policyProvider))
                {
                    HasCustomPolicyProvider = true;
                }

                if (methodNames is not null)
                {
                    foreach (var name in methodNames)
                    {
                        foreach (var member in type.GetMembers(name))
                        {
                            if (member is IMethodSymbol method)
                            {
                                AddIfCarrier(method.PartialDefinitionPart ?? method);
                                if (Stopped)
                                {
                                    return;
                                }
                            }
                        }
                    }
                }

                if (hasNestedTypes)
                {
                    foreach (var nested in type.GetTypeMembers())
                    {
                        VisitType(nested);
                        if (Stopped)
                        {
                            return;
                        }
                    }
                }
            }

            private void AddIfCarrier(ISymbol symbol)
            {
                if (_index.HasMetadataAttribute(symbol) && _seen.Add(symbol))
                {
                    Carriers.Add(symbol);
                }
            }
        }
    }
}
