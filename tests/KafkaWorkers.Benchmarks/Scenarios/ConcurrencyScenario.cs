using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>Scenario 2: an I/O-bound handler (awaits 1 ms) on 12 partitions, at concurrency 1, 12 and 48 (key ordering).</summary>
public static class ConcurrencyScenario
{
    public const string Name = "2 I/O-bound, 1 ms";
    private const int Partitions = 12;

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        var produced = settings.Messages(Partitions * 3_000);
        var topic = await cluster.CreateTopicAsync("concurrency", Partitions);
        await cluster.ProduceAsync(topic, produced, keys: 4096);
        Console.WriteLine($"[{Name}] {produced} messages produced to {topic}");

        var results = new List<Stats>();
        // Concurrency 1 handles a smaller share, so that every variant takes a few seconds; each run is a new group.
        foreach (var (variant, ordering, concurrency, count) in new[]
        {
            ("partition ordering, concurrency 1", KafkaOrdering.Partition, 1, produced / 18),
            ("partition ordering, concurrency 12", KafkaOrdering.Partition, 12, produced * 2 / 3),
            ("key ordering, concurrency 48", KafkaOrdering.Key, 48, produced * 2 / 3),
        })
        {
            results.Add(new(Name, variant, "msg/s", await settings.RepeatAsync(variant, async () =>
                (await ThroughputScenario.WorkerAsync(cluster, topic, count, o =>
                {
                    o.Ordering = ordering;
                    o.MaxConcurrency = concurrency;
                }, TimeSpan.FromMilliseconds(1))).MessagesPerSecond)));
        }

        return results;
    }
}
