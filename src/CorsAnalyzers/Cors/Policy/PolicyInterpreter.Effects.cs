using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>
    /// What the CORS APIs do to a policy state (CorsPolicyBuilder.cs, CorsPolicy.cs): creations, builder calls,
    /// <c>CorsPolicy</c> property assignments and <c>Origins</c> calls, and which operations are the policy followed.
    /// </summary>
    internal sealed partial class PolicyInterpreter
    {
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
            states = Map(states, static (state, _) => PolicyState.Initial, (object?)null);
            if (!_symbols.IsCorsPolicyBuilder(creation.Type))
            {
                // new CorsPolicy(), or a subclass whose constructors set the policy up: new MyPolicy().
                states = constructor is null
                    ? Map(states, static (state, _) => PolicyState.Unknown, (object?)null)
                    : AnalyzeThisMember(constructor, states) ?? Map(states, static (state, _) => PolicyState.Unknown, (object?)null);
            }
            else if (constructor is not null && constructor.Parameters.Length == 1 && _symbols.IsCorsPolicy(constructor.Parameters[0].Type))
            {
                // new CorsPolicyBuilder(policy): copies a policy this analysis does not follow.
                states = Map(states, static (state, _) => PolicyState.Unknown, (object?)null);
            }
            else if (creation.Arguments.Length == 1)
            {
                // new CorsPolicyBuilder(params string[] origins) calls WithOrigins(origins).
                states = AddOrigins(creation.Arguments[0].Value, states, anyOriginSource: null);
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
                        // Clears the origin list, then adds "*".
                        RecordClearedEpochs(invocation, states);
                        return Map(states, static (state, source) => state.WithClearedOrigins(OriginsShape.AnyOrigin, source, source), (IOperation)invocation);
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
                        return Map(states, static (state, source) => state.WithClearedOrigins(OriginsShape.Empty, null, source), (IOperation)invocation);
                    case "Contains":
                    case "IndexOf":
                    case "CopyTo":
                    case "GetEnumerator":
                        return states;
                    default:
                        return Map(states, static (state, _) => state.WithOrigins(OriginsShape.Unknown, null), (IOperation?)null);
                }
            }

            if (invocation.Instance is { } instance && !IsCorsFrameworkMethod(method) && IsSubject(instance, frame))
            {
                // In a CorsPolicy subclass: its : base(...) / : this(...) constructor call, or one of its own methods
                // called on the policy (this.Configure(), policy.Configure()).
                return AnalyzeThisMember(method, states) ?? Map(states, static (state, _) => PolicyState.Unknown, (object?)null);
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

            if (assignment.Target is not IPropertyReferenceOperation { Instance: { } instance } property || !IsSubject(instance, frame))
            {
                return states;
            }

            if (!_symbols.IsCorsPolicy(property.Property.ContainingType))
            {
                // A property of a CorsPolicy subclass: a setter with code may change anything; stored values change nothing.
                return IsAutoProperty(property.Property) ? states : Map(states, static (state, _) => PolicyState.Unknown, (object?)null);
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

        private bool IsAutoProperty(IPropertySymbol property)
        {
            var setter = property.SetMethod;
            if (setter is null || setter.DeclaringSyntaxReferences.Length != 1)
            {
                return false;
            }

            return setter.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };
        }

        /// <summary>WithOrigins(params string[]) or the CorsPolicyBuilder constructor: each element is appended.</summary>
        private List<PolicyState> AddOrigins(IOperation originsArgument, List<PolicyState> states, IOperation? anyOriginSource)
        {
            var elements = new List<IOperation>();
            var computed = new List<IOperation>();
            var known = OriginArguments.TryGetElements(originsArgument, _symbols, elements, computed, _cancellationToken);
            if (_ignoredOrigins is not null)
            {
                elements.RemoveAll(IsIgnored);
            }

            if (!known)
            {
                // Any number of unknown origins; the values that are visible are still values given to the policy
                // (CORS004 and CORS005 judge them one by one), and the computed lists may be known to the configuration model.
                foreach (var element in elements)
                {
                    RecordValue(element, states);
                }

                foreach (var list in computed)
                {
                    if (!_computedOrigins.Contains(list))
                    {
                        _computedOrigins.Add(list);
                    }

                    RecordEpochs(list, states);
                }

                return elements.Count == 0 && computed.Count == 1
                    ? Map(
                        states,
                        static (state, list) => state.Origins == OriginsShape.Empty ? state.WithComputedOrigins(list) : state.WithOrigins(OriginsShape.Unknown, null),
                        computed[0])
                    : Map(states, static (state, _) => state.WithOrigins(OriginsShape.Unknown, null), (IOperation?)null);
            }

            foreach (var element in elements)
            {
                if (elements.Count > 1 && IsAnyOrigin(element) && !_deadAnyOriginValues.Contains(element))
                {
                    // WithOrigins("*", "https://a"): with another entry in the same call "*" is never the only one.
                    _deadAnyOriginValues.Add(element);
                }

                states = AddOrigin(element, states, anyOriginSource ?? element);
            }

            return states;
        }

        private List<PolicyState> AddOrigin(IOperation origin, List<PolicyState> states, IOperation anyOriginSource)
        {
            if (IsIgnored(origin))
            {
                return states;
            }

            RecordValue(origin, states);
            var constant = origin.ConstantValue;
            var isStar = IsAnyOrigin(origin);
            var isKnown = constant.HasValue && constant.Value is string;
            if (isStar && IsNeverFirst(states) && !_deadAnyOriginValues.Contains(origin))
            {
                // "*" appended to a non-empty list on every path: a plain string that matches nothing.
                _deadAnyOriginValues.Add(origin);
            }

            var makesAnyOrigin = false;
            foreach (var state in states)
            {
                if (state.Origins == OriginsShape.AnyOrigin && state.OriginsSource is { } source && !_appendedAnyOriginSources.Contains(source))
                {
                    // Whatever is appended to ["*"] turns that "*" into a plain string.
                    _appendedAnyOriginSources.Add(source);
                }

                makesAnyOrigin |= isStar && state.Origins == OriginsShape.Empty;
            }

            if (makesAnyOrigin && _callStack.Count == 0)
            {
                // Judged at the end: dead if every path that keeps it appends something (see AddFirstAnyOriginValuesFollowedEverywhere).
                _firstAnyOriginValues.Add(new KeyValuePair<IOperation, IOperation>(origin, anyOriginSource));
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

        /// <summary>An origin value given to the policy, and the origin-list epochs it was added under.</summary>
        private void RecordValue(IOperation origin, List<PolicyState> states)
        {
            _originValues.Add(origin);
            RecordEpochs(origin, states);
        }

        /// <summary>The epochs of the non-empty lists an AllowAnyOrigin() call clears: what replacing it would bring back.</summary>
        private void RecordClearedEpochs(IOperation clearing, List<PolicyState> states)
        {
            foreach (var state in states)
            {
                if (state.Origins == OriginsShape.Empty)
                {
                    continue;
                }

                if (!_clearedEpochs.TryGetValue(clearing, out var epochs))
                {
                    epochs = new List<IOperation?>(1);
                    _clearedEpochs.Add(clearing, epochs);
                }

                if (!epochs.Contains(state.OriginsEpoch))
                {
                    epochs.Add(state.OriginsEpoch);
                }
            }
        }

        /// <summary>The origin-list epochs an origin value or a computed list was added under.</summary>
        private void RecordEpochs(IOperation origin, List<PolicyState> states)
        {
            if (!_valueEpochs.TryGetValue(origin, out var epochs))
            {
                epochs = new List<IOperation?>(1);
                _valueEpochs.Add(origin, epochs);
            }

            foreach (var state in states)
            {
                if (!epochs.Contains(state.OriginsEpoch))
                {
                    epochs.Add(state.OriginsEpoch);
                }
            }
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
    }
}
