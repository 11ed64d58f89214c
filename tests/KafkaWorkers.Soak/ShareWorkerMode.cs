using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Soak;

/// <summary>
/// A share worker process (preview): a KafkaWorkers share worker whose handler appends a <c>start</c> line when it
/// begins a delivery and a <c>done</c> line when it finishes it, each flushed at once, so that what a SIGKILLed process
/// held and what it finished can be told apart afterwards.
/// </summary>
public static class ShareWorkerMode
{
    public const string Argument = "share-worker";

    /// <summary>
    /// Runs until SIGTERM (a graceful stop) or SIGKILL. Arguments: bootstrap servers, share group, topic, delivery file,
    /// handler time in milliseconds, share consumers.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (bootstrapServers, group, topic, file) = (args[0], args[1], args[2], args[3]);
        var handlerTime = TimeSpan.FromMilliseconds(long.Parse(args[4], CultureInfo.InvariantCulture));
        var members = int.Parse(args[5], CultureInfo.InvariantCulture);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("KafkaWorkers", LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        using var recorder = new WorkerMode.IdRecorder(file);
        builder.Services.AddSingleton(recorder).AddSingleton(new HandlerTime(handlerTime));
        builder.Services.AddKafkaShareWorker<RecordingHandler>("share-soak", o =>
        {
            o.BootstrapServers = bootstrapServers;
            o.GroupId = group;
            o.Topics = [topic];
            o.MaxConcurrency = members;
            o.Consumer["log_level"] = "4";
        });
        using var host = builder.Build();
        await host.RunAsync();
        return Environment.ExitCode;
    }

    /// <summary>Reads a share worker process's delivery file (a line being written when the process died is skipped).</summary>
    public static List<ShareDeliveryLine> ReadDeliveries(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var deliveries = new List<ShareDeliveryLine>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Split(' ') is [var phase, var id, var partition, var offset, var count])
            {
                deliveries.Add(new(phase == "done", id, int.Parse(partition, CultureInfo.InvariantCulture), long.Parse(offset, CultureInfo.InvariantCulture), int.Parse(count, CultureInfo.InvariantCulture)));
            }
        }

        return deliveries;
    }

    /// <summary>How long the handler takes per delivery.</summary>
    public sealed record HandlerTime(TimeSpan Value);

    /// <summary>Records the start and the end of each delivery, with its delivery count.</summary>
    public sealed class RecordingHandler(WorkerMode.IdRecorder recorder, HandlerTime time) : IKafkaHandler<string, string>
    {
        public async ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
        {
            recorder.Append(Line("start", message));
            await Task.Delay(time.Value, cancellationToken);
            recorder.Append(Line("done", message));
        }

        private static string Line(string phase, KafkaMessage<string, string> message) =>
            string.Create(CultureInfo.InvariantCulture, $"{phase} {message.Value} {message.Partition} {message.Offset} {message.DeliveryCount}");
    }
}
