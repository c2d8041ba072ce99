// CORS003 with Refit: CORS response headers declared on an API interface. (A [Header("Access-Control-Allow-Origin")]
// parameter is reported too, without a fix; it is not here because dotnet format stops at a diagnostic that has no
// fix: "didn't return a Fix All action", issue 19. The rule tests cover it.)
// consumer-package: Refit 16.4.0
using Refit;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/orders", () =>
{
    var api = RestService.For<IOrdersApi>("https://orders.example.com");
    return api.ListAsync();
});

app.Run();

[Headers("Accept: application/json", "Access-Control-Allow-Origin: *")] // expect: CORS003
public interface IOrdersApi
{
    [Get("/orders")]
    Task<string> ListAsync();
}
