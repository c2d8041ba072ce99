// CORS013: UseCors() without a policy name uses the default policy or the endpoint's [EnableCors]/RequireCors, and
// this app has neither: the call sends no CORS header at all. CORS013 looks at the whole application, so it has its
// own sample: CorsSample's endpoints name their policies.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCors(options => options.AddPolicy("Frontend", policy => policy.WithOrigins("https://app.contoso.com")));

var app = builder.Build();
app.UseCors();
app.MapGet("/orders", () => "orders");
app.Run();
