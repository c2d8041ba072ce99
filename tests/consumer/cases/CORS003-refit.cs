// CORS003 with Refit: CORS response headers declared on an API interface.
// consumer-package: Refit 16.4.0
using Refit;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/orders", (string origin) =>
{
    var api = RestService.For<IOrdersApi>("https://orders.example.com");
    return api.ListAsync(origin);
});

app.Run();

[Headers("Accept: application/json", "Access-Control-Allow-Origin: *")] // expect: CORS003
public interface IOrdersApi
{
    [Get("/orders")]
    Task<string> ListAsync([Header("Access-Control-Allow-Origin")] string origin); // expect: CORS003 nofix
}
