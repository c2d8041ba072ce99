// CORS004: an origin with a trailing slash never matches a browser's Origin header.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com/")); // expect: CORS004
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/", () => "Hello");
app.Run();
