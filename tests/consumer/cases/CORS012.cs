// CORS012: Blazor WebAssembly's no-cors request mode. A Blazor WebAssembly app needs the wasm workload to build, so
// this web project references the package and holds the handler a Blazor client would register.
// consumer-package: Microsoft.AspNetCore.Components.WebAssembly 10.0.15
// consumer-tfms: net10.0
using Microsoft.AspNetCore.Components.WebAssembly.Http;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddTransient<NoCorsHandler>();
builder.Services.AddHttpClient("weather").AddHttpMessageHandler<NoCorsHandler>();
var app = builder.Build();
app.MapGet("/", () => "ok");
app.Run();

public sealed class NoCorsHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.SetBrowserRequestMode(BrowserRequestMode.NoCors); // expect: CORS012
        request.SetBrowserRequestCredentials(BrowserRequestCredentials.Include);
        return base.SendAsync(request, cancellationToken);
    }
}
