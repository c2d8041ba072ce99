using CorsAnalyzers.Cors;

namespace CorsAnalyzers.Tests.Cors;

/// <summary>The embedded shared hosting list (Public Suffix List, private section) and how a trusted domain is matched.</summary>
public class SharedHostingTests
{
    [Theory]
    [InlineData("vercel.app", "vercel.app")]
    [InlineData("netlify.app", "netlify.app")]
    [InlineData("azurewebsites.net", "azurewebsites.net")]
    [InlineData("azurestaticapps.net", "azurestaticapps.net")]
    [InlineData("github.io", "github.io")]
    [InlineData("herokuapp.com", "herokuapp.com")]
    [InlineData("pages.dev", "pages.dev")]
    [InlineData("web.app", "web.app")]
    [InlineData("firebaseapp.com", "firebaseapp.com")]
    [InlineData("cloudfront.net", "cloudfront.net")]
    [InlineData("Vercel.App.", "vercel.app")]
    public void ListedSuffix_IsShared(string domain, string expectedSuffix)
    {
        Assert.True(SharedHosting.IsSharedHostingDomain(domain, out var suffix));
        Assert.Equal(expectedSuffix, suffix);
    }

    [Fact]
    public void OneLabelUnderAWildcardEntry_IsShared()
    {
        // "*.compute.amazonaws.com" is on the list: each region's name under it is a suffix of its own.
        Assert.True(SharedHosting.IsSharedHostingDomain("eu-west-1.compute.amazonaws.com", out var suffix));
        Assert.Equal("*.compute.amazonaws.com", suffix);
    }

    [Theory]
    [InlineData("amazonaws.com")]
    [InlineData("compute.amazonaws.com")]
    public void ParentOfAListedSuffix_IsShared(string domain)
    {
        // Every subdomain of amazonaws.com includes every S3 bucket and EC2 host name.
        Assert.True(SharedHosting.IsSharedHostingDomain(domain, out var suffix));
        Assert.EndsWith(domain, suffix);
    }

    [Theory]
    [InlineData("contoso.com")]
    [InlineData("app.contoso.com")]
    [InlineData("myapp.vercel.app")] // one site of the host: an exact origin, not the whole host
    [InlineData("com")]
    [InlineData("app")]
    [InlineData("")]
    [InlineData(".vercel.app")]
    [InlineData("a..b")]
    public void OwnDomainsAndMalformedInput_AreNotShared(string domain)
    {
        Assert.False(SharedHosting.IsSharedHostingDomain(domain, out _));
    }

    [Fact]
    public void UnicodeHost_IsComparedAsPunycode()
    {
        // The list holds "биз.рус"; the runtime compares origins in punycode.
        Assert.True(SharedHosting.IsSharedHostingDomain("xn--90amc.xn--p1acf", out var fromPunycode));
        Assert.True(SharedHosting.IsSharedHostingDomain("биз.рус", out var fromUnicode));
        Assert.Equal("xn--90amc.xn--p1acf", fromUnicode);
        Assert.Equal(fromPunycode, fromUnicode);
    }

    [Fact]
    public void AdditionalSuffixes_AreShared_AsWrittenOrBelow()
    {
        var extra = new[] { "apps.internal-cloud.example" };
        Assert.True(SharedHosting.IsSharedHostingDomain("apps.internal-cloud.example", extra, out var suffix));
        Assert.Equal("apps.internal-cloud.example", suffix);
        Assert.True(SharedHosting.IsSharedHostingDomain("internal-cloud.example", extra, out _));
        Assert.False(SharedHosting.IsSharedHostingDomain("contoso.com", extra, out _));
    }

    [Fact]
    public void EmbeddedList_HasThePrivateSection()
    {
        // The list file is the private section only: no ICANN suffix such as com.ac. (co.uk is shared, but only
        // because private entries such as blogspot.co.uk lie under it.)
        Assert.False(SharedHosting.IsSharedHostingDomain("com.ac", out _));
        Assert.True(SharedHosting.IsSharedHostingDomain("co.uk", out var underCoUk));
        Assert.EndsWith(".co.uk", underCoUk);
        Assert.True(SharedHosting.IsSharedHostingDomain("blogspot.com", out _));
    }
}
