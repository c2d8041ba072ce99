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
    /// This file holds the walk (entry points, branches, calls followed, path merging); PolicyInterpreter.Effects.cs
    /// what the CORS APIs do to a state, and <see cref="OriginArguments"/> which origin values an argument holds.
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

        // The epochs (PolicyState.OriginsEpoch) each origin value was added under: whether it is still in the list at the end.
        private readonly Dictionary<IOperation, List<IOperation?>> _valueEpochs = new Dictionary<IOperation, List<IOperation?>>();

        // The epochs of the non-empty lists each AllowAnyOrigin() call cleared.
        private readonly Dictionary<IOperation, List<IOperation?>> _clearedEpochs = new Dictionary<IOperation, List<IOperation?>>();

        // A "*" that made an empty list ["*"] (in the policy's own code, not a shared helper), with what the state names as
        // its source; and the sources of "*" lists that something was appended to afterwards (then "*" is a plain string).
        private readonly List<KeyValuePair<IOperation, IOperation>> _firstAnyOriginValues = new List<KeyValuePair<IOperation, IOperation>>();
        private readonly List<IOperation> _appendedAnyOriginSources = new List<IOperation>();

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

            AddFirstAnyOriginValuesFollowedEverywhere(finalStates);
            return new PolicyAnalysisResult(
                site,
                finalStates.ToImmutableArray(),
                _originValues.ToImmutableArray(),
                _deadAnyOriginValues.ToImmutableArray(),
                _computedOrigins.ToImmutableArray(),
                _valueEpochs,
                _truncated,
                _clearedEpochs);
        }

        /// <summary>
        /// <c>WithOrigins("*")</c> followed by another origin on every path that keeps it: the first "*" is as dead as
        /// the later entries, because <c>CorsPolicy.AllowAnyOrigin</c> needs "*" to be the only one. Not when some path
        /// ends with that "*" alone (then it allows any origin: CORS001/CORS009) or with a list the analysis lost.
        /// </summary>
        private void AddFirstAnyOriginValuesFollowedEverywhere(List<PolicyState> finalStates)
        {
            foreach (var pair in _firstAnyOriginValues)
            {
                var value = pair.Key;
                var source = pair.Value;
                if (!_appendedAnyOriginSources.Contains(source) || _deadAnyOriginValues.Contains(value))
                {
                    continue;
                }

                var live = false;
                foreach (var state in finalStates)
                {
                    if (state.Origins == OriginsShape.Unknown || (state.Origins == OriginsShape.AnyOrigin && state.OriginsSource == source))
                    {
                        live = true;
                        break;
                    }
                }

                if (!live)
                {
                    _deadAnyOriginValues.Add(value);
                }
            }
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
            return FollowInto(definition, new Frame(definition.Parameters[parameter.Ordinal], null, observeBuild), states);
        }

        /// <summary>
        /// A constructor of a <c>CorsPolicy</c> subclass (<c>new MyPolicy()</c>, or its <c>: base(...)</c> / <c>: this(...)</c>
        /// chain), or an instance method called on the policy: followed with <c>this</c> as the subject. Null when its code
        /// is not visible (then the caller forgets what it knows).
        /// </summary>
        private List<PolicyState>? AnalyzeThisMember(IMethodSymbol method, List<PolicyState> states)
        {
            var definition = method.OriginalDefinition;
            if (_symbols.IsCorsPolicy(definition.ContainingType))
            {
                // CorsPolicy's own members: its constructor starts an empty policy.
                return definition.MethodKind == MethodKind.Constructor ? states : null;
            }

            if (definition.MethodKind == MethodKind.Constructor && definition.IsImplicitlyDeclared)
            {
                // A subclass without a constructor of its own: only the base constructor runs.
                return definition.ContainingType.BaseType?.InstanceConstructors is { Length: > 0 } baseConstructors
                       && FindParameterless(baseConstructors) is { } baseConstructor
                    ? AnalyzeThisMember(baseConstructor, states)
                    : null;
            }

            // A virtual member may run another class's code.
            return definition.IsVirtual || definition.IsAbstract || definition.IsOverride
                ? null
                : FollowInto(definition, new Frame(null, null, observeBuild: false, thisIsSubject: true), states);
        }

        /// <summary>The states at the end of a source method's body, visited in <paramref name="frame"/>; null when not followed.</summary>
        private List<PolicyState>? FollowInto(IMethodSymbol definition, Frame frame, List<PolicyState> states)
        {
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
                return Finish(frame, Visit(body, states, frame));
            }
            finally
            {
                _callStack.RemoveAt(_callStack.Count - 1);
            }
        }

        private static IMethodSymbol? FindParameterless(ImmutableArray<IMethodSymbol> constructors)
        {
            foreach (var constructor in constructors)
            {
                if (constructor.Parameters.Length == 0)
                {
                    return constructor;
                }
            }

            return null;
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
                // The : base(...) / : this(...) call (implicit when not written), then the body.
                IConstructorBodyOperation constructorBody => constructorBody,
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
            public Frame(IParameterSymbol? parameter, IOperation? root, bool observeBuild, bool thisIsSubject = false)
            {
                Parameter = parameter;
                Root = root;
                ObserveBuild = observeBuild;
                ThisIsSubject = thisIsSubject;
            }

            public IParameterSymbol? Parameter { get; }

            /// <summary>A constructor or instance member of a CorsPolicy subclass: <c>this</c> is the policy.</summary>
            public bool ThisIsSubject { get; }

            public IOperation? Root { get; }

            public bool ObserveBuild { get; }

            public HashSet<ILocalSymbol> Locals { get; } = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);

            public List<PolicyState> Exits { get; } = new List<PolicyState>();


        }
    }
}
