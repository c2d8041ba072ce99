namespace CorsSample.OtherApps;

// A second, separate app in the same project (as in a test host or a multi-app solution).
public static class ReportsApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddCors();

        var app = builder.Build();

        // CORS013: UseCors() without a policy, and this app defines no default policy and no endpoint CORS metadata.
        app.UseCors();

        app.MapGet("/reports", () => "reports");
        return app;
    }
}
