// CORS001: a policy that allows any origin together with credentials.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().AllowCredentials()); // expect: CORS001
    options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.example").AllowCredentials());
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/", () => "Hello");
app.MapGet("/partners", () => "Partners").RequireCors("Partners");
app.Run();
