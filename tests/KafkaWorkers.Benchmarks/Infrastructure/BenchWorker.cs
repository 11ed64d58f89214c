using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>A Generic Host running one KafkaWorkers worker with a <see cref="ProbeHandler"/>, as an application would.</summary>
public sealed class BenchWorker : IAsyncDisposable
{
    private bool _stopped;

    private BenchWorker(IHost host) => Host = host;

    public IHost Host { get; }

    public static IHost Build(BenchCluster cluster, string topic, string groupId, Probe probe, Action<KafkaWorkerOptions> configure)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(probe);
        builder.Services.AddKafkaWorker<ProbeHandler>("bench", o =>
        {
            o.BootstrapServers = cluster.BootstrapServers;
            o.GroupId = groupId;
            o.Topics = [topic];
            foreach (var (name, value) in cluster.GroupTimeouts)
            {
                o.Consumer[name] = value;
            }

            configure(o);
        });
        return builder.Build();
    }

    public static async Task<BenchWorker> StartAsync(BenchCluster cluster, string topic, string groupId, Probe probe, Action<KafkaWorkerOptions> configure)
    {
        var host = Build(cluster, topic, groupId, probe, configure);
        await host.StartAsync();
        return new BenchWorker(host);
    }

    /// <summary>Stops the host gracefully and returns how long that took.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var watch = Stopwatch.StartNew();
        _stopped = true;
        await Host.StopAsync();
        return watch.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await Host.StopAsync();
        }

        Host.Dispose();
    }
}
