using Microsoft.AspNetCore.Cors.Infrastructure;

public static class CorsSetup
{
    public static void AddLegacy(CorsOptions options)
    {
        // CORS001 on a CorsPolicy object: "*" with credentials.
        var legacy = new CorsPolicy { SupportsCredentials = true };
        legacy.Origins.Add("*");
        options.AddPolicy("Legacy", legacy);

        // CORS010: a substring check trusts evilcontoso.com.
        options.AddPolicy("Reports", policy => policy
            .SetIsOriginAllowed(origin => origin.EndsWith("contoso.com"))
            .AllowCredentials());

        // CORS004 (default port) and CORS005 in a second file.
        options.AddPolicy("Mobile", new CorsPolicyBuilder("https://m.contoso.com:443", "null").Build());
    }
}
