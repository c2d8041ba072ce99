using Microsoft.CodeAnalysis;

namespace CorsAnalyzers.Cors
{
    /// <summary>
    /// The HTTP client libraries whose request-header APIs CORS003 knows (RestSharp, Flurl.Http, Refit) and Blazor
    /// WebAssembly's browser request options (CORS012), resolved once per compilation from each library's own assembly
    /// (<see cref="KnownTypes.GetFromAssembly"/>): a project that references none of them pays one dictionary lookup
    /// per library and gets null.
    /// </summary>
    internal sealed class ClientLibrarySymbols
    {
        private const string RestSharpAssembly = "RestSharp";
        private const string FlurlHttpAssembly = "Flurl.Http";
        private const string FlurlAssembly = "Flurl";
        private const string RefitAssembly = "Refit";
        private const string BlazorWebAssemblyAssembly = "Microsoft.AspNetCore.Components.WebAssembly";

        private ClientLibrarySymbols(Compilation compilation)
        {
            if (KnownTypes.References(compilation, RestSharpAssembly))
            {
                RestRequestExtensions = KnownTypes.GetFromAssembly(compilation, RestSharpAssembly, "RestSharp.RestRequestExtensions");
                RestClientExtensions = KnownTypes.GetFromAssembly(compilation, RestSharpAssembly, "RestSharp.RestClientExtensions");
                RestHeaderParameter = KnownTypes.GetFromAssembly(compilation, RestSharpAssembly, "RestSharp.HeaderParameter");
                RestParameter = KnownTypes.GetFromAssembly(compilation, RestSharpAssembly, "RestSharp.Parameter");
                RestParameterType = KnownTypes.GetFromAssembly(compilation, RestSharpAssembly, "RestSharp.ParameterType");
            }

            if (KnownTypes.References(compilation, FlurlHttpAssembly))
            {
                FlurlHeaderExtensions = KnownTypes.GetFromAssembly(compilation, FlurlHttpAssembly, "Flurl.Http.HeaderExtensions");
                FlurlGeneratedExtensions = KnownTypes.GetFromAssembly(compilation, FlurlHttpAssembly, "Flurl.Http.GeneratedExtensions");
                FlurlHeadersContainer = KnownTypes.GetFromAssembly(compilation, FlurlHttpAssembly, "Flurl.Http.IHeadersContainer");
                FlurlNameValueListInterface = KnownTypes.GetFromAssembly(compilation, FlurlAssembly, "Flurl.Util.INameValueList`1");
                FlurlNameValueList = KnownTypes.GetFromAssembly(compilation, FlurlAssembly, "Flurl.Util.NameValueList`1");
            }

            if (KnownTypes.References(compilation, RefitAssembly))
            {
                RefitHeadersAttribute = KnownTypes.GetFromAssembly(compilation, RefitAssembly, "Refit.HeadersAttribute");
                RefitHeaderAttribute = KnownTypes.GetFromAssembly(compilation, RefitAssembly, "Refit.HeaderAttribute");
                RefitHeaderCollectionAttribute = KnownTypes.GetFromAssembly(compilation, RefitAssembly, "Refit.HeaderCollectionAttribute");
            }

            if (KnownTypes.References(compilation, BlazorWebAssemblyAssembly))
            {
                BrowserRequestExtensions = KnownTypes.GetFromAssembly(
                    compilation, BlazorWebAssemblyAssembly, "Microsoft.AspNetCore.Components.WebAssembly.Http.WebAssemblyHttpRequestMessageExtensions");
                BrowserRequestMode = KnownTypes.GetFromAssembly(
                    compilation, BlazorWebAssemblyAssembly, "Microsoft.AspNetCore.Components.WebAssembly.Http.BrowserRequestMode");
            }
        }

        /// <summary><c>RestSharp.RestRequestExtensions</c>: <c>AddHeader</c>, <c>AddOrUpdateHeader</c>, <c>AddHeaders</c>, <c>AddParameter</c>.</summary>
        public INamedTypeSymbol? RestRequestExtensions { get; }

        /// <summary><c>RestSharp.RestClientExtensions</c>: <c>AddDefaultHeader(s)</c>, <c>AddDefaultParameter</c>.</summary>
        public INamedTypeSymbol? RestClientExtensions { get; }

        public INamedTypeSymbol? RestHeaderParameter { get; }

        /// <summary><c>RestSharp.Parameter</c> (<c>Parameter.CreateParameter(name, value, ParameterType.HttpHeader)</c>).</summary>
        public INamedTypeSymbol? RestParameter { get; }

        public INamedTypeSymbol? RestParameterType { get; }

        /// <summary><c>Flurl.Http.HeaderExtensions</c>: <c>WithHeader(s)</c> on <c>IFlurlRequest</c>, <c>IFlurlClient</c>, the client builder.</summary>
        public INamedTypeSymbol? FlurlHeaderExtensions { get; }

        /// <summary><c>Flurl.Http.GeneratedExtensions</c>: <c>WithHeader(s)</c> on <c>string</c>, <c>Url</c> and <c>Uri</c>.</summary>
        public INamedTypeSymbol? FlurlGeneratedExtensions { get; }

        /// <summary><c>Flurl.Http.IHeadersContainer</c>: what has request headers (request, client, client builder).</summary>
        public INamedTypeSymbol? FlurlHeadersContainer { get; }

        public INamedTypeSymbol? FlurlNameValueListInterface { get; }

        public INamedTypeSymbol? FlurlNameValueList { get; }

        public INamedTypeSymbol? RefitHeadersAttribute { get; }

        public INamedTypeSymbol? RefitHeaderAttribute { get; }

        public INamedTypeSymbol? RefitHeaderCollectionAttribute { get; }

        /// <summary><c>WebAssemblyHttpRequestMessageExtensions</c>: <c>SetBrowserRequestMode</c>, <c>SetBrowserRequestOption</c>.</summary>
        public INamedTypeSymbol? BrowserRequestExtensions { get; }

        public INamedTypeSymbol? BrowserRequestMode { get; }

        public bool HasRestSharp => RestRequestExtensions is not null || RestClientExtensions is not null || RestHeaderParameter is not null;

        public bool HasFlurl => FlurlHeaderExtensions is not null || FlurlGeneratedExtensions is not null || FlurlHeadersContainer is not null;

        public bool HasRefit => RefitHeadersAttribute is not null || RefitHeaderAttribute is not null || RefitHeaderCollectionAttribute is not null;

        /// <summary>A client library whose request headers CORS003 reads.</summary>
        public bool HasHeaderLibrary => HasRestSharp || HasFlurl || HasRefit;

        public bool HasBrowserRequestOptions => BrowserRequestExtensions is not null;

        /// <summary>The libraries the compilation references, or null when it references none of them.</summary>
        public static ClientLibrarySymbols? TryCreate(Compilation compilation)
        {
            var symbols = new ClientLibrarySymbols(compilation);
            return symbols.HasHeaderLibrary || symbols.HasBrowserRequestOptions ? symbols : null;
        }

        /// <summary>
        /// Whether <paramref name="method"/> is declared by <paramref name="type"/>: directly, or, for a library compiled
        /// with C# 14 extension blocks (RestSharp 114) read by a C# 14 compiler, by an extension block nested in it.
        /// </summary>
        public static bool IsDeclaredBy(IMethodSymbol method, INamedTypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            var containing = method.ContainingType?.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(containing, type)
                || (containing is not null && SymbolEqualityComparer.Default.Equals(containing.ContainingType, type));
        }
    }
}
