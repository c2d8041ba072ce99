// A web app with several CORS mistakes in several files (tests/consumer/multi/README.md). dotnet format must fix every
// site that has a safe rewrite in one run, the same way every time; tests/consumer/multi/fixed holds the result.
using Microsoft.AspNetCore.Cors.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var configured = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
builder.Services.AddCors(options =>
{
    // CORS001: any origin with credentials (ASP.NET Core refuses it).
    options.AddPolicy("Frontend", policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowCredentials());

    // CORS002: the configured path relies on the credentials; only the always-true fallback must go.
    options.AddPolicy("Partners", policy =>
    {
        policy.WithOrigins(configured).AllowCredentials();
        if (configured.Length == 0)
        {
            policy.SetIsOriginAllowed(_ => true);
        }
    });

    // CORS004 (a slash, a "*." host of our own) and CORS005 ("null").
    options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com/", "null", "https://*.contoso.com"));

    // CORS004 without a safe rewrite: wildcard subdomains of vercel.app would trust every site deployed there.
    options.AddPolicy("Previews", policy => policy.WithOrigins("https://*.vercel.app").AllowCredentials());

    CorsSetup.AddLegacy(options);
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseRouting();
app.UseAuthorization();
// CORS007 (after UseAuthorization) and CORS008 (a typo in the policy name).
app.UseCors("Frontnd");
// CORS013: UseCors() without a policy in a branch does nothing.
app.Map("/legacy", legacy => legacy.UseCors());
app.UseLegacyCors();
app.MapGet("/orders", () => "orders");
app.MapGet("/weather", () => ApiClient.Create().GetStringAsync("https://weather.example/today"));
app.Run();
