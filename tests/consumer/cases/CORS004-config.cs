// Origins read from configuration are checked where they are written: appsettings.json and
// appsettings.Production.json of this project (CORS004-config.appsettings*.json beside this file; the package adds
// them to the analyzer by itself). The expectations on the JSON values are in those files.
var builder = WebApplication.CreateBuilder(args);

var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>();
builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins(origins).AllowAnyHeader().AllowCredentials());
    options.AddPolicy("Partners", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:PartnerOrigins").Get<string[]>() ?? Array.Empty<string>()).WithMethods("GET"));
    // The host filter's setting ("*" in the template) is no list of origins.
    options.AddPolicy("Hosts", policy => policy.WithOrigins(builder.Configuration["AllowedHosts"]!.Split(';'))); // expect: CORS004 nofix
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/partners", () => "partners").RequireCors("Partners");
app.MapGet("/hosts", () => "hosts").RequireCors("Hosts");
app.Run();
