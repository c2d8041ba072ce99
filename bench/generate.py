#!/usr/bin/env python3
"""Write a realistic ASP.NET Core web project of N C# files for the CorsAnalyzers benchmark.

The project is mostly ordinary code (DTOs, services, controllers, typed HttpClient wrappers, minimal-API
endpoint groups, middleware) that an analyzer must look at and dismiss: header writes of non-CORS headers,
service registrations, routing calls. A small, fixed set of files holds the CORS code, with every shape the
rules look for (AllowAnyOrigin + AllowCredentials, SetIsOriginAllowed(_ => true), trailing-slash and "null"
origins, CORS headers on HttpClient requests and on HttpRequest/HttpResponse, UseCors order, [EnableCors],
RequireCors, unknown policy names, ...). The number of CORS files does not depend on N (use --cors-copies to
multiply them), so comparing two values of N shows how the analyzers scale with code that is not CORS code.

Deterministic: the same arguments always write the same bytes.

    python3 bench/generate.py --files 500 --out bench/out/n500 [--seed 42] [--cors-copies 1]
        [--analyzer path/to/CorsAnalyzers.dll ...]
"""
import argparse
import json
import os
import random
import re
import shutil

ENTITIES = [
    "Order", "Customer", "Product", "Invoice", "Shipment", "Payment", "Account", "Address", "Basket", "Category",
    "Coupon", "Delivery", "Employee", "Feedback", "Inventory", "Ledger", "Member", "Notification", "Partner",
    "Quote", "Refund", "Region", "Report", "Review", "Schedule", "Session", "Store", "Supplier", "Subscription",
    "Tag", "Task", "Team", "Ticket", "Transfer", "Vendor", "Voucher", "Warehouse", "Wishlist", "Contract", "Device",
]
PROP_TYPES = [
    ("string", "Name", '""'), ("string", "Description", '""'), ("decimal", "Amount", "0m"), ("int", "Quantity", "0"),
    ("DateTimeOffset", "CreatedAt", "DateTimeOffset.UtcNow"), ("DateTimeOffset?", "UpdatedAt", "null"),
    ("bool", "IsActive", "true"), ("string", "Email", '""'), ("string", "Currency", '"EUR"'), ("Guid", "ExternalId", "Guid.Empty"),
    ("int", "Priority", "0"), ("string?", "Notes", "null"), ("double", "Score", "0d"), ("string", "Status", '"new"'),
    ("long", "Version", "0L"), ("string", "Country", '"FR"'),
]
NOISE_HEADERS = ["X-Correlation-Id", "X-Request-Id", "X-Api-Version", "X-Tenant", "Cache-Control", "X-Frame-Options",
                 "X-Content-Type-Options", "X-Total-Count", "ETag", "X-RateLimit-Remaining"]


def unit_names(count):
    """Unique entity names: Order, Customer, ..., Order2, Customer2, ..."""
    names = []
    for i in range(count):
        base = ENTITIES[i % len(ENTITIES)]
        suffix = i // len(ENTITIES)
        names.append(base if suffix == 0 else f"{base}{suffix + 1}")
    return names


# ---------------------------------------------------------------------------------------------------------------
# Ordinary (non-CORS) files
# ---------------------------------------------------------------------------------------------------------------

def dto_file(ns, e, rng):
    props = rng.sample(PROP_TYPES, rng.randint(4, 9))
    lines = [f"using System.ComponentModel.DataAnnotations;", "", f"namespace {ns}.Dtos;", "",
             f"/// <summary>Data transferred for a {e.lower()}.</summary>", f"public sealed class {e}Dto", "{",
             "    public int Id { get; set; }", ""]
    for t, n, d in props:
        if t == "string" and rng.random() < 0.5:
            lines.append(f"    [Required, StringLength({rng.choice([32, 64, 128, 256])})]")
        if t in ("int", "decimal") and rng.random() < 0.4:
            lines.append(f"    [Range(0, {rng.choice([10, 100, 1000, 100000])})]")
        lines.append(f"    public {t} {n} {{ get; set; }} = {d};")
        lines.append("")
    lines += [f"    public {e}Summary ToSummary() => new(Id, {summary_arg(props)});", "}", "",
              f"public sealed record {e}Summary(int Id, string Label);", "",
              f"public sealed record Create{e}Request(string Name, int Quantity);", "",
              f"public sealed record {e}Page(IReadOnlyList<{e}Dto> Items, int Total, int Page, int PageSize);", ""]
    return "\n".join(lines)


