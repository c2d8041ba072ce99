using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace CorsAnalyzers.RuntimeTests.Hosting;

/// <summary>What one probe origin got from one channel: the Access-Control-Allow-Origin answer and credentials, or an exception.</summary>
internal readonly record struct CorsAnswer(string? AllowOrigin, bool AllowCredentials, string? Error)
{
    public static CorsAnswer None => default;

    public bool Threw => Error is not null;

    public bool Allowed => AllowOrigin is not null;

    public bool WithCredentials => AllowOrigin is not null && AllowCredentials;

    public override string ToString() =>
        Threw ? "throws " + Error : !Allowed ? "no ACAO" : "ACAO '" + AllowOrigin + "'" + (AllowCredentials ? " + ACAC: true" : string.Empty);

    /// <summary>The answers of a preflight and a simple request for one origin, as a browser would combine them per channel.</summary>
    public static CorsAnswer Combine(CorsAnswer preflight, CorsAnswer simple) =>
        preflight.Threw || simple.Threw
            ? new CorsAnswer(null, false, preflight.Error ?? simple.Error)
            : new CorsAnswer(preflight.AllowOrigin ?? simple.AllowOrigin, preflight.WithCredentials || simple.WithCredentials, null);

    public static string Describe(Exception exception) =>
        exception.GetType().Name + ": " + exception.Message.Split('\n')[0].Trim();
}

/// <summary>What to ask a running program: origins, policy names (the default policy is always asked), request paths.</summary>
internal sealed record CorsQuestions(IReadOnlyList<string> Origins, IReadOnlyList<string> PolicyNames, IReadOnlyList<string> Paths);

/// <summary>
/// The CORS behaviour of a running program: per channel ("policy 'Name'" through ICorsPolicyProvider and ICorsService,
/// "default policy", "request /path" through the real pipeline: a preflight and a simple GET), per probe origin, the
/// answer. A program that did not start has its start outcome and no channels.
/// </summary>
internal sealed class CorsObservation
{
    public required StartOutcome Start { get; init; }

    public string? StartError { get; init; }

    public SortedDictionary<string, SortedDictionary<string, CorsAnswer>> Channels { get; } = new(StringComparer.Ordinal);

    public CorsAnswer Answer(string channel, string origin) =>
        Channels.TryGetValue(channel, out var answers) && answers.TryGetValue(origin, out var answer) ? answer : CorsAnswer.None;

    public static async Task<CorsObservation> ObserveAsync(CompiledProgram program, CorsQuestions questions, TimeSpan timeout)
    {
        await using var host = await ProgramHost.StartAsync(program, ServerKind.TestServer, timeout).ConfigureAwait(false);
        if (host.Outcome != StartOutcome.Started)
        {
            return new CorsObservation { Start = host.Outcome, StartError = host.Exception is null ? null : CorsAnswer.Describe(host.Exception) };
        }

        var observation = new CorsObservation { Start = StartOutcome.Started };
        await ObservePoliciesAsync(host.Services!, questions, observation).ConfigureAwait(false);
        foreach (var path in questions.Paths)
        {
            var answers = new SortedDictionary<string, CorsAnswer>(StringComparer.Ordinal);
            foreach (var origin in questions.Origins)
            {
                var preflight = await SendAsync(host.Client!, HttpMethod.Options, path, origin).ConfigureAwait(false);
                var simple = await SendAsync(host.Client!, HttpMethod.Get, path, origin).ConfigureAwait(false);
                answers[origin] = CorsAnswer.Combine(preflight, simple);
            }

            observation.Channels["request " + path] = answers;
        }

        return observation;
    }

