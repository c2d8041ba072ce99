using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>
    /// Follows one CORS policy (a <c>CorsPolicyBuilder</c> or a <c>CorsPolicy</c>) through the code that builds it and
    /// computes the set of states it can end in: one per execution path, merged when equal. It walks the
    /// operation tree in evaluation order, forks at branches (if/else, ?:, switch, &amp;&amp;/||, loops, try/catch) and
    /// follows the builder into methods of the same compilation it is passed to (method groups, helper calls,
    /// extension methods), as ASP.NET Core's StartupAnalyzer follows the pipeline.
    /// The runtime's semantics (CorsPolicyBuilder.cs): WithOrigins appends, AllowAnyOrigin clears then adds "*",
    /// the policy allows any origin only when its origin list is exactly ["*"], the last predicate setter and the
    /// last credentials call win.
    /// </summary>
    internal sealed partial class PolicyInterpreter
    {
        private const int MaxStates = 32;
        private const int MaxCallDepth = 4;

        private static readonly List<PolicyState> NoStates = new List<PolicyState>(0);

        private readonly CorsSymbols _symbols;
        private readonly SemanticModel _semanticModel;
        private readonly CancellationToken _cancellationToken;
        private readonly List<PolicyState> _observedAtBuild = new List<PolicyState>();
        private readonly List<IOperation> _originValues = new List<IOperation>();
        private readonly List<IOperation> _deadAnyOriginValues = new List<IOperation>();
        private readonly List<IOperation> _computedOrigins = new List<IOperation>();
        private readonly List<IMethodSymbol> _callStack = new List<IMethodSymbol>();
        private bool _truncated;
        private HashSet<SyntaxNode>? _ignoredOrigins;

        private PolicyInterpreter(CorsSymbols symbols, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            _symbols = symbols;
            _semanticModel = semanticModel;
            _cancellationToken = cancellationToken;
        }

        /// <summary>Computes the states a policy can end in.</summary>
        public static PolicyAnalysisResult Analyze(PolicySite site, CorsSymbols symbols, CancellationToken cancellationToken)
        {
            var semanticModel = site.Operation.SemanticModel;
            if (semanticModel is null)
            {
                return PolicyAnalysisResult.Empty(site);
            }

            return new PolicyInterpreter(symbols, semanticModel, cancellationToken).Run(site);
        }

        /// <summary>
        /// The states the policy would end in without the origin values written at <paramref name="removed"/> (as if
        /// their arguments, elements or <c>Origins.Add</c> statements were removed): what a fix that removes them leaves.
        /// </summary>
        public static PolicyAnalysisResult AnalyzeWithout(PolicySite site, CorsSymbols symbols, HashSet<SyntaxNode> removed, CancellationToken cancellationToken)
        {
            var semanticModel = site.Operation.SemanticModel;
            if (semanticModel is null)
            {
                return PolicyAnalysisResult.Empty(site);
            }

            var interpreter = new PolicyInterpreter(symbols, semanticModel, cancellationToken) { _ignoredOrigins = removed };
            return interpreter.Run(site);
        }

        private PolicyAnalysisResult Run(PolicySite site)
        {
            var finalStates = site.Kind == PolicySiteKind.ConfigureDelegate
                ? AnalyzeDelegate((IDelegateCreationOperation)site.Operation)
                : AnalyzeCreation(site.Operation);

            return new PolicyAnalysisResult(
                site,
                finalStates.ToImmutableArray(),
                _originValues.ToImmutableArray(),
                _deadAnyOriginValues.ToImmutableArray(),
                _computedOrigins.ToImmutableArray(),
                _truncated);
        }

        private List<PolicyState> AnalyzeDelegate(IDelegateCreationOperation delegateCreation)
        {
            var initial = new List<PolicyState> { PolicyState.Initial };
            switch (delegateCreation.Target)
            {
                case IAnonymousFunctionOperation lambda when lambda.Symbol.Parameters.Length == 1:
                    var frame = new Frame(lambda.Symbol.Parameters[0], null, observeBuild: false);
                    return Finish(frame, Visit(lambda.Body, initial, frame));

                case IMethodReferenceOperation { Method: { Parameters.Length: 1 } method }:
                    return AnalyzeCallee(method, method.Parameters[0], initial, observeBuild: false) ?? new List<PolicyState>();

                default:
                    return new List<PolicyState>();
            }
        }

        private List<PolicyState> AnalyzeCreation(IOperation creation)
        {
            // The builder or policy either lives in a local (configured over several statements of the enclosing
            // body) or in one fluent expression.
            var top = creation;
            while (top.Parent is IInvocationOperation { Instance: { } instance } fluent && instance == top)
            {
                top = fluent;
            }

            var frame = new Frame(null, creation, observeBuild: true);
            IOperation scope = top;
            if (GetAssignedLocal(top) is { } local)
            {
                frame.Locals.Add(local);
                scope = GetEnclosingBody(creation);
            }

            var fallthrough = Visit(scope, new List<PolicyState> { PolicyState.Initial }, frame);
            return _observedAtBuild.Count > 0 ? Distinct(_observedAtBuild) : Finish(frame, fallthrough);
        }

        private static ILocalSymbol? GetAssignedLocal(IOperation value)
        {
            var parent = value.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation localReference } => localReference.Local,
                _ => null,
            };
        }

        private static IOperation GetEnclosingBody(IOperation operation)
        {
            var current = operation;
            while (current.Parent is { } parent && parent is not IAnonymousFunctionOperation && parent is not ILocalFunctionOperation)
            {
                current = parent;
            }

            return current;
        }

        private List<PolicyState>? AnalyzeCallee(IMethodSymbol method, IParameterSymbol parameter, List<PolicyState> states, bool observeBuild)
        {
            var definition = method.OriginalDefinition;
            if (_callStack.Count >= MaxCallDepth || _callStack.Contains(definition))
            {
                return null;
            }

            var body = GetBody(definition);
            if (body is null)
            {
                return null;
            }

            _callStack.Add(definition);
            try
            {
                var frame = new Frame(definition.Parameters[parameter.Ordinal], null, observeBuild);
                return Finish(frame, Visit(body, states, frame));
            }
            finally
            {
                _callStack.RemoveAt(_callStack.Count - 1);
            }
        }

        private IOperation? GetBody(IMethodSymbol method)
        {
            if (!SourceMethods.TryGetBody(method, _semanticModel, _semanticModel.Compilation, _cancellationToken, out var body, out _))
            {
                return null;
            }

            return body switch
            {
                IMethodBodyOperation methodBody => (IOperation?)methodBody.BlockBody ?? methodBody.ExpressionBody,
                ILocalFunctionOperation localFunction => localFunction.Body,
                _ => null,
            };
        }

        private List<PolicyState> Visit(IOperation? operation, List<PolicyState> states, Frame frame)
        {
            if (operation is null || states.Count == 0)
            {
                return states;
            }

            _cancellationToken.ThrowIfCancellationRequested();
            switch (operation)
            {
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    // Not executed where it is written.
                    return states;

                case IConditionalOperation conditional:
                    {
                        var afterCondition = Visit(conditional.Condition, states, frame);
                        if (conditional.Condition.ConstantValue is { HasValue: true, Value: bool constant })
                        {
                            return constant
                                ? Visit(conditional.WhenTrue, afterCondition, frame)
                                : conditional.WhenFalse is null ? afterCondition : Visit(conditional.WhenFalse, afterCondition, frame);
                        }

                        var whenTrue = Visit(conditional.WhenTrue, afterCondition, frame);
                        var whenFalse = conditional.WhenFalse is null ? afterCondition : Visit(conditional.WhenFalse, afterCondition, frame);
                        return Union(whenTrue, whenFalse);
                    }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    {
                        var left = Visit(logical.LeftOperand, states, frame);
                        return Union(left, Visit(logical.RightOperand, left, frame));
                    }

                case ICoalesceOperation coalesce:
                    {
                        var value = Visit(coalesce.Value, states, frame);
                        return Union(value, Visit(coalesce.WhenNull, value, frame));
                    }

                case IForLoopOperation forLoop:
                    {
                        var before = VisitAll(forLoop.Before, states, frame);
                        before = Visit(forLoop.Condition, before, frame);
                        var body = VisitAll(forLoop.AtLoopBottom, Visit(forLoop.Body, before, frame), frame);
                        return Union(before, body);
                    }

                case IForEachLoopOperation forEach:
                    {
                        var before = Visit(forEach.Collection, states, frame);
                        return Union(before, Visit(forEach.Body, before, frame));
                    }

                case IWhileLoopOperation whileLoop:
                    {
                        if (!whileLoop.ConditionIsTop)
                        {
                            // do { } while (...): the body runs at least once.
                            return Visit(whileLoop.Condition, Visit(whileLoop.Body, states, frame), frame);
                        }

                        var before = Visit(whileLoop.Condition, states, frame);
                        return Union(before, Visit(whileLoop.Body, before, frame));
                    }

                case ISwitchOperation switchOperation:
                    {
                        var afterValue = Visit(switchOperation.Value, states, frame);
                        var result = new List<PolicyState>();
                        var hasDefault = false;
                        foreach (var section in switchOperation.Cases)
                        {
                            foreach (var clause in section.Clauses)
                            {
                                hasDefault |= clause.CaseKind == CaseKind.Default;
                            }

                            result = Union(result, VisitAll(section.Body, afterValue, frame));
                        }

                        return hasDefault ? result : Union(result, afterValue);
                    }

                case ISwitchExpressionOperation switchExpression:
                    {
                        var afterValue = Visit(switchExpression.Value, states, frame);
                        var result = new List<PolicyState>();
                        foreach (var arm in switchExpression.Arms)
                        {
                            result = Union(result, Visit(arm.Value, afterValue, frame));
                        }

                        return result;
                    }

                case ITryOperation tryOperation:
                    {
                        var afterBody = Visit(tryOperation.Body, states, frame);
                        var result = afterBody;
                        foreach (var handler in tryOperation.Catches)
                        {
                            result = Union(result, Visit(handler.Handler, Union(states, afterBody), frame));
                        }

                        return tryOperation.Finally is null ? result : Visit(tryOperation.Finally, result, frame);
                    }

                case IReturnOperation returnOperation:
                    frame.Exits.AddRange(Visit(returnOperation.ReturnedValue, states, frame));
                    return NoStates;

                case IThrowOperation throwOperation:
                    // A path that throws builds no policy.
                    Visit(throwOperation.Exception, states, frame);
                    return NoStates;

                case IInvocationOperation invocation:
                    return ApplyInvocation(invocation, VisitChildren(invocation, states, frame), frame);

                case IObjectCreationOperation creation:
                    return ApplyCreation(creation, states, frame);

                case ISimpleAssignmentOperation assignment:
                    return ApplyAssignment(assignment, VisitChildren(assignment, states, frame), frame);

                case IVariableDeclaratorOperation declarator:
                    {
                        var result = VisitChildren(declarator, states, frame);
                        if (declarator.Initializer is { } initializer && IsSubject(initializer.Value, frame))
                        {
                            frame.Locals.Add(declarator.Symbol);
                        }

                        return result;
                    }

                default:
                    return VisitChildren(operation, states, frame);
            }
        }

        private List<PolicyState> VisitChildren(IOperation operation, List<PolicyState> states, Frame frame)
        {
            foreach (var child in operation.ChildOperations)
            {
                states = Visit(child, states, frame);
                if (states.Count == 0)
                {
                    break;
                }
            }

            return states;
        }

        private List<PolicyState> VisitAll(ImmutableArray<IOperation> operations, List<PolicyState> states, Frame frame)
        {
            foreach (var operation in operations)
            {
                states = Visit(operation, states, frame);
            }

            return states;
        }

        private List<PolicyState> ApplyCreation(IObjectCreationOperation creation, List<PolicyState> states, Frame frame)
        {
            if (creation != frame.Root)
            {
                return VisitChildren(creation, states, frame);
            }

            foreach (var argument in creation.Arguments)
            {
                states = Visit(argument, states, frame);
            }

            var constructor = creation.Constructor;
            if (constructor is not null && constructor.Parameters.Length == 1 && _symbols.IsCorsPolicy(constructor.Parameters[0].Type))
            {
                // new CorsPolicyBuilder(policy): copies a policy this analysis does not follow.
                states = Map(states, static (state, _) => PolicyState.Unknown, (object?)null);
            }
            else
            {
                states = Map(states, static (state, _) => PolicyState.Initial, (object?)null);
                if (creation.Arguments.Length == 1)
                {
                    // new CorsPolicyBuilder(params string[] origins) calls WithOrigins(origins).
                    states = AddOrigins(creation.Arguments[0].Value, states, anyOriginSource: null);
                }
            }

            return Visit(creation.Initializer, states, frame);
        }

        private List<PolicyState> ApplyInvocation(IInvocationOperation invocation, List<PolicyState> states, Frame frame)
        {
            var method = invocation.TargetMethod;
            var receiver = invocation.Instance;
            if (receiver is null && method.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                receiver = invocation.Arguments[0].Value;
            }

            if (receiver is not null && _symbols.IsBuilderMethod(method) && IsSubject(receiver, frame))
            {
                switch (method.Name)
                {
                    case "AllowAnyOrigin":
                        return Map(states, static (state, source) => state.WithOrigins(OriginsShape.AnyOrigin, source), (IOperation)invocation);
                    case "WithOrigins" when invocation.Arguments.Length == 1:
                        return AddOrigins(invocation.Arguments[0].Value, states, invocation);
                    case "SetIsOriginAllowed" when invocation.Arguments.Length == 1:
                        var predicate = OriginPredicates.Classify(invocation.Arguments[0].Value, _semanticModel.Compilation, _cancellationToken);
                        return Map(states, (state, source) => state.WithPredicate(predicate, source), (IOperation)invocation);
                    case "SetIsOriginAllowedToAllowWildcardSubdomains":
                        return Map(states, static (state, source) => state.WithPredicate(PredicateShape.WildcardSubdomains, source), (IOperation)invocation);
                    case "AllowCredentials":
                        return Map(states, static (state, source) => state.WithCredentials(CredentialsShape.Allowed, source), (IOperation)invocation);
                    case "DisallowCredentials":
                        return Map(states, static (state, source) => state.WithCredentials(CredentialsShape.Disallowed, source), (IOperation)invocation);
                    case "Build" when frame.ObserveBuild:
                        _observedAtBuild.AddRange(states);
                        return states;
                    default:
                        return states;
                }
            }

            if (receiver is not null && IsOriginsOfSubject(receiver, frame))
            {
                switch (method.Name)
                {
                    case "Add" when invocation.Arguments.Length == 1:
                        return AddOrigin(invocation.Arguments[0].Value, states, invocation.Arguments[0].Value);
                    case "Clear":
                        return Map(states, static (state, _) => state.WithOrigins(OriginsShape.Empty, null), (IOperation?)null);
                    case "Contains":
                    case "IndexOf":
                    case "CopyTo":
                    case "GetEnumerator":
                        return states;
                    default:
                        return Map(states, static (state, _) => state.WithOrigins(OriginsShape.Unknown, null), (IOperation?)null);
                }
            }

            // The policy is handed to another method: follow it into the same compilation's source, or give up on
            // what the callee might do (except the CORS APIs that only store or read it).
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is null || !IsSubject(argument.Value, frame))
                {
                    continue;
                }

                if (IsCorsFrameworkMethod(method))
                {
                    continue;
                }

                states = AnalyzeCallee(method, argument.Parameter, states, frame.ObserveBuild)
                    ?? Map(states, static (state, _) => PolicyState.Unknown, (object?)null);
            }

            return states;
        }

        private List<PolicyState> ApplyAssignment(ISimpleAssignmentOperation assignment, List<PolicyState> states, Frame frame)
        {
            if (assignment.Target is ILocalReferenceOperation local && IsSubject(assignment.Value, frame))
            {
                frame.Locals.Add(local.Local);
                return states;
            }

            if (assignment.Target is not IPropertyReferenceOperation { Instance: { } instance } property
                || !_symbols.IsCorsPolicy(property.Property.ContainingType)
                || !IsSubject(instance, frame))
            {
                return states;
            }

            switch (property.Property.Name)
            {
                case "SupportsCredentials":
                    var credentials = assignment.Value.ConstantValue is { HasValue: true, Value: bool allowed }
                        ? (allowed ? CredentialsShape.Allowed : CredentialsShape.Disallowed)
                        : CredentialsShape.Unknown;
                    return Map(states, (state, source) => state.WithCredentials(credentials, source), (IOperation)assignment);
                case "IsOriginAllowed":
                    var predicate = OriginPredicates.Classify(assignment.Value, _semanticModel.Compilation, _cancellationToken);
                    return Map(states, (state, source) => state.WithPredicate(predicate, source), (IOperation)assignment);
                default:
                    return states;
            }
        }

        /// <summary>WithOrigins(params string[]) or the CorsPolicyBuilder constructor: each element is appended.</summary>
        private List<PolicyState> AddOrigins(IOperation originsArgument, List<PolicyState> states, IOperation? anyOriginSource)
        {
            if (Unwrap(originsArgument) is IArrayCreationOperation { Initializer: { } initializer })
            {
                var count = 0;
                foreach (var element in initializer.ElementValues)
                {
                    count += IsIgnored(element) ? 0 : 1;
                }

                foreach (var element in initializer.ElementValues)
                {
                    if (IsIgnored(element))
                    {
                        continue;
                    }

                    if (count > 1 && IsAnyOrigin(element) && !_deadAnyOriginValues.Contains(element))
                    {
                        // WithOrigins("*", "https://a"): with another entry in the same call "*" is never the only one.
                        _deadAnyOriginValues.Add(element);
                    }

                    states = AddOrigin(element, states, anyOriginSource ?? element);
                }

                return states;
            }

            // A computed array: any number of unknown origins (the configuration model may know them).
            if (!_computedOrigins.Contains(originsArgument))
            {
                _computedOrigins.Add(originsArgument);
            }

            return Map(
                states,
                static (state, argument) => state.Origins == OriginsShape.Empty ? state.WithComputedOrigins(argument) : state.WithOrigins(OriginsShape.Unknown, null),
                originsArgument);
        }

        private List<PolicyState> AddOrigin(IOperation origin, List<PolicyState> states, IOperation anyOriginSource)
        {
            if (IsIgnored(origin))
            {
                return states;
            }

            _originValues.Add(origin);
            var constant = origin.ConstantValue;
            var isStar = IsAnyOrigin(origin);
            var isKnown = constant.HasValue && constant.Value is string;
            if (isStar && IsNeverFirst(states) && !_deadAnyOriginValues.Contains(origin))
            {
                // "*" appended to a non-empty list on every path: a plain string that matches nothing.
                _deadAnyOriginValues.Add(origin);
            }

            return Map(
                states,
                (state, source) => state.Origins switch
                {
                    // ["*"] only when "*" is the first and only entry.
                    OriginsShape.Empty => isStar ? state.WithOrigins(OriginsShape.AnyOrigin, source)
                        : isKnown ? state.WithOrigins(OriginsShape.Explicit, null)
                        : state.WithComputedOrigins(origin),
                    // A second entry, whatever it is, ends "any origin".
                    OriginsShape.AnyOrigin => state.WithOrigins(OriginsShape.Explicit, null),
                    OriginsShape.Explicit => state,
                    _ => isKnown && !isStar ? state.WithOrigins(OriginsShape.Explicit, null)
                        : state.OriginsArgument is null ? state
                        : state.WithOrigins(OriginsShape.Unknown, null),
                },
                anyOriginSource);
        }

        /// <summary>Whether the value is one of those <see cref="AnalyzeWithout"/> analyzes the policy without (as if removed).</summary>
        private bool IsIgnored(IOperation origin) => _ignoredOrigins is not null && _ignoredOrigins.Contains(origin.Syntax);

        private static bool IsAnyOrigin(IOperation origin) =>
            origin.ConstantValue is { HasValue: true, Value: string value } && value == CorsDefaults.AnyOrigin;

        private static bool IsNeverFirst(List<PolicyState> states)
        {
            foreach (var state in states)
            {
                if (state.Origins is OriginsShape.Empty or OriginsShape.Unknown)
                {
                    return false;
                }
            }

            return states.Count > 0;
        }

        private List<PolicyState> Map<TArg>(List<PolicyState> states, System.Func<PolicyState, TArg, PolicyState> transform, TArg argument)
        {
            var result = new List<PolicyState>(states.Count);
            foreach (var state in states)
            {
                AddDistinct(result, transform(state, argument));
            }

            return result;
        }

        private List<PolicyState> Union(List<PolicyState> first, List<PolicyState> second)
        {
            if (second.Count == 0 || ReferenceEquals(first, second))
            {
                return first;
            }

            var result = new List<PolicyState>(first);
            foreach (var state in second)
            {
                AddDistinct(result, state);
            }

            return result;
        }

        private List<PolicyState> Distinct(List<PolicyState> states) => Union(new List<PolicyState>(), states);

        /// <summary>The states at the end of a frame's body: those that returned plus those that fell through.</summary>
        private List<PolicyState> Finish(Frame frame, List<PolicyState> fallthrough) => Union(Distinct(frame.Exits), fallthrough);

        private void AddDistinct(List<PolicyState> states, PolicyState state)
        {
            if (states.Contains(state))
            {
                return;
            }

            if (states.Count < MaxStates)
            {
                states.Add(state);
            }
            else
            {
                _truncated = true;
            }
        }

        /// <summary>What one method body (or lambda) follows, and the states it left through return statements.</summary>
        private sealed class Frame
        {
            public Frame(IParameterSymbol? parameter, IOperation? root, bool observeBuild)
            {
                Parameter = parameter;
                Root = root;
                ObserveBuild = observeBuild;
            }

            public IParameterSymbol? Parameter { get; }

            public IOperation? Root { get; }

            public bool ObserveBuild { get; }

            public HashSet<ILocalSymbol> Locals { get; } = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

            public List<PolicyState> Exits { get; } = new List<PolicyState>();


        }
    }
}
