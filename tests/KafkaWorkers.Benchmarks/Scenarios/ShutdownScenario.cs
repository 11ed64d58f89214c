using System.Diagnostics;
using Confluent.Kafka;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: a worker with 5 ms handlers in flight shares a group with a second consumer and is stopped; measured:
/// stop to host stopped, and stop to the second consumer holding every partition. Eager (range) versus cooperative.
/// </summary>
public static class ShutdownScenario
{
    public const string Name = "3 graceful shutdown";
    private const int Partitions = 6;

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        var topic = await cluster.CreateTopicAsync("shutdown", Partitions);
        await cluster.ProduceAsync(topic, settings.Messages(Partitions * 5_000), keys: 4096);
        var results = new List<Stats>();
        foreach (var (label, strategy) in new[] { ("eager (range)", PartitionAssignmentStrategy.Range), ("cooperative-sticky", PartitionAssignmentStrategy.CooperativeSticky) })
        {
            var stops = new List<double>();
            var values = await settings.RepeatAsync($"{label} rebalance", async () =>
            {
                var (stop, rebalance) = await MeasureAsync(cluster, topic, strategy);
                stops.Add(stop);
                return rebalance;
            });
            results.Add(new(Name, $"{label}: stop → host stopped", "ms", stops.Skip(settings.WarmUps).ToList()));
            results.Add(new(Name, $"{label}: stop → second consumer holds all partitions", "ms", values));
        }

        return results;
    }

    private static async Task<(double Stop, double Rebalance)> MeasureAsync(BenchCluster cluster, string topic, PartitionAssignmentStrategy strategy)
    {
        var group = BenchCluster.NewGroup("shutdown");
        var probe = new Probe(long.MaxValue, TimeSpan.FromMilliseconds(5));
        await using var worker = await BenchWorker.StartAsync(cluster, topic, group, probe, o =>
        {
            o.MaxConcurrency = Partitions;
            BenchWorker.UseStrategy(o, strategy);
        });
        await Wait.UntilAsync(() => probe.Count > 100, "the worker handles messages");
        using var second = new AssignmentWatcher(cluster, topic, group, strategy, Partitions);
        await Wait.UntilAsync(() => second.AssignedCount is > 0 and < Partitions, "the second consumer gets partitions");
        var before = probe.Count;
        await Wait.UntilAsync(() => probe.Count > before + 100, "the worker keeps handling messages after the rebalance");
        second.ResetFullAssignment();

        var start = Stopwatch.GetTimestamp();
        var stopped = await worker.StopAsync();
        await Wait.UntilAsync(() => second.FullAssignmentTimestamp != 0, "the second consumer holds every partition");
        var rebalanced = Stopwatch.GetElapsedTime(start, second.FullAssignmentTimestamp);
        return (stopped.TotalMilliseconds, rebalanced.TotalMilliseconds);
    }
}
