namespace CorsSample.Endpoints;

public static class HandWrittenCors
{
    public static IApplicationBuilder UseHandWrittenCors(this IApplicationBuilder app)
    {
        return app.Use(async (context, next) =>
        {
            // CORS006: echoing the request's Origin without a check trusts every web site.
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];

            await next(context);
        });
    }
}
