using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CorsAnalyzers.RuntimeTests.Hosting;

/// <summary>Where a hosted program listens.</summary>
internal enum ServerKind
{
    /// <summary>An in-memory <see cref="TestServer"/> instead of the program's server: no socket, requests through its handler.</summary>
    TestServer,

    /// <summary>The program's own Kestrel, on <c>--urls http://127.0.0.1:0</c>.</summary>
    Kestrel,
}

/// <summary>How starting a program ended.</summary>
internal enum StartOutcome
{
    Started,

    /// <summary>The program threw before its web host answered (building the host, the pipeline, or at start).</summary>
    Threw,

    /// <summary>The entry point returned without starting a web host (a console program, a library).</summary>
    NoWebHost,

    /// <summary>Neither started nor ended within the time allowed.</summary>
    TimedOut,
}

/// <summary>
/// Runs a compiled program for real: its entry point (or, for a library with a Startup class, the Program the
/// templates pair with it) in a collectible <see cref="AssemblyLoadContext"/> on the installed shared framework. The
/// host is captured the way WebApplicationFactory's HostFactoryResolver does it (the "Microsoft.Extensions.Hosting"
/// DiagnosticListener's HostBuilding/HostBuilt events, filtered to this run's async flow so several runs can go at
/// once); logging providers are removed, and for <see cref="ServerKind.TestServer"/> the server is swapped for a TestServer.
/// The program itself builds its pipeline and calls Run(); <see cref="DisposeAsync"/> stops it and unloads it.
/// </summary>
internal sealed class ProgramHost : IAsyncDisposable
{
    private static readonly AsyncLocal<HostCapture?> s_current = new();

    private readonly ProgramLoadContext _context;
    private readonly Task _entry;
    private readonly HostCapture _capture;
    private readonly string _contentRoot;

    private ProgramHost(ProgramLoadContext context, Task entry, HostCapture capture, string contentRoot)
    {
        _context = context;
        _entry = entry;
        _capture = capture;
        _contentRoot = contentRoot;
    }

    public StartOutcome Outcome { get; private set; }

    /// <summary>For <see cref="StartOutcome.Threw"/>: what the program threw (unwrapped from reflection).</summary>
    public Exception? Exception { get; private set; }

    /// <summary>The program's services, once its host is built (also when it threw afterwards).</summary>
    public IServiceProvider? Services => _capture.Host?.Services;

    /// <summary>The server's base address (http://127.0.0.1:port/ for Kestrel, http://localhost/ for TestServer).</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>A client for the program: the TestServer's handler, or a plain HttpClient to Kestrel.</summary>
    public HttpClient? Client { get; private set; }

    /// <summary>Types of the loaded program (for a test that needs one of its classes).</summary>
    public Assembly? Assembly { get; private set; }

