using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CorsAnalyzers.EditorTests;

/// <summary>
/// A small Language Server Protocol client over a server's stdin/stdout: JSON-RPC 2.0 messages with
/// <c>Content-Length</c> headers. It sends requests and notifications, answers the server's own requests
/// (<c>workspace/configuration</c> from <see cref="Configuration"/>, anything else with null), and keeps a transcript
/// for the failure message.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly ConcurrentQueue<string> _transcript = new();
    private readonly Task _reader;
    private int _nextId;

    private LspClient(Process process, Func<string, JsonNode?> configuration)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        Configuration = configuration;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>The answer to <c>workspace/configuration</c> for a section (e.g. "csharp").</summary>
    public Func<string, JsonNode?> Configuration { get; }

    /// <summary>The last messages exchanged, and the server's stderr, for a failure message.</summary>
    public string Transcript => string.Join(Environment.NewLine, _transcript.TakeLast(60));

    public static LspClient Start(string executable, string arguments, string workingDirectory, IDictionary<string, string> environment, Func<string, JsonNode?> configuration)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var client = new LspClient(process, configuration);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                client.Log("stderr: " + e.Data);
            }
        };
        process.BeginErrorReadLine();
        return client;
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await WriteAsync(Message(id, method, parameters));
        var finished = await Task.WhenAny(completion.Task, Task.Delay(timeout));
        if (finished != completion.Task)
        {
            _pending.TryRemove(id, out _);
            throw new TimeoutException($"No answer to {method} within {timeout.TotalSeconds} s.{Environment.NewLine}{Transcript}");
        }

        return await completion.Task;
    }

    public Task NotifyAsync(string method, JsonNode? parameters) => WriteAsync(Message(null, method, parameters));

    private static JsonObject Message(int? id, string method, JsonNode? parameters)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0" };
        if (id is { } value)
        {
            message["id"] = value;
        }

        message["method"] = method;
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        return message;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RequestAsync("shutdown", null, TimeSpan.FromSeconds(10));
                await NotifyAsync("exit", null);
                await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }

    private void Log(string line) => _transcript.Enqueue(line.Length > 400 ? line[..400] + "..." : line);

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        Log("-> " + message.ToJsonString());
        await _writeLock.WaitAsync();
        try
        {
            await _input.WriteAsync(header);
            await _input.WriteAsync(body);
            await _input.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await ReadMessageAsync() is { } message)
            {
                Log("<- " + message.ToJsonString());
                var hasId = message["id"] is not null;
                var method = (string?)message["method"];
                if (method is null && hasId)
                {
                    // A response to one of our requests.
                    if (_pending.TryRemove(message["id"]!.GetValue<int>(), out var completion))
                    {
                        if (message["error"] is { } error)
                        {
                            completion.TrySetException(new InvalidOperationException("LSP error: " + error.ToJsonString()));
                        }
                        else
                        {
                            completion.TrySetResult(message["result"]?.DeepClone());
                        }
                    }
                }
                else if (method is not null && hasId)
                {
                    // A request from the server: answer it.
                    JsonNode? result = null;
                    if (method == "workspace/configuration")
                    {
                        var items = new JsonArray();
                        foreach (var item in message["params"]?["items"]?.AsArray() ?? new JsonArray())
                        {
                            items.Add(Configuration((string?)item?["section"] ?? string.Empty));
                        }

                        result = items;
                    }

                    await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = message["id"]!.DeepClone(), ["result"] = result });
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The language server closed its output." + Environment.NewLine + Transcript));
            }
        }
    }

    private async Task<JsonNode?> ReadMessageAsync()
    {
        var length = -1;
        while (true)
        {
            var line = await ReadHeaderLineAsync();
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await _output.ReadAsync(body.AsMemory(read, length - read));
            if (n == 0)
            {
                return null;
            }

            read += n;
        }

        return JsonNode.Parse(body);
    }

    private async Task<string?> ReadHeaderLineAsync()
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            var n = await _output.ReadAsync(one);
            if (n == 0)
            {
                return null;
            }

            if (one[0] == (byte)'\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add(one[0]);
        }
    }
}
