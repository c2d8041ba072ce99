using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors
{
    /// <summary>What a value in an origin predicate is, as far as the origin goes.</summary>
    internal enum OriginValue
    {
        None,

        /// <summary>The origin string itself, maybe lower-cased or trimmed: "https://app.contoso.com".</summary>
        Raw,

        /// <summary>The host (or authority) parsed from the origin: "app.contoso.com".</summary>
        Host,
    }

    /// <summary>Symbols the origin-predicate analysis compares against, resolved once per compilation.</summary>
    internal sealed class OriginCheckSymbols
    {
        public OriginCheckSymbols(Compilation compilation)
        {
            Uri = KnownTypes.Get(compilation, "System.Uri");
            Regex = KnownTypes.Get(compilation, "System.Text.RegularExpressions.Regex");
            GeneratedRegexAttribute = KnownTypes.Get(compilation, "System.Text.RegularExpressions.GeneratedRegexAttribute");
        }

        public INamedTypeSymbol? Uri { get; }

        public INamedTypeSymbol? Regex { get; }

        public INamedTypeSymbol? GeneratedRegexAttribute { get; }

        public bool IsUri(ITypeSymbol? type) => Uri is not null && SymbolEqualityComparer.Default.Equals(type, Uri);

        public bool IsRegex(ITypeSymbol? type) => Regex is not null && SymbolEqualityComparer.Default.Equals(type, Regex);
    }

    /// <summary>
    /// Which values in a predicate body come from the origin parameter: the parameter, <c>ToLower()</c>,
    /// <c>ToLowerInvariant()</c>, <c>Trim()</c> of it, locals initialized from those, and the host of a <see cref="Uri"/>
    /// parsed from it (<c>new Uri(origin).Host</c>, <c>Uri.TryCreate(origin, ..., out var uri)</c> then <c>uri.Host</c>).
    /// </summary>
    internal sealed class OriginFlow
    {
        private readonly IParameterSymbol _origin;
        private readonly OriginCheckSymbols _symbols;
        // Two sets rather than a dictionary of OriginValue: a dictionary over an enum value is generic code compiled
        // anew in every fresh compiler process (docs/performance.md).
        private readonly HashSet<ILocalSymbol> _rawLocals = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> _hostLocals = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ILocalSymbol> _uriLocals = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ILocalSymbol, IOperation> _regexLocals = new(SymbolEqualityComparer.Default);

        public OriginFlow(IParameterSymbol origin, OriginCheckSymbols symbols)
        {
            _origin = origin;
            _symbols = symbols;
        }

        public void CollectLocals(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation { Initializer: { } initializer } declarator:
                        Track(declarator.Symbol, initializer.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                        Track(target.Local, assignment.Value);
                        break;
                    case IInvocationOperation invocation when invocation.TargetMethod.Name == "TryCreate"
                                                              && _symbols.IsUri(invocation.TargetMethod.ContainingType):
                        TrackTryCreate(invocation);
                        break;
                }
            }
        }

        private void Track(ILocalSymbol local, IOperation value)
        {
            var kind = Classify(value);
            if (kind != OriginValue.None)
            {
                (kind == OriginValue.Raw ? _hostLocals : _rawLocals).Remove(local);
                (kind == OriginValue.Raw ? _rawLocals : _hostLocals).Add(local);
            }
            else if (IsUriOfOrigin(value))
            {
                _uriLocals.Add(local);
            }
            else if (_symbols.IsRegex(local.Type))
            {
                _regexLocals[local] = value;
            }
        }

        private void TrackTryCreate(IInvocationOperation invocation)
        {
            var fromOrigin = false;
            ILocalSymbol? result = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null)
                {
                    continue;
                }

                if (argument.Parameter.RefKind == RefKind.Out)
                {
                    var value = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
                    result = (value as ILocalReferenceOperation)?.Local;
                }
                else if (argument.Parameter.Ordinal == 0 && Classify(argument.Value) == OriginValue.Raw)
                {
                    fromOrigin = true;
                }
            }

            if (fromOrigin && result is not null)
            {
                _uriLocals.Add(result);
            }
        }

        public OriginValue Classify(IOperation? operation)
        {
            operation = Unwrap(operation);
            switch (operation)
            {
                case IParameterReferenceOperation parameter:
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter, _origin) ? OriginValue.Raw : OriginValue.None;

                case ILocalReferenceOperation local:
                    return _rawLocals.Contains(local.Local) ? OriginValue.Raw
                        : _hostLocals.Contains(local.Local) ? OriginValue.Host
                        : OriginValue.None;

                case IInvocationOperation invocation
                    when invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String
                         && !invocation.TargetMethod.IsStatic
                         && IsNormalization(invocation.TargetMethod):
                    return Classify(invocation.Instance);

                case IPropertyReferenceOperation property
                    when IsHostProperty(property.Property.Name) && _symbols.IsUri(property.Property.ContainingType):
                    return IsUriOfOrigin(property.Instance) ? OriginValue.Host : OriginValue.None;

                default:
                    return OriginValue.None;
            }
        }

        private bool IsUriOfOrigin(IOperation? operation)
        {
            operation = Unwrap(operation);
            switch (operation)
            {
                case IObjectCreationOperation creation when _symbols.IsUri(creation.Type):
                    return creation.Arguments.Length > 0 && Classify(creation.Arguments[0].Value) == OriginValue.Raw;
                case ILocalReferenceOperation local:
                    return _uriLocals.Contains(local.Local);
                default:
                    return false;
            }
        }

        /// <summary>The constant pattern of the <see cref="Regex"/> an instance <c>IsMatch</c>/<c>Match</c> runs on.</summary>
        public string? GetRegexPattern(IOperation? instance, OriginCheckSymbols symbols, CancellationToken cancellationToken)
        {
            instance = Unwrap(instance);
            switch (instance)
            {
                case IObjectCreationOperation creation when symbols.IsRegex(creation.Type):
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter?.Name == "pattern" && argument.Value.ConstantValue.HasValue)
                        {
                            return argument.Value.ConstantValue.Value as string;
                        }
                    }

                    return null;

                case ILocalReferenceOperation local when _regexLocals.TryGetValue(local.Local, out var initializer):
                    return GetRegexPattern(initializer, symbols, cancellationToken);

                case IFieldReferenceOperation field when field.Field.IsReadOnly:
                    return GetFieldRegexPattern(field.Field, cancellationToken);

                case IPropertyReferenceOperation property:
                    return GetGeneratedRegexPattern(property.Property, symbols);

                case IInvocationOperation invocation:
                    return GetGeneratedRegexPattern(invocation.TargetMethod, symbols);

                default:
                    return null;
            }
        }

        /// <summary><c>static readonly Regex R = new Regex("...")</c>: read the literal from the declaration.</summary>
        private static string? GetFieldRegexPattern(IFieldSymbol field, CancellationToken cancellationToken)
        {
            if (field.DeclaringSyntaxReferences.Length != 1
                || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                return null;
            }

            var arguments = initializer.Value switch
            {
                ObjectCreationExpressionSyntax creation => creation.ArgumentList,
                ImplicitObjectCreationExpressionSyntax creation => creation.ArgumentList,
                _ => null,
            };

            if (arguments is null || arguments.Arguments.Count == 0 || arguments.Arguments[0].NameColon is not null)
            {
                return null;
            }

            return arguments.Arguments[0].Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
                ? literal.Token.ValueText
                : null;
        }

        /// <summary><c>[GeneratedRegex("...")] static partial Regex R();</c></summary>
        private static string? GetGeneratedRegexPattern(ISymbol member, OriginCheckSymbols symbols)
        {
            if (symbols.GeneratedRegexAttribute is null)
            {
                return null;
            }

            foreach (var attribute in member.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, symbols.GeneratedRegexAttribute)
                    && attribute.ConstructorArguments.Length > 0)
                {
                    return attribute.ConstructorArguments[0].Value as string;
                }
            }

            return null;
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IConditionalAccessInstanceOperation instance:
                        var parent = instance.Parent;
                        while (parent is not null and not IConditionalAccessOperation)
                        {
                            parent = parent.Parent;
                        }

                        operation = (parent as IConditionalAccessOperation)?.Operation;
                        break;
                    default:
                        return operation;
                }
            }
        }

        private static bool IsNormalization(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "ToLower":
                case "ToLowerInvariant":
                case "ToUpper":
                case "ToUpperInvariant":
                    return true;
                case "Trim":
                case "TrimEnd":
                case "TrimStart":
                    return method.Parameters.Length == 0;
                default:
                    return false;
            }
        }

        private static bool IsHostProperty(string name) =>
            name == "Host" || name == "IdnHost" || name == "DnsSafeHost" || name == "Authority";
    }
}
