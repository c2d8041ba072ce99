namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="CorsAnalyzers.Cors.CorsPolicyRegistry"/>: the questions that need more than one collector.
/// </summary>
public class CorsPolicyRegistryTests
{
    [Theory]
    [InlineData("builder.Services.AddCors(o => o.AddPolicy(\"A\", p => p.AllowAnyHeader()));", true)]
    [InlineData("builder.Services.AddCors();", true)]
    [InlineData("builder.Services.AddControllers();", true)]
    [InlineData("builder.Services.AddMvcCore().AddCors();", true)]
    [InlineData("builder.Services.AddRazorPages();", false)]
    [InlineData("builder.Services.AddCors();\nbuilder.Services.Configure<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>(o => o.AddPolicy(\"A\", p => p.AllowAnyHeader()));", true)]
    [InlineData("builder.Services.AddCors();\nbuilder.Services.Configure<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>(builder.Configuration.GetSection(\"Cors\"));", false)]
    [InlineData("builder.Services.AddCors(o => o.AddPolicy(builder.Configuration[\"Name\"]!, p => p.AllowAnyHeader()));", false)]
    [InlineData("builder.Services.AddCors(o => o.DefaultPolicyName = \"A\");", false)]
    [InlineData("builder.Services.AddCors(o => System.Console.WriteLine(o));", false)]
    [InlineData("builder.Services.AddCors(o => o.AddPolicy(\"A\", p => p.AllowAnyHeader()));\nbuilder.Services.AddSingleton(typeof(Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider), typeof(object));", false)]
    public async Task DefinedNamesAreKnown_OnlyWhenEverySourceOfNamesIsVisible(string services, bool expected)
    {
        var registry = await RegistryHarness.CollectAsync("var builder = WebApplication.CreateBuilder(args);\n" + services);

        Assert.Equal(expected, registry.DefinedNamesAreKnown);
    }

    [Theory]
    [InlineData("o.AddDefaultPolicy(p => p.AllowAnyHeader())", true)]
    [InlineData("o.AddPolicy(\"__DefaultCorsPolicy\", p => p.AllowAnyHeader())", true)]
    [InlineData("o.DefaultPolicyName = \"A\"", true)]
    [InlineData("o.AddPolicy(\"A\", p => p.AllowAnyHeader())", false)]
    public async Task MayHaveDefaultPolicy(string configure, bool expected)
    {
        var registry = await RegistryHarness.CollectAsync(
            "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddCors(o => " + configure + ");");

        Assert.Equal(expected, registry.MayHaveDefaultPolicy());
        Assert.Contains("__DefaultCorsPolicy", registry.GetDefinedNames().Append("__DefaultCorsPolicy"));
    }

    [Theory]
    [InlineData("app.UseMvc();", true)]
    [InlineData("Microsoft.AspNetCore.Mvc.Cors.CorsAuthorizationFilter? filter = null; if (filter is not null) filter.PolicyName = \"A\";", true)]
    [InlineData("app.MapControllers();", false)]
    public async Task HasMvcFilterCors_FromTheRouterOrAFilterInCode(string code, bool expected)
    {
        var registry = await RegistryHarness.CollectAsync(
            "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddMvc();\nvar app = builder.Build();\n" + code + "\napp.Run();");

        Assert.Equal(expected, registry.HasMvcFilterCors);
    }
}
