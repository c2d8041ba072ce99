using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using CorsAnalyzers.Cors;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Rules
{
    /// <summary>
    /// CORS010: inside an origin predicate (<c>SetIsOriginAllowed(...)</c>, <c>CorsPolicy.IsOriginAllowed = ...</c>), the
    /// origin is matched with <c>Contains</c>, <c>StartsWith</c>, an <c>EndsWith</c> without a dot boundary, or an
    /// unanchored regular expression.
    /// </summary>
    public sealed class SubstringOriginCheckRule : CorsRule
    {
        /// <summary>Diagnostic property: the host the fix compares against (set only when the fix applies).</summary>
        internal const string FixHostProperty = "Host";

        /// <summary>Diagnostic property: "Origin" when the receiver is the raw origin, "Host" when it is a parsed host.</summary>
        internal const string ReceiverProperty = "Receiver";

        /// <summary>Diagnostic property, present when the call's second argument is a <c>StringComparison</c>.</summary>
        internal const string HasComparisonProperty = "HasComparison";

        /// <summary>How many method calls deep the analysis follows the origin (predicate → helper → helper).</summary>
        private const int MaxForwardingDepth = 2;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.SubstringOriginCheck);

        internal override void Initialize(CorsCompilationContext context)
        {
            var cors = context.Cors;
            if (cors is null)
            {
                return;
            }

            IPropertySymbol? isOriginAllowedProperty = null;
            if (cors.CorsPolicy is not null)
            {
                foreach (var member in cors.CorsPolicy.GetMembers("IsOriginAllowed"))
                {
                    if (member is IPropertySymbol property)
                    {
                        isOriginAllowedProperty = property;
                    }
                }
            }

            var symbols = new MatchSymbols(context.Compilation);

            // A helper method shared by several predicates is analyzed once per predicate: report each location once.
            // Values are bool, as in the other rules' sets: a ConcurrentDictionary<_, byte> was compiled by the JIT in
            // every fresh compiler process for this set alone (docs/performance.md, round 9).
            var reported = new ConcurrentDictionary<Location, bool>();

            context.RegisterInvocationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (!cors.IsBuilderMethod(invocation.TargetMethod) || invocation.Arguments.Length != 1)
                    {
                        return;
                    }

                    AnalyzePredicate(operationContext, invocation.Arguments[0].Value, symbols, reported);
                },
                "SetIsOriginAllowed");

            if (isOriginAllowedProperty is null)
            {
                return;
            }

            context.RegisterOperationAction(
                operationContext =>
                {
                    var assignment = (ISimpleAssignmentOperation)operationContext.Operation;
                    if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "IsOriginAllowed" } property }
                        && SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, isOriginAllowedProperty))
                    {
                        AnalyzePredicate(operationContext, assignment.Value, symbols, reported);
                    }
                },
                OperationKind.SimpleAssignment);
        }

        private static void AnalyzePredicate(
            OperationAnalysisContext context,
            IOperation predicateValue,
            MatchSymbols symbols,
            ConcurrentDictionary<Location, bool> reported)
        {
            if (!OriginPredicate.TryResolve(predicateValue, context.Compilation, context.CancellationToken, out var predicate))
            {
                return;
            }

            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            AnalyzeBody(context, predicate, symbols, reported, visited, depth: 0);
        }

        private static void AnalyzeBody(
            OperationAnalysisContext context,
            OriginPredicate predicate,
            MatchSymbols symbols,
            ConcurrentDictionary<Location, bool> reported,
            HashSet<IMethodSymbol> visited,
            int depth)
        {
            var flow = new OriginFlow(predicate.OriginParameter, symbols);
            flow.CollectLocals(predicate.Body);

            foreach (var operation in predicate.Body.Descendants())
            {
                if (operation is not IInvocationOperation invocation)
                {
                    continue;
                }

                var method = invocation.TargetMethod;
                if (method.ContainingType?.SpecialType == SpecialType.System_String)
                {
                    AnalyzeStringCall(context, invocation, flow, reported);
                }
                else if (symbols.IsRegex(method.ContainingType))
                {
                    AnalyzeRegexCall(context, invocation, flow, symbols, reported);
                }
                else if (depth < MaxForwardingDepth)
                {
                    FollowForwardedOrigin(context, invocation, flow, symbols, reported, visited, depth);
                }
            }
        }

        /// <summary>
        /// <c>SetIsOriginAllowed(origin =&gt; IsAllowed(origin))</c>: the check is in a helper of the same compilation.
        /// </summary>
        private static void FollowForwardedOrigin(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            OriginFlow flow,
            MatchSymbols symbols,
            ConcurrentDictionary<Location, bool> reported,
            HashSet<IMethodSymbol> visited,
            int depth)
        {
            var method = invocation.TargetMethod;
            if (method.DeclaringSyntaxReferences.Length == 0)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null
                    || argument.Parameter.Type.SpecialType != SpecialType.System_String
                    || flow.Classify(argument.Value) != OriginValue.Raw)
                {
                    continue;
                }

                if (!visited.Add(method.OriginalDefinition))
                {
                    return;
                }

                if (OriginPredicate.TryResolveMethod(
                        method.OriginalDefinition, argument.Parameter.Ordinal, invocation, context.Compilation, context.CancellationToken, out var helper))
                {
                    AnalyzeBody(context, helper, symbols, reported, visited, depth + 1);
                }

                return;
            }
        }

        private static void AnalyzeStringCall(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            OriginFlow flow,
            ConcurrentDictionary<Location, bool> reported)
        {
            var method = invocation.TargetMethod;
            var name = method.Name;
            if (method.IsStatic
                || (name != "Contains" && name != "StartsWith" && name != "EndsWith")
                || method.Parameters.Length == 0
                || method.Parameters[0].Type.SpecialType != SpecialType.System_String
                || invocation.Arguments.Length == 0)
            {
                return;
            }

            var kind = flow.Classify(invocation.Instance);
            if (kind == OriginValue.None)
            {
                return;
            }

            IArgumentOperation? valueArgument = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    valueArgument = argument;
                }
            }

            if (valueArgument is null)
            {
                return;
            }

            var constant = valueArgument.Value.ConstantValue;
            var text = constant.HasValue ? constant.Value as string : null;
            if (constant.HasValue && text is null)
            {
                return;
            }

            // Browsers send lower-case origins: the example bypass is lower-case too.
            var lowered = text?.ToLowerInvariant();
            string? bypass;
            string? fixHost = null;
            switch (name)
            {
                case "Contains":
                    bypass = text is null ? "https://<" + valueArgument.Value.Syntax + ">.evil.net" : OriginBypass.ForContains(lowered!);
                    if (text is not null && OriginBypass.IsPlainHost(text))
                    {
                        fixHost = text;
                    }

                    break;
                case "StartsWith":
                    bypass = text is null
                        ? "<" + valueArgument.Value.Syntax + ">.evil.net"
                        : kind == OriginValue.Raw ? OriginBypass.ForOriginPrefix(lowered!) : OriginBypass.ForHostPrefix(lowered!);
                    break;
                default:
                    // EndsWith with a value we cannot see may well carry its leading dot: stay silent.
                    bypass = lowered is null ? null : OriginBypass.ForSuffix(lowered);
                    if (bypass is not null && OriginBypass.IsPlainHost(text!))
                    {
                        fixHost = text;
                    }

                    break;
            }

            if (bypass is null)
            {
                return;
            }

            var shown = name + "(" + valueArgument.Value.Syntax + ")";
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (fixHost is not null && IsFixableOverload(method, invocation))
            {
                properties = properties
                    .Add(FixHostProperty, fixHost)
                    .Add(ReceiverProperty, kind == OriginValue.Raw ? "Origin" : "Host");
                if (method.Parameters.Length == 2)
                {
                    properties = properties.Add(HasComparisonProperty, "true");
                }
            }

            Report(context, invocation, shown, bypass, properties, reported);
        }

        /// <summary>
        /// <c>x.EndsWith("contoso.com")</c> or <c>x.EndsWith("contoso.com", StringComparison.Ordinal)</c> written as a plain
        /// member call with positional arguments: what the fix can rewrite from syntax alone.
        /// </summary>
        private static bool IsFixableOverload(IMethodSymbol method, IInvocationOperation invocation)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } syntax)
            {
                return false;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameColon is not null)
                {
                    return false;
                }
            }

            return method.Parameters.Length == 1
                   || (method.Parameters.Length == 2 && method.Parameters[1].Type.Name == nameof(StringComparison)
                       && method.Parameters[1].Type.ContainingNamespace?.Name == "System");
        }

        private static void AnalyzeRegexCall(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            OriginFlow flow,
            MatchSymbols symbols,
            ConcurrentDictionary<Location, bool> reported)
        {
            var method = invocation.TargetMethod;
            if (method.Name != "IsMatch" && method.Name != "Match")
            {
                return;
            }

            IOperation? input = null;
            string? pattern = null;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "input":
                        input = argument.Value;
                        break;
                    case "pattern":
                        pattern = argument.Value.ConstantValue.HasValue ? argument.Value.ConstantValue.Value as string : null;
                        break;
                }
            }

            if (input is null || flow.Classify(input) == OriginValue.None)
            {
                return;
            }

            if (!method.IsStatic)
            {
                pattern = flow.GetRegexPattern(invocation.Instance, symbols, context.CancellationToken);
            }

            if (pattern is null || !RegexAnchoring.TryFindBypass(pattern, out var bypass))
            {
                return;
            }

            Report(context, invocation, "an unanchored regular expression", bypass, ImmutableDictionary<string, string?>.Empty, reported);
        }

        private static void Report(
            OperationAnalysisContext context,
            IInvocationOperation invocation,
            string shown,
            string bypass,
            ImmutableDictionary<string, string?> properties,
            ConcurrentDictionary<Location, bool> reported)
        {
            var syntax = invocation.Syntax;
            if (syntax.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == syntax)
            {
                syntax = conditional;
            }

            var location = syntax.GetLocation();
            if (reported.TryAdd(location, true))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SubstringOriginCheck, location, properties, shown, bypass));
            }
        }

        private enum OriginValue
        {
            None,

            /// <summary>The origin string itself, maybe lower-cased or trimmed: "https://app.contoso.com".</summary>
            Raw,

            /// <summary>The host (or authority) parsed from the origin: "app.contoso.com".</summary>
            Host,
        }

        /// <summary>Symbols the predicate analysis compares against, resolved once per compilation.</summary>
        private sealed class MatchSymbols
        {
            public MatchSymbols(Compilation compilation)
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
        private sealed class OriginFlow
        {
            private readonly IParameterSymbol _origin;
            private readonly MatchSymbols _symbols;
            // Two sets rather than a dictionary of OriginValue: a dictionary over an enum value is generic code compiled
            // anew in every fresh compiler process (docs/performance.md).
            private readonly HashSet<ILocalSymbol> _rawLocals = new(SymbolEqualityComparer.Default);
            private readonly HashSet<ILocalSymbol> _hostLocals = new(SymbolEqualityComparer.Default);
            private readonly HashSet<ILocalSymbol> _uriLocals = new(SymbolEqualityComparer.Default);
            private readonly Dictionary<ILocalSymbol, IOperation> _regexLocals = new(SymbolEqualityComparer.Default);

            public OriginFlow(IParameterSymbol origin, MatchSymbols symbols)
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
            public string? GetRegexPattern(IOperation? instance, MatchSymbols symbols, CancellationToken cancellationToken)
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
            private static string? GetGeneratedRegexPattern(ISymbol member, MatchSymbols symbols)
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
}
