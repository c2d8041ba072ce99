public static class LegacyCorsMiddleware
{
    public static IApplicationBuilder UseLegacyCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // CORS003: a constant that belongs on the response.
        context.Response.Headers.Append("Access-Control-Expose-Headers", "X-Total-Count");
        await next();
    });
}
