using KafkaWorkers.Testing;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>The broker the benchmarks run against: the in-process cluster, or the one named by KAFKA_BOOTSTRAP_SERVERS.</summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly KafkaTestCluster? _cluster;
    private int _topics;

    private BenchCluster(KafkaTestCluster? cluster, string bootstrapServers)
    {
        _cluster = cluster;
        BootstrapServers = bootstrapServers;
        Client = new KafkaTestClient(bootstrapServers) { Timeout = TimeSpan.FromMinutes(5) };
    }

    public string BootstrapServers { get; }

    public KafkaTestClient Client { get; }

    /// <summary>Gets whether the broker is the in-process cluster (in this process, competing for its cores).</summary>
    public bool InProcess => _cluster is not null;

    /// <summary>
    /// Gets the group timeouts every benchmark consumer uses. On the in-process cluster a short session (3 s, heartbeat
    /// 0.5 s): its coordinator waits out the session timeout when a member leaves, so shorter sessions mean shorter
    /// runs. On an external broker none: the client defaults (45 s, 3 s), which every broker accepts, where anything
    /// below <c>group.min.session.timeout.ms</c> (6 s by default) fails the JoinGroup with "Invalid session timeout".
    /// </summary>
    public IReadOnlyDictionary<string, string> GroupTimeouts => InProcess
        ? new Dictionary<string, string>(StringComparer.Ordinal) { ["session.timeout.ms"] = "3000", ["heartbeat.interval.ms"] = "500" }
        : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets the settings of the hand-written loops (raw Confluent.Kafka and native librdkafka): the worker's consumer
    /// settings, so that the comparison is of the consume paths alone.
    /// </summary>
    public Dictionary<string, string> LoopSettings(string groupId)
    {
        var settings = new Dictionary<string, string>(GroupTimeouts, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = BootstrapServers,
            ["group.id"] = groupId,
            ["enable.auto.commit"] = "true",
            ["auto.commit.interval.ms"] = "5000",
            ["enable.auto.offset.store"] = "false",
            ["enable.partition.eof"] = "false",
            ["auto.offset.reset"] = "earliest",
            ["partition.assignment.strategy"] = "cooperative-sticky",
        };
        return settings;
    }

    /// <summary>Gets a description of the broker for the report.</summary>
    public string Description => _cluster is null
        ? $"external cluster ({BootstrapServers})"
        : $"in-process cluster (librdkafka mock, {_cluster.BrokerCount} brokers)";

    public static BenchCluster Start()
    {
        var external = Environment.GetEnvironmentVariable("KAFKA_BOOTSTRAP_SERVERS");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new BenchCluster(null, external);
        }

        // KIP-848 members get the same short session and heartbeat from the in-process broker as classic members set.
        var cluster = KafkaTestCluster.Start(new KafkaTestClusterOptions
        {
            BrokerCount = 3,
            ConsumerGroupSessionTimeout = TimeSpan.FromSeconds(3),
            ConsumerGroupHeartbeatInterval = TimeSpan.FromMilliseconds(500),
        });
        return new BenchCluster(cluster, cluster.BootstrapServers);
    }

    /// <summary>Creates a uniquely named topic.</summary>
    public async Task<string> CreateTopicAsync(string scenario, int partitions)
    {
        var topic = $"bench-{scenario}-{Interlocked.Increment(ref _topics)}-{Guid.NewGuid():N}";
        if (_cluster is null)
        {
            // The broker's default.replication.factor (-1), as a user's topic would get it.
            await Client.CreateTopicAsync(topic, partitions, replicationFactor: -1);
        }
        else
        {
            _cluster.CreateTopic(topic, partitions);
        }

        return topic;
    }

    /// <summary>Produces <paramref name="count"/> messages with 100-byte values and <paramref name="keys"/> distinct keys, acknowledged.</summary>
    public async Task ProduceAsync(string topic, int count, int keys)
    {
        var value = new string('x', 100);
        const int Chunk = 20_000;
        for (var start = 0; start < count; start += Chunk)
        {
            var first = start;
            await Client.ProduceAsync(topic, Math.Min(Chunk, count - start), i => new Confluent.Kafka.Message<string?, string?>
            {
                Key = $"k{(first + i) % keys}",
                Value = value,
            });
        }
    }

    public static string NewGroup(string scenario) => $"bench-{scenario}-{Guid.NewGuid():N}";

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
