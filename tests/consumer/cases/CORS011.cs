// CORS011: endpoints use a CORS policy, but the pipeline never calls UseCors().
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com"))); // expect: CORS011

var app = builder.Build();
app.MapGet("/", () => "Hello").RequireCors("Frontend");
app.Run();
