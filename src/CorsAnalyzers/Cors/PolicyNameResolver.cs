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
    /// <summary>One name a policy-name expression can have, and where the code says it (what a diagnostic points at).</summary>
    internal readonly struct PolicyNameValue
    {
        public PolicyNameValue(string? name, Location location)
        {
            Name = name;
            Location = location;
        }

        /// <summary>The name; null is the default policy.</summary>
        public string? Name { get; }

        public Location Location { get; }
    }

    /// <summary>
    /// The names a policy-name expression can have. Besides compile-time constants (literals, <c>const</c>,
    /// <c>nameof</c>), the names people write as the ASP.NET Core docs do: a local assigned once from a constant
    /// (<c>var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";</c>), a readonly field or a get-only property with a
    /// constant initializer (never written by a constructor), a property whose body is a constant,
    /// <c>CorsOptions.DefaultPolicyName</c>, both arms of <c>?:</c>, and a method parameter whose every call in the
    /// compilation passes such a name (resolved at compilation end, <see cref="ResolveParameter"/>). Anything else is
    /// unknown: the rules are then uncertain about that one name.
    /// </summary>
    internal sealed class PolicyNameResolver
    {
        private const int MaxDepth = 4;

        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol? _corsOptions;

        // A local, field or property resolves to the same names wherever it is read: read its declaration once.
        private readonly ConcurrentDictionary<ISymbol, string?[]?> _symbolValues =
            new ConcurrentDictionary<ISymbol, string?[]?>(SymbolEqualityComparer.Default);

        private readonly ConcurrentDictionary<IParameterSymbol, PolicyNameValue[]?> _parameterValues =
            new ConcurrentDictionary<IParameterSymbol, PolicyNameValue[]?>(SymbolEqualityComparer.Default);

        public PolicyNameResolver(CorsSymbols symbols)
        {
            _compilation = symbols.Compilation;
            _corsOptions = symbols.CorsOptions;
        }

        /// <summary>
        /// The names <paramref name="value"/> can have, each at <paramref name="value"/>'s own location unless it is a
        /// constant of a conditional arm. False when unknown; true with <paramref name="parameter"/> set when the name
        /// is a parameter of a source method, to be resolved at compilation end.
        /// </summary>
        public bool TryResolve(IOperation value, List<PolicyNameValue> names, out IParameterSymbol? parameter, CancellationToken cancellationToken)
        {
            parameter = null;
            return TryResolve(value, value.Syntax.GetLocation(), names, ref parameter, 0, cancellationToken);
        }

        private bool TryResolve(IOperation value, Location location, List<PolicyNameValue> names, ref IParameterSymbol? parameter, int depth, CancellationToken cancellationToken)
        {
            while (value is IConversionOperation conversion && (conversion.IsImplicit || conversion.Operand.Type?.SpecialType == SpecialType.System_String))
            {
                value = conversion.Operand;
            }

            var constant = value.ConstantValue;
            if (constant.HasValue)
            {
                if (constant.Value is null || constant.Value is string)
                {
                    names.Add(new PolicyNameValue(constant.Value as string, location));
                    return true;
                }

                return false;
            }

            if (depth >= MaxDepth)
            {
                return false;
            }

            switch (value)
            {
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // Each arm's constant where it is written: that is the name a fix would change.
                    return TryResolve(conditional.WhenTrue, ArmLocation(conditional.WhenTrue, location), names, ref parameter, depth + 1, cancellationToken)
                        && parameter is null
                        && TryResolve(whenFalse, ArmLocation(whenFalse, location), names, ref parameter, depth + 1, cancellationToken)
                        && parameter is null;

                case IParameterReferenceOperation parameterReference when names.Count == 0 && parameter is null:
                    if (!IsResolvableParameter(parameterReference.Parameter))
                    {
                        return false;
                    }

                    parameter = parameterReference.Parameter;
                    return true;

                case ILocalReferenceOperation local:
                    return AddSymbolValues(local.Local, location, names, depth, cancellationToken);

                case IFieldReferenceOperation field when field.Field.IsReadOnly && IsThisOrStatic(field.Instance):
                    return AddSymbolValues(field.Field, location, names, depth, cancellationToken);

                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    if (_corsOptions is not null
                        && property.Property.Name == "DefaultPolicyName"
                        && SymbolEqualityComparer.Default.Equals(property.Property.ContainingType, _corsOptions))
                    {
                        // Reassigning DefaultPolicyName makes the rules uncertain on its own (PolicyNameCollector).
                        names.Add(new PolicyNameValue(CorsDefaults.DefaultPolicyName, location));
                        return true;
                    }

                    return IsThisOrStatic(property.Instance) && AddSymbolValues(property.Property, location, names, depth, cancellationToken);

                default:
                    return false;
            }
        }

        /// <summary>
        /// The names a parameter of a source method has: the union of what every call of the method passes. False when
        /// a call passes something unknown, or the method can be called where we cannot see it (a virtual or interface
        /// method, a method group, a library's public method). Reads every file once per method: called at compilation
        /// end, only for the names that are parameters.
        /// </summary>
        public bool ResolveParameter(IParameterSymbol parameter, List<PolicyNameValue> names, CancellationToken cancellationToken)
        {
            // Every use of one parameter (AddPolicy(name) and UseCors(name) in one helper) reads the files once.
            if (!_parameterValues.TryGetValue(parameter, out var values))
            {
                var found = new List<PolicyNameValue>();
                values = ResolveParameter(parameter, found, new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default), 0, cancellationToken)
                    ? found.ToArray()
                    : null;
                _parameterValues.TryAdd(parameter, values);
            }

            if (values is null)
            {
                return false;
            }

            names.AddRange(values);
            return true;
        }

        private bool ResolveParameter(IParameterSymbol parameter, List<PolicyNameValue> names, HashSet<IParameterSymbol> visiting, int depth, CancellationToken cancellationToken)
        {
            if (depth >= MaxDepth || !visiting.Add(parameter) || !(parameter.ContainingSymbol is IMethodSymbol method))
            {
                return false;
            }

            var calls = new List<IInvocationOperation>();
            if (!TryFindCalls(method, calls, cancellationToken))
            {
                return false;
            }

            foreach (var call in calls)
            {
                IArgumentOperation? argument = null;
                foreach (var candidate in call.Arguments)
                {
                    if (candidate.Parameter?.Ordinal == parameter.Ordinal)
                    {
                        argument = candidate;
                        break;
                    }
                }

                if (argument is null || argument.ArgumentKind == ArgumentKind.ParamArray)
                {
                    return false;
                }

                IParameterSymbol? inner = null;
                var location = argument.ArgumentKind == ArgumentKind.DefaultValue
                    ? OperationLocations.GetMethodNameLocation(call)
                    : argument.Value.Syntax.GetLocation();
                var found = new List<PolicyNameValue>();
                if (!TryResolve(argument.Value, location, found, ref inner, 0, cancellationToken))
                {
                    return false;
                }

                if (inner is not null)
                {
                    if (!ResolveParameter(inner, found, visiting, depth + 1, cancellationToken))
                    {
                        return false;
                    }
                }

                names.AddRange(found);
            }

            return true;
        }

        private bool IsResolvableParameter(IParameterSymbol parameter)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams || !(parameter.ContainingSymbol is IMethodSymbol method))
            {
                return false;
            }

            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction)
            {
                return false;
            }

            if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface
                || !method.ExplicitInterfaceImplementations.IsEmpty || !ReferencedCode.IsInSource(method))
            {
                return false;
            }

            // A library's visible method may be called by code we cannot see.
            return _compilation.Options.OutputKind != OutputKind.DynamicallyLinkedLibrary
                || method.DeclaredAccessibility == Accessibility.Private
                || method.MethodKind == MethodKind.LocalFunction;
        }

        /// <summary>Every call of <paramref name="method"/> in the compilation; false when it is also used another way (a method group, nameof).</summary>
        private bool TryFindCalls(IMethodSymbol method, List<IInvocationOperation> calls, CancellationToken cancellationToken)
        {
            var definition = method.OriginalDefinition;
            var name = method.Name;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                // Most files never spell the method's name: skip them before building their red trees.
                if (tree.GetText(cancellationToken).ToString().IndexOf(name, System.StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var token in tree.GetRoot(cancellationToken).DescendantTokens())
                {
                    if (token.RawKind != (int)SyntaxKind.IdentifierToken || token.ValueText != name || !(token.Parent is SimpleNameSyntax simpleName))
                    {
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    model ??= SourceMethods.GetSemanticModel(null, tree, _compilation);
                    if (model is null)
                    {
                        return false;
                    }

                    var info = model.GetSymbolInfo(simpleName, cancellationToken);
                    if (!(info.Symbol is IMethodSymbol target))
                    {
                        foreach (var candidate in info.CandidateSymbols)
                        {
                            if (candidate is IMethodSymbol candidateMethod && IsSameMethod(candidateMethod, definition))
                            {
                                // An unresolved or ambiguous call of our method: what it passes is unknown.
                                return false;
                            }
                        }

                        continue;
                    }

                    if (!IsSameMethod(target, definition))
                    {
                        continue;
                    }

                    SyntaxNode expression = simpleName.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == simpleName
                        ? memberAccess
                        : simpleName.Parent is MemberBindingExpressionSyntax memberBinding && memberBinding.Name == simpleName ? memberBinding : simpleName;
                    if (!(expression.Parent is InvocationExpressionSyntax invocation) || invocation.Expression != expression
                        || !(model.GetOperation(invocation, cancellationToken) is IInvocationOperation call))
                    {
                        return false;
                    }

                    calls.Add(call);
                }
            }

            return true;
        }

        private static bool IsSameMethod(IMethodSymbol method, IMethodSymbol definition) =>
            SymbolEqualityComparer.Default.Equals((method.ReducedFrom ?? method).OriginalDefinition, definition);

        /// <summary>A constant arm is reported where it is written; anything else where the whole expression is.</summary>
        private static Location ArmLocation(IOperation arm, Location whole) =>
            arm.ConstantValue.HasValue ? arm.Syntax.GetLocation() : whole;

        private static bool IsThisOrStatic(IOperation? instance) =>
            instance is null || instance is IInstanceReferenceOperation;

        private bool AddSymbolValues(ISymbol symbol, Location location, List<PolicyNameValue> names, int depth, CancellationToken cancellationToken)
        {
            if (!_symbolValues.TryGetValue(symbol, out var values))
            {
                values = ReadSymbolValues(symbol, depth, cancellationToken);
                _symbolValues.TryAdd(symbol, values);
            }

            if (values is null)
            {
                return false;
            }

            foreach (var value in values)
            {
                names.Add(new PolicyNameValue(value, location));
            }

            return true;
        }

        /// <summary>The names a local, readonly field or property always has, or null when it may have others.</summary>
        private string?[]? ReadSymbolValues(ISymbol symbol, int depth, CancellationToken cancellationToken)
        {
            if (symbol.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var declaration = symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            ExpressionSyntax? initializer;
            SyntaxNode? writeScope;
            switch (symbol)
            {
                case ILocalSymbol local when !local.IsRef && declaration is VariableDeclaratorSyntax declarator:
                    initializer = declarator.Initializer?.Value;
                    // A local is written only inside the member (or the top-level statements) that declares it.
                    writeScope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>(static node => !(node is GlobalStatementSyntax))
                        ?? (SyntaxNode)declarator.SyntaxTree.GetRoot(cancellationToken);
                    break;
                case IFieldSymbol field when field.IsReadOnly && declaration is VariableDeclaratorSyntax declarator:
                    initializer = declarator.Initializer?.Value;
                    writeScope = null;
                    break;
                case IPropertySymbol property when declaration is PropertyDeclarationSyntax propertyDeclaration:
                    if (propertyDeclaration.ExpressionBody is { } expressionBody)
                    {
                        initializer = expressionBody.Expression;
                    }
                    else if (property.SetMethod is null && IsAutoProperty(propertyDeclaration))
                    {
                        initializer = propertyDeclaration.Initializer?.Value;
                    }
                    else
                    {
                        return null;
                    }

                    writeScope = null;
                    break;
                default:
                    return null;
            }

            if (initializer is null)
            {
                return null;
            }

            var model = SourceMethods.GetSemanticModel(null, initializer.SyntaxTree, _compilation);
            if (model is null || !(model.GetOperation(initializer, cancellationToken) is { } value))
            {
                return null;
            }

            var names = new List<PolicyNameValue>();
            IParameterSymbol? parameter = null;
            if (!TryResolve(value, initializer.GetLocation(), names, ref parameter, depth + 1, cancellationToken) || parameter is not null)
            {
                return null;
            }

            // Written again anywhere (a local in its member; a readonly field or get-only property in a constructor):
            // then it may hold another name.
            if (IsWrittenIn(writeScope, symbol, cancellationToken))
            {
                return null;
            }

            if (!(symbol is ILocalSymbol))
            {
                foreach (var reference in symbol.ContainingType.DeclaringSyntaxReferences)
                {
                    if (!(reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax type))
                    {
                        return null;
                    }

                    foreach (var member in type.Members)
                    {
                        if (member is ConstructorDeclarationSyntax constructor && IsWrittenIn(constructor, symbol, cancellationToken))
                        {
                            return null;
                        }
                    }
                }
            }

            var result = new string?[names.Count];
            for (var i = 0; i < names.Count; i++)
            {
                result[i] = names[i].Name;
            }

            return result;
        }

        private static bool IsAutoProperty(PropertyDeclarationSyntax property)
        {
            if (property.AccessorList is null)
            {
                return false;
            }

            foreach (var accessor in property.AccessorList.Accessors)
            {
                if (accessor.Body is not null || accessor.ExpressionBody is not null || !accessor.IsKind(SyntaxKind.GetAccessorDeclaration))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Whether <paramref name="scope"/> writes a variable spelled like <paramref name="symbol"/>: assigned, incremented,
        /// passed by ref or out, deconstructed into. By spelling, not by symbol: a write to a namesake also counts
        /// (uncertain, never wrong).
        /// </summary>
        private static bool IsWrittenIn(SyntaxNode? scope, ISymbol symbol, CancellationToken cancellationToken)
        {
            if (scope is null)
            {
                return false;
            }

            var name = symbol.Name;
            foreach (var node in scope.DescendantNodes())
            {
                if (!(node is IdentifierNameSyntax identifier) || identifier.Identifier.ValueText != name)
                {
                    continue;
                }

                cancellationToken.ThrowIfCancellationRequested();
                SyntaxNode target = identifier;
                if (target.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == target)
                {
                    // this.Name = ..., Type.Name = ...
                    target = memberAccess;
                }

                switch (target.Parent)
                {
                    case AssignmentExpressionSyntax assignment when assignment.Left == target:
                    case PrefixUnaryExpressionSyntax prefix when prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression):
                    case PostfixUnaryExpressionSyntax:
                    case RefExpressionSyntax:
                    case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword):
                    case ArgumentSyntax { Parent: TupleExpressionSyntax }:
                        return true;
                }
            }

            return false;
        }
    }
}
