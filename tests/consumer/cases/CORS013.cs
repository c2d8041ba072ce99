// CORS013: UseCors() without a policy, and the app has no default policy and no endpoint CORS metadata.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors();

var app = builder.Build();
app.UseCors(); // expect: CORS013
app.MapGet("/", () => "Hello");
app.Run();
