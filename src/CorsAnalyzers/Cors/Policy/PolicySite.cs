using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace CorsAnalyzers.Cors.Policy
{
    internal enum PolicySiteKind
    {
        /// <summary>An <c>Action&lt;CorsPolicyBuilder&gt;</c> (lambda or method group): AddPolicy, AddDefaultPolicy, UseCors, RequireCors.</summary>
        ConfigureDelegate,

        /// <summary><c>new CorsPolicyBuilder(...)</c>.</summary>
        BuilderCreation,

        /// <summary><c>new CorsPolicy { ... }</c>, or <c>new MyPolicy()</c> of a subclass whose constructor sets it up.</summary>
        PolicyCreation,
    }

    /// <summary>A place where one CORS policy is built, and what it is called.</summary>
    internal sealed class PolicySite
    {
        private PolicySite(IOperation operation, PolicySiteKind kind, string? name, bool isDefault)
        {
            Operation = operation;
            Kind = kind;
            Name = name;
            IsDefault = isDefault;
        }

        /// <summary>The delegate creation or the object creation.</summary>
        public IOperation Operation { get; }

        public PolicySiteKind Kind { get; }

        /// <summary>The policy name when it is a constant of AddPolicy.</summary>
        public string? Name { get; }

        /// <summary>AddDefaultPolicy, or AddPolicy under <c>CorsOptions.DefaultPolicyName</c>.</summary>
        public bool IsDefault { get; }

        /// <summary>How messages name the policy: "The CORS policy 'Frontend'", "The default CORS policy", "The CORS policy".</summary>
        public string Description =>
            IsDefault ? "The default CORS policy"
            : Name is not null ? "The CORS policy '" + Name + "'"
            : "The CORS policy";

        /// <summary>The site an operation starts, or null. Cheap: a type comparison before anything else.</summary>
        public static PolicySite? TryCreate(IOperation operation, CorsSymbols symbols)
        {
            switch (operation)
            {
                case IDelegateCreationOperation delegateCreation
                    when symbols.IsActionOfCorsPolicyBuilder(delegateCreation.Type)
                         && delegateCreation.Target is IAnonymousFunctionOperation or IMethodReferenceOperation:
                    return Named(operation, PolicySiteKind.ConfigureDelegate, symbols);

                case IObjectCreationOperation creation when symbols.IsCorsPolicyBuilder(creation.Type):
                    return Named(operation, PolicySiteKind.BuilderCreation, symbols);

                case IObjectCreationOperation creation when symbols.IsCorsPolicyOrSubclass(creation.Type):
                    return Named(operation, PolicySiteKind.PolicyCreation, symbols);

                default:
                    return null;
            }
        }

        private static PolicySite Named(IOperation operation, PolicySiteKind kind, CorsSymbols symbols)
        {
            // The policy is named by the AddPolicy/AddDefaultPolicy call it is an argument of, directly or through a
            // fluent chain ending in Build(): AddPolicy("x", new CorsPolicyBuilder().WithOrigins(...).Build()).
            var current = operation;
            while (current.Parent is IInvocationOperation { Instance: { } instance } fluent && instance == current)
            {
                current = fluent;
            }

            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                // AddPolicy("x", new MyPolicy()): a subclass converted to CorsPolicy.
                current = conversion;
            }

            if (current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation })
            {
                var method = invocation.TargetMethod;
                if (symbols.IsCorsOptionsMethod(method, "AddDefaultPolicy"))
                {
                    return new PolicySite(operation, kind, null, isDefault: true);
                }

                if (symbols.IsCorsOptionsMethod(method, "AddPolicy")
                    && invocation.Arguments.Length > 0
                    && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    return new PolicySite(operation, kind, name, isDefault: name == CorsDefaults.DefaultPolicyName);
                }
            }

            return new PolicySite(operation, kind, null, isDefault: false);
        }
    }
}