def summary_arg(props):
    for t, n, _ in props:
        if t == "string":
            return n
    return f'$"#{{{props[0][1]}}}"'


def service_file(ns, e, rng):
    methods = rng.randint(3, 6)
    iface = [f"    Task<{e}Dto?> GetAsync(int id, CancellationToken cancellationToken);",
             f"    Task<{e}Page> ListAsync(int page, int pageSize, CancellationToken cancellationToken);",
             f"    Task<{e}Dto> CreateAsync(Create{e}Request request, CancellationToken cancellationToken);"]
    body = [
        f"    private readonly ConcurrentDictionary<int, {e}Dto> _store = new();",
        f"    private readonly ILogger<{e}Service> _logger;",
        "    private int _nextId;", "",
        f"    public {e}Service(ILogger<{e}Service> logger)", "    {", "        _logger = logger;", "    }", "",
        f"    public Task<{e}Dto?> GetAsync(int id, CancellationToken cancellationToken)", "    {",
        "        cancellationToken.ThrowIfCancellationRequested();",
        "        _store.TryGetValue(id, out var item);",
        f"        _logger.LogDebug(\"Fetched {e.lower()} {{Id}}\", id);",
        "        return Task.FromResult(item);", "    }", "",
        f"    public Task<{e}Page> ListAsync(int page, int pageSize, CancellationToken cancellationToken)", "    {",
        "        var items = _store.Values.OrderBy(x => x.Id).Skip((page - 1) * pageSize).Take(pageSize).ToList();",
        f"        return Task.FromResult(new {e}Page(items, _store.Count, page, pageSize));", "    }", "",
        f"    public Task<{e}Dto> CreateAsync(Create{e}Request request, CancellationToken cancellationToken)", "    {",
        "        ArgumentNullException.ThrowIfNull(request);",
        "        var id = Interlocked.Increment(ref _nextId);",
        f"        var item = new {e}Dto {{ Id = id }};",
        "        _store[id] = item;",
        f"        _logger.LogInformation(\"Created {e.lower()} {{Id}} with {{Quantity}}\", id, request.Quantity);",
        "        return Task.FromResult(item);", "    }",
    ]
    for m in range(3, methods):
        kind = rng.choice(["count", "exists", "remove", "search"])
        name = f"{kind.capitalize()}{m}Async"
        if kind == "count":
            iface.append(f"    Task<int> {name}(CancellationToken cancellationToken);")
            body += ["", f"    public Task<int> {name}(CancellationToken cancellationToken) => Task.FromResult(_store.Count(x => x.Key % {m} == 0));"]
        elif kind == "exists":
            iface.append(f"    Task<bool> {name}(int id, CancellationToken cancellationToken);")
            body += ["", f"    public Task<bool> {name}(int id, CancellationToken cancellationToken) => Task.FromResult(_store.ContainsKey(id));"]
        elif kind == "remove":
            iface.append(f"    Task<bool> {name}(int id, CancellationToken cancellationToken);")
            body += ["", f"    public Task<bool> {name}(int id, CancellationToken cancellationToken)", "    {",
                     "        var removed = _store.TryRemove(id, out _);",
                     "        if (removed)", "        {", f"            _logger.LogInformation(\"Removed {{Id}}\", id);", "        }",
                     "        return Task.FromResult(removed);", "    }"]
        else:
            iface.append(f"    Task<IReadOnlyList<{e}Summary>> {name}(string term, CancellationToken cancellationToken);")
            body += ["", f"    public Task<IReadOnlyList<{e}Summary>> {name}(string term, CancellationToken cancellationToken)", "    {",
                     f"        var result = new List<{e}Summary>();",
                     "        foreach (var item in _store.Values)", "        {",
                     "            var summary = item.ToSummary();",
                     "            if (summary.Label.Contains(term, StringComparison.OrdinalIgnoreCase))", "            {",
                     "                result.Add(summary);", "            }", "        }", "",
                     f"        return Task.FromResult<IReadOnlyList<{e}Summary>>(result);", "    }"]
    lines = ["using System.Collections.Concurrent;", f"using {ns}.Dtos;", "", f"namespace {ns}.Services;", "",
             f"public interface I{e}Service", "{"] + iface + ["}", "", f"public sealed class {e}Service : I{e}Service", "{"] + body + ["}", ""]
    return "\n".join(lines)


