using CorsAnalyzers.Cors;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="PolicyNameCollector"/>: where the application defines policy names and where it consumes them, in
/// source order, with the endpoint CORS metadata and the uncertainty each site brings.
/// </summary>
public class PolicyNameCollectorTests
{
    [Fact]
    public async Task Definitions_AreTheConstantAddPolicyNamesAndTheDefaultPolicy_InSourceOrder()
    {
        var registry = await RegistryHarness.CollectAsync("""
            const string Admin = "Admin";
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
                options.AddDefaultPolicy(policy => policy.WithOrigins("https://www.contoso.com"));
                options.AddPolicy(Admin, policy => policy.WithOrigins("https://admin.contoso.com"));
                options.AddPolicy(nameof(Admin) + "2", new Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicy());
            });
            """);

        var names = registry.Names;
        Assert.Equal(
            new[] { "Frontend@5:\"Frontend\"", "__DefaultCorsPolicy@6:AddDefaultPolicy", "Admin@7:Admin", "Admin2@8:nameof(Admin) + \"2\"" },
            names.Definitions.Select(d => d.Name + "@" + RegistryHarness.Describe(d.Location)));
        Assert.Equal(new[] { false, true, false, false }, names.Definitions.Select(d => d.IsAddDefaultPolicy));
        Assert.False(names.HasComputedDefinition);
    }

