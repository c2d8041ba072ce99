// CORS003: CORS response headers set on requests.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/weather", async (HttpContext context) =>
{
    using var client = new HttpClient();
    client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*"); // expect: CORS003
    context.Request.Headers["Access-Control-Allow-Origin"] = "*"; // expect: CORS003
    context.Response.Headers["Cache-Control"] = "no-store";
    return await client.GetStringAsync("https://weather.example/today");
});

app.Run();
