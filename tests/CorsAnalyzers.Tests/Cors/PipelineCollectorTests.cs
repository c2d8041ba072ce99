using System.Collections.Immutable;
using CorsAnalyzers.Cors;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="PipelineCollector"/>: the pipeline's anchor calls (where UseCors belongs), whether the CORS middleware
/// or MVC's router runs, and whether a library's helper could call UseCors out of sight.
/// </summary>
public class PipelineCollectorTests
{
    [Fact]
    public async Task Calls_AreTheAnchorCalls_WithKindStatementAndReceiver()
    {
        var registry = await RegistryHarness.CollectAsync("""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            app.UseHttpsRedirection();
            app.UseRouting().UseAuthentication();
            app.UseAuthorization();
            app.UseEndpoints(endpoints => endpoints.MapControllers());
            app.MapGet("/", () => "hello");
            app.Run();
            """);

        var pipeline = registry.Pipeline;
        Assert.True(pipeline.BuildsPipeline);
        // Source order (a chain's calls start at the same position: their order among themselves is not part of it).
        Assert.Equal(
            new[]
            {
                "Authentication@4:app.UseRouting().UseAuthentication() in 4:app.UseRouting().UseAuthentication(); on app, whole",
                "Routing@4:app.UseRouting() in 4:app.UseRouting().UseAuthentication(); on app, part",
                "Authentication@5:app.UseAuthorization() in 5:app.UseAuthorization(); on app, whole",
                "Endpoints@6:app.UseEndpoints(endpoints => endpoints.MapControllers()) in 6:app.UseEndpoints(endpoints => endpoints.MapControllers()); on app, whole",
                "Endpoints@6:endpoints.MapControllers() in 6:app.UseEndpoints(endpoints => endpoints.MapControllers()); on app, part",
                "Endpoints@7:app.MapGet(\"/\", () => \"hello\") in 7:app.MapGet(\"/\", () => \"hello\"); on app, whole",
                "Endpoints@8:app.Run() in 8:app.Run(); on app, whole",
            },
            pipeline.Calls.Select(c =>
                c.Kind + "@" + RegistryHarness.Describe(c.CallLocation)
                + " in " + (c.StatementLocation is { } s ? RegistryHarness.Describe(s) : "-")
                + " on " + (c.Receiver ?? "-") + ", " + (c.IsWholeStatement ? "whole" : "part"))
                .OrderBy(c => c.Split(' ')[0].Split('@')[1].Split(':')[0], StringComparer.Ordinal)
                .ThenBy(c => c, StringComparer.Ordinal));
        Assert.Equal(pipeline.Calls.Select(c => c.CallSyntax.SpanStart).Order(), pipeline.Calls.Select(c => c.CallSyntax.SpanStart));
        Assert.False(pipeline.HasCorsMiddleware);
        Assert.False(pipeline.UsesMvcRouter);
        Assert.False(pipeline.HasOpaquePipelineHelper);
    }

    [Theory]
    [InlineData("app.UseCors();", true)]
    [InlineData("app.UseCors(\"Frontend\");", true)]
    [InlineData("app.UseMiddleware<Microsoft.AspNetCore.Cors.Infrastructure.CorsMiddleware>();", true)]
    [InlineData("app.UseMiddleware<MyMiddleware>();", false)]
    [InlineData("app.UseHttpsRedirection();", false)]
    public async Task CorsMiddleware_IsUseCorsOrUseMiddlewareOfCorsMiddleware(string call, bool expected)
    {
        var registry = await RegistryHarness.CollectAsync(
            "var builder = WebApplication.CreateBuilder(args);\nvar app = builder.Build();\n" + call + "\napp.Run();",
            """
            using Microsoft.AspNetCore.Http;
            public sealed class MyMiddleware(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context) => next(context);
            }
            """);

        Assert.Equal(expected, registry.Pipeline.HasCorsMiddleware);
    }

    [Theory]
    [InlineData("builder.Services.AddMvc(o => o.EnableEndpointRouting = false);\nvar app = builder.Build();\napp.UseMvc();", true)]
    [InlineData("builder.Services.AddMvc(o => o.EnableEndpointRouting = false);\nvar app = builder.Build();", true)]
    [InlineData("builder.Services.AddControllers();\nvar app = builder.Build();\napp.MapControllers();", false)]
    public async Task MvcRouter_IsUseMvcOrEnableEndpointRouting(string code, bool expected)
    {
        var registry = await RegistryHarness.CollectAsync("var builder = WebApplication.CreateBuilder(args);\n" + code + "\napp.Run();");

        Assert.Equal(expected, registry.Pipeline.UsesMvcRouter);
    }

    [Theory]
    // Calls UseCors: its assembly references ASP.NET Core's CORS assembly.
    [InlineData("UseCompanyDefaults", "Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions.UseCors(app, \"Frontend\")", true)]
    // Says CORS in its name (whatever it references).
    [InlineData("UseCompanyCors", "app", true)]
    // Like UseSwagger or UseSerilogRequestLogging: no CORS anywhere in the library.
    [InlineData("UseCompanyDocs", "app", false)]
    public async Task PipelineHelperOfALibrary_IsOpaque_OnlyWhenItCanUseCors(string name, string body, bool opaque)
    {
        var library = $$"""
            namespace Company.Web
            {
                public static class CompanyPipelineExtensions
                {
                    public static Microsoft.AspNetCore.Builder.IApplicationBuilder {{name}}(this Microsoft.AspNetCore.Builder.IApplicationBuilder app) => {{body}};
                }
            }
            """;
        var app = $$"""
            var builder = WebApplication.CreateBuilder(args);
            var app = builder.Build();
            Company.Web.CompanyPipelineExtensions.{{name}}(app);
            app.UseHttpsRedirection();
            app.Run();
            """;

        var withLibrary = await RegistryHarness.CollectAsync(new[] { app }, ImmutableArray.Create(RegistryHarness.CompileLibrary("Company.Web", library)));
        var withSource = await RegistryHarness.CollectAsync(app, library);

        Assert.Equal(opaque, withLibrary.Pipeline.HasOpaquePipelineHelper);
        // In source, what the helper does is seen: never opaque.
        Assert.False(withSource.Pipeline.HasOpaquePipelineHelper);
    }

    [Fact]
    public async Task LibraryThatOnlyRegistersServices_BuildsNoPipeline()
    {
        var registry = await RegistryHarness.CollectAsync("""
            using Microsoft.Extensions.DependencyInjection;
            public static class CorsSetup
            {
                public static IServiceCollection AddFrontendCors(this IServiceCollection services) =>
                    services.AddCors(o => o.AddPolicy("Frontend", p => p.WithOrigins("https://app.contoso.com")));
            }
            """);

        Assert.False(registry.Pipeline.BuildsPipeline);
        Assert.Empty(registry.Pipeline.Calls);
    }
}
