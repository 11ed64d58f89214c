using System.Diagnostics;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: a worker with 5 ms handlers in flight shares a group with a second consumer and is stopped; measured:
/// stop to host stopped, and stop to the second consumer holding every partition (the handover), per group mode.
/// </summary>
public static class ShutdownScenario
{
    public const string Name = "3 graceful shutdown";
    private const int Partitions = 6;

    /// <summary>
    /// The variants: eager and cooperative-sticky at the cluster's heartbeat interval, cooperative-sticky with a 100 ms
    /// heartbeat (a classic member learns of a rebalance only from a heartbeat response), and KIP-848.
    /// </summary>
    private static readonly GroupMode[] Modes =
    [
        GroupMode.Eager,
        GroupMode.Cooperative,
        GroupMode.Cooperative with { Label = "cooperative-sticky, heartbeat.interval.ms 100", HeartbeatIntervalMs = 100 },
        GroupMode.Kip848,
    ];

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        var topic = await cluster.CreateTopicAsync("shutdown", Partitions);
        await cluster.ProduceAsync(topic, settings.Messages(Partitions * 5_000), keys: 4096);
        var results = new List<Stats>();
        foreach (var mode in Modes)
        {
            var stops = new List<double>();
            var afterStops = new List<double>();
            var values = await settings.RepeatAsync($"{mode.Label} rebalance", async () =>
            {
                var (stop, rebalance) = await MeasureAsync(cluster, topic, mode);
                stops.Add(stop);
                afterStops.Add(rebalance - stop);
                return rebalance;
            });
            results.Add(new(Name, $"{mode.Label}: stop → host stopped", "ms", stops.Skip(settings.WarmUps).ToList()));
            results.Add(new(Name, $"{mode.Label}: stop → second consumer holds all partitions", "ms", values));
            results.Add(new(Name, $"{mode.Label}: host stopped (final commit, leave) → second consumer holds all", "ms", afterStops.Skip(settings.WarmUps).ToList()));
        }

        return results;
    }

    private static async Task<(double Stop, double Rebalance)> MeasureAsync(BenchCluster cluster, string topic, GroupMode mode)
    {
        var group = BenchCluster.NewGroup("shutdown");
        var probe = new Probe(long.MaxValue, TimeSpan.FromMilliseconds(5));
        await using var worker = await BenchWorker.StartAsync(cluster, topic, group, probe, o =>
        {
            o.MaxConcurrency = Partitions;
            mode.Apply(o);
        });
        await Wait.UntilAsync(() => probe.Count > 100, "the worker handles messages");
        using var second = new AssignmentWatcher(cluster, topic, group, mode, Partitions);
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
