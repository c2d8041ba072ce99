// CorsSample: every CORS mistake CorsAnalyzers reports, each in its own commented spot.
// Look for "CORSnnn:" comments; the warning is on the line below each one.
using CorsSample.Endpoints;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllers();
builder.Services.AddAuthorization();

builder.Services.AddCors(options =>
{
    // CORS001: any origin together with credentials. ASP.NET Core refuses this policy when it builds it.
    options.AddPolicy("AnyOriginWithCookies", policy => policy.AllowAnyOrigin().AllowCredentials());

    // CORS002: an always-true origin check with credentials: every web site can read answers sent with the user's cookies.
    options.AddPolicy("EveryOriginWithCookies", policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials());

    // CORS004: a trailing slash. A browser's Origin never has one, so this origin never matches.
    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com/"));

    // CORS005: the 'null' origin. Sandboxed iframes and file: pages send it, so any site can.
    options.AddPolicy("Partners", policy => policy.WithOrigins("null", "https://partner.example"));

    // CORS010: a substring check. https://contoso.com.evil.net passes it.
    options.AddPolicy("Subsidiaries", policy => policy.SetIsOriginAllowed(origin => origin.Contains("contoso.com")));

    // CORS014 (Info; raised to a warning in this sample's .editorconfig): a policy nothing uses.
    options.AddPolicy("Legacy", policy => policy.WithOrigins("https://legacy.contoso.com"));

    // CORS016: headers and methods, but no origin: every cross-origin request is refused.
    options.AddPolicy("Reports", policy => policy.AllowAnyHeader().AllowAnyMethod());

    // CORS009 (disabled by default; enabled in this sample's .editorconfig): any origin. Right for a public API only.
    options.AddPolicy("Public", policy => policy.AllowAnyOrigin());
});

var app = builder.Build();

// CORS006: CORS headers written by hand (see Endpoints/HandWrittenCors.cs).
app.UseHandWrittenCors();

app.UseAuthorization();
// CORS007: UseCors after UseAuthorization. Preflight requests are rejected before the CORS middleware answers them.
// (CORS013 would report this UseCors() too if no endpoint below named a policy and there were no default policy:
// see samples/CorsUseCorsWithoutPolicy. CORS011 reports the opposite: endpoints name policies and nothing calls
// UseCors: see samples/CorsNeverEnabled. Both look at the whole application, so this app cannot show them.)
app.UseCors();

app.MapGet("/", () => "CorsSample").RequireCors("Public");
app.MapGet("/account", () => "account").RequireCors("AnyOriginWithCookies");
app.MapGet("/profile", () => "profile").RequireCors("EveryOriginWithCookies");
app.MapGet("/orders", () => "orders").RequireCors("Frontend");
app.MapGet("/partners", () => "partners").RequireCors("Partners");
app.MapGet("/subsidiaries", () => "subsidiaries").RequireCors("Subsidiaries");
app.MapGet("/reports", () => "reports").RequireCors("Reports");

// CORS003: CORS response headers set on requests (see Endpoints/OutgoingCalls.cs).
app.MapOutgoingCalls();

// CORS008: a misspelled policy name (see Controllers/InvoicesController.cs).
app.MapControllers();

app.Run();
