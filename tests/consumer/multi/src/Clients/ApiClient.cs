public static class ApiClient
{
    public static HttpClient Create()
    {
        var client = new HttpClient();
        // CORS003 on an outgoing request.
        client.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
        client.DefaultRequestHeaders.Add("X-Trace", "1");
        return client;
    }
}
