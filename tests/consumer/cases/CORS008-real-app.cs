// A real-looking Web API: Serilog's bootstrap try/catch, Swagger in development, the docs' var policy name.
// Exactly two findings: a typo in a policy name (CORS008) and UseCors placed after UseAuthorization (CORS007).
// consumer-package: Swashbuckle.AspNetCore 11.0.1 net10.0
// consumer-package: Swashbuckle.AspNetCore 9.0.6 net8.0
// consumer-package: Serilog.AspNetCore 10.0.0
using Serilog;

Log.Logger = new LoggerConfiguration()
    .WriteTo.Console()
    .CreateBootstrapLogger();

try
{
    var MyAllowSpecificOrigins = "_myAllowSpecificOrigins";

    var builder = WebApplication.CreateBuilder(args);
    builder.Host.UseSerilog();

    builder.Services.AddCors(options =>
    {
        options.AddPolicy(name: MyAllowSpecificOrigins,
                          policy => policy.WithOrigins("https://app.contoso.com", "https://www.contoso.com"));
        options.AddPolicy("Admin", policy => policy.WithOrigins("https://admin.contoso.com"));
    });
    builder.Services.AddControllers();
    builder.Services.AddEndpointsApiExplorer();
    builder.Services.AddSwaggerGen();

    var app = builder.Build();

    app.UseSerilogRequestLogging();
    if (app.Environment.IsDevelopment())
    {
        app.UseSwagger();
        app.UseSwaggerUI();
    }

    app.UseHttpsRedirection();
    app.UseAuthorization();
    app.UseCors(MyAllowSpecificOrigins); // expect: CORS007
    app.MapControllers();
    app.MapGet("/admin/stats", () => "stats").RequireCors("Admn"); // expect: CORS008
    app.Run();
}
catch (Exception ex)
{
    Log.Fatal(ex, "Application terminated unexpectedly");
}
finally
{
    Log.CloseAndFlush();
}