    private static async Task ObservePoliciesAsync(IServiceProvider services, CorsQuestions questions, CorsObservation observation)
    {
        using var scope = services.CreateScope();
        ICorsPolicyProvider? provider;
        ICorsService? cors;
        Exception? failure = null;
        try
        {
            provider = scope.ServiceProvider.GetService<ICorsPolicyProvider>();
            cors = scope.ServiceProvider.GetService<ICorsService>();
        }
        catch (Exception e)
        {
            // The provider reads CorsOptions, built with every policy at once: one policy that throws makes every lookup throw.
            (provider, cors, failure) = (null, null, e);
        }

        if (failure is null && (provider is null || cors is null))
        {
            return;
        }

        foreach (var name in questions.PolicyNames.Concat(failure is null ? RegisteredNames(scope.ServiceProvider) : Array.Empty<string>()).Prepend(null).Distinct())
        {
            var channel = name is null ? "default policy" : "policy '" + name + "'";
            CorsPolicy? policy;
            try
            {
                policy = failure is null
                    ? await provider!.GetPolicyAsync(new DefaultHttpContext { RequestServices = scope.ServiceProvider }, name).ConfigureAwait(false)
                    : throw failure;
            }
            catch (Exception e)
            {
                observation.Channels[channel] = new SortedDictionary<string, CorsAnswer>(
                    questions.Origins.ToDictionary(o => o, _ => new CorsAnswer(null, false, CorsAnswer.Describe(e))), StringComparer.Ordinal);
                continue;
            }

            if (policy is null)
            {
                continue;
            }

            var answers = new SortedDictionary<string, CorsAnswer>(StringComparer.Ordinal);
            foreach (var origin in questions.Origins)
            {
                answers[origin] = CorsAnswer.Combine(Evaluate(cors!, policy, origin, preflight: true), Evaluate(cors!, policy, origin, preflight: false));
            }

            observation.Channels[channel] = answers;
        }
    }

    /// <summary>
    /// The names of the registered policies: CorsOptions keeps them in an internal map (src/Middleware/CORS/src/Infrastructure/CorsOptions.cs,
    /// PolicyMap); read it when it is there, so that a policy whose name is no literal is asked too.
    /// </summary>
    private static IEnumerable<string> RegisteredNames(IServiceProvider services)
    {
        var options = services.GetService<Microsoft.Extensions.Options.IOptions<CorsOptions>>()?.Value;
        var map = typeof(CorsOptions).GetProperty("PolicyMap", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(options);
        return map is System.Collections.IDictionary dictionary ? dictionary.Keys.OfType<string>().OrderBy(k => k, StringComparer.Ordinal).ToList() : Enumerable.Empty<string>();
    }

    /// <summary>The policy's answer to one request, through the real ICorsService (EvaluatePolicy, then ApplyResult onto a response).</summary>
    public static CorsAnswer Evaluate(ICorsService cors, CorsPolicy policy, string origin, bool preflight)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = preflight ? HttpMethods.Options : HttpMethods.Get;
        context.Request.Headers.Origin = origin;
        if (preflight)
        {
            context.Request.Headers.AccessControlRequestMethod = "GET";
        }

        try
        {
            var result = cors.EvaluatePolicy(context, policy);
            cors.ApplyResult(result, context.Response);
        }
        catch (Exception e)
        {
            return new CorsAnswer(null, false, CorsAnswer.Describe(e));
        }

        return Read(context.Response.Headers);
    }

    private static CorsAnswer Read(IHeaderDictionary headers)
    {
        var origin = headers.AccessControlAllowOrigin;
        return origin.Count == 0
            ? CorsAnswer.None
            : new CorsAnswer(origin.ToString(), string.Equals(headers.AccessControlAllowCredentials, "true", StringComparison.Ordinal), null);
    }

    private static async Task<CorsAnswer> SendAsync(HttpClient client, HttpMethod method, string path, string origin)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation(HeaderNames.Origin, origin);
        if (method == HttpMethod.Options)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.AccessControlRequestMethod, "GET");
        }

        try
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var response = await client.SendAsync(request, cancel.Token).ConfigureAwait(false);
            var headers = new HeaderDictionary();
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                headers[header.Key] = header.Value.ToArray();
            }

            return Read(headers);
        }
        catch (Exception e)
        {
            return new CorsAnswer(null, false, CorsAnswer.Describe(e));
        }
    }
}
