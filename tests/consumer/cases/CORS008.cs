// CORS008: [EnableCors] names a policy that does not exist ("Frontent" for "Frontend").
using Microsoft.AspNetCore.Cors;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options =>
{
    options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"));
});

var app = builder.Build();
app.UseCors();
app.MapGet("/", [EnableCors("Frontent")] () => "Hello"); // expect: CORS008
app.Run();
