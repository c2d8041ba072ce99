using System.Collections.Immutable;
using CorsAnalyzers.Cors;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="CorsServicesCollector"/>: the AddCors calls, whether their configuration can be seen through, and
/// whether the application brings its own policy provider.
/// </summary>
public class CorsServicesCollectorTests
{
    [Fact]
    public async Task AddCorsCalls_InSourceOrder_WithAndWithoutConfigure()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions.AddCors(builder.Services, options => options.AddPolicy("A", p => p.AllowAnyHeader()));
            """);

        var services = registry.Services;
        Assert.Equal(new[] { "2:AddCors", "3:AddCors" }, services.AddCorsCalls.Select(RegistryHarness.Describe));
        Assert.True(services.HasAddCorsWithConfigure);
        Assert.False(services.HasOpaqueCorsConfiguration);
        Assert.False(services.HasCustomPolicyProvider);
    }

    [Fact]
    public async Task AddCorsWithoutConfigure_HasNoConfigure()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            """);

        Assert.Single(registry.Services.AddCorsCalls);
        Assert.False(registry.Services.HasAddCorsWithConfigure);
    }

    [Theory]
    [InlineData("options => Configure(options)", false)]
    [InlineData("Configure", false)]
    [InlineData("options => System.Console.WriteLine(options)", true)]
    [InlineData("options => Company.CorsSetup.Apply(options)", true)]
    [InlineData("Company.CorsSetup.Apply", true)]
    [InlineData("configure", true)]
    public async Task ConfigureDelegate_IsOpaque_WhenTheOptionsReachCodeWeCannotSee(string configure, bool opaque)
    {
        var library = RegistryHarness.CompileLibrary("Company.Cors", """
            namespace Company;
            public static class CorsSetup
            {
                public static void Apply(Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions options) { }
            }
            """);
        var registry = await RegistryHarness.CollectAsync(
            new[]
            {
                $$"""
                using Microsoft.AspNetCore.Cors.Infrastructure;

                System.Action<CorsOptions> configure = Configure;
                var builder = WebApplication.CreateBuilder(args);
                builder.Services.AddCors({{configure}});

                static void Configure(CorsOptions options) => options.AddPolicy("A", p => p.AllowAnyHeader());
                """,
            },
            ImmutableArray.Create(library));

        Assert.True(registry.Services.HasAddCorsWithConfigure);
        Assert.Equal(opaque, registry.Services.HasOpaqueCorsConfiguration);
    }

    [Theory]
    [InlineData("builder.Services.AddSingleton<ICorsPolicyProvider, TenantPolicyProvider>();")]
    [InlineData("builder.Services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider, TenantPolicyProvider>();")]
    [InlineData("builder.Services.AddSingleton<Provider, TenantPolicyProvider>();")]
    [InlineData("builder.Services.AddSingleton(typeof(ICorsPolicyProvider), typeof(TenantPolicyProvider));")]
    [InlineData("builder.Services.AddSingleton((ICorsPolicyProvider)new TenantPolicyProvider());")]
    public async Task CustomPolicyProvider_RegisteredInCode_IsSeen(string registration)
    {
        // The provider class comes from a library, so only the registration can tell.
        var library = RegistryHarness.CompileLibrary("Company.Tenants", """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;
            public sealed class TenantPolicyProvider : ICorsPolicyProvider
            {
                public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) => Task.FromResult<CorsPolicy?>(null);
            }
            """);
        var registry = await RegistryHarness.CollectAsync(
            new[]
            {
                "using Microsoft.AspNetCore.Cors.Infrastructure;\nusing Provider = Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider;\n"
                + "var builder = WebApplication.CreateBuilder(args);\n" + registration,
            },
            ImmutableArray.Create(library));

        Assert.True(registry.Services.HasCustomPolicyProvider);
    }

    [Fact]
    public async Task CustomPolicyProvider_DeclaredInSource_IsSeen_AndOrdinaryRegistrationsAreNot()
    {
        var withoutProvider = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddSingleton<IClock, Clock>();
            builder.Services.AddCors();
            public interface IClock { }
            public sealed class Clock : IClock { }
            """);
        var withProvider = await RegistryHarness.CollectAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Microsoft.AspNetCore.Http;
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddCors();
            public sealed class TenantPolicyProvider : ICorsPolicyProvider
            {
                public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) => Task.FromResult<CorsPolicy?>(null);
            }
            """);

        Assert.False(withoutProvider.Services.HasCustomPolicyProvider);
        Assert.True(withProvider.Services.HasCustomPolicyProvider);
    }
}
