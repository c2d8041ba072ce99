// CORS017: UseCors needs the CORS services, and nothing here registers them (Razor Pages does not; AddCors,
// AddControllers, AddControllersWithViews and AddMvc do). The app throws at start: "Unable to resolve service for type
// 'Microsoft.AspNetCore.Cors.Infrastructure.ICorsService' while attempting to activate '...CorsMiddleware'". It looks
// at the whole application, so it has its own sample.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
// builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));

var app = builder.Build();
app.UseCors("Frontend");
app.MapRazorPages();
app.Run();
