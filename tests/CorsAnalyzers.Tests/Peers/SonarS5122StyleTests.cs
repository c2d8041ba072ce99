using CorsAnalyzers.Tests.Verifiers;
using Verify = CorsAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<CorsAnalyzers.CorsAnalyzer>;

namespace CorsAnalyzers.Tests.Peers;

/// <summary>
/// The shapes of SonarAnalyzer's S5122 ("permissive CORS policy") test cases for ASP.NET Core, written anew, run through
/// the whole analyzer with CORS009 (the strict "any origin" rule, off by default) switched on, as a user who wants
/// S5122's coverage would. Every permissive shape is reported by the rule that fits it: "*" allowed by a policy or
/// written by hand without credentials is CORS009, a "*" that is never alone is dead (CORS004). The shapes that stay
/// silent are the ones that let no origin in (a header with two values, a comma list) or whose value is not a
/// constant; each is marked below. Whole-application rules (which policy is used where) are out of this test's scope.
/// </summary>
public class SonarS5122StyleTests
{
    private static readonly string[] WholeApplicationRules = { "CORS007", "CORS008", "CORS011", "CORS013", "CORS014", "CORS016" };

    private static Task VerifyAsync(string source)
    {
        var test = new Verify.Test { TestCode = source, EditorConfig = "dotnet_diagnostic.CORS009.severity = suggestion" };
        test.DisabledDiagnostics.AddRange(WholeApplicationRules);
        return test.RunAsync();
    }

    [Fact]
    public async Task HeaderNamesAssembledFromConstants()
    {
        await VerifyAsync(""""
            using Microsoft.AspNetCore.Mvc;

            public sealed class AssembledNamesController : Controller
            {
                private const string Family = "Access-Control";
                private const string Member = "Allow-Origin";
                private const string RawFamily = """Access-Control""";
                private const string RawMember = """Allow-Origin""";
                private const string RawAny = """*""";

                public void Interpolated() => Response.Headers.Add($"{Family}-{Member}", {|CORS009:"*"|});

                public void WholeNameInALocalConstant()
                {
                    const string name = "Access-Control-Allow-Origin";
                    Response.Headers.Add(name, {|CORS009:"*"|});
                }

                public void InterpolatedLocalConstant()
                {
                    const string name = $"{Family}-{Member}";
                    Response.Headers.Add(name, {|CORS009:"*"|});
                }

                public void RawNameAndValue() => Response.Headers.Add("""Access-Control-Allow-Origin""", {|CORS009:"""*"""|});

                // Not reported: the name comes from variables, whose values are not known.
                public void NameFromVariables()
                {
                    var family = "Access-Control";
                    var member = "Allow-Origin";
                    Response.Headers.Add($$"""{{family}}-{{member}}""", "*");
                }

                public void RawInterpolatedConstants() => Response.Headers.Add($$"""{{Family}}-{{Member}}""", {|CORS009:"*"|});

                public void RawConstantValue() => Response.Headers.Add("Access-Control-Allow-Origin", {|CORS009:RawAny|});

                public void RawInterpolatedNameAndRawConstantValue() => Response.Headers.Add($"""{Family}-{Member}""", {|CORS009:RawAny|});

                public void RawConstantParts() => Response.Headers.Add($"""{RawFamily}-{RawMember}""", {|CORS009:"""*"""|});
            }
            """");
    }

    [Fact]
    public async Task PoliciesAllowingAnyOrigin()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Cors.Infrastructure;
            using Builder = Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder;

            public static class CorsRegistration
            {
                private const string AnyOne = "*";

                public static IServiceCollection AddPolicies(IServiceCollection services) => services.AddCors(options =>
                {
                    // ["*", "*", "*", "*", "*"] is not ["*"]: every one of them is a dead string, none allows any origin.
                    options.AddDefaultPolicy(policy =>
                    {
                        policy.WithOrigins({|CORS004:"*"|});
                        policy.WithOrigins({|CORS004:AnyOne|});
                        policy.WithOrigins({|CORS004:"*"|}, {|CORS004:"*"|}, {|CORS004:"*"|});
                    });

                    options.AddPolicy("Partners", policy => policy.WithOrigins("https://partner.contoso.com", {|CORS004:"*"|}));
                    options.AddPolicy("Everyone", policy => policy.{|CORS009:AllowAnyOrigin()|});
                    options.AddPolicy("Known", policy => policy.WithOrigins("https://app.contoso.com", "https://admin.contoso.com"));
                    options.AddPolicy("Subdomains", policy => policy.WithOrigins("https://*.contoso.com").SetIsOriginAllowedToAllowWildcardSubdomains());

                    var open = new CorsPolicyBuilder({|CORS009:"*"|});
                    options.AddPolicy("Open", open.Build());

                    var aliased = new Builder({|CORS009:"*"|});
                    options.AddPolicy("Aliased", aliased.Build());

                    var trusted = new CorsPolicyBuilder("https://app.contoso.com");
                    options.AddPolicy("Trusted", trusted.Build());

                    CorsPolicyBuilder pending = new({|CORS009:"*"|});
                    pending = new CorsPolicyBuilder { };
                });
            }

            public partial class PartialRegistration
            {
                private const string AnyOne = "*";

                public partial IServiceCollection Services { get; }
            }

            public partial class PartialRegistration
            {
                public partial IServiceCollection Services => new ServiceCollection().AddCors(options =>
                    options.AddDefaultPolicy(policy =>
                    {
                        policy.WithOrigins({|CORS004:"*"|});
                        policy.WithOrigins({|CORS004:AnyOne|});
                        policy.WithOrigins({|CORS004:"*"|}, {|CORS004:"*"|}, {|CORS004:"*"|});
                    }));
            }
            """);
    }

    [Fact]
    public async Task HeadersWrittenByHand()
    {
        await VerifyAsync("""
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Extensions.Primitives;
            using Microsoft.Net.Http.Headers;
            using Values = Microsoft.Extensions.Primitives.StringValues;

            public sealed class ManualHeadersController : Controller
            {
                private const string Wildcard = "*";
                private string _mutableWildcard = "*";

                public void Literal() => Response.Headers.Add("Access-Control-Allow-Origin", {|CORS009:"*"|});

                public void Constant() => Response.Headers.Add("Access-Control-Allow-Origin", {|CORS009:Wildcard|});

                // Not reported: two values make browsers refuse the response; no origin is allowed.
                public void TwoValues() => Response.Headers.Add("Access-Control-Allow-Origin", new[] { "https://app.contoso.com", "*" });

                public void HeaderNamesMember() => Response.Headers.Add(HeaderNames.AccessControlAllowOrigin, {|CORS009:"*"|});

                public void AppendLiteral() => Response.Headers.Append("Access-Control-Allow-Origin", {|CORS009:"*"|});

                public void AppendHeaderNamesMember() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, {|CORS009:"*"|});

                public void AppendConstant() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, {|CORS009:Wildcard|});

