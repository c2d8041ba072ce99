using System.Collections.Generic;
using System.Threading;
using CorsAnalyzers.Cors.Policy;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Configuration
{
    /// <summary>
    /// Finds, by symbol, what an origin expression reads from the application's configuration:
    /// <c>GetSection(key).Get&lt;string[]&gt;()</c>, <c>configuration[key]</c> (also <c>.Split(',')</c>),
    /// <c>GetValue&lt;string&gt;(key)</c>, a member of an options class bound from a section (<c>Get&lt;T&gt;()</c>, <c>Bind</c>,
    /// <c>IOptions&lt;T&gt;.Value</c>), through locals assigned once, <c>??</c>, <c>?.</c> and <c>ToArray()</c>. Anything else is
    /// not a configuration read (null): no guess.
    /// </summary>
    internal sealed class ConfigurationReads
    {
        private const int MaxDepth = 12;

        private readonly ConfigurationSymbols _symbols;
        private readonly CancellationToken _cancellationToken;
        private readonly Stack<ConfigurationRead?> _conditionalReceivers = new Stack<ConfigurationRead?>();
        private int _depth;

        private ConfigurationReads(ConfigurationSymbols symbols, CancellationToken cancellationToken)
        {
            _symbols = symbols;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The configuration read of an origin value or origin list, or null.</summary>
        public static ConfigurationRead? Resolve(IOperation operation, ConfigurationSymbols symbols, CancellationToken cancellationToken)
        {
            var read = new ConfigurationReads(symbols, cancellationToken).Read(operation);
            return read?.Kind is ConfigurationReadKind.List or ConfigurationReadKind.Value or ConfigurationReadKind.SplitValue ? read : null;
        }

        /// <summary>The section a configuration expression stands for (for options bindings), or null.</summary>
        public static ConfigurationRead? ResolveSection(IOperation operation, ConfigurationSymbols symbols, CancellationToken cancellationToken)
        {
            var read = new ConfigurationReads(symbols, cancellationToken).Read(operation);
            return read?.Kind == ConfigurationReadKind.Section && read.Path is not null ? read : null;
        }

        private ConfigurationRead? Read(IOperation? operation)
        {
            operation = PolicyInterpreter.Unwrap(operation);
            if (operation is null || _depth >= MaxDepth)
            {
                return null;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            _depth++;
            try
            {
                return ReadCore(operation);
            }
            finally
            {
                _depth--;
            }
        }

        private ConfigurationRead? ReadCore(IOperation operation)
        {
            switch (operation)
            {
                case ICoalesceOperation coalesce:
                    // origins ?? Array.Empty<string>(): the fallback applies only when the key is absent.
                    return Read(coalesce.Value);

                case IConditionalAccessOperation conditionalAccess:
                    {
                        _conditionalReceivers.Push(Read(conditionalAccess.Operation));
                        try
                        {
                            return Read(conditionalAccess.WhenNotNull);
                        }
                        finally
                        {
                            _conditionalReceivers.Pop();
                        }
                    }

                case IConditionalAccessInstanceOperation:
                    return _conditionalReceivers.Count > 0 ? _conditionalReceivers.Peek() : null;

                case ILocalReferenceOperation local:
                    return ReadLocal(local);

                case IParameterReferenceOperation parameter:
                    return FromConfigurationType(parameter.Type);

                case IFieldReferenceOperation field:
                    return FromConfigurationType(field.Type);

                case IPropertyReferenceOperation property:
                    return ReadProperty(property);

                case IInvocationOperation invocation:
                    return ReadInvocation(invocation);

                default:
                    return null;
            }
        }

        /// <summary>
        /// An IConfiguration that is not a section, held by a parameter, field or property (the injected configuration,
        /// <c>builder.Configuration</c>, Startup's <c>Configuration</c>): the application's configuration, at its root.
        /// </summary>
        private ConfigurationRead? FromConfigurationType(ITypeSymbol? type) =>
            _symbols.IsConfiguration(type) && !_symbols.IsSection(type) ? ConfigurationRead.Root : null;

        private ConfigurationRead? ReadProperty(IPropertyReferenceOperation reference)
        {
            var property = reference.Property;
            if (_symbols.IsIndexer(property))
            {
                return reference.Arguments.Length == 1 && Read(reference.Instance) is { Kind: ConfigurationReadKind.Section } section
                       && reference.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key }
                    ? section.Child(key, ConfigurationReadKind.Value)
                    : null;
            }

            if (_symbols.IsSectionValue(property))
            {
                return Read(reference.Instance) is { Kind: ConfigurationReadKind.Section } section ? section.As(ConfigurationReadKind.Value) : null;
            }

            if (_symbols.GetOptionsValueType(property) is { } optionsType)
            {
                return optionsType.TypeKind == TypeKind.Class ? ConfigurationRead.ForOptions(optionsType) : null;
            }

            if (reference.Instance is null)
            {
                return null;
            }

            if (_symbols.IsConfiguration(property.Type))
            {
                // builder.Configuration, app.Configuration, context.Configuration, Startup.Configuration.
                return FromConfigurationType(property.Type);
            }

            // A member of a bound options object: settings.Origins, settings.Cors.Origins.
            if (Read(reference.Instance) is not { Kind: ConfigurationReadKind.Object } owner)
            {
                return null;
            }

            var memberKey = GetKey(property);
            if (_symbols.IsStringList(property.Type))
            {
                return owner.Child(memberKey, ConfigurationReadKind.List, mayHaveOtherElements: HasInitialElements(property));
            }

            if (property.Type.SpecialType == SpecialType.System_String)
            {
                return owner.Child(memberKey, ConfigurationReadKind.Value);
            }

            return property.Type.TypeKind == TypeKind.Class ? owner.Child(memberKey, ConfigurationReadKind.Object) : null;
        }

        private ConfigurationRead? ReadInvocation(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var receiver = invocation.Instance
                ?? (method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
            if (receiver is null)
            {
                return null;
            }

            if (_symbols.IsGetSection(method))
            {
                return Read(receiver) is { Kind: ConfigurationReadKind.Section } section
                       && invocation.Arguments[invocation.Arguments.Length - 1].Value.ConstantValue is { HasValue: true, Value: string key }
                    ? section.Child(key, ConfigurationReadKind.Section)
                    : null;
            }

            if (_symbols.IsBinderMethod(method, "Get") && method.TypeArguments.Length == 1)
            {
                if (Read(receiver) is not { Kind: ConfigurationReadKind.Section } section)
                {
                    return null;
                }

                var type = method.TypeArguments[0];
                return _symbols.IsStringList(type) ? section.As(ConfigurationReadKind.List)
                    : type.SpecialType == SpecialType.System_String ? section.As(ConfigurationReadKind.Value)
                    : type.TypeKind == TypeKind.Class ? section.As(ConfigurationReadKind.Object)
                    : null;
            }

            if (_symbols.IsBinderMethod(method, "GetValue")
                && method.TypeArguments.Length == 1
                && method.TypeArguments[0].SpecialType == SpecialType.System_String
                && invocation.Arguments.Length >= 2)
            {
                return Read(receiver) is { Kind: ConfigurationReadKind.Section } section
                       && invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string key }
                    ? section.Child(key, ConfigurationReadKind.Value)
                    : null;
            }

            if (method.Name == "Split" && method.ContainingType.SpecialType == SpecialType.System_String)
            {
                return Read(receiver) is { Kind: ConfigurationReadKind.Value } value ? ReadSplit(invocation, value) : null;
            }

            if (method.Name is "ToArray" or "ToList"
                && (SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Enumerable)
                    || SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, _symbols.List)))
            {
                return Read(receiver) is { Kind: ConfigurationReadKind.List or ConfigurationReadKind.SplitValue } list ? list : null;
            }

            return null;
        }

        /// <summary>value.Split(',' | ";" | new[] { ',', ';' } [, StringSplitOptions]); a count argument is not followed.</summary>
        private static ConfigurationRead? ReadSplit(IInvocationOperation invocation, ConfigurationRead value)
        {
            var separators = new List<string>();
            var removeEmpty = false;
            var trim = false;
            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (parameterType is null)
                {
                    return null;
                }

                if (parameterType.SpecialType == SpecialType.System_Int32)
                {
                    return null;
                }

                if (parameterType.TypeKind == TypeKind.Enum)
                {
                    if (argument.Value.ConstantValue is not { HasValue: true, Value: int options })
                    {
                        return null;
                    }

                    removeEmpty = (options & 1) != 0;
                    trim = (options & 2) != 0;
                    continue;
                }

                if (!AddSeparators(argument.Value, separators))
                {
                    return null;
                }
            }

            if (separators.Count == 0)
            {
                // Split() and Split(null): white space. Not an origin list anyone writes.
                return null;
            }

            return value.Split(separators.ToArray(), removeEmpty, trim);
        }

        private static bool AddSeparators(IOperation value, List<string> separators)
        {
            value = PolicyInterpreter.Unwrap(value)!;
            if (value.ConstantValue is { HasValue: true, Value: char c })
            {
                separators.Add(c.ToString());
                return true;
            }

            if (value.ConstantValue is { HasValue: true, Value: string s } && s.Length > 0)
            {
                separators.Add(s);
                return true;
            }

            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (!AddSeparators(element, separators))
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        /// <summary>
        /// A local read where it is assigned once: its initializer, or, for <c>var s = new Settings();</c>, the one
        /// <c>section.Bind(s)</c> of the same body.
        /// </summary>
        private ConfigurationRead? ReadLocal(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            var model = reference.SemanticModel;
            if (model is null || local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            if (local.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                || declarator.SyntaxTree != model.SyntaxTree
                || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: { } scope })
            {
                return null;
            }

            if (scope is GlobalStatementSyntax { Parent: { } compilationUnit })
            {
                // A top-level statement: the local's scope is every top-level statement of the file.
                scope = compilationUnit;
            }

            if (IsWrittenAgain(scope, local, model))
            {
                return null;
            }

            // x! is no operation of its own.
            var initialValue = initializer.Value;
            while (initialValue is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
            {
                initialValue = suppressed.Operand;
            }

            var value = model.GetOperation(initialValue, _cancellationToken);
            if (PolicyInterpreter.Unwrap(value) is IObjectCreationOperation creation && creation.Type?.TypeKind == TypeKind.Class)
            {
                return FindBind(scope, local, model);
            }

            return Read(value);
        }

        /// <summary>Whether the local is assigned, incremented or passed by ref/out anywhere in its scope (beyond its declaration).</summary>
        private bool IsWrittenAgain(SyntaxNode scope, ILocalSymbol local, SemanticModel model)
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != local.Name)
                {
                    continue;
                }

                var parent = identifier.Parent;
                var written = parent switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left == identifier,
                    PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax => true,
                    ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                    _ => false,
                };

                if (written && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, _cancellationToken).Symbol, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The section of the one <c>section.Bind(local)</c> / <c>configuration.Bind(key, local)</c> in the local's scope.</summary>
        private ConfigurationRead? FindBind(SyntaxNode scope, ILocalSymbol local, SemanticModel model)
        {
            ConfigurationRead? found = null;
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Bind" } } syntax
                    || model.GetOperation(syntax, _cancellationToken) is not IInvocationOperation invocation
                    || !_symbols.IsBinderMethod(invocation.TargetMethod, "Bind"))
                {
                    continue;
                }

                IArgumentOperation? instance = null;
                string? key = null;
                foreach (var argument in invocation.Arguments)
                {
                    switch (argument.Parameter?.Name)
                    {
                        case "instance":
                            instance = argument;
                            break;
                        case "key" when argument.Value.ConstantValue is { HasValue: true, Value: string constant }:
                            key = constant;
                            break;
                        case "key":
                            return null;
                    }
                }

                if (instance is null
                    || PolicyInterpreter.Unwrap(instance.Value) is not ILocalReferenceOperation bound
                    || !SymbolEqualityComparer.Default.Equals(bound.Local, local))
                {
                    continue;
                }

                if (found is not null || Read(invocation.Arguments[0].Value) is not { Kind: ConfigurationReadKind.Section } section)
                {
                    // Bound twice, or from a section not followed: unknown.
                    return null;
                }

                found = key is null ? section.As(ConfigurationReadKind.Object) : section.Child(key, ConfigurationReadKind.Object);
            }

            return found;
        }

        /// <summary>The configuration key of a property: its [ConfigurationKeyName] or its name.</summary>
        private string GetKey(IPropertySymbol property)
        {
            if (_symbols.ConfigurationKeyNameAttribute is { } attributeType)
            {
                foreach (var attribute in property.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is string name)
                    {
                        return name;
                    }
                }
            }

            return property.Name;
        }

        /// <summary>
        /// Whether the property starts with elements of its own (an initializer that is not empty): the binder appends the
        /// configured ones after them. Unknown initializers count as elements.
        /// </summary>
        private bool HasInitialElements(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.Length != 1
                || property.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is not PropertyDeclarationSyntax declaration)
            {
                // Metadata, a record's positional parameter or several declarations: the initializer cannot be read.
                return true;
            }

            if (declaration.Initializer is not { } initializer)
            {
                return false;
            }

            switch (initializer.Value)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression):
                case PostfixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression } }:
                    return false;
                case ArrayCreationExpressionSyntax array:
                    return array.Initializer is { } elements ? elements.Expressions.Count > 0 : !IsZeroRank(array.Type);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return implicitArray.Initializer.Expressions.Count > 0;
                case ObjectCreationExpressionSyntax creation:
                    return (creation.ArgumentList?.Arguments.Count ?? 0) > 0 || (creation.Initializer?.Expressions.Count ?? 0) > 0;
                case ImplicitObjectCreationExpressionSyntax implicitCreation:
                    return implicitCreation.ArgumentList.Arguments.Count > 0 || (implicitCreation.Initializer?.Expressions.Count ?? 0) > 0;
                case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Empty" } } }:
                    // Array.Empty<string>(), Enumerable.Empty<string>().
                    return false;
                default:
                    // [] (a collection expression, after the Roslyn this analyzer is built on) is empty too.
                    return initializer.Value.ToString() != "[]";
            }
        }

        private static bool IsZeroRank(ArrayTypeSyntax type) =>
            type.RankSpecifiers.Count == 1
            && type.RankSpecifiers[0].Sizes.Count == 1
            && type.RankSpecifiers[0].Sizes[0] is LiteralExpressionSyntax { Token.ValueText: "0" };
    }
}
