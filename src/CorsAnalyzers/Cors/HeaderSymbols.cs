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
            HttpHeaders = KnownTypes.Get(compilation, "System.Net.Http.Headers.HttpHeaders");
            HttpRequestHeaders = KnownTypes.Get(compilation, "System.Net.Http.Headers.HttpRequestHeaders");
            HttpResponseHeaders = KnownTypes.Get(compilation, "System.Net.Http.Headers.HttpResponseHeaders");
            HttpRequestMessage = KnownTypes.Get(compilation, "System.Net.Http.HttpRequestMessage");
            HttpResponseMessage = KnownTypes.Get(compilation, "System.Net.Http.HttpResponseMessage");
            HttpClient = KnownTypes.Get(compilation, "System.Net.Http.HttpClient");
            WebHeaderCollection = KnownTypes.Get(compilation, "System.Net.WebHeaderCollection");
            WebClient = KnownTypes.Get(compilation, "System.Net.WebClient");
            WebRequest = KnownTypes.Get(compilation, "System.Net.WebRequest");
            HttpWebRequest = KnownTypes.Get(compilation, "System.Net.HttpWebRequest");
            HttpListenerResponse = KnownTypes.Get(compilation, "System.Net.HttpListenerResponse");
            AspNetHttpRequest = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HttpRequest");
            AspNetHttpResponse = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HttpResponse");
            AspNetHttpContext = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HttpContext");
            IHeaderDictionary = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.IHeaderDictionary");
            HeaderDictionaryExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HeaderDictionaryExtensions");
            HeaderDictionaryTypeExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HeaderDictionaryTypeExtensions");
            HeaderNames = KnownTypes.Get(compilation, "Microsoft.Net.Http.Headers.HeaderNames");
            CollectionExtensions = KnownTypes.Get(compilation, "System.Collections.Generic.CollectionExtensions");
            WebClientHeadersProperty = GetProperty(WebClient, "Headers");
            WebRequestHeadersProperty = GetProperty(WebRequest, "Headers");
            AspNetHttpRequestHeadersProperty = GetProperty(AspNetHttpRequest, "Headers");
            AspNetHttpResponseHeadersProperty = GetProperty(AspNetHttpResponse, "Headers");
            HttpListenerRequest = KnownTypes.Get(compilation, "System.Net.HttpListenerRequest");
            CorsConstants = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants");
            StringValues = KnownTypes.Get(compilation, "Microsoft.Extensions.Primitives.StringValues");
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

        /// <summary><c>Microsoft.AspNetCore.Http.HeaderDictionaryTypeExtensions</c> (<c>AppendList</c>).</summary>
        public INamedTypeSymbol? HeaderDictionaryTypeExtensions { get; }

        public INamedTypeSymbol? HeaderNames { get; }

        /// <summary><c>System.Collections.Generic.CollectionExtensions</c> (<c>TryAdd</c> on an <c>IDictionary</c>).</summary>
        public INamedTypeSymbol? CollectionExtensions { get; }

        /// <summary><c>WebClient.Headers</c>: the headers of the requests a WebClient sends.</summary>
        public IPropertySymbol? WebClientHeadersProperty { get; }

        /// <summary><c>WebRequest.Headers</c> (overridden by <c>HttpWebRequest.Headers</c>): an outgoing request's headers.</summary>
        public IPropertySymbol? WebRequestHeadersProperty { get; }

        /// <summary><c>Microsoft.AspNetCore.Http.HttpRequest.Headers</c>: the incoming request's headers.</summary>
        public IPropertySymbol? AspNetHttpRequestHeadersProperty { get; }

        /// <summary><c>Microsoft.AspNetCore.Http.HttpResponse.Headers</c>: the outgoing response's headers.</summary>
        public IPropertySymbol? AspNetHttpResponseHeadersProperty { get; }

        public INamedTypeSymbol? HttpListenerRequest { get; }

        /// <summary><c>Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants</c>: header names and <c>AnyOrigin</c> ("*").</summary>
        public INamedTypeSymbol? CorsConstants { get; }

        public INamedTypeSymbol? StringValues { get; }

        /// <summary>True when the compilation has at least one request-header container worth analyzing.</summary>
        public bool HasRequestHeaderTypes =>
            HttpRequestHeaders is not null || WebHeaderCollection is not null || AspNetHttpRequest is not null;

        /// <summary>True when the compilation has at least one response-header container worth analyzing.</summary>
        public bool HasResponseHeaderTypes =>
            HttpResponseHeaders is not null || AspNetHttpResponse is not null || HttpListenerResponse is not null;

        public static HeaderSymbols Create(Compilation compilation) => new HeaderSymbols(compilation);

        /// <summary>
        /// True for <c>WebClient.Headers</c> and <c>WebRequest.Headers</c> or an override of it
        /// (<c>HttpWebRequest.Headers</c>): the headers of an outgoing request. Not <c>WebClient.ResponseHeaders</c>.
        /// </summary>
        public bool IsOutgoingWebRequestHeadersProperty(IPropertySymbol property) =>
            SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, WebClientHeadersProperty)
            || IsOrOverrides(property, WebRequestHeadersProperty);

        /// <summary>True for ASP.NET Core's <c>HttpRequest.Headers</c> or an override of it.</summary>
        public bool IsAspNetRequestHeadersProperty(IPropertySymbol property) =>
            IsOrOverrides(property, AspNetHttpRequestHeadersProperty);

        /// <summary>True for ASP.NET Core's <c>HttpResponse.Headers</c> or an override of it.</summary>
        public bool IsAspNetResponseHeadersProperty(IPropertySymbol property) =>
            IsOrOverrides(property, AspNetHttpResponseHeadersProperty);

        private static bool IsOrOverrides(IPropertySymbol? property, IPropertySymbol? target)
        {
            if (target is null)
            {
                return false;
            }

            // Bounded: an override chain is short, and a malformed one must not loop forever.
            for (var depth = 0; property is not null && depth < 16; depth++)
            {
                if (SymbolEqualityComparer.Default.Equals(property.OriginalDefinition, target))
                {
                    return true;
                }

                property = property.OverriddenProperty;
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
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false } property)
                {
                    return property;
                }
            }

            return null;
        }
    }
}
