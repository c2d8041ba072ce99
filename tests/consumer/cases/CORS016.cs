// CORS016: a policy with headers and methods but no origin: every cross-origin request is refused.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors();

var app = builder.Build();
app.UseCors(policy => policy.AllowAnyHeader().AllowAnyMethod()); // expect: CORS016
app.MapGet("/", () => "Hello");
app.Run();
