using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The HTTP header containers of .NET and ASP.NET Core, resolved once per compilation. Used to decide whether a
    /// header is written to a request or to a response by the receiver's type, never by variable names.
    /// </summary>
    internal sealed class HeaderSymbols
    {
        // Asked for the receiver of every Add/Append/TryAdd call and indexer write (lists, dictionaries, builders...).
        private readonly ImplementsCache _isHeaderDictionary;

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
            HttpListenerRequest = KnownTypes.Get(compilation, "System.Net.HttpListenerRequest");
            CorsConstants = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsConstants");
            StringValues = KnownTypes.Get(compilation, "Microsoft.Extensions.Primitives.StringValues");
            _isHeaderDictionary = new ImplementsCache(IHeaderDictionary);
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

        /// <summary>The type is <c>IHeaderDictionary</c> or implements it (remembered per type for the compilation).</summary>
        public bool IsHeaderDictionary(ITypeSymbol? type) => _isHeaderDictionary.Check(type);

        /// <summary>
        /// True for <c>WebClient.Headers</c> and <c>WebRequest.Headers</c> or an override of it
        /// (<c>HttpWebRequest.Headers</c>): the headers of an outgoing request. Not <c>WebClient.ResponseHeaders</c>.
        /// </summary>
        public bool IsOutgoingWebRequestHeadersProperty(IPropertySymbol property) =>
            IsHeadersProperty(property, WebClient) || IsOrOverridesHeadersProperty(property, WebRequest);

        /// <summary>True for ASP.NET Core's <c>HttpRequest.Headers</c> or an override of it.</summary>
        public bool IsAspNetRequestHeadersProperty(IPropertySymbol property) =>
            IsOrOverridesHeadersProperty(property, AspNetHttpRequest);

        /// <summary>True for ASP.NET Core's <c>HttpResponse.Headers</c> or an override of it.</summary>
        public bool IsAspNetResponseHeadersProperty(IPropertySymbol property) =>
            IsOrOverridesHeadersProperty(property, AspNetHttpResponse);

        // The property is recognized by its name and declaring type rather than by looking it up in the type's
        // members: looking it up builds the symbols of every member of WebClient, WebRequest, HttpRequest and
        // HttpResponse in every compilation, used or not.
        private static bool IsOrOverridesHeadersProperty(IPropertySymbol? property, INamedTypeSymbol? declaringType)
        {
            if (declaringType is null)
            {
                return false;
            }

            // Bounded: an override chain is short, and a malformed one must not loop forever.
            for (var depth = 0; property is not null && depth < 16; depth++)
            {
                if (IsHeadersProperty(property, declaringType))
                {
                    return true;
                }

                property = property.OverriddenProperty;
            }

            return false;
        }

        /// <summary>The instance, non-indexer property <c>Headers</c> declared by <paramref name="declaringType"/>.</summary>
        private static bool IsHeadersProperty(IPropertySymbol property, INamedTypeSymbol? declaringType) =>
            declaringType is not null
            && !property.IsStatic
            && !property.IsIndexer
            && property.Name == "Headers"
            && SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, declaringType);
    }
}