def controller_file(ns, e, rng):
    route = e.lower() + "s"
    header = rng.choice(NOISE_HEADERS)
    lines = ["using Microsoft.AspNetCore.Mvc;", f"using {ns}.Dtos;", f"using {ns}.Services;", "",
             f"namespace {ns}.Controllers;", "", "[ApiController]", f"[Route(\"api/{route}\")]",
             f"public sealed class {e}Controller : ControllerBase", "{",
             f"    private readonly I{e}Service _service;", "",
             f"    public {e}Controller(I{e}Service service)", "    {", "        _service = service;", "    }", "",
             "    [HttpGet(\"{id:int}\")]",
             f"    public async Task<ActionResult<{e}Dto>> Get(int id, CancellationToken cancellationToken)", "    {",
             "        var item = await _service.GetAsync(id, cancellationToken);",
             "        if (item is null)", "        {", "            return NotFound();", "        }", "",
             f"        Response.Headers[\"{header}\"] = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);",
             "        return Ok(item);", "    }", "",
             "    [HttpGet]",
             f"    public async Task<ActionResult<{e}Page>> List([FromQuery] int page = 1, [FromQuery] int pageSize = 20, CancellationToken cancellationToken = default)",
             "    {",
             "        var result = await _service.ListAsync(page, pageSize, cancellationToken);",
             "        Response.Headers.Append(\"X-Total-Count\", result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture));",
             "        return Ok(result);", "    }", "",
             "    [HttpPost]",
             f"    public async Task<ActionResult<{e}Dto>> Create([FromBody] Create{e}Request request, CancellationToken cancellationToken)",
             "    {",
             "        if (string.IsNullOrWhiteSpace(request.Name))", "        {",
             "            ModelState.AddModelError(nameof(request.Name), \"Required\");",
             "            return ValidationProblem(ModelState);", "        }", "",
             "        var created = await _service.CreateAsync(request, cancellationToken);",
             "        return CreatedAtAction(nameof(Get), new { id = created.Id }, created);", "    }"]
    if rng.random() < 0.5:
        lines += ["", "    [HttpGet(\"{id:int}/summary\")]",
                  f"    public async Task<IActionResult> Summary(int id, CancellationToken cancellationToken)", "    {",
                  "        var item = await _service.GetAsync(id, cancellationToken);",
                  "        var correlation = Request.Headers[\"X-Correlation-Id\"].ToString();",
                  "        return item is null ? NotFound(correlation) : Ok(item.ToSummary());", "    }"]
    lines += ["}", ""]
    return "\n".join(lines)


def client_file(ns, e, rng):
    header = rng.choice(NOISE_HEADERS)
    route = e.lower() + "s"
    lines = ["using System.Net.Http.Headers;", "using System.Net.Http.Json;", f"using {ns}.Dtos;", "",
             f"namespace {ns}.Clients;", "",
             f"/// <summary>Typed client for the remote {e.lower()} API.</summary>",
             f"public sealed class {e}ApiClient", "{", "    private readonly HttpClient _httpClient;", "",
             f"    public {e}ApiClient(HttpClient httpClient)", "    {", "        _httpClient = httpClient;",
             "        _httpClient.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue(\"application/json\"));",
             f"        _httpClient.DefaultRequestHeaders.Add(\"{header}\", \"bench\");",
             "        _httpClient.DefaultRequestHeaders.UserAgent.ParseAdd(\"bench-client/1.0\");", "    }", "",
             f"    public Task<{e}Dto?> GetAsync(int id, CancellationToken cancellationToken) =>",
             f"        _httpClient.GetFromJsonAsync<{e}Dto>($\"api/{route}/{{id}}\", cancellationToken);", "",
             f"    public async Task<{e}Dto?> CreateAsync(Create{e}Request body, string correlationId, CancellationToken cancellationToken)",
             "    {",
             f"        using var request = new HttpRequestMessage(HttpMethod.Post, \"api/{route}\");",
             "        request.Headers.Add(\"X-Correlation-Id\", correlationId);",
             "        request.Headers.TryAddWithoutValidation(\"X-Api-Version\", \"2\");",
             "        request.Content = JsonContent.Create(body);",
             "        using var response = await _httpClient.SendAsync(request, cancellationToken);",
             "        response.EnsureSuccessStatusCode();",
             f"        return await response.Content.ReadFromJsonAsync<{e}Dto>(cancellationToken: cancellationToken);", "    }"]
    if rng.random() < 0.5:
        lines += ["", "    public async Task<bool> PingAsync(CancellationToken cancellationToken)", "    {",
                  "        using var response = await _httpClient.GetAsync(\"health\", cancellationToken);",
                  "        return response.Headers.TryGetValues(\"X-Health\", out var values) && values.Any();", "    }"]
    lines += ["}", ""]
    return "\n".join(lines)


