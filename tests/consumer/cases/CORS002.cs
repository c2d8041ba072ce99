// CORS002: an always-true origin check together with credentials.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials()); // expect: CORS002
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/", () => "Hello");
app.Run();
