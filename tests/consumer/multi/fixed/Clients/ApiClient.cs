public static class ApiClient
{
    public static HttpClient Create()
    {
        var client = new HttpClient();
        client.DefaultRequestHeaders.Add("X-Trace", "1");
        return client;
    }
}
