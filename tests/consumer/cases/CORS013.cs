// CORS013: UseCors() without a policy, and the app has no default policy and no endpoint names a policy.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));

var app = builder.Build();
app.UseCors(); // expect: CORS013
app.MapGet("/", () => "Hello");
app.Run();
