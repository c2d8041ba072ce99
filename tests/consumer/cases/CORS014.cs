// CORS014 (Info: dotnet build does not print it, so this project raises it to a warning):
// consumer-editorconfig: dotnet_diagnostic.CORS014.severity = warning
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
    options.AddPolicy("Legacy", policy => policy.WithOrigins("https://legacy.contoso.com")); // expect: CORS014
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/", () => "Hello");
app.Run();
