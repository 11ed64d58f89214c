using Confluent.Kafka;
using KafkaWorkers.Testing;

namespace KafkaWorkers.Soak;

/// <summary>
/// The cluster a soak runs against: the in-process cluster, which the harness owns and injects faults into, or the
/// cluster named by <c>KAFKA_BOOTSTRAP_SERVERS</c>, with its own settings, where the only faults are the user's
/// <see cref="FaultCommand"/>.
/// </summary>
public sealed class SoakBroker : IAsyncDisposable
{
    private const int CoordinatorBroker = 1;
    /// <summary>How long a built-in fault lasts.</summary>
    public static readonly TimeSpan FaultLength = TimeSpan.FromSeconds(2);
    private readonly KafkaTestCluster? _cluster;

    private SoakBroker(KafkaTestCluster? cluster, string bootstrapServers)
    {
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
    }

    public string BootstrapServers { get; }

    /// <summary>
    /// Gets whether the broker is the in-process cluster. Its workers then use a short session under the classic
    /// protocol (its coordinator waits out session timeouts); on an external broker they keep the client defaults,
    /// which every broker accepts (Kafka refuses sessions below <c>group.min.session.timeout.ms</c>, 6 s by default).
    /// </summary>
    public bool InProcess => _cluster is not null;

    public string Description => _cluster is null ? $"external cluster ({BootstrapServers})" : $"in-process cluster ({_cluster.BrokerCount} brokers)";

    /// <summary>Gets the kinds of fault this broker can be given without a fault command.</summary>
    public IReadOnlyList<string> BuiltInFaults => InProcess ? ["broker down", "fetch errors", "commit errors"] : [];

    /// <summary>Starts the in-process cluster, or connects to <paramref name="bootstrapServers"/> when it is set.</summary>
    public static SoakBroker Start(string? bootstrapServers)
    {
        if (!string.IsNullOrWhiteSpace(bootstrapServers))
        {
            return new SoakBroker(null, bootstrapServers);
        }

        var cluster = KafkaTestCluster.Start(new KafkaTestClusterOptions
        {
            BrokerCount = 3,
            ConsumerGroupHeartbeatInterval = TimeSpan.FromMilliseconds(500),
            ConsumerGroupSessionTimeout = TimeSpan.FromSeconds(6),
        });
        return new SoakBroker(cluster, cluster.BootstrapServers);
    }

    /// <summary>
    /// Creates the soak's topic and picks its group: on the in-process cluster <c>soak</c>, replicated 3 times, with the
    /// group's coordinator on broker 1 (never taken down); on an external one a new topic per run through the admin API,
    /// with the broker's default replication factor, unless <paramref name="existingTopic"/> names one to use.
    /// </summary>
    public async Task<(string Topic, string Group)> CreateTopicAsync(int partitions, string? existingTopic)
    {
        var group = $"soak-{Guid.NewGuid():N}";
        if (_cluster is not null)
        {
            const string Topic = "soak";
            _cluster.CreateTopic(Topic, partitions, replicationFactor: 3);
            _cluster.SetGroupCoordinator(group, CoordinatorBroker);
            return (Topic, group);
        }

        if (existingTopic is not null)
        {
            return (existingTopic, group);
        }

        var topic = $"soak-{Guid.NewGuid():N}";
        using var client = new KafkaTestClient(BootstrapServers);
        await client.CreateTopicAsync(topic, partitions, replicationFactor: -1);
        return (topic, group);
    }

    /// <summary>Injects one built-in fault (<paramref name="kind"/> indexes <see cref="BuiltInFaults"/>) and waits until it is over.</summary>
    public async Task InjectAsync(int kind, Random random, Action<string> log)
    {
        var cluster = _cluster ?? throw new InvalidOperationException("Only the in-process cluster has built-in faults.");
        switch (kind)
        {
            case 0:
                var broker = random.Next(2, 4);
                log($"fault: broker {broker} down for {FaultLength.TotalSeconds:0} s");
                cluster.TakeBrokerDown(broker);
                await Task.Delay(FaultLength);
                cluster.BringBrokerUp(broker);
                break;
            case 1:
                log("fault: errors on the next Fetch requests");
                cluster.InjectRequestErrors(KafkaApiKey.Fetch, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotLeaderForPartition);
                await Task.Delay(FaultLength);
                break;
            default:
                log("fault: errors on the next OffsetCommit requests");
                cluster.InjectRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.RequestTimedOut, ErrorCode.NotCoordinatorForGroup);
                await Task.Delay(FaultLength);
                break;
        }
    }

    /// <summary>
    /// Sets the in-process cluster's share groups to read from the earliest offset (what the producer wrote before the
    /// first member joined) with a 6 s session. On an external cluster the group's <c>share.auto.offset.reset</c> must be
    /// <c>earliest</c> already.
    /// </summary>
    public void PrepareShareGroups()
    {
        _cluster?.SetShareGroupAutoOffsetReset(AutoOffsetReset.Earliest);
        _cluster?.SetShareGroupSessionTimeout(TimeSpan.FromSeconds(6), TimeSpan.FromMilliseconds(300));
    }

    /// <summary>
    /// Gives every partition to every member of the share group, as Kafka does (the in-process cluster's own assignor
    /// gives each partition to one member); nothing on an external cluster.
    /// </summary>
    /// <returns>How many members the assignment covered.</returns>
    public int ShareAmongMembers(string group, string topic) => _cluster?.AssignEveryPartitionToEveryShareMember(group, topic) ?? 0;

    /// <summary>Clears what injected request errors left unconsumed.</summary>
    public void ClearFaults()
    {
        _cluster?.ClearRequestErrors(KafkaApiKey.Fetch);
        _cluster?.ClearRequestErrors(KafkaApiKey.OffsetCommit);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
