namespace CorsSample.Endpoints;

public static class OutgoingCalls
{
    public static void MapOutgoingCalls(this WebApplication app)
    {
        app.MapGet("/weather", async (HttpContext context) =>
        {
            using var client = new HttpClient();

            // CORS003: a response header on an outgoing request. The other server ignores it.
            client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");

            // CORS003: a response header on the incoming request. The browser never sees it.
            context.Request.Headers["Access-Control-Allow-Origin"] = "*";

            return await client.GetStringAsync("https://weather.example/today");
        });
    }
}
