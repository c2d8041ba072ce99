// Outgoing HTTP calls: CORS response headers put on requests by mistake, and correct headers.
using System.Net;
using System.Net.Http.Headers;

namespace CorpusApp.Clients;

public sealed class WeatherClient
{
    private readonly HttpClient _client;

    public WeatherClient(HttpClient client)
    {
        _client = client;
        _client.BaseAddress = new Uri("https://weather.contoso.com/");
        _client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
        _client.DefaultRequestHeaders.Add("Access-Control-Allow-Methods", new[] { "GET", "POST" });
        _client.DefaultRequestHeaders.TryAddWithoutValidation("access-control-allow-headers", "Content-Type");
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _client.DefaultRequestHeaders.Add("Origin", "https://app.contoso.com");
    }

    public async Task<string> GetTodayAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "today");
        request.Headers.Add("Access-Control-Allow-Credentials", "true");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token");
        using var response = await _client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var allowOrigin = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.First() : null;
        return allowOrigin + await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public Task<HttpResponseMessage> PostAsync(HttpContent content)
    {
        content.Headers.Add("Access-Control-Allow-Origin", "*");
        return _client.PostAsync("report", content);
    }

    public static HttpRequestMessage Create(string url)
    {
        var headerName = "Access-Control-Max-Age";
        var message = new HttpRequestMessage(HttpMethod.Options, url)
        {
            Headers = { { "Access-Control-Expose-Headers", "X-Total-Count" } },
        };
        message.Headers.Remove(headerName);
        message.Headers.Add(headerName, "600");
        return message;
    }

#pragma warning disable SYSLIB0014 // WebClient is obsolete: the mistake still happens in old code.
    public static string LegacyDownload(string url)
    {
        using var client = new WebClient();
        client.Headers.Add("Access-Control-Allow-Origin", "*");
        client.Headers[HttpRequestHeader.Accept] = "application/json";
        return client.DownloadString(url);
    }

    public static void LegacyRequest(string url)
    {
        var request = (HttpWebRequest)WebRequest.Create(url);
        request.Headers.Add("Access-Control-Allow-Origin: *");
        request.Headers["Access-Control-Allow-Headers"] = "*";
    }
#pragma warning restore SYSLIB0014
}
