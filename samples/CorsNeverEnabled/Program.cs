// CORS011: this app adds a CORS policy and its endpoint asks for it with RequireCors, but nothing calls
// app.UseCors(). Under endpoint routing the endpoint middleware then throws for that endpoint ("contains CORS
// metadata, but a middleware was not found that supports CORS"). CORS011 looks at the whole application, so it
// has its own sample: CorsSample calls UseCors.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));

var app = builder.Build();
app.UseRouting();
app.MapGet("/orders", () => "orders").RequireCors("Frontend");
app.Run();