    [Fact]
    public async Task ComputedAddPolicyName_IsNoDefinition_AndMakesDefinitionsUncertain()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.AddPolicy(builder.Configuration["Cors:Policy"]!, policy => policy.WithOrigins("https://app.contoso.com")));
            """);

        Assert.Empty(registry.Names.Definitions);
        Assert.True(registry.Names.HasComputedDefinition);
    }

    [Fact]
    public async Task References_OfEveryKind_InSourceOrder()
    {
        var registry = await RegistryHarness.CollectAsync(
            """
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseCors("Middleware");
            app.MapGet("/a", () => "a").RequireCors("Endpoint");
            app.MapGet("/b", () => "b").WithMetadata(new Microsoft.AspNetCore.Cors.EnableCorsAttribute("Metadata"));
            app.MapGet("/c", () => "c").WithMetadata(new Microsoft.AspNetCore.Cors.EnableCorsAttribute());
            app.Run();
            """,
            """
            using Microsoft.AspNetCore.Cors;
            using Microsoft.AspNetCore.Mvc;

            [EnableCors("Controller")]
            public class OrdersController : ControllerBase
            {
                [EnableCors(PolicyName = "Action")]
                public IActionResult Get() => Ok();

                [EnableCors]
                public IActionResult List() => Ok();

                public static void Filter(Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilter filter) => filter.PolicyName = "Filter";
            }
            """);

        var names = registry.Names;
        Assert.Equal(
            new[]
            {
                "Middleware:UseCors@3:\"Middleware\"",
                "Endpoint:RequireCors@4:\"Endpoint\"",
                "Metadata:EnableCors@5:\"Metadata\"",
                "(default):EnableCors@6:new Microsoft.AspNetCore.Cors.EnableCorsAttribute()",
                "Controller:EnableCors@4:\"Controller\"",
                "Action:EnableCors@7:\"Action\"",
                "(default):EnableCors@10:EnableCors",
                "Filter:MvcFilter@13:\"Filter\"",
            },
            names.References.Select(r => (r.Name ?? "(default)") + ":" + r.Kind + "@" + RegistryHarness.Describe(r.Location)));
        Assert.False(names.HasComputedReference);
        Assert.True(names.HasEndpointCorsMetadata);
        Assert.True(names.HasEndpointPolicyOtherThanDefault);
        Assert.True(names.HasMvcCorsFilter);
        Assert.Empty(names.UseCorsCallsWithoutName);
    }

    [Fact]
    public async Task UseCorsWithoutName_AndInlineEndpointPolicy_AreNoReferences()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            var app = builder.Build();
            app.UseCors();
            app.UseCors(policy => policy.WithOrigins("https://app.contoso.com"));
            app.MapGet("/a", () => "a").RequireCors(policy => policy.WithOrigins("https://app.contoso.com"));
            app.Run();
            """);

        var names = registry.Names;
        Assert.Empty(names.References);
        Assert.Equal(new[] { "4:app.UseCors()" }, names.UseCorsCallsWithoutName.Select(u => RegistryHarness.Describe(u.Location)));
        Assert.True(names.HasEndpointCorsMetadata);
        Assert.True(names.HasEndpointPolicyOtherThanDefault);
        Assert.False(names.HasMvcCorsFilter);
    }

    [Fact]
    public async Task ComputedReference_AndDefaultPolicyNameAssignment_AreRecordedAsUncertainty()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options => options.DefaultPolicyName = "Main");
            var app = builder.Build();
            app.UseCors(builder.Configuration["Cors:Policy"]!);
            app.Run();
            """);

        var names = registry.Names;
        Assert.Empty(names.References);
        Assert.True(names.HasComputedReference);
        Assert.True(names.DefaultPolicyNameAssigned);
        Assert.False(names.HasEndpointCorsMetadata);
    }

    [Fact]
    public async Task LookAlikeMethods_AreNeitherDefinitionsNorReferences()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var options = new MyOptions();
            options.AddPolicy("Frontend");
            options.UseCors("Frontend");

            public sealed class MyOptions
            {
                public void AddPolicy(string name) { }
                public void UseCors(string name) { }
            }
            """);

        Assert.Empty(registry.Names.Definitions);
        Assert.Empty(registry.Names.References);
        Assert.False(registry.Pipeline.HasCorsMiddleware);
    }

    /// <summary><see cref="PolicyNameResolver"/>: names kept in variables, and where each one is reported.</summary>
    [Fact]
    public async Task NamesInVariablesFieldsAndParameters_AreResolved_AtTheirUse()
    {
        var registry = await RegistryHarness.CollectAsync(
            """
            var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors(options =>
            {
                options.AddPolicy(MyAllowSpecificOrigins, p => p.WithOrigins("https://a.contoso.com"));
                options.AddPolicy(Policies.Admin, p => p.WithOrigins("https://b.contoso.com"));
                options.AddPolicy(options.DefaultPolicyName, p => p.WithOrigins("https://c.contoso.com"));
            });
            builder.Services.AddNamedCors("Partner");
            var app = builder.Build();
            app.UseCors(MyAllowSpecificOrigins);
            app.UseCors(app.Environment.IsDevelopment() ? "Dev" : Policies.Admin);
            app.Run();
            """,
            """
            public static class Policies
            {
                public static readonly string Admin = "Admin";
            }

            public static class CorsSetup
            {
                public static IServiceCollection AddNamedCors(this IServiceCollection services, string name) =>
                    services.AddCors(o => o.AddPolicy(name, p => p.WithOrigins("https://d.contoso.com")));
            }
            """);

        var names = registry.Names;
        Assert.Equal(
            new[]
            {
                "_myAllowSpecificOrigins@5:MyAllowSpecificOrigins",
                "Admin@6:Policies.Admin",
                "__DefaultCorsPolicy@7:options.DefaultPolicyName",
                "Partner@9:\"Partner\"",
            },
            names.Definitions.Select(d => d.Name + "@" + RegistryHarness.Describe(d.Location)));
        Assert.Equal(
            new[]
            {
                "_myAllowSpecificOrigins@11:MyAllowSpecificOrigins",
                "Admin@12:app.Environment.IsDevelopment() ? \"Dev\" : Policies.Admin",
                "Dev@12:\"Dev\"",
            },
            names.References.Select(r => r.Name + "@" + RegistryHarness.Describe(r.Location)));
        Assert.False(names.HasComputedDefinition);
        Assert.False(names.HasComputedReference);
    }
}
