// A minimal-hosting web app with the CORS setups people write, right and wrong.
using System.Text.RegularExpressions;
using CorpusApp.Cors;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Cors.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var allowedOrigins = builder.Configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();
const string FrontendPolicy = "Frontend";

builder.Services.AddControllers();
builder.Services.AddAuthorization();
builder.Services.AddCors(options =>
{
    options.AddDefaultPolicy(policy =>
    {
        policy.WithOrigins("https://app.contoso.com", "https://admin.contoso.com")
              .AllowAnyHeader()
              .WithMethods("GET", "POST");
    });

    options.AddPolicy(FrontendPolicy, policy => policy
        .WithOrigins(allowedOrigins)
        .AllowCredentials()
        .WithExposedHeaders("X-Total-Count")
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10)));

    // "Fixing" a CORS error by allowing everything.
    options.AddPolicy("Everyone", policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().AllowCredentials());

    // The next "fix": reflect every origin.
    options.AddPolicy("Reflect", policy =>
    {
        policy.SetIsOriginAllowed(_ => true);
        policy.AllowCredentials();
        policy.AllowAnyHeader();
    });

    options.AddPolicy("Subsidiaries", policy => policy
        .SetIsOriginAllowed(origin => origin.Contains("contoso.com") || origin.StartsWith("https://partner"))
        .AllowCredentials());

    options.AddPolicy("Regex", policy => policy
        .SetIsOriginAllowed(origin => Regex.IsMatch(origin, "contoso\\.com")));

    options.AddPolicy("Typos", policy => policy
        .WithOrigins("https://app.contoso.com/", "app.contoso.com", " https://spaces.contoso.com", "null")
        .AllowAnyMethod());

    options.AddPolicy("Wildcards", policy => policy
        .WithOrigins("https://*.contoso.com")
        .SetIsOriginAllowedToAllowWildcardSubdomains());

    options.AddPolicy("Helper", policy => CorsPolicyHelpers.ConfigureTrusted(policy, allowedOrigins));
    options.AddPolicy("Unused", policy => policy.WithOrigins("https://legacy.contoso.com"));
    options.AddPolicy("Prebuilt", CorsPolicyHelpers.BuildPartnerPolicy());

    var conditional = new CorsPolicyBuilder();
    if (builder.Environment.IsDevelopment())
    {
        conditional.AllowAnyOrigin();
    }
    else
    {
        conditional.WithOrigins("https://app.contoso.com");
    }

    conditional.AllowCredentials();
    options.AddPolicy("Conditional", conditional.Build());
});

var app = builder.Build();

app.UseHttpsRedirection();
app.UseAuthorization();
app.UseRouting();
app.UseCors();
app.UseCors("Frontnd");

app.Use(async (context, next) =>
{
    if (context.Request.Headers.TryGetValue("Origin", out var origin))
    {
        context.Response.Headers["Access-Control-Allow-Origin"] = origin;
        context.Response.Headers.Append("Access-Control-Allow-Credentials", "true");
    }

    context.Request.Headers["Access-Control-Allow-Origin"] = "*";
    await next(context);
});

app.MapGet("/", () => "Hello").RequireCors(FrontendPolicy);
app.MapGet("/public", () => "Public").RequireCors(policy => policy.AllowAnyOrigin().AllowCredentials());
app.MapGet("/typo", [EnableCors("Frontnd")] () => "Typo");
app.MapGet("/relay", async (HttpContext context, IHttpClientFactory factory) =>
{
    var client = factory.CreateClient();
    client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
    using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.contoso.com/data");
    request.Headers.Add("Access-Control-Allow-Headers", "Content-Type");
    var response = await client.SendAsync(request, context.RequestAborted);
    return Results.Text(await response.Content.ReadAsStringAsync());
});
app.MapControllers().RequireCors("Subsidiaries");

app.Run();