    /// <summary>
    /// Starts <paramref name="program"/>: its entry point with <paramref name="args"/> (plus the hosting arguments
    /// below), or for a library the Startup class it contains. Returns once the application has started, has thrown,
    /// has ended or <paramref name="timeout"/> has passed; dispose the result in every case.
    /// </summary>
    public static async Task<ProgramHost> StartAsync(CompiledProgram program, ServerKind server, TimeSpan timeout, params string[] args)
    {
        if (!program.Errors.IsEmpty)
        {
            throw new ArgumentException("The program did not compile:\n" + string.Join("\n", program.Errors), nameof(program));
        }

        var context = new ProgramLoadContext(program.AssemblyName);
        var assembly = context.LoadFromStream(new MemoryStream(program.Image));
        var contentRoot = Directory.CreateTempSubdirectory("cors-runtime-").FullName;
        var hostArgs = args.Concat(new[]
        {
            "--applicationName=" + program.AssemblyName,
            "--contentRoot=" + contentRoot,
            // No file watchers per hosted program.
            "--hostBuilder:reloadConfigOnChange=false",
        }).Concat(server == ServerKind.Kestrel ? new[] { "--urls", "http://127.0.0.1:0" } : Array.Empty<string>()).ToArray();

        Action run;
        if (assembly.EntryPoint is { } entryPoint)
        {
            run = () =>
            {
                var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : new object[] { hostArgs });
                if (result is Task task)
                {
                    task.GetAwaiter().GetResult();
                }
            };
        }
        else if (FindStartup(assembly) is { } startup)
        {
            // The Program the templates pair with a Startup class.
            run = () => Host.CreateDefaultBuilder(hostArgs).ConfigureWebHostDefaults(web => web.UseStartup(startup)).Build().Run();
        }
        else if (FindHelpers(assembly) is { Count: > 0 } helpers)
        {
            // A library's setup helpers, called from the minimal Program that would call them: AddXxx(IServiceCollection ...)
            // before Build(), UseXxx(IApplicationBuilder ...) after it, and policy helpers (taking CorsOptions or
            // CorsPolicyBuilder, or returning a CorsPolicy) inside AddCors, each builder or policy registered under
            // "Method.parameter" or "Method".
            run = () =>
            {
                var builder = WebApplication.CreateBuilder(hostArgs);
                foreach (var helper in helpers.Where(h => Takes(h, typeof(IServiceCollection))))
                {
                    helper.Invoke(null, Arguments(helper, builder, null, null, null));
                }

                var policyHelpers = helpers.Where(IsPolicyHelper).ToList();
                if (policyHelpers.Count > 0)
                {
                    builder.Services.AddCors(options =>
                    {
                        foreach (var helper in policyHelpers)
                        {
                            var builders = new Dictionary<string, CorsPolicyBuilder>();
                            var result = helper.Invoke(null, Arguments(helper, builder, null, options, builders));
                            foreach (var (name, policyBuilder) in builders)
                            {
                                options.AddPolicy(helper.Name + "." + name, policyBuilder.Build());
                            }

                            if (result is CorsPolicy policy)
                            {
                                options.AddPolicy(helper.Name, policy);
                            }
                        }
                    });
                }

                var app = builder.Build();
                foreach (var helper in helpers.Where(h => Takes(h, typeof(IApplicationBuilder))))
                {
                    helper.Invoke(null, Arguments(helper, builder, app, null, null));
                }

                app.Run();
            };
        }
        else
        {
            run = () => { };
        }

