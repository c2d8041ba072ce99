public static class LegacyCorsMiddleware
{
    public static IApplicationBuilder UseLegacyCors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // CORS003 on the incoming request: the request's Origin and credentials must never reach the response.
        context.Request.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
        context.Request.Headers["Access-Control-Allow-Credentials"] = "true";
        // CORS003: a constant that belongs on the response.
        context.Request.Headers.Append("Access-Control-Expose-Headers", "X-Total-Count");
        await next();
    });
}
