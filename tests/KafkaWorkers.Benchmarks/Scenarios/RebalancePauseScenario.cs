using System.Diagnostics;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4: a worker handles a backlog (5 ms handlers, 6 partitions) while a second consumer joins and, 3 s later,
/// leaves. Measured: the longest gap between two handled messages on the partitions the worker kept throughout.
/// </summary>
public static class RebalancePauseScenario
{
    public const string Name = "4 rebalance pause";
    private const int Partitions = 6;

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        var results = new List<Stats>();
        foreach (var mode in new[] { GroupMode.Cooperative, GroupMode.Eager })
        {
            var values = await settings.RepeatAsync(mode.Label, async () =>
            {
                // A topic per run: the backlog must outlast the run on every partition.
                var topic = await cluster.CreateTopicAsync("rebalance", Partitions);
                await cluster.ProduceAsync(topic, Partitions * 4_000, keys: 4096);
                return await MeasureAsync(cluster, topic, mode);
            });
            results.Add(new(Name, $"{mode.Label}: longest gap on retained partitions", "ms", values));
        }

        return results;
    }

    private static async Task<double> MeasureAsync(BenchCluster cluster, string topic, GroupMode mode)
    {
        var group = BenchCluster.NewGroup("rebalance");
        var probe = new Probe(long.MaxValue, TimeSpan.FromMilliseconds(5), recordTimes: true);
        await using var worker = await BenchWorker.StartAsync(cluster, topic, group, probe, o =>
        {
            o.MaxConcurrency = Partitions;
            mode.Apply(o);
        });
        await Wait.UntilAsync(() => probe.Count > 500, "the worker handles messages");
        var windowStart = Stopwatch.GetTimestamp();
        await Task.Delay(500);
        var joined = Stopwatch.GetTimestamp();
        var second = new AssignmentWatcher(cluster, topic, group, mode, Partitions);
        try
        {
            await Wait.UntilAsync(() => second.AssignedCount is > 0 and < Partitions, "the second consumer gets partitions");
            await Task.Delay(3000);
        }
        finally
        {
            second.Dispose();
        }

        var left = Stopwatch.GetTimestamp();
        await Task.Delay(3000);
        var windowEnd = Stopwatch.GetTimestamp();
        await worker.StopAsync();

        var times = probe.Times.Where(t => t.Timestamp >= windowStart && t.Timestamp <= windowEnd).ToList();
        // Retained: partitions the worker handled before the join, while the second consumer was in, and after it left.
        var retained = times.GroupBy(t => t.Partition)
            .Where(g => g.Any(t => t.Timestamp < joined) && g.Any(t => t.Timestamp > joined + Stopwatch.Frequency && t.Timestamp < left) && g.Any(t => t.Timestamp > left))
            .ToList();
        if (retained.Count == 0)
        {
            throw new InvalidOperationException("No partition stayed with the worker while the second consumer was in the group.");
        }

        return retained.Max(g =>
        {
            var sorted = g.Select(t => t.Timestamp).Order().ToArray();
            return sorted.Zip(sorted.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).DefaultIfEmpty(0).Max();
        });
    }
}
