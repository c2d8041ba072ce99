// CORS017: UseCors, and nothing registers the CORS services (AddRazorPages does not): the app fails at start.
// The fix adds builder.Services.AddCors() before Build().
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();

var app = builder.Build();
app.UseCors(policy => policy.WithOrigins("https://app.contoso.com")); // expect: CORS017
app.MapRazorPages();
app.Run();
