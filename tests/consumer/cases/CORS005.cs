// CORS005: the 'null' origin is trusted.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins("null", "https://app.contoso.com")); // expect: CORS005
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/", () => "Hello");
app.Run();
