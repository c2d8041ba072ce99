// A Startup class (pre-minimal hosting), a custom middleware and look-alike APIs that are not ASP.NET Core's.
using CorpusApp.Cors;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CorpusApp.Legacy;

public class Startup
{
    public void ConfigureServices(IServiceCollection services)
    {
        services.AddControllers();
        services.AddTenantCors();
        services.AddCors(options => options.AddPolicy("Legacy", builder => builder
            .WithOrigins("http://localhost:4200", "https://legacy.contoso.com:443/")
            .AllowAnyHeader()
            .AllowAnyMethod()
            .AllowCredentials()));
    }

    public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
    {
        if (env.IsDevelopment())
        {
            app.UseCors(builder => builder.AllowAnyOrigin().AllowCredentials());
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseCors("Legacy");
        app.UseAuthorization();
        app.UseMiddleware<CorsHeaderMiddleware>();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapControllers().RequireCors("Legacy");
            endpoints.MapGet("/health", context => context.Response.WriteAsync("ok")).RequireCors("Tenant");
        });
    }

    public static void ConfigureLate(IApplicationBuilder app)
    {
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapControllers());
        app.UseCors(policy => policy.WithOrigins("https://late.contoso.com"));
    }
}

public sealed class CorsHeaderMiddleware
{
    private readonly RequestDelegate _next;

    public CorsHeaderMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers.Origin;
            context.Response.Headers.AccessControlAllowCredentials = "true";
            return Task.CompletedTask;
        });
        await _next(context);
    }
}

// Look-alikes: same names as ASP.NET Core's CORS API, different types. Nothing here is ASP.NET Core CORS.
public sealed class PolicyBuilder
{
    private readonly List<string> _origins = new();
    private bool _credentials;

    public PolicyBuilder AllowAnyOrigin()
    {
        _origins.Add("*");
        return this;
    }

    public PolicyBuilder AllowCredentials()
    {
        _credentials = true;
        return this;
    }

    public PolicyBuilder SetIsOriginAllowed(Func<string, bool> predicate) => this;

    public PolicyBuilder WithOrigins(params string[] origins)
    {
        _origins.AddRange(origins);
        return this;
    }

    public override string ToString() => string.Join(",", _origins) + _credentials;
}

public sealed class FakeHeaders : Dictionary<string, string>
{
}

public static class LookAlikeUsage
{
    public static string Configure()
    {
        var builder = new PolicyBuilder().AllowAnyOrigin().AllowCredentials().SetIsOriginAllowed(_ => true).WithOrigins("null", "https://a.example/");
        var headers = new FakeHeaders();
        headers["Access-Control-Allow-Origin"] = "*";
        headers.Add("Access-Control-Allow-Credentials", "true");
        return builder.ToString() + headers.Count;
    }

    public static void UseCors(this object app, string policyName)
    {
    }

    public static CorsPolicy Parse(string text) => new CorsPolicyBuilder(text.Split(',')).Build();
}
