using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Soak;

/// <summary>
/// A soak worker process: a KafkaWorkers worker whose handler appends each message's id to this process's file,
/// flushed per message, so that the harness can count what was processed even after a SIGKILL.
/// </summary>
public static class WorkerMode
{
    public const string Argument = "worker";

    /// <summary>The last argument on the in-process cluster: a 3 s session under the classic protocol.</summary>
    public const string ShortTimeouts = "short-timeouts";

    /// <summary>The last argument on an external broker: the client's default group timeouts, which every broker accepts.</summary>
    public const string DefaultTimeouts = "default-timeouts";

    /// <summary>
    /// Runs until SIGTERM (a graceful stop) or SIGKILL. Arguments: bootstrap servers, group, topic, processed-id file,
    /// group protocol, <see cref="ShortTimeouts"/> or <see cref="DefaultTimeouts"/>.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (bootstrapServers, group, topic, file) = (args[0], args[1], args[2], args[3]);
        var protocol = Enum.Parse<KafkaGroupProtocol>(args[4]);
        var shortTimeouts = args[5] == ShortTimeouts;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("KafkaWorkers", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        using var recorder = new IdRecorder(file);
        builder.Services.AddSingleton(recorder);
        builder.Services.AddKafkaWorker<RecordingHandler>("soak", o =>
        {
            o.BootstrapServers = bootstrapServers;
            o.GroupId = group;
            o.Topics = [topic];
            o.MaxConcurrency = 4;
            o.CommitInterval = TimeSpan.FromSeconds(1);
            o.GroupProtocol = protocol;
            if (protocol == KafkaGroupProtocol.Classic && shortTimeouts)
            {
                // Under KIP-848 the broker sets these (the harness gives the in-process cluster short ones); a real
                // broker refuses a session below group.min.session.timeout.ms (6 s by default).
                o.Consumer["session.timeout.ms"] = "3000";
                o.Consumer["heartbeat.interval.ms"] = "500";
            }
        });
        using var host = builder.Build();
        await host.RunAsync();
        return Environment.ExitCode;
    }

    /// <summary>
    /// Appends each processed message to a file, one line each (<c>id partition offset</c>), flushed to the operating
    /// system per message. The offset tells a record handled twice from an id the broker stored twice.
    /// </summary>
    public sealed class IdRecorder(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };

        public void Record(string id, int partition, long offset) => Append(string.Create(CultureInfo.InvariantCulture, $"{id} {partition} {offset}"));

        /// <summary>Appends one line, flushed to the operating system before it returns.</summary>
        public void Append(string line)
        {
            lock (_writer)
            {
                _writer.WriteLine(line);
            }
        }

        public void Dispose() => _writer.Dispose();
    }

    /// <summary>Takes a little time per message, so that a stop finds handlers in flight, then records the id.</summary>
    public sealed class RecordingHandler(IdRecorder recorder) : IKafkaHandler<string, string>
    {
        public async ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
        {
            await Task.Delay(2, cancellationToken);
            recorder.Record(message.Value, message.Partition, message.Offset);
        }
    }
}
