using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// Where the compilation defines CORS policy names (<c>AddPolicy</c>, <c>AddDefaultPolicy</c>) and where it consumes
    /// them (<c>UseCors("x")</c>, <c>[EnableCors]</c>, <c>RequireCors</c>, MVC CORS filters), with the endpoint CORS
    /// metadata those make. Part of <see cref="CorsPolicyRegistry"/>, which routes the operations here; read at
    /// compilation end, after <see cref="Complete"/>.
    /// <para>
    /// ASP.NET Core looks policies up by exact name (CorsOptions.PolicyMap uses StringComparer.Ordinal;
    /// DefaultCorsPolicyProvider maps a null name to CorsOptions.DefaultPolicyName).
    /// </para>
    /// </summary>
    internal sealed class PolicyNameCollector
    {
        private readonly CorsSymbols _symbols;
        private readonly PolicyNameResolver _resolver;

        // Lock-free: actions run concurrently.
        private readonly ConcurrentQueue<PolicyDefinition> _definitions = new ConcurrentQueue<PolicyDefinition>();
        private readonly ConcurrentQueue<PolicyReference> _references = new ConcurrentQueue<PolicyReference>();
        private readonly ConcurrentQueue<UseCorsWithoutName> _useCorsWithoutName = new ConcurrentQueue<UseCorsWithoutName>();

        // Names that are parameters of a source method: resolved from the method's calls at compilation end.
        private readonly ConcurrentQueue<ParameterName> _parameterNames = new ConcurrentQueue<ParameterName>();

        // Per-compilation memo of the type tests made for every attribute class.
        private readonly ImplementsCache _isEnableCors;

        private int _hasComputedDefinition;
        private int _hasComputedReference;
        private int _defaultPolicyNameAssigned;
        private int _hasEndpointCorsMetadata;
        private int _hasDisableCorsMetadata;
        private int _hasEndpointPolicyOtherThanDefault;
        private int _hasMvcCorsFilter;

        public PolicyNameCollector(CorsSymbols symbols)
        {
            _symbols = symbols;
            _resolver = new PolicyNameResolver(symbols);
            _isEnableCors = new ImplementsCache(symbols.IEnableCorsAttribute ?? symbols.EnableCorsAttribute);
        }

        /// <summary>Policies defined with a constant name, in source order.</summary>
        public ImmutableArray<PolicyDefinition> Definitions => SourceOrder.Snapshot(_definitions, d => d.Location);

        /// <summary>Constant policy names consumed (null = default policy), in source order.</summary>
        public ImmutableArray<PolicyReference> References => SourceOrder.Snapshot(_references, r => r.Location);

        /// <summary>The <c>app.UseCors()</c> calls without a policy, in source order.</summary>
        public ImmutableArray<UseCorsWithoutName> UseCorsCallsWithoutName => SourceOrder.Snapshot(_useCorsWithoutName, u => u.Location);

        /// <summary>Some AddPolicy has a name whose value is unknown (see <see cref="PolicyNameResolver"/>).</summary>
        public bool HasComputedDefinition => AtomicFlag.IsSet(ref _hasComputedDefinition);

        /// <summary>Some UseCors/EnableCors/RequireCors/filter takes a name whose value is unknown.</summary>
        public bool HasComputedReference => AtomicFlag.IsSet(ref _hasComputedReference);

        /// <summary><c>CorsOptions.DefaultPolicyName</c> is assigned somewhere.</summary>
        public bool DefaultPolicyNameAssigned => AtomicFlag.IsSet(ref _defaultPolicyNameAssigned);

        /// <summary>Some endpoint carries CORS metadata: [EnableCors] or RequireCors (any form).</summary>
        public bool HasEndpointCorsMetadata => AtomicFlag.IsSet(ref _hasEndpointCorsMetadata);

        /// <summary>
        /// Some endpoint may carry any CORS metadata, [DisableCors] included (an attribute on a lambda or declaration,
        /// <c>new DisableCorsAttribute()</c> as metadata): without the CORS middleware such an endpoint throws.
        /// </summary>
        public bool HasAnyEndpointCorsMetadata => HasEndpointCorsMetadata || AtomicFlag.IsSet(ref _hasDisableCorsMetadata);

        /// <summary>
        /// Some endpoint carries CORS metadata that UseCors() would honour without a default policy: a named
        /// [EnableCors]/RequireCors (constant or not) or an inline RequireCors(policy =&gt; ...).
        /// </summary>
        public bool HasEndpointPolicyOtherThanDefault => AtomicFlag.IsSet(ref _hasEndpointPolicyOtherThanDefault);

        /// <summary>An MVC CORS filter is created in code (CorsAuthorizationFilterFactory, CorsAuthorizationFilter.PolicyName).</summary>
        public bool HasMvcCorsFilter => AtomicFlag.IsSet(ref _hasMvcCorsFilter);

        /// <summary>Whether the registry routes calls of this name to <see cref="AnalyzeInvocation"/>.</summary>
        public static bool IsCandidateName(string name)
        {
            switch (name)
            {
                case "AddPolicy":
                case "AddDefaultPolicy":
                case "RequireCors":
                case "GetPolicy":
                case "GetPolicyAsync":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>AddPolicy, AddDefaultPolicy, RequireCors or a policy lookup of ASP.NET Core: recorded, and true; false for any other method.</summary>
        public bool AnalyzeInvocation(IInvocationOperation invocation, IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (_symbols.IsCorsOptionsMethod(method, "AddPolicy"))
            {
                var nameArgument = Arguments.GetExplicit(invocation, 0);
                if (nameArgument is null)
                {
                    return true;
                }

                AddNames(nameArgument.Value, isDefinition: true, PolicyReferenceKind.UseCors, isEndpointMetadata: false, cancellationToken);
                return true;
            }

            if (_symbols.IsCorsOptionsMethod(method, "AddDefaultPolicy"))
            {
                _definitions.Enqueue(new PolicyDefinition(CorsDefaults.DefaultPolicyName, OperationLocations.GetMethodNameLocation(invocation), isAddDefaultPolicy: true));
                return true;
            }

            if (_symbols.IsCorsOptionsMethod(method, "GetPolicy")
                || (method.Name == "GetPolicyAsync" && _symbols.ICorsPolicyProvider is not null && CorsSymbols.Implements(method.ContainingType, _symbols.ICorsPolicyProvider)))
            {
                // A policy looked up by hand applies wherever the code applies it: a reference like the others.
                var argument = Arguments.GetExplicit(invocation, method.Name == "GetPolicy" ? 0 : 1);
                if (argument is not null)
                {
                    AddNames(argument.Value, isDefinition: false, PolicyReferenceKind.Lookup, isEndpointMetadata: false, cancellationToken);
                }

                return true;
            }

            if (_symbols.IsRequireCors(method))
            {
                AtomicFlag.Set(ref _hasEndpointCorsMetadata);
                var argument = Arguments.GetExplicit(invocation, 1);
                if (argument is null)
                {
                    _references.Enqueue(new PolicyReference(null, invocation.Syntax.GetLocation(), PolicyReferenceKind.RequireCors));
                }
                else if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    AddNames(argument.Value, isDefinition: false, PolicyReferenceKind.RequireCors, isEndpointMetadata: true, cancellationToken);
                }
                else
                {
                    // RequireCors(policy => ...): an inline policy, honoured by UseCors().
                    AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                return true;
            }

            return false;
        }

        /// <summary>ASP.NET Core's UseCors (any overload): the policy name it consumes, or a call without one.</summary>
        public void AnalyzeUseCors(IInvocationOperation invocation, IMethodSymbol method, CancellationToken cancellationToken)
        {
            var argument = Arguments.GetExplicit(invocation, 1);
            if (argument is null)
            {
                if (method.Parameters.Length == 1)
                {
                    _useCorsWithoutName.Enqueue(new UseCorsWithoutName(invocation.Syntax.GetLocation()));
                }

                return;
            }

            if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                AddNames(argument.Value, isDefinition: false, PolicyReferenceKind.UseCors, isEndpointMetadata: false, cancellationToken);
            }
        }

        public void AnalyzeObjectCreation(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            var type = creation.Type;
            if (type is null || creation.Syntax is AttributeSyntax)
            {
                // Attributes are read from the symbols (newer compilers also report them as operations).
                return;
            }

            if (_symbols.DisableCorsAttribute is not null && SymbolEqualityComparer.Default.Equals(type, _symbols.DisableCorsAttribute))
            {
                AtomicFlag.Set(ref _hasDisableCorsMetadata);
                return;
            }

            if (_symbols.CorsAuthorizationFilterFactory is not null
                && SymbolEqualityComparer.Default.Equals(type, _symbols.CorsAuthorizationFilterFactory))
            {
                AtomicFlag.Set(ref _hasMvcCorsFilter);
                var argument = creation.Arguments.Length > 0 ? creation.Arguments[0] : null;
                if (argument is not null)
                {
                    AddNames(argument.Value, isDefinition: false, PolicyReferenceKind.MvcFilter, isEndpointMetadata: false, cancellationToken);
                }

                return;
            }

            if (_symbols.EnableCorsAttribute is not null
                && SymbolEqualityComparer.Default.Equals(type, _symbols.EnableCorsAttribute))
            {
                // new EnableCorsAttribute("x") as endpoint metadata (WithMetadata).
                AtomicFlag.Set(ref _hasEndpointCorsMetadata);
                // new EnableCorsAttribute { PolicyName = ... } is seen as an assignment (AnalyzeAssignment).
                var argument = creation.Arguments.Length > 0 ? creation.Arguments[0] : null;
                if (argument is null)
                {
                    _references.Enqueue(new PolicyReference(null, creation.Syntax.GetLocation(), PolicyReferenceKind.EnableCors));
                }
                else
                {
                    AddNames(argument.Value, isDefinition: false, PolicyReferenceKind.EnableCors, isEndpointMetadata: true, cancellationToken);
                }
            }
        }

        /// <summary>A write of a property named DefaultPolicyName or PolicyName (the registry filters by name first).</summary>
        public void AnalyzeAssignment(IAssignmentOperation assignment, IPropertyReferenceOperation reference, CancellationToken cancellationToken)
        {
            var property = reference.Property;
            var containingType = property.ContainingType;
            if (property.Name == "DefaultPolicyName")
            {
                if (SymbolEqualityComparer.Default.Equals(containingType, _symbols.CorsOptions))
                {
                    AtomicFlag.Set(ref _defaultPolicyNameAssigned);
                }

                return;
            }

            if (property.Name != "PolicyName")
            {
                return;
            }

            var isFilter = _symbols.CorsAuthorizationFilter is not null
                && SymbolEqualityComparer.Default.Equals(containingType, _symbols.CorsAuthorizationFilter);
            var isEnableCors = !isFilter && _symbols.IEnableCorsAttribute is not null && _isEnableCors.Check(containingType);
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
                AtomicFlag.Set(ref _hasMvcCorsFilter);
            }

            // new EnableCorsAttribute { PolicyName = "x" }, new CorsAuthorizationFilter(...) { PolicyName = "x" }, attribute.PolicyName = x.
            AddNames(assignment.Value, isDefinition: false, isFilter ? PolicyReferenceKind.MvcFilter : PolicyReferenceKind.EnableCors, isEndpointMetadata: isEnableCors, cancellationToken);
        }

        /// <summary>A lambda or local function: its CORS metadata attributes, when it is written with attribute lists.</summary>
        public void AnalyzeFunction(OperationAnalysisContext context, CorsDeclarationIndex declarations)
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
                // [DisableCors] too: an endpoint with any CORS metadata throws without the middleware.
                if (declarations.HasMetadataAttribute(symbol))
                {
                    AtomicFlag.Set(ref _hasDisableCorsMetadata);
                }

                AnalyzeAttributes(symbol, context.CancellationToken);
            }
        }

        /// <summary>
        /// Adds the [EnableCors] attributes of the compilation's declarations, read once by
        /// <see cref="CorsDeclarationIndex"/>. Called once, at compilation end, before the rules read the collector.
        /// </summary>
        public void Complete(CorsDeclarationIndex declarations, CancellationToken cancellationToken)
        {
            var names = new List<PolicyNameValue>();
            foreach (var pending in _parameterNames)
            {
                names.Clear();
                if (_resolver.ResolveParameter(pending.Parameter, names, cancellationToken))
                {
                    Add(names, pending.IsDefinition, pending.Kind, pending.IsEndpointMetadata);
                }
                else
                {
                    AddUnknown(pending.IsDefinition, pending.IsEndpointMetadata);
                }
            }

            foreach (var symbol in declarations.GetMetadataCarriers(cancellationToken))
            {
                if (declarations.HasMetadataAttribute(symbol))
                {
                    AtomicFlag.Set(ref _hasDisableCorsMetadata);
                }

                AnalyzeAttributes(symbol, cancellationToken);
            }
        }

        private void AnalyzeAttributes(ISymbol symbol, CancellationToken cancellationToken)
        {
            var enableCors = _symbols.IEnableCorsAttribute ?? _symbols.EnableCorsAttribute;
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
                    || (!SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.EnableCorsAttribute)
                        && !_isEnableCors.Check(attributeClass)))
                {
                    continue;
                }

                AtomicFlag.Set(ref _hasEndpointCorsMetadata);
                var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                if (syntax is null)
                {
                    continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(attributeClass, _symbols.EnableCorsAttribute))
                {
                    // A custom IEnableCorsAttribute: its PolicyName is computed by its own code.
                    AtomicFlag.Set(ref _hasComputedReference);
                    AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
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
                    AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                _references.Enqueue(new PolicyReference(
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

        private void AddNames(IOperation value, bool isDefinition, PolicyReferenceKind kind, bool isEndpointMetadata, CancellationToken cancellationToken)
        {
            var names = new List<PolicyNameValue>(1);
            if (!_resolver.TryResolve(value, names, out var parameter, cancellationToken))
            {
                AddUnknown(isDefinition, isEndpointMetadata);
            }
            else if (parameter is not null)
            {
                _parameterNames.Enqueue(new ParameterName(parameter, isDefinition, kind, isEndpointMetadata));
            }
            else
            {
                Add(names, isDefinition, kind, isEndpointMetadata);
            }
        }

        private void Add(List<PolicyNameValue> names, bool isDefinition, PolicyReferenceKind kind, bool isEndpointMetadata)
        {
            foreach (var name in names)
            {
                if (isDefinition)
                {
                    // AddPolicy(null, ...) throws: it defines nothing.
                    if (name.Name is not null)
                    {
                        _definitions.Enqueue(new PolicyDefinition(name.Name, name.Location, isAddDefaultPolicy: false));
                    }

                    continue;
                }

                if (isEndpointMetadata && name.Name is not null)
                {
                    AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                _references.Enqueue(new PolicyReference(name.Name, name.Location, kind));
            }
        }

        private void AddUnknown(bool isDefinition, bool isEndpointMetadata)
        {
            if (isDefinition)
            {
                AtomicFlag.Set(ref _hasComputedDefinition);
                return;
            }

            AtomicFlag.Set(ref _hasComputedReference);
            if (isEndpointMetadata)
            {
                AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
            }
        }

        /// <summary>A policy name that is a parameter of a source method, where it was defined or consumed.</summary>
        private sealed class ParameterName
        {
            public ParameterName(IParameterSymbol parameter, bool isDefinition, PolicyReferenceKind kind, bool isEndpointMetadata)
            {
                Parameter = parameter;
                IsDefinition = isDefinition;
                Kind = kind;
                IsEndpointMetadata = isEndpointMetadata;
            }

            public IParameterSymbol Parameter { get; }

            public bool IsDefinition { get; }

            public PolicyReferenceKind Kind { get; }

            public bool IsEndpointMetadata { get; }
        }
    }
}
