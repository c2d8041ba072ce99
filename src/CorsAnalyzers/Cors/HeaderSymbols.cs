using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The HTTP header containers of .NET and ASP.NET Core, resolved once per compilation. Used to decide whether a
    /// header is written to a request or to a response by the receiver's type, never by variable names.
    /// </summary>
    internal sealed class HeaderSymbols
    {
        private HeaderSymbols(Compilation compilation)
        {
            HttpHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpHeaders");
            HttpRequestHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpRequestHeaders");
            HttpResponseHeaders = compilation.GetTypeByMetadataName("System.Net.Http.Headers.HttpResponseHeaders");
            HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
            HttpResponseMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpResponseMessage");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            WebHeaderCollection = compilation.GetTypeByMetadataName("System.Net.WebHeaderCollection");
            WebClient = compilation.GetTypeByMetadataName("System.Net.WebClient");
            WebRequest = compilation.GetTypeByMetadataName("System.Net.WebRequest");
            HttpWebRequest = compilation.GetTypeByMetadataName("System.Net.HttpWebRequest");
            HttpListenerResponse = compilation.GetTypeByMetadataName("System.Net.HttpListenerResponse");
            AspNetHttpRequest = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpRequest");
            AspNetHttpResponse = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
            AspNetHttpContext = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpContext");
            IHeaderDictionary = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.IHeaderDictionary");
            HeaderDictionaryExtensions = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HeaderDictionaryExtensions");
            HeaderNames = compilation.GetTypeByMetadataName("Microsoft.Net.Http.Headers.HeaderNames");
            HttpListenerRequest = compilation.GetTypeByMetadataName("System.Net.HttpListenerRequest");
            CorsConstants = compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants");
            StringValues = compilation.GetTypeByMetadataName("Microsoft.Extensions.Primitives.StringValues");
            AspNetHttpRequestHeaders = GetProperty(AspNetHttpRequest, "Headers");
            AspNetHttpResponseHeaders = GetProperty(AspNetHttpResponse, "Headers");
        }

        public INamedTypeSymbol? HttpListenerRequest { get; }

        /// <summary><c>Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants</c>: header names and <c>AnyOrigin</c> ("*").</summary>
        public INamedTypeSymbol? CorsConstants { get; }

        public INamedTypeSymbol? StringValues { get; }

        /// <summary><c>Microsoft.AspNetCore.Http.HttpRequest.Headers</c>.</summary>
        public IPropertySymbol? AspNetHttpRequestHeaders { get; }

        /// <summary><c>Microsoft.AspNetCore.Http.HttpResponse.Headers</c>.</summary>
        public IPropertySymbol? AspNetHttpResponseHeaders { get; }

        /// <summary>True when <paramref name="property"/> is <paramref name="expected"/> or overrides it.</summary>
        public static bool IsOrOverrides(IPropertySymbol? property, IPropertySymbol? expected)
        {
            if (expected is null)
            {
                return false;
            }

            for (var current = property; current is not null; current = current.OverriddenProperty)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
                {
                    return true;
                }
            }

            return false;
        }

        private static IPropertySymbol? GetProperty(INamedTypeSymbol? type, string name)
        {
            if (type is null)
            {
                return null;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member is IPropertySymbol { IsIndexer: false } property)
                {
                    return property;
                }
            }

            return null;
        }

        public INamedTypeSymbol? HttpHeaders { get; }

        public INamedTypeSymbol? HttpRequestHeaders { get; }

        public INamedTypeSymbol? HttpResponseHeaders { get; }

        public INamedTypeSymbol? HttpRequestMessage { get; }

        public INamedTypeSymbol? HttpResponseMessage { get; }

        public INamedTypeSymbol? HttpClient { get; }

        public INamedTypeSymbol? WebHeaderCollection { get; }

        public INamedTypeSymbol? WebClient { get; }

        public INamedTypeSymbol? WebRequest { get; }

        public INamedTypeSymbol? HttpWebRequest { get; }

        public INamedTypeSymbol? HttpListenerResponse { get; }

        public INamedTypeSymbol? AspNetHttpRequest { get; }

        public INamedTypeSymbol? AspNetHttpResponse { get; }

        public INamedTypeSymbol? AspNetHttpContext { get; }

        public INamedTypeSymbol? IHeaderDictionary { get; }

        public INamedTypeSymbol? HeaderDictionaryExtensions { get; }

        public INamedTypeSymbol? HeaderNames { get; }

        /// <summary>True when the compilation has at least one request-header container worth analyzing.</summary>
        public bool HasRequestHeaderTypes =>
            HttpRequestHeaders is not null || WebHeaderCollection is not null || AspNetHttpRequest is not null;

        /// <summary>True when the compilation has at least one response-header container worth analyzing.</summary>
        public bool HasResponseHeaderTypes =>
            HttpResponseHeaders is not null || AspNetHttpResponse is not null || HttpListenerResponse is not null;

        public static HeaderSymbols Create(Compilation compilation) => new HeaderSymbols(compilation);
    }
}
