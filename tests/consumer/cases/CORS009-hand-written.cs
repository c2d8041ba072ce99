// CORS009 (disabled by default) on headers written by hand: "*" and the unchecked request Origin, without credentials.
// consumer-editorconfig: dotnet_diagnostic.CORS009.severity = warning
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.Use(async (context, next) =>
{
    context.Response.Headers["Access-Control-Allow-Origin"] = "*"; // expect: CORS009 nofix
    await next(context);
});

app.MapGet("/echo", (HttpContext context) =>
{
    context.Response.Headers["Access-Control-Allow-Origin"] = context.Request.Headers["Origin"]; // expect: CORS009 nofix
    return "Hello";
});

app.Run();