        var capture = new HostCapture(server);
        var entry = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            s_current.Value = capture;
            using (context.EnterContextualReflection())
            {
                try
                {
                    run();
                    entry.TrySetResult();
                }
                catch (Exception e)
                {
                    entry.TrySetException(Unwrap(e));
                }
            }
        })
        {
            IsBackground = true,
            Name = "program " + program.AssemblyName,
        };

        var host = new ProgramHost(context, entry.Task, capture, contentRoot) { Assembly = assembly };
        using (DiagnosticListener.AllListeners.Subscribe(capture))
        {
            thread.Start();
            var timeoutTask = Task.Delay(timeout);
            var first = await Task.WhenAny(capture.Started.Task, entry.Task, timeoutTask).ConfigureAwait(false);
            if (first == capture.Started.Task)
            {
                host.Outcome = StartOutcome.Started;
                var services = capture.Host!.Services;
                if (server == ServerKind.TestServer)
                {
                    var testServer = (TestServer)services.GetRequiredService<IServer>();
                    host.Client = testServer.CreateClient();
                    host.BaseAddress = testServer.BaseAddress;
                }
                else
                {
                    var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                    host.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
                    host.Client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                }
            }
            else if (first == entry.Task)
            {
                host.Outcome = entry.Task.IsFaulted ? StartOutcome.Threw : StartOutcome.NoWebHost;
                host.Exception = entry.Task.Exception?.InnerException;
            }
            else
            {
                host.Outcome = StartOutcome.TimedOut;
            }
        }

        return host;
    }

    /// <summary>Stops the program (as Ctrl+C would), waits for its entry point to return, and unloads it.</summary>
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_capture.Host is { } host)
        {
            try
            {
                host.Services.GetService<IHostApplicationLifetime>()?.StopApplication();
            }
            catch (ObjectDisposedException)
            {
            }
        }

        await Task.WhenAny(_entry, Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        if (_entry.IsCompleted && _capture.Host is IAsyncDisposable disposable)
        {
            // Run() disposes its host; a program that threw after building it may not have.
            try
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        _context.Unload();
        try
        {
            Directory.Delete(_contentRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static Type? FindStartup(Assembly assembly)
    {
        var candidates = assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .Any(m => m.Name == "Configure" && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(IApplicationBuilder)))
            .ToList();
        return candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(t => t.Name == "Startup");
    }

    /// <summary>The program's static setup helpers: methods taking an IServiceCollection, an IApplicationBuilder, CorsOptions or a CorsPolicyBuilder, or returning a CorsPolicy.</summary>
    private static List<MethodInfo> FindHelpers(Assembly assembly) => assembly.GetTypes()
        .Where(t => !t.IsGenericTypeDefinition && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => !m.IsGenericMethodDefinition && !m.IsSpecialName && !m.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute))
                    && (Takes(m, typeof(IServiceCollection)) || Takes(m, typeof(IApplicationBuilder)) || IsPolicyHelper(m)))
        .OrderBy(m => m.DeclaringType!.FullName, StringComparer.Ordinal).ThenBy(m => m.MetadataToken)
        .ToList();

    private static bool Takes(MethodInfo method, Type type) => method.GetParameters().Any(p => p.ParameterType == type);

    private static bool IsPolicyHelper(MethodInfo method) =>
        !Takes(method, typeof(IServiceCollection)) && !Takes(method, typeof(IApplicationBuilder))
        && (Takes(method, typeof(CorsOptions)) || Takes(method, typeof(CorsPolicyBuilder)) || (method.ReturnType == typeof(CorsPolicy) && method.GetParameters().Length == 0));

    /// <summary>What a Program passes a setup helper: the builder's services, configuration and environment, the app, CORS options, new policy builders, empty lists.</summary>
    private static object?[] Arguments(MethodInfo helper, WebApplicationBuilder builder, WebApplication? app, CorsOptions? options, Dictionary<string, CorsPolicyBuilder>? builders) => helper.GetParameters()
        .Select(p => p.ParameterType switch
        {
            var t when t == typeof(IServiceCollection) => builder.Services,
            var t when t.IsAssignableFrom(typeof(Microsoft.Extensions.Configuration.ConfigurationManager)) => builder.Configuration,
            var t when t.IsInstanceOfType(builder.Environment) => builder.Environment,
            var t when app is not null && t.IsInstanceOfType(app) => app,
            var t when t == typeof(CorsOptions) => options,
            var t when t == typeof(CorsPolicyBuilder) && builders is not null => builders[p.Name ?? "builder" + p.Position] = new CorsPolicyBuilder(),
            var t when t == typeof(string[]) => Array.Empty<string>(),
            var t when t == typeof(string) => string.Empty,
            var t when t.IsValueType => Activator.CreateInstance(t),
            _ => (object?)null,
        })
        .ToArray();

    private static Exception Unwrap(Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner })
        {
            exception = inner;
        }

        return exception;
    }

    /// <summary>The program's own load context: framework assemblies come from the default context (this process's shared framework).</summary>
    private sealed class ProgramLoadContext : AssemblyLoadContext
    {
        public ProgramLoadContext(string name)
            : base(name, isCollectible: true)
        {
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            foreach (var assembly in Assemblies)
            {
                if (AssemblyName.ReferenceMatchesDefinition(assemblyName, assembly.GetName()))
                {
                    return assembly;
                }
            }

            return null;
        }
    }

    /// <summary>Captures the host one program builds, and configures it for the test, on that program's flow only.</summary>
    private sealed class HostCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        private readonly ServerKind _server;

        public HostCapture(ServerKind server) => _server = server;

        public IHost? Host { get; private set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnNext(DiagnosticListener listener)
        {
            if (s_current.Value == this && listener.Name == "Microsoft.Extensions.Hosting")
            {
                // The listener lives as long as one host build; the subscription ends with it.
                listener.Subscribe(this);
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (s_current.Value != this)
            {
                return;
            }

            if (value.Key == "HostBuilding" && value.Value is IHostBuilder builder)
            {
                builder.ConfigureServices(services =>
                {
                    services.RemoveAll<ILoggerProvider>();
                    // No console lifetime (Ctrl+C handlers, "Application started" messages) per hosted program.
                    services.AddSingleton<IHostLifetime, QuietLifetime>();
                    if (_server == ServerKind.TestServer)
                    {
                        services.AddSingleton<IServer, TestServer>();
                    }
                });
            }
            else if (value.Key == "HostBuilt" && value.Value is IHost host && Host is null)
            {
                Host = host;
                host.Services.GetService<IHostApplicationLifetime>()?.ApplicationStarted.Register(() => Started.TrySetResult());
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class QuietLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