def endpoints_file(ns, e, rng):
    route = e.lower() + "s"
    lines = [f"using {ns}.Dtos;", f"using {ns}.Services;", "", f"namespace {ns}.Endpoints;", "",
             f"public static class {e}Endpoints", "{",
             f"    public static RouteGroupBuilder Map{e}Endpoints(this IEndpointRouteBuilder endpoints)", "    {",
             f"        var group = endpoints.MapGroup(\"/v2/{route}\").WithTags(\"{e}\");", "",
             f"        group.MapGet(\"/{{id:int}}\", async (int id, I{e}Service service, HttpContext context, CancellationToken ct) =>",
             "        {", "            var item = await service.GetAsync(id, ct);",
             f"            context.Response.Headers[\"{rng.choice(NOISE_HEADERS)}\"] = \"v2\";",
             "            return item is null ? Results.NotFound() : Results.Ok(item);", "        });", "",
             f"        group.MapGet(\"/\", async (I{e}Service service, int? page, CancellationToken ct) =>",
             "            Results.Ok(await service.ListAsync(page ?? 1, 50, ct)));", "",
             f"        group.MapPost(\"/\", async (Create{e}Request request, I{e}Service service, CancellationToken ct) =>",
             "        {", "            var created = await service.CreateAsync(request, ct);",
             f"            return Results.Created($\"/v2/{route}/{{created.Id}}\", created);", "        });"]
    if rng.random() < 0.5:
        lines += ["", "        group.MapDelete(\"/{id:int}\", (int id) => Results.NoContent()).RequireAuthorization();"]
    lines += ["", "        return group;", "    }", "}", ""]
    return "\n".join(lines)


def middleware_file(ns, name, rng):
    header = rng.choice(NOISE_HEADERS)
    return "\n".join([
        f"namespace {ns}.Middleware;", "",
        f"public sealed class {name}Middleware", "{", "    private readonly RequestDelegate _next;",
        f"    private readonly ILogger<{name}Middleware> _logger;", "",
        f"    public {name}Middleware(RequestDelegate next, ILogger<{name}Middleware> logger)", "    {",
        "        _next = next;", "        _logger = logger;", "    }", "",
        "    public async Task InvokeAsync(HttpContext context)", "    {",
        "        var started = System.Diagnostics.Stopwatch.GetTimestamp();",
        f"        if (!context.Request.Headers.ContainsKey(\"{header}\"))", "        {",
        f"            context.Request.Headers[\"X-Bench-{name}\"] = \"1\";", "        }", "",
        "        context.Response.OnStarting(() =>", "        {",
        f"            context.Response.Headers[\"{header}\"] = \"set\";",
        "            context.Response.Headers.Append(\"X-Content-Type-Options\", \"nosniff\");",
        "            return Task.CompletedTask;", "        });", "",
        "        await _next(context);",
        f"        _logger.LogDebug(\"{name} took {{Elapsed}}\", System.Diagnostics.Stopwatch.GetElapsedTime(started));",
        "    }", "}", "",
        f"public static class {name}MiddlewareExtensions", "{",
        f"    public static IApplicationBuilder Use{name}(this IApplicationBuilder app) => app.UseMiddleware<{name}Middleware>();",
        "}", ""])


