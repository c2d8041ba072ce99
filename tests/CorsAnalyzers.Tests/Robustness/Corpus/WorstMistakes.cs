// The worst CORS mistakes in one place (also used by the generated-code test).
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace CorpusApp.Worst;

public static class WorstMistakes
{
    public static void AddWorstCors(IServiceCollection services)
    {
        services.AddCors(options =>
        {
            options.AddPolicy("AnyWithCredentials", policy => policy.AllowAnyOrigin().AllowCredentials());
            options.AddPolicy("ReflectWithCredentials", policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials());
            options.AddPolicy("Substring", policy => policy.SetIsOriginAllowed(origin => origin.Contains("contoso.com")));
            options.AddPolicy("Malformed", policy => policy.WithOrigins("https://app.contoso.com/", "null"));
            options.AddPolicy("Public", policy => policy.AllowAnyOrigin());
        });
    }

    public static void UseWorstPipeline(WebApplication app)
    {
        app.UseAuthorization();
        app.UseCors("AnyWithCredentials");
        app.UseCors("DoesNotExist");
        app.Use(async (context, next) =>
        {
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
            context.Request.Headers["Access-Control-Allow-Origin"] = "*";
            await next(context);
        });
    }

    public static async Task<string> CallAsync(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
        return await client.GetStringAsync("https://api.contoso.com/");
    }
}
