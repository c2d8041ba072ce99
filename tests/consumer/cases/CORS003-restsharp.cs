// CORS003 with RestSharp: CORS response headers added to outgoing requests.
// consumer-package: RestSharp 114.1.0
using RestSharp;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/orders", async () =>
{
    using var client = new RestClient("https://orders.example.com");
    client.AddDefaultHeader("Access-Control-Allow-Credentials", "true"); // expect: CORS003
    var request = new RestRequest("orders")
        .AddHeader("Accept", "application/json")
        .AddHeader("Access-Control-Allow-Origin", "*"); // expect: CORS003
    request.AddHeaders(new Dictionary<string, string>
    {
        { "X-Request-Id", Guid.NewGuid().ToString() },
        { "Access-Control-Allow-Methods", "GET" }, // expect: CORS003
    });
    var response = await client.GetAsync(request);
    return response.Content;
});

app.Run();
