using KafkaWorkers.Hosting;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>A Generic Host running one recording worker, as an application would.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private WorkerHost(IHost host, string name, LogCapture logs)
    {
        Host = host;
        Name = name;
        Logs = logs;
    }

    public IHost Host { get; }

    /// <summary>Gets every log entry of the host, for assertions on what the worker said.</summary>
    public LogCapture Logs { get; }

    /// <summary>Gets how many partitions the host's worker holds now (its rebalance callbacks keep the count).</summary>
    public int AssignedPartitions => Host.Services.GetRequiredService<KafkaWorkerStatusRegistry>().For("recording").AssignedPartitions;

    public string Name { get; }

    public static Task<WorkerHost> StartAsync(
        string name,
        string bootstrapServers,
        string topic,
        string groupId,
        ProcessedLog log,
        HandlerBehavior behavior,
        ITestOutputHelper output,
        Action<KafkaWorkerOptions>? configure = null,
        Action<IServiceCollection>? services = null) =>
        StartAsync<RecordingHandler>(name, bootstrapServers, topic, groupId, log, behavior, output, configure, services);

    public static async Task<WorkerHost> StartAsync<THandler>(
        string name,
        string bootstrapServers,
        string topic,
        string groupId,
        ProcessedLog log,
        HandlerBehavior behavior,
        ITestOutputHelper output,
        Action<KafkaWorkerOptions>? configure = null,
        Action<IServiceCollection>? services = null)
        where THandler : class
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logs = new LogCapture();
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, $"[{name}] ")).AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(log).AddSingleton(behavior).AddSingleton(new HostIdentity(name));
        builder.Services.AddKafkaWorker<THandler>("recording", o =>
        {
            o.BootstrapServers = bootstrapServers;
            o.GroupId = groupId;
            o.Topics = [topic];
            o.Consumer["session.timeout.ms"] = "6000";
            o.Consumer["heartbeat.interval.ms"] = "500";
            configure?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        if (KafkaFixture.ForcesBatchFetch)
        {
            builder.Services.PostConfigureAll<KafkaWorkerOptions>(o => o.ExperimentalBatchFetch = true);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host, name, logs);
    }

    /// <summary>Waits until the application stops by itself (a run-to-completion worker ended its run) and returns when.</summary>
    public async Task<DateTime> WaitForSelfStopAsync(TimeSpan? timeout = null)
    {
        var stopping = Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Eventually.HoldsAsync(() => stopping.IsCancellationRequested, $"host {Name} stopped by itself", timeout);
        await Host.StopAsync();
        return DateTime.UtcNow;
    }

    /// <summary>Stops the host gracefully and returns how long that took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var watch = Stopwatch.StartNew();
        await Host.StopAsync();
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
