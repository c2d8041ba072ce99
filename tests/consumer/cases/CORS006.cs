// CORS006: CORS response headers written by hand, echoing the request's Origin with credentials.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.Use(async (context, next) =>
{
    context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]; // expect: CORS006
    context.Response.Headers["Access-Control-Allow-Credentials"] = "true";
    await next(context);
});

app.MapGet("/", () => "Hello");
app.Run();
