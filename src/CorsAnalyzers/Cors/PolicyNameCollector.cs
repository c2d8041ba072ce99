using System.Collections.Concurrent;
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

        // Lock-free: actions run concurrently.
        private readonly ConcurrentQueue<PolicyDefinition> _definitions = new ConcurrentQueue<PolicyDefinition>();
        private readonly ConcurrentQueue<PolicyReference> _references = new ConcurrentQueue<PolicyReference>();
        private readonly ConcurrentQueue<UseCorsWithoutName> _useCorsWithoutName = new ConcurrentQueue<UseCorsWithoutName>();

        // Per-compilation memo of the type tests made for every attribute class.
        private readonly ImplementsCache _isEnableCors;

        private int _hasComputedDefinition;
        private int _hasComputedReference;
        private int _defaultPolicyNameAssigned;
        private int _hasEndpointCorsMetadata;
        private int _hasEndpointPolicyOtherThanDefault;
        private int _hasMvcCorsFilter;

        public PolicyNameCollector(CorsSymbols symbols)
        {
            _symbols = symbols;
            _isEnableCors = new ImplementsCache(symbols.IEnableCorsAttribute ?? symbols.EnableCorsAttribute);
        }

        /// <summary>Policies defined with a constant name, in source order.</summary>
        public ImmutableArray<PolicyDefinition> Definitions => SourceOrder.Snapshot(_definitions, d => d.Location);

        /// <summary>Constant policy names consumed (null = default policy), in source order.</summary>
        public ImmutableArray<PolicyReference> References => SourceOrder.Snapshot(_references, r => r.Location);

        /// <summary>The <c>app.UseCors()</c> calls without a policy, in source order.</summary>
        public ImmutableArray<UseCorsWithoutName> UseCorsCallsWithoutName => SourceOrder.Snapshot(_useCorsWithoutName, u => u.Location);

        /// <summary>Some AddPolicy has a name that is not a compile-time constant.</summary>
        public bool HasComputedDefinition => AtomicFlag.IsSet(ref _hasComputedDefinition);

        /// <summary>Some UseCors/EnableCors/RequireCors/filter takes a name that is not a compile-time constant.</summary>
        public bool HasComputedReference => AtomicFlag.IsSet(ref _hasComputedReference);

        /// <summary><c>CorsOptions.DefaultPolicyName</c> is assigned somewhere.</summary>
        public bool DefaultPolicyNameAssigned => AtomicFlag.IsSet(ref _defaultPolicyNameAssigned);

        /// <summary>Some endpoint carries CORS metadata: [EnableCors] or RequireCors (any form).</summary>
        public bool HasEndpointCorsMetadata => AtomicFlag.IsSet(ref _hasEndpointCorsMetadata);

        /// <summary>
        /// Some endpoint carries CORS metadata that UseCors() would honour without a default policy: a named
        /// [EnableCors]/RequireCors (constant or not) or an inline RequireCors(policy =&gt; ...).
        /// </summary>
        public bool HasEndpointPolicyOtherThanDefault => AtomicFlag.IsSet(ref _hasEndpointPolicyOtherThanDefault);

        /// <summary>An MVC CORS filter is created in code (CorsAuthorizationFilterFactory, CorsAuthorizationFilter.PolicyName).</summary>
        public bool HasMvcCorsFilter => AtomicFlag.IsSet(ref _hasMvcCorsFilter);

        /// <summary>AddPolicy, AddDefaultPolicy or RequireCors of ASP.NET Core: recorded, and true; false for any other method.</summary>
        public bool AnalyzeInvocation(IInvocationOperation invocation, IMethodSymbol method)
        {
            if (_symbols.IsCorsOptionsMethod(method, "AddPolicy"))
            {
                var nameArgument = Arguments.GetExplicit(invocation, 0);
                if (nameArgument is null)
                {
                    return true;
                }

                if (TryGetConstantName(nameArgument.Value, out var name) && name is not null)
                {
                    _definitions.Enqueue(new PolicyDefinition(name, nameArgument.Syntax.GetLocation(), isAddDefaultPolicy: false));
                }
                else
                {
                    AtomicFlag.Set(ref _hasComputedDefinition);
                }

                return true;
            }

            if (_symbols.IsCorsOptionsMethod(method, "AddDefaultPolicy"))
            {
                _definitions.Enqueue(new PolicyDefinition(CorsDefaults.DefaultPolicyName, OperationLocations.GetMethodNameLocation(invocation), isAddDefaultPolicy: true));
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
                    AddReference(argument.Value, PolicyReferenceKind.RequireCors, isEndpointMetadata: true);
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
        public void AnalyzeUseCors(IInvocationOperation invocation, IMethodSymbol method)
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
                AddReference(argument.Value, PolicyReferenceKind.UseCors, isEndpointMetadata: false);
            }
        }

        public void AnalyzeObjectCreation(IObjectCreationOperation creation)
        {
            var type = creation.Type;
            if (type is null || creation.Syntax is AttributeSyntax)
            {
                // Attributes are read from the symbols (newer compilers also report them as operations).
                return;
            }

            if (_symbols.CorsAuthorizationFilterFactory is not null
                && SymbolEqualityComparer.Default.Equals(type, _symbols.CorsAuthorizationFilterFactory))
            {
                AtomicFlag.Set(ref _hasMvcCorsFilter);
                var argument = creation.Arguments.Length > 0 ? creation.Arguments[0] : null;
                if (argument is not null)
                {
                    AddReference(argument.Value, PolicyReferenceKind.MvcFilter, isEndpointMetadata: false);
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
                    AddReference(argument.Value, PolicyReferenceKind.EnableCors, isEndpointMetadata: true);
                }
            }
        }

        /// <summary>A write of a property named DefaultPolicyName or PolicyName (the registry filters by name first).</summary>
        public void AnalyzeAssignment(IAssignmentOperation assignment, IPropertyReferenceOperation reference)
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
            AddReference(assignment.Value, isFilter ? PolicyReferenceKind.MvcFilter : PolicyReferenceKind.EnableCors, isEndpointMetadata: isEnableCors);
        }

        /// <summary>A lambda or local function: its [EnableCors] attributes, when it is written with attribute lists.</summary>
        public void AnalyzeFunction(OperationAnalysisContext context)
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
        /// Adds the [EnableCors] attributes of the compilation's declarations, read once by
        /// <see cref="CorsDeclarationIndex"/>. Called once, at compilation end, before the rules read the collector.
        /// </summary>
        public void Complete(CorsDeclarationIndex declarations, CancellationToken cancellationToken)
        {
            foreach (var symbol in declarations.GetMetadataCarriers(cancellationToken))
            {
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

        private void AddReference(IOperation value, PolicyReferenceKind kind, bool isEndpointMetadata)
        {
            if (TryGetConstantName(value, out var name))
            {
                if (isEndpointMetadata && name is not null)
                {
                    AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
                }

                _references.Enqueue(new PolicyReference(name, value.Syntax.GetLocation(), kind));
            }
            else
            {
                AtomicFlag.Set(ref _hasComputedReference);
                if (isEndpointMetadata)
                {
                    AtomicFlag.Set(ref _hasEndpointPolicyOtherThanDefault);
                }
            }
        }

        /// <summary>A compile-time constant name (string literal, const, nameof, null); false when computed.</summary>
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
    }
}
