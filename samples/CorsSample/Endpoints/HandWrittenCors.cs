namespace CorsSample.Endpoints;

public static class HandWrittenCors
{
    public static IApplicationBuilder UseHandWrittenCors(this IApplicationBuilder app)
    {
        return app.Use(async (context, next) =>
        {
            // CORS006: echoing the request's Origin without a check, with credentials: every web site can read the
            // user's data. (Without credentials it would be CORS009: any origin.)
            context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"];
            context.Response.Headers["Access-Control-Allow-Credentials"] = "true";

            await next(context);
        });
    }
}
