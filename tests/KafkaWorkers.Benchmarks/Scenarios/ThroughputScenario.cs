using System.Diagnostics;
using Confluent.Kafka;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: 100-byte messages on 6 partitions, a no-op handler. A hand-written Confluent.Kafka loop that stores
/// each message's offset versus KafkaWorkers workers; each run is a new group reading the same pre-produced topic.
/// </summary>
public static class ThroughputScenario
{
    public const string Name = "1 throughput";
    private const int Partitions = 6;

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        // 20 000 messages of 100 B per partition: well under the in-process cluster's 5 MiB per partition.
        var count = settings.Messages(Partitions * 20_000);
        var topic = await cluster.CreateTopicAsync("throughput", Partitions);
        await cluster.ProduceAsync(topic, count, keys: 4096);
        Console.WriteLine($"[{Name}] {count} messages produced to {topic}");

        var results = new List<Stats>
        {
            new(Name, "raw Confluent.Kafka loop, StoreOffset per message", "msg/s",
                await settings.RepeatAsync("raw", () => RawLoopAsync(cluster.BootstrapServers, topic, count))),
        };
        foreach (var (variant, ordering, concurrency) in new[]
        {
            ("KafkaWorkers, partition ordering, concurrency 1", KafkaOrdering.Partition, 1),
            ("KafkaWorkers, partition ordering, concurrency 6", KafkaOrdering.Partition, 6),
            ("KafkaWorkers, key ordering, concurrency 6", KafkaOrdering.Key, 6),
        })
        {
            results.Add(new(Name, variant, "msg/s", await settings.RepeatAsync(variant, () =>
                WorkerAsync(cluster.BootstrapServers, topic, count, o =>
                {
                    o.Ordering = ordering;
                    o.MaxConcurrency = concurrency;
                }))));
        }

        return results;
    }

    /// <summary>Runs a worker from a new group until it handled <paramref name="count"/> messages; returns msg/s.</summary>
    public static async Task<double> WorkerAsync(string bootstrapServers, string topic, int count, Action<KafkaWorkerOptions> configure, TimeSpan delay = default)
    {
        var probe = new Probe(count, delay);
        await using var worker = await BenchWorker.StartAsync(bootstrapServers, topic, BenchCluster.NewGroup("worker"), probe, configure);
        await probe.Reached.WaitAsync(TimeSpan.FromMinutes(5));
        return probe.Rate();
    }

    private static Task<double> RawLoopAsync(string bootstrapServers, string topic, int count) =>
        Task.Factory.StartNew(() => RawLoop(bootstrapServers, topic, count), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static double RawLoop(string bootstrapServers, string topic, int count)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = BenchCluster.NewGroup("raw"),
            EnableAutoCommit = true,
            AutoCommitIntervalMs = 5000,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = 3000,
            HeartbeatIntervalMs = 500,
        };
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(topic);
        var first = 0L;
        var consumed = 0;
        var deadline = Stopwatch.StartNew();
        while (consumed < count && deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result is null)
            {
                continue;
            }

            if (consumed++ == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            consumer.StoreOffset(result);
        }

        var elapsed = Stopwatch.GetElapsedTime(first).TotalSeconds;
        consumer.Close();
        return (consumed - 1) / elapsed;
    }
}
