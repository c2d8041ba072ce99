using System;

namespace CorsAnalyzers.Cors
{
    /// <summary>The CORS header names and which side of the exchange each belongs to.</summary>
    internal static class CorsHeaderNames
    {
        public const string AccessControlAllowOrigin = "Access-Control-Allow-Origin";
        public const string AccessControlAllowCredentials = "Access-Control-Allow-Credentials";
        public const string AccessControlAllowHeaders = "Access-Control-Allow-Headers";
        public const string AccessControlAllowMethods = "Access-Control-Allow-Methods";
        public const string AccessControlExposeHeaders = "Access-Control-Expose-Headers";
        public const string AccessControlMaxAge = "Access-Control-Max-Age";
        public const string AccessControlRequestMethod = "Access-Control-Request-Method";
        public const string AccessControlRequestHeaders = "Access-Control-Request-Headers";
        public const string Origin = "Origin";

        /// <summary>
        /// The canonical spelling of a CORS response header (Access-Control-Allow-*, -Expose-Headers, -Max-Age) when
        /// <paramref name="name"/> is one, compared case-insensitively and ignoring surrounding whitespace; otherwise null.
        /// </summary>
        public static string? GetResponseHeader(string? name)
        {
            if (name is null)
            {
                return null;
            }

            var trimmed = name.Trim();
            if (trimmed.Length < 19 || !trimmed.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            foreach (var header in ResponseHeaders)
            {
                if (string.Equals(trimmed, header, StringComparison.OrdinalIgnoreCase))
                {
                    return header;
                }
            }

            return null;
        }

        /// <summary>
        /// The canonical header name for an <c>IHeaderDictionary</c> typed property such as
        /// <c>AccessControlAllowOrigin</c>, when it is a CORS response header; otherwise null.
        /// </summary>
        public static string? GetResponseHeaderForTypedProperty(string propertyName)
        {
            switch (propertyName)
            {
                case "AccessControlAllowOrigin": return AccessControlAllowOrigin;
                case "AccessControlAllowCredentials": return AccessControlAllowCredentials;
                case "AccessControlAllowHeaders": return AccessControlAllowHeaders;
                case "AccessControlAllowMethods": return AccessControlAllowMethods;
                case "AccessControlExposeHeaders": return AccessControlExposeHeaders;
                case "AccessControlMaxAge": return AccessControlMaxAge;
                default: return null;
            }
        }

        /// <summary>
        /// The header name a member of <c>HeaderNames</c>, <c>CorsConstants</c> or an <c>IHeaderDictionary</c> typed property
        /// stands for, for the CORS headers of both sides and <c>Origin</c>; otherwise null. (Those fields are
        /// <c>static readonly</c>, not constants: their value is not visible to the compiler.)
        /// </summary>
        public static string? GetHeaderForMemberName(string memberName)
        {
            switch (memberName)
            {
                case "Origin": return Origin;
                case "AccessControlRequestMethod": return AccessControlRequestMethod;
                case "AccessControlRequestHeaders": return AccessControlRequestHeaders;
                default: return GetResponseHeaderForTypedProperty(memberName);
            }
        }

        private static readonly string[] ResponseHeaders =
        {
            AccessControlAllowOrigin,
            AccessControlAllowCredentials,
            AccessControlAllowHeaders,
            AccessControlAllowMethods,
            AccessControlExposeHeaders,
            AccessControlMaxAge,
        };
    }
}