def registration_file(ns, units):
    lines = [f"using {ns}.Clients;", f"using {ns}.Endpoints;", f"using {ns}.Services;", "", f"namespace {ns};", "",
             "public static class AppRegistration", "{",
             "    public static IServiceCollection AddAppServices(this IServiceCollection services)", "    {"]
    for u in units:
        lines.append(f"        services.AddSingleton<I{u['name']}Service, {u['name']}Service>();")
        if u["client"]:
            lines.append(f"        services.AddHttpClient<{u['name']}ApiClient>(c => c.BaseAddress = new Uri(\"https://{u['name'].lower()}.internal.example\"));")
    lines += ["        return services;", "    }", "",
              "    public static IEndpointRouteBuilder MapAppEndpoints(this IEndpointRouteBuilder endpoints)", "    {"]
    for u in units:
        if u["endpoints"]:
            lines.append(f"        endpoints.Map{u['name']}Endpoints();")
    lines += ["        return endpoints;", "    }", "}", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# CORS files: a fixed set, every shape the rules look for (comments name the rule each one is meant for)
# ---------------------------------------------------------------------------------------------------------------

def cors_files(ns, s):
    """The CORS file set; s is a suffix ('' for the first copy) so copies do not collide."""
    files = {}
    files[f"Cors/CorsPolicyNames{s}.cs"] = f"""namespace {ns}.Cors;

public static class CorsPolicyNames{s}
{{
    public const string Frontend = "Frontend{s}";
    public const string Partners = "Partners{s}";
    public const string Public = "Public{s}";
}}
"""
    files[f"Cors/CorsServiceCollectionExtensions{s}.cs"] = f"""using Microsoft.AspNetCore.Cors.Infrastructure;

namespace {ns}.Cors;

public static class CorsServiceCollectionExtensions{s}
{{
    public static IServiceCollection AddAppCors{s}(this IServiceCollection services, IConfiguration configuration)
    {{
        var configured = configuration.GetSection("Cors:Origins").Get<string[]>() ?? Array.Empty<string>();

        services.AddCors(options =>
        {{
            // Safe: explicit origins with credentials.
            options.AddPolicy(CorsPolicyNames{s}.Frontend, policy => policy
                .WithOrigins("https://app.contoso.com", "https://admin.contoso.com")
                .AllowAnyHeader()
                .AllowAnyMethod()
                .AllowCredentials());

            // CORS001: any origin with credentials.
            options.AddPolicy(CorsPolicyNames{s}.Partners, policy => policy.AllowAnyOrigin().AllowCredentials().AllowAnyHeader());

            // CORS002: every origin accepted, with credentials.
            options.AddPolicy("Mobile{s}", policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials().AllowAnyMethod());

            // CORS004: an origin with a trailing slash never matches.
            options.AddPolicy("Legacy{s}", policy => policy.WithOrigins("https://legacy.contoso.com/").AllowAnyMethod());

            // CORS005: the "null" origin.
            options.AddPolicy("Embedded{s}", policy => policy.WithOrigins("null", "https://embed.contoso.com").WithMethods("GET"));

            // CORS009: any origin (opt-in rule).
            options.AddPolicy(CorsPolicyNames{s}.Public, policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD"));

            // CORS010: substring origin check.
            options.AddPolicy("Subdomains{s}", policy => policy
                .SetIsOriginAllowed(origin => origin.Contains("contoso.com", StringComparison.OrdinalIgnoreCase))
                .AllowCredentials());

            // CORS001 over several statements.
            options.AddPolicy("Reports{s}", builder =>
            {{
                builder.AllowAnyOrigin();
                builder.AllowAnyHeader();
                builder.AllowCredentials();
            }});

            // CORS014: never used.
            options.AddPolicy("Unused{s}", policy => policy.WithOrigins("https://unused.contoso.com"));

            // CORS001 through a built policy object.
            var built = new CorsPolicyBuilder().AllowAnyOrigin().AllowCredentials().Build();
            options.AddPolicy("Built{s}", built);

            // Policies configured by helper methods (OriginPolicies).
            options.AddPolicy("Widgets{s}", OriginPolicies{s}.ConfigureWidgets);
            options.AddPolicy("Tenants{s}", OriginPolicies{s}.ConfigureTenants);
            options.AddPolicy("Shop{s}", OriginPolicies{s}.ConfigureOrigins);
            options.AddPolicy("LegacyObject{s}", OriginPolicies{s}.CreateLegacyPolicy());

            options.AddDefaultPolicy(policy => policy.WithOrigins(configured).AllowAnyHeader());
        }});

        return services;
    }}
}}
"""
    files[f"Cors/OriginPolicies{s}.cs"] = f"""using Microsoft.AspNetCore.Cors.Infrastructure;

namespace {ns}.Cors;

public static class OriginPolicies{s}
{{
    // CORS002: a named always-true predicate.
    public static bool AllowAll(string origin) => true;

    public static void ConfigureWidgets(CorsPolicyBuilder policy)
    {{
        policy.SetIsOriginAllowed(AllowAll).AllowCredentials();
    }}

    public static void ConfigureTenants(CorsPolicyBuilder policy)
    {{
        // Safe: wildcard subdomains with the matching switch.
        policy.WithOrigins("https://*.tenants.contoso.com")
            .SetIsOriginAllowedToAllowWildcardSubdomains()
            .AllowCredentials();
    }}

    public static CorsPolicy CreateLegacyPolicy()
    {{
        // CORS001 on a policy object.
        var policy = new CorsPolicy {{ SupportsCredentials = true }};
        policy.Origins.Add("*");
        policy.Headers.Add("*");
        return policy;
    }}

    public static void ConfigureOrigins(CorsPolicyBuilder policy)
    {{
        // A path and a dead "*", made irrelevant by the always-true predicate below (CORS002's finding): no CORS004.
        policy.WithOrigins("https://shop.contoso.com/api", "*", "https://ok.contoso.com");
        // CORS002 with a lambda body.
        policy.SetIsOriginAllowed(origin => {{ return true; }}).AllowCredentials();
    }}
}}
"""
    files[f"Pipeline/LegacyPipeline{s}.cs"] = f"""namespace {ns}.Pipeline;

public static class LegacyPipeline{s}
{{
    // CORS007: UseCors after UseAuthorization.
    public static IApplicationBuilder UseLegacyPipeline{s}(this IApplicationBuilder app)
    {{
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseCors("Legacy{s}");
        app.UseEndpoints(endpoints => endpoints.MapControllers());
        return app;
    }}

    // CORS007: UseCors before UseRouting; CORS013: UseCors() without a policy.
    public static IApplicationBuilder UseOldPipeline{s}(this IApplicationBuilder app)
    {{
        app.UseCors();
        app.UseRouting();
        app.UseAuthorization();
        return app;
    }}

    // CORS001 inline policy in UseCors.
    public static IApplicationBuilder UseInlineCors{s}(this IApplicationBuilder app) =>
        app.UseCors(builder => builder.AllowAnyOrigin().AllowCredentials());
}}
"""
    files[f"Clients/PartnerGatewayClient{s}.cs"] = f"""using Microsoft.Net.Http.Headers;

namespace {ns}.Clients;

public sealed class PartnerGatewayClient{s}
{{
    private readonly HttpClient _httpClient;

    public PartnerGatewayClient{s}(HttpClient httpClient)
    {{
        _httpClient = httpClient;
        // CORS003: CORS response headers on a request.
        _httpClient.DefaultRequestHeaders.Add("Access-Control-Allow-Origin", "*");
        _httpClient.DefaultRequestHeaders.Add("access-control-allow-credentials", "true");
        _httpClient.DefaultRequestHeaders.Add("X-Partner", "contoso");
    }}

    public async Task<string> FetchAsync(string path, CancellationToken cancellationToken)
    {{
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(HeaderNames.AccessControlAllowHeaders, "Content-Type");
        request.Headers.TryAddWithoutValidation("Access-Control-Allow-Methods", "GET, POST");
        request.Headers.Add("Accept-Language", "en");
        using var response = await _httpClient.SendAsync(request, cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }}

    public static void Legacy(System.Net.WebClient client)
    {{
#pragma warning disable SYSLIB0014
        client.Headers.Add("Access-Control-Allow-Origin", "*");
#pragma warning restore SYSLIB0014
    }}
}}
"""
    files[f"Middleware/ManualCorsMiddleware{s}.cs"] = f"""using Microsoft.Net.Http.Headers;

namespace {ns}.Middleware;

public sealed class ManualCorsMiddleware{s}
{{
    private readonly RequestDelegate _next;

    public ManualCorsMiddleware{s}(RequestDelegate next)
    {{
        _next = next;
    }}

    public async Task InvokeAsync(HttpContext context)
    {{
        // CORS006: CORS response headers written by hand.
        context.Response.Headers["Access-Control-Allow-Origin"] = "*";
        context.Response.Headers.Append("Access-Control-Allow-Credentials", "true");
        context.Response.Headers.AccessControlAllowMethods = "GET, POST";
        context.Response.Headers[HeaderNames.AccessControlAllowHeaders] = "*";

        // CORS003: CORS response headers written on the incoming request.
        context.Request.Headers["Access-Control-Allow-Origin"] = "*";
        context.Request.Headers.Append(HeaderNames.AccessControlAllowCredentials, "true");

        await _next(context);
    }}
}}
"""
    files[f"Controllers/CorsControllers{s}.cs"] = f"""using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using {ns}.Cors;

namespace {ns}.Controllers;

[ApiController]
[Route("api/frontend{s}")]
[EnableCors(CorsPolicyNames{s}.Frontend)]
public sealed class FrontendController{s} : ControllerBase
{{
    [HttpGet]
    public IActionResult Get() => Ok("frontend");

    [HttpGet("private")]
    [DisableCors]
    public IActionResult Private() => Ok("private");

    [HttpGet("partners")]
    [EnableCors("Partners{s}")]
    public IActionResult Partners() => Ok("partners");
}}

[ApiController]
[Route("api/widgets{s}")]
[EnableCors("Frontent{s}")] // CORS008: typo in the policy name.
public sealed class WidgetsController{s} : ControllerBase
{{
    [HttpGet]
    public IActionResult Get() => Ok("widgets");

    [HttpGet("mobile")]
    [EnableCors("Mobile{s}")]
    public IActionResult Mobile() => Ok("mobile");

    [HttpGet("default")]
    [EnableCors]
    public IActionResult Default() => Ok("default");
}}
"""
    files[f"Endpoints/CorsEndpoints{s}.cs"] = f"""using {ns}.Cors;

namespace {ns}.Endpoints;

public static class CorsEndpoints{s}
{{
    public static IEndpointRouteBuilder MapCorsEndpoints{s}(this IEndpointRouteBuilder endpoints)
    {{
        var publicApi = endpoints.MapGroup("/public{s}").RequireCors(CorsPolicyNames{s}.Public);
        publicApi.MapGet("/status", () => Results.Ok("up"));

        endpoints.MapGet("/embedded{s}", () => "embedded").RequireCors("Embedded{s}");
        endpoints.MapGet("/reports{s}", () => "reports").RequireCors("Reports{s}");
        endpoints.MapGet("/built{s}", () => "built").RequireCors("Built{s}");
        endpoints.MapGet("/subdomains{s}", () => "subdomains").RequireCors("Subdomains{s}");

        // CORS008: unknown policy name.
        endpoints.MapGet("/missing{s}", () => "missing").RequireCors("Missing{s}");

        // CORS001: inline policy on an endpoint.
        endpoints.MapGet("/inline{s}", () => "inline").RequireCors(policy => policy.AllowAnyOrigin().AllowCredentials());

        return endpoints;
    }}
}}
"""
    return files


def program_file(ns, copies):
    extra = "".join(f"builder.Services.AddAppCors{'' if c == 0 else c + 1}(builder.Configuration);\n"
                    for c in range(copies))
    maps = "".join(f"app.MapCorsEndpoints{'' if c == 0 else c + 1}();\n" for c in range(copies))
    return f"""using {ns};
using {ns}.Cors;
using {ns}.Endpoints;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddControllers();
builder.Services.AddAuthorization();
builder.Services.AddAppServices();
{extra}
var app = builder.Build();

app.UseHttpsRedirection();
app.UseRouting();
app.UseCors(CorsPolicyNames.Frontend);
app.UseAuthorization();

app.MapControllers();
app.MapAppEndpoints();
{maps}app.MapGet("/", () => "bench").RequireCors(CorsPolicyNames.Public);

app.Run();
"""


# ---------------------------------------------------------------------------------------------------------------

def csproj(analyzers):
    items = "\n".join(f'    <Analyzer Include="{a}" />' for a in analyzers)
    return f"""<Project Sdk="Microsoft.NET.Sdk.Web">
  <!-- Generated by bench/generate.py. Do not edit. -->
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <RootNamespace>BenchApp</RootNamespace>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <!-- Sonar is restored always, and compiled with only when BenchSonar=true (see BenchSelectAnalyzers). -->
    <BenchSonar Condition="'$(BenchSonar)' == ''">false</BenchSonar>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="SonarAnalyzer.CSharp" Version="10.36.0.15337" PrivateAssets="all" />
  </ItemGroup>
  <ItemGroup>
{items}
  </ItemGroup>
  <Target Name="BenchSelectAnalyzers" BeforeTargets="CoreCompile" Condition="'$(BenchSonar)' != 'true'">
    <ItemGroup>
      <Analyzer Remove="@(Analyzer)" Condition="$([System.String]::Copy('%(Filename)').StartsWith('SonarAnalyzer'))" />
    </ItemGroup>
  </Target>
</Project>
"""


ISOLATION = {
    # Keep the repository's Directory.Build.props (TreatWarningsAsErrors, ...) and .editorconfig out of the bench.
    "Directory.Build.props": "<Project />\n",
    "Directory.Build.targets": "<Project />\n",
    "Directory.Packages.props": "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n",
    ".editorconfig": "root = true\n\n[*.cs]\nindent_style = space\nindent_size = 4\n",
}


def generate(files, out, seed, cors_copies, analyzers):
    rng = random.Random(seed)
    ns = "BenchApp"
    out_files = {}
    for c in range(cors_copies):
        out_files.update(cors_files(ns, "" if c == 0 else str(c + 1)))
    fixed = len(out_files) + 2  # + Program.cs + AppRegistration.cs
    budget = files - fixed
    if budget < 0:
        raise SystemExit(f"--files must be at least {fixed} for {cors_copies} CORS copies")

    units = []
    middleware = 0
    # Fill the budget with units: DTO + service (+ controller, client, endpoints), and some middleware.
    while budget > 0:
        if budget >= 2 and rng.random() < 0.06:
            out_files[f"Middleware/Bench{middleware}Middleware.cs"] = middleware_file(ns, f"Bench{middleware}", rng)
            middleware += 1
            budget -= 1
            continue
        if budget < 2:
            # One file left: a DTO-only file keeps the count exact.
            name = f"Extra{len(units)}"
            out_files[f"Dtos/{name}Dto.cs"] = dto_file(ns, name, rng)
            budget -= 1
            continue
        name = unit_names(len(units) + 1)[-1]
        unit = {"name": name, "client": False, "endpoints": False}
        out_files[f"Dtos/{name}Dto.cs"] = dto_file(ns, name, rng)
        out_files[f"Services/{name}Service.cs"] = service_file(ns, name, rng)
        budget -= 2
        if budget > 0 and rng.random() < 0.8:
            out_files[f"Controllers/{name}Controller.cs"] = controller_file(ns, name, rng)
            budget -= 1
        if budget > 0 and rng.random() < 0.4:
            out_files[f"Clients/{name}ApiClient.cs"] = client_file(ns, name, rng)
            unit["client"] = True
            budget -= 1
        if budget > 0 and rng.random() < 0.4:
            out_files[f"Endpoints/{name}Endpoints.cs"] = endpoints_file(ns, name, rng)
            unit["endpoints"] = True
            budget -= 1
        units.append(unit)

    out_files["AppRegistration.cs"] = registration_file(ns, units)
    out_files["Program.cs"] = program_file(ns, cors_copies)
    assert len(out_files) == files, (len(out_files), files)

    # Rewrite the sources from scratch (keep obj/ so restore stays warm between runs).
    for sub in ["Cors", "Clients", "Controllers", "Dtos", "Endpoints", "Middleware", "Pipeline", "Services"]:
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    for path, text in list(out_files.items()) + list(ISOLATION.items()) + [("BenchApp.csproj", csproj(analyzers))]:
        full = os.path.join(out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    info = describe(out_files, cors_copies)
    with open(os.path.join(out, "bench-info.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(info, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"generated {info['files']} files ({info['lines']} lines, {info['member_invocations']} member invocations, "
          f"{info['cors_sites']} CORS API calls/attributes/header names in {info['cors_files']} files) in {out}")


CORS_SITE = re.compile(
    r"\.(AddCors|AddPolicy|AddDefaultPolicy|AllowAnyOrigin|WithOrigins|SetIsOriginAllowed\w*|AllowCredentials|"
    r"DisallowCredentials|AllowAnyHeader|AllowAnyMethod|WithMethods|WithHeaders|UseCors|RequireCors|Build)\(|"
    r"\[(EnableCors|DisableCors)\b|Access-Control-|AccessControl\w+|new CorsPolicy\b|new CorsPolicyBuilder\b",
    re.IGNORECASE)
MEMBER_INVOCATION = re.compile(r"\.\w+(?:<[^<>()]*>)?\(")


def describe(out_files, cors_copies):
    """Counts written next to the project (bench-info.json) so the report can relate time to code volume."""
    cors_files = {p: t for p, t in out_files.items() if CORS_SITE.search(t)}
    return {
        "files": len(out_files),
        "lines": sum(t.count("\n") for t in out_files.values()),
        "member_invocations": sum(len(MEMBER_INVOCATION.findall(t)) for t in out_files.values()),
        "cors_copies": cors_copies,
        "cors_files": len(cors_files),
        "cors_sites": sum(len(CORS_SITE.findall(t)) for t in out_files.values()),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--files", type=int, required=True, help="number of .cs files (N)")
    p.add_argument("--out", required=True, help="project directory to (re)write")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--cors-copies", type=int, default=1, help="how many copies of the CORS file set (default 1)")
    p.add_argument("--analyzer", action="append", default=[], help="analyzer DLL to reference (repeatable)")
    a = p.parse_args()
    generate(a.files, a.out, a.seed, a.cors_copies, [os.path.abspath(x) for x in a.analyzer])


if __name__ == "__main__":
    main()
