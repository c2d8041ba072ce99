using CorsAnalyzers.Cors;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>
/// <see cref="OriginParser.IsRebuiltByWithOrigins"/> skips <see cref="Uri"/> for plain ASCII origins: it must still
/// answer exactly what the runtime's test (CorsPolicyBuilder.GetNormalizedOrigin: http/https and IdnHost != Host) does.
/// </summary>
public class OriginParserTests
{
    [Theory]
    [InlineData("https://bücher.de/", true)]
    [InlineData("https://bücher.de:443", true)]
    [InlineData("HTTPS://BÜCHER.de", true)]
    [InlineData("http://[::1]:5000/", true)]
    [InlineData("http://[::1]", true)]
    [InlineData("ftp://bücher.de", false)]
    [InlineData("https://b%C3%BCcher.de/", false)]
    [InlineData("https://app.contoso.com/", false)]
    [InlineData("HTTPS://App.Contoso.com:443/path", false)]
    [InlineData("https://xn--bcher-kva.de/", false)]
    [InlineData("http://127.1", false)]
    [InlineData("http://user@host.example", false)]
    [InlineData(" https://app.contoso.com ", false)]
    [InlineData("app.contoso.com", false)]
    [InlineData("*", false)]
    [InlineData("", false)]
    public void IsRebuiltByWithOrigins_AgreesWithUri(string origin, bool expected)
    {
        Assert.Equal(expected, RebuiltPerUri(origin));
        Assert.Equal(expected, OriginParser.IsRebuiltByWithOrigins(origin));
    }

    [Fact]
    public void IsRebuiltByWithOrigins_AgreesWithUri_OnRandomAsciiOrigins()
    {
        // Characters that matter to Uri's authority parsing; a fixed seed so a failure can be replayed.
        const string Alphabet = "abcAB0129-._~:/@?#!$&'()*+,;= \t\\xn[]%";
        var random = new Random(42);
        for (var i = 0; i < 20000; i++)
        {
            var chars = new char[random.Next(1, 16)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = Alphabet[random.Next(Alphabet.Length)];
            }

            var origin = (random.Next(2) == 0 ? "http://" : "https://") + new string(chars);
            Assert.True(RebuiltPerUri(origin) == OriginParser.IsRebuiltByWithOrigins(origin), origin);
        }
    }

    private static bool RebuiltPerUri(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.Equals(uri.IdnHost, uri.Host, StringComparison.Ordinal);

    [Fact]
    public void GetName_IsTheEnumMembersName_ForEveryProblem()
    {
        foreach (var problem in Enum.GetValues<OriginProblem>())
        {
            Assert.Equal(problem.ToString(), OriginParser.GetName(problem));
        }
    }
}
