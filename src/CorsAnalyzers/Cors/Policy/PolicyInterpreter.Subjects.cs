using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Policy
{
    /// <summary>Which operations stand for the builder or policy a frame follows (its subject).</summary>
    internal sealed partial class PolicyInterpreter
    {
        /// <summary>Whether an operation evaluates to the builder or policy this frame follows.</summary>
        private bool IsSubject(IOperation? operation, Frame frame)
        {
            operation = Unwrap(operation);
            switch (operation)
            {
                case null:
                    return false;
                case IParameterReferenceOperation parameter:
                    return frame.Parameter is not null && SymbolEqualityComparer.Default.Equals(parameter.Parameter, frame.Parameter);
                case ILocalReferenceOperation local:
                    return frame.Locals.Contains(local.Local);
                case IObjectCreationOperation:
                    return operation == frame.Root;
                case IInvocationOperation invocation:
                    // Fluent calls return the same builder: builder.WithOrigins(...).AllowCredentials().
                    if (!_symbols.IsCorsPolicyBuilder(invocation.Type))
                    {
                        return false;
                    }

                    var receiver = invocation.Instance
                        ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
                    return IsSubject(receiver, frame);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    // isPublic ? policy.AllowAnyOrigin() : policy.WithOrigins(...)
                    return IsSubject(conditional.WhenTrue, frame) && IsSubject(whenFalse, frame);
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    // new CorsPolicy { SupportsCredentials = true }: the initializer's implicit receiver.
                    return frame.Root is not null && GetInitializedObject(operation) == frame.Root;
                case IConditionalAccessInstanceOperation:
                    for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
                    {
                        if (parent is IConditionalAccessOperation conditionalAccess)
                        {
                            return IsSubject(conditionalAccess.Operation, frame);
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        /// <summary><c>policy.Origins</c>, or the implicit receiver of <c>new CorsPolicy { Origins = { ... } }</c>.</summary>
        private bool IsOriginsOfSubject(IOperation receiver, Frame frame)
        {
            receiver = Unwrap(receiver)!;
            if (receiver is IPropertyReferenceOperation { Property.Name: "Origins", Instance: { } instance } property)
            {
                return _symbols.IsCorsPolicy(property.Property.ContainingType) && IsSubject(instance, frame);
            }

            if (receiver is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }
                && GetInitializedObject(receiver) is IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation member })
            {
                return IsOriginsOfSubject(member, frame);
            }

            return false;
        }

        /// <summary>The object creation or member initializer an implicit receiver refers to.</summary>
        private static IOperation? GetInitializedObject(IOperation implicitReceiver)
        {
            for (var parent = implicitReceiver.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IObjectOrCollectionInitializerOperation initializer)
                {
                    return initializer.Parent;
                }
            }

            return null;
        }

        private bool IsCorsFrameworkMethod(IMethodSymbol method)
        {
            var type = method.ContainingType;
            return SymbolEqualityComparer.Default.Equals(type, _symbols.CorsOptions)
                || SymbolEqualityComparer.Default.Equals(type, _symbols.CorsPolicyBuilder)
                || SymbolEqualityComparer.Default.Equals(type, _symbols.CorsPolicy);
        }

        /// <summary>Skips implicit conversions and casts to the same type.</summary>
        internal static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion
                   && (conversion.IsImplicit || SymbolEqualityComparer.Default.Equals(conversion.Type, conversion.Operand.Type)))
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
