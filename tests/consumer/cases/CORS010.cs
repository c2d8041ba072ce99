// CORS010: an origin check by substring accepts https://contoso.com.evil.net.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Subsidiaries", policy => policy.SetIsOriginAllowed(origin => origin.Contains("contoso.com"))); // expect: CORS010
});

var app = builder.Build();
app.UseCors("Subsidiaries");
app.MapGet("/", () => "Hello");
app.Run();
