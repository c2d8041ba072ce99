// CORS009 (disabled by default): a policy that allows any origin. Opted in for this project:
// consumer-editorconfig: dotnet_diagnostic.CORS009.severity = warning
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Public", policy => policy.AllowAnyOrigin()); // expect: CORS009
});

var app = builder.Build();
app.UseCors("Public");
app.MapGet("/", () => "Hello");
app.Run();
