// Policies built in helpers, CorsPolicy objects and a custom policy provider.
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CorpusApp.Cors;

public static class CorsPolicyHelpers
{
    public static CorsPolicyBuilder ConfigureTrusted(CorsPolicyBuilder policy, string[] origins)
    {
        return policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
    }

    public static void ConfigureOpen(CorsPolicyBuilder policy)
    {
        policy.AllowAnyOrigin();
        policy.AllowAnyHeader();
        policy.AllowCredentials();
    }

    public static CorsPolicyBuilder ConfigureEverything(this CorsPolicyBuilder policy) =>
        policy.SetIsOriginAllowed(IsAnything).AllowCredentials();

    private static bool IsAnything(string origin) => true;

    public static CorsPolicy BuildPartnerPolicy()
    {
        var builder = new CorsPolicyBuilder("https://partner.contoso.com", "https://partner.contoso.com/");
        builder.AllowAnyHeader().WithMethods("GET");
        return builder.Build();
    }

    public static CorsPolicy BuildWideOpenPolicy()
    {
        var policy = new CorsPolicy();
        policy.Origins.Add("*");
        policy.SupportsCredentials = true;
        policy.Headers.Add("*");
        policy.Methods.Add("*");
        return policy;
    }

    public static CorsPolicy BuildPredicatePolicy()
    {
        var policy = new CorsPolicy
        {
            IsOriginAllowed = origin => origin.EndsWith("contoso.com", StringComparison.OrdinalIgnoreCase),
            SupportsCredentials = true,
        };
        return policy;
    }

    public static bool IsTrustedOrigin(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps &&
            (uri.Host == "contoso.com" || uri.Host.EndsWith(".contoso.com", StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class TenantCorsPolicyProvider : ICorsPolicyProvider
{
    private readonly IOptions<CorsOptions> _options;

    public TenantCorsPolicyProvider(IOptions<CorsOptions> options) => _options = options;

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var tenant = context.Request.Headers["X-Tenant"].ToString();
        if (string.IsNullOrEmpty(tenant))
        {
            return Task.FromResult(_options.Value.GetPolicy(policyName ?? _options.Value.DefaultPolicyName));
        }

        var policy = new CorsPolicyBuilder()
            .WithOrigins($"https://{tenant}.contoso.com")
            .AllowAnyHeader()
            .AllowCredentials()
            .Build();
        return Task.FromResult<CorsPolicy?>(policy);
    }
}

public static class CorsServiceRegistration
{
    public static IServiceCollection AddTenantCors(this IServiceCollection services)
    {
        services.AddCors(options =>
        {
            options.DefaultPolicyName = "Tenant";
            options.AddPolicy("Tenant", policy => policy.SetIsOriginAllowed(CorsPolicyHelpers.IsTrustedOrigin).AllowCredentials());
            options.AddPolicy("Open", CorsPolicyHelpers.ConfigureOpen);
            options.AddPolicy("Everything", policy => policy.ConfigureEverything());
        });
        services.AddSingleton<ICorsPolicyProvider, TenantCorsPolicyProvider>();
        return services;
    }
}
