// CORS003 with Flurl.Http: CORS response headers added to outgoing requests.
// consumer-package: Flurl.Http 4.0.2
using Flurl.Http;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/orders", async () =>
{
    var first = await "https://orders.example.com/orders"
        .WithHeader("Access-Control-Allow-Origin", "*") // expect: CORS003
        .GetStringAsync();
    var second = await "https://orders.example.com/orders"
        .WithHeaders(new { Accept = "application/json", Access_Control_Allow_Credentials = true }) // expect: CORS003
        .GetStringAsync();
    return first + second;
});

app.Run();