                public void AppendStringValues() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new StringValues({|CORS009:"*"|}));

                public void AppendStringValuesOfConstant() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new StringValues({|CORS009:Wildcard|}));

                // Not reported: two values again.
                public void AppendStringValuesOfTwo() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new StringValues(new[] { "*", "https://app.contoso.com" }));

                public void AppendAliasedStringValues() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, new Values({|CORS009:"*"|}));

                // Not reported: a comma list is one invalid origin, which no browser accepts.
                public void AppendCommaList() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, "*, https://app.contoso.com");

                public void AppendInterpolatedCommaList() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, $"{Wildcard}, https://app.contoso.com");

                public void AppendInterpolatedConstant() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, {|CORS009:$"{Wildcard}"|});

                // Not reported: a field anyone may change is not a constant.
                public void AppendInterpolatedField() => Response.Headers.Append(HeaderNames.AccessControlAllowOrigin, $"{_mutableWildcard}");

                // Safe or not CORS at all.
                public void TrustedOrigin() => Response.Headers.Add(HeaderNames.AccessControlAllowOrigin, "https://app.contoso.com");

                public void Stars() => Response.Headers.Add("Access-Control-Allow-Origin", "*****");

                public void OtherHeaders()
                {
                    Response.Headers.Add("X-Custom", "*");
                    Response.Headers.Append(HeaderNames.Age, "*");
                }

                public void UnknownNameOrValue(string header, string value)
                {
                    Response.Headers.Add(header, "*");
                    Response.Headers.Add(HeaderNames.AccessControlAllowOrigin, value);
                }
            }
            """);
    }
}
