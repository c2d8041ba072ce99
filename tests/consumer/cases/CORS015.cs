// CORS015: a policy that trusts every site deployed on a shared hosting domain (Vercel, Netlify, Azure App Service).
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCors(options =>
{
    options.AddPolicy("Previews", policy => policy
        .WithOrigins("https://app.contoso.com", "https://*.vercel.app") // expect: CORS015
        .SetIsOriginAllowedToAllowWildcardSubdomains()
        .AllowCredentials());

    options.AddPolicy("Staging", policy => policy
        .SetIsOriginAllowed(origin =>
            Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && (uri.Host == "localhost" || uri.Host.EndsWith(".netlify.app", StringComparison.OrdinalIgnoreCase)))); // expect: CORS015
});

var app = builder.Build();
app.UseCors("Previews");
app.MapGet("/", () => "Hello");
app.MapGet("/staging", () => "Staging").RequireCors("Staging");
app.Run();
