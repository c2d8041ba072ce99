using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>Where a CORS policy name is consumed.</summary>
    internal enum PolicyReferenceKind
    {
        /// <summary><c>app.UseCors("x")</c>.</summary>
        UseCors,

        /// <summary><c>[EnableCors("x")]</c> on a class, method, lambda or local function, or <c>new EnableCorsAttribute("x")</c>.</summary>
        EnableCors,

        /// <summary><c>endpoint.RequireCors("x")</c>.</summary>
        RequireCors,

        /// <summary>
        /// An MVC CORS filter: <c>new CorsAuthorizationFilterFactory("x")</c> (public before ASP.NET Core 3.0) or
        /// <c>new CorsAuthorizationFilter(...) { PolicyName = "x" }</c>.
        /// </summary>
        MvcFilter,

        /// <summary>A policy looked up by hand: <c>CorsOptions.GetPolicy("x")</c>, <c>ICorsPolicyProvider.GetPolicyAsync(context, "x")</c>.</summary>
        Lookup,
    }

    /// <summary>A policy defined with a constant name: <c>AddPolicy("x", ...)</c> or <c>AddDefaultPolicy(...)</c>.</summary>
    internal sealed class PolicyDefinition
    {
        public PolicyDefinition(string name, Location location, bool isAddDefaultPolicy)
        {
            Name = name;
            Location = location;
            IsAddDefaultPolicy = isAddDefaultPolicy;
        }

        public string Name { get; }

        /// <summary>The name argument (for AddDefaultPolicy: the method name).</summary>
        public Location Location { get; }

        public bool IsAddDefaultPolicy { get; }
    }

    /// <summary>A constant policy name consumed somewhere; <see cref="Name"/> null means the default policy.</summary>
    internal sealed class PolicyReference
    {
        public PolicyReference(string? name, Location location, PolicyReferenceKind kind)
        {
            Name = name;
            Location = location;
            Kind = kind;
        }

        public string? Name { get; }

        /// <summary>The name argument expression (or the call/attribute when the name is implicit).</summary>
        public Location Location { get; }

        public PolicyReferenceKind Kind { get; }
    }

    /// <summary>An <c>app.UseCors()</c> without arguments.</summary>
    internal sealed class UseCorsWithoutName
    {
        public UseCorsWithoutName(Location location)
        {
            Location = location;
        }

        /// <summary>The invocation <c>app.UseCors()</c>.</summary>
        public Location Location { get; }
    }
}
