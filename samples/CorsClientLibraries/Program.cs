// A web app that calls other APIs with the HTTP client libraries. The browser decides CORS from the *server's*
// response headers: a client that adds Access-Control-Allow-* to its own request grants itself nothing (CORS003),
// and a Blazor WebAssembly request in 'no-cors' mode gets an opaque, unreadable response (CORS012). The fix for both
// is on the API that is called: allow the caller's origin in its CORS policy.
using Flurl.Http;
using Microsoft.AspNetCore.Components.WebAssembly.Http;
using Refit;
using RestSharp;

var builder = WebApplication.CreateBuilder(args);

// CORS003: a CORS response header as a default header of every request of a Refit client.
builder.Services
    .AddRefitClient<IOrdersApi>()
    .ConfigureHttpClient(client =>
    {
        client.BaseAddress = new Uri("https://orders.example.com");
        client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
    });

var app = builder.Build();

app.MapGet("/orders/rest", async () =>
{
    using var client = new RestClient("https://orders.example.com");
    // CORS003: RestSharp, a response header added to the request.
    var request = new RestRequest("orders").AddHeader("Access-Control-Allow-Origin", "*");
    var response = await client.GetAsync(request);
    return response.Content;
});

app.MapGet("/orders/flurl", async () =>
    // CORS003: Flurl, the anonymous object's property names are header names (underscores become hyphens).
    await "https://orders.example.com/orders"
        .WithHeaders(new { Accept = "application/json", Access_Control_Allow_Credentials = true })
        .GetStringAsync());

app.MapGet("/orders/refit", (IOrdersApi api) => api.ListAsync());

app.Run();

[Headers("Accept: application/json", "Access-Control-Allow-Origin: *")] // CORS003: Refit, the second entry.
public interface IOrdersApi
{
    [Get("/orders")]
    Task<string> ListAsync();
}

// What a Blazor WebAssembly client registers on its HttpClient.
public sealed class NoCorsHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // CORS012: 'no-cors' hides the CORS error and returns status 0, no headers, an empty body.
        request.SetBrowserRequestMode(BrowserRequestMode.NoCors);
        return base.SendAsync(request, cancellationToken);
    }
}
