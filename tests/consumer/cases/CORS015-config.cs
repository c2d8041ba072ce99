// CORS015 in configuration: preview deployments' origins read from appsettings.json, trusted with wildcard subdomains.
// The expectation is on the JSON value (CORS015-config.appsettings.json beside this file).
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Previews", policy => policy
        .WithOrigins(builder.Configuration.GetSection("Cors:PreviewOrigins").Get<string[]>() ?? Array.Empty<string>())
        .SetIsOriginAllowedToAllowWildcardSubdomains()
        .WithMethods("GET"));
});

var app = builder.Build();
app.UseCors("Previews");
app.MapGet("/", () => "Hello");
app.Run();
