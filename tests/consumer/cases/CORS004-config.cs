// Origins read from configuration are checked where they are written: appsettings.json and
// appsettings.Production.json of this project (CORS004-config.appsettings*.json beside this file; the package adds
// them to the analyzer by itself). The expectations on the JSON values are in those files. (AllowedHosts read as
// origins, CORS004 without a fix, is in the unit tests only: dotnet format takes CORS004's fix from the first CORS004
// it meets, and a site without a fix there would stop it for the whole solution.)
var builder = WebApplication.CreateBuilder(args);

var origins = builder.Configuration.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? Array.Empty<string>();
builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins(origins).AllowAnyHeader().AllowCredentials());
    options.AddPolicy("Partners", policy => policy.WithOrigins(builder.Configuration.GetSection("Cors:PartnerOrigins").Get<string[]>() ?? Array.Empty<string>()).WithMethods("GET"));
});

var app = builder.Build();
app.UseCors("Frontend");
app.MapGet("/partners", () => "partners").RequireCors("Partners");
app.Run();
