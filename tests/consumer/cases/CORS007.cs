// CORS007: UseCors after UseAuthorization.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthorization();
builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
});

var app = builder.Build();
app.UseAuthorization();
app.UseCors("Frontend"); // expect: CORS007
app.MapGet("/", () => "Hello");
app.Run();
