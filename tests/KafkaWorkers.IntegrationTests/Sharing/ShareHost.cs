using System.Collections.Concurrent;
using Confluent.Kafka;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>Every delivery share handlers saw, across the hosts of a test, with its delivery count.</summary>
public sealed class ShareLog
{
    private readonly ConcurrentQueue<ShareDelivery> _entries = new();

    public IReadOnlyList<ShareDelivery> Entries => [.. _entries];

    /// <summary>Gets the deliveries whose handler completed.</summary>
    public IReadOnlyList<ShareDelivery> Handled => [.. _entries.Where(e => e.Completed)];

    public void Add(ShareDelivery delivery) => _entries.Enqueue(delivery);

    public int Calls(long offset) => _entries.Count(e => e.Offset == offset);
}

/// <summary>One delivery; <see cref="Member"/> is the share consumer's thread, on which a handler starts.</summary>
public sealed record ShareDelivery(string Host, string Member, long Offset, string Value, int DeliveryCount, bool Completed);

/// <summary>What a share test handler does: by default nothing; a test may delay, gate or throw.</summary>
public sealed class ShareBehavior
{
    public Func<KafkaMessage<string, string>, CancellationToken, Task> HandleAsync { get; set; } = (_, _) => Task.CompletedTask;
}

/// <summary>Records each delivery, completed or not, in the test's <see cref="ShareLog"/>.</summary>
public sealed class ShareRecordingHandler(ShareLog log, ShareBehavior behavior, HostIdentity host) : IKafkaHandler<string, string>
{
    public async ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
    {
        var member = $"{host.Name}/{Thread.CurrentThread.Name}";
        try
        {
            await behavior.HandleAsync(message, cancellationToken);
        }
        catch
        {
            log.Add(new ShareDelivery(host.Name, member, message.Offset, message.Value, message.DeliveryCount, Completed: false));
            throw;
        }

        log.Add(new ShareDelivery(host.Name, member, message.Offset, message.Value, message.DeliveryCount, Completed: true));
    }
}

/// <summary>Records each batch's messages in the test's <see cref="ShareLog"/>.</summary>
public sealed class ShareBatchRecordingHandler(ShareLog log, HostIdentity host) : IKafkaBatchHandler<string, string>
{
    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken)
    {
        var member = $"{host.Name}/{Thread.CurrentThread.Name}";
        foreach (var message in messages)
        {
            log.Add(new ShareDelivery(host.Name, member, message.Offset, message.Value, message.DeliveryCount, Completed: true));
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A private in-process cluster set up for share groups: short sessions, reading from the earliest offset.</summary>
public static class ShareCluster
{
    public static KafkaTestCluster Start()
    {
        var cluster = KafkaTestCluster.Start(brokerCount: 1);
        cluster.SetShareGroupAutoOffsetReset(AutoOffsetReset.Earliest);
        cluster.SetShareGroupSessionTimeout(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(300));
        return cluster;
    }

    /// <summary>Waits until <paramref name="members"/> members joined, then has them all share every partition.</summary>
    public static Task ShareAmongAsync(this KafkaTestCluster cluster, string group, string topic, int members) =>
        Eventually.HoldsAsync(
            () => cluster.GetShareGroupMembers(group).Count == members && cluster.AssignEveryPartitionToEveryShareMember(group, topic) == members,
            $"{members} share consumers joined {group}");
}

/// <summary>A private share cluster with one topic, a client and the test's log, for the hosts of one test.</summary>
public sealed class ShareScenario : IAsyncDisposable
{
    public const string Topic = "orders";
    public const string Group = "share-group";

    private ShareScenario(KafkaTestCluster cluster)
    {
        Cluster = cluster;
        Client = new KafkaTestClient(cluster.BootstrapServers);
    }

    public KafkaTestCluster Cluster { get; }

    public KafkaTestClient Client { get; }

    public ShareLog Log { get; } = new();

    /// <summary>Starts the cluster, creates <see cref="Topic"/> and produces <paramref name="records"/> records to it.</summary>
    public static async Task<ShareScenario> StartAsync(int records = 0, int partitions = 1)
    {
        var scenario = new ShareScenario(ShareCluster.Start());
        scenario.Cluster.CreateTopic(Topic, partitions);
        await scenario.ProduceAsync(records);
        return scenario;
    }

    public Task ProduceAsync(int count) => count == 0 ? Task.CompletedTask : Client.ProduceAsync(Topic, count);

    public Task<ShareHost> StartHostAsync(string name, ShareBehavior behavior, ITestOutputHelper output, Action<KafkaWorkerOptions>? configure = null) =>
        StartHostAsync<ShareRecordingHandler>(name, behavior, output, configure);

    public Task<ShareHost> StartHostAsync<THandler>(
        string name, ShareBehavior behavior, ITestOutputHelper output, Action<KafkaWorkerOptions>? configure = null, Action<IServiceCollection>? services = null)
        where THandler : class =>
        ShareHost.StartAsync<THandler>(name, Cluster, Topic, Group, Log, behavior, output, configure, services);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
    }
}

/// <summary>A Generic Host running one share worker, as an application would.</summary>
public sealed class ShareHost : IAsyncDisposable
{
    private ShareHost(IHost host) => Host = host;

    public IHost Host { get; }

    public static async Task<ShareHost> StartAsync<THandler>(
        string name,
        KafkaTestCluster cluster,
        string topic,
        string group,
        ShareLog log,
        ShareBehavior behavior,
        ITestOutputHelper output,
        Action<KafkaWorkerOptions>? configure = null,
        Action<IServiceCollection>? services = null)
        where THandler : class
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, $"[{name}] "));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(log).AddSingleton(behavior).AddSingleton(new HostIdentity(name));
        builder.Services.AddKafkaShareWorker<THandler>("share", o =>
        {
            o.BootstrapServers = cluster.BootstrapServers;
            o.GroupId = group;
            o.Topics = [topic];
            o.Consumer["log_level"] = "4";
            configure?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new ShareHost(host);
    }

    public static Task<ShareHost> StartAsync(
        string name, KafkaTestCluster cluster, string topic, string group, ShareLog log, ShareBehavior behavior, ITestOutputHelper output,
        Action<KafkaWorkerOptions>? configure = null) =>
        StartAsync<ShareRecordingHandler>(name, cluster, topic, group, log, behavior, output, configure);

    public Task StopAsync() => Host.StopAsync();

    /// <summary>Waits until the application stopped itself (a run ended, or the worker failed), then stops the host.</summary>
    public async Task WaitForSelfStopAsync()
    {
        var stopping = Host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        await Eventually.HoldsAsync(() => stopping.IsCancellationRequested, "the host stopped by itself");
        await Host.StopAsync();
    }

    /// <summary>Gets the host's share worker.</summary>
    internal KafkaWorkers.Sharing.ShareWorker Worker =>
        Host.Services.GetServices<IHostedService>().OfType<KafkaWorkers.Sharing.KafkaShareWorkersHostedService>().Single().Workers.Single();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
