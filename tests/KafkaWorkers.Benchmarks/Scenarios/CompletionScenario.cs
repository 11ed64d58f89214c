using System.Diagnostics;
using KafkaWorkers.Benchmarks.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace KafkaWorkers.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: a run-to-completion worker (<see cref="KafkaCompletion.UntilDrained"/>) handles a backlog; measured:
/// from the last message handled to the host having stopped by itself (its final commit included).
/// </summary>
public static class CompletionScenario
{
    public const string Name = "5 run-to-completion";
    private const int Partitions = 6;

    public static async Task<IReadOnlyList<Stats>> RunAsync(BenchCluster cluster, BenchSettings settings)
    {
        var count = settings.Messages(Partitions * 1_000);
        var topic = await cluster.CreateTopicAsync("completion", Partitions);
        await cluster.ProduceAsync(topic, count, keys: 4096);
        var values = await settings.RepeatAsync("until drained", async () =>
        {
            var group = BenchCluster.NewGroup("completion");
            var probe = new Probe(count);
            using var host = BenchWorker.Build(cluster, topic, group, probe, o =>
            {
                o.MaxConcurrency = Partitions;
                o.Completion = KafkaCompletion.UntilDrained();
            });
            await host.RunAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var exited = Stopwatch.GetTimestamp();
            if (probe.Count < count)
            {
                throw new InvalidOperationException($"The run ended after {probe.Count} of {count} messages.");
            }

            var committed = await cluster.Client.GetCommittedOffsetsAsync(group, topic);
            var ends = await cluster.Client.GetHighWatermarksAsync(topic);
            if (ends.Any(e => committed.GetValueOrDefault(e.Key, -1) != e.Value))
            {
                throw new InvalidOperationException("The run ended without committing every message.");
            }

            return Stopwatch.GetElapsedTime(probe.LastTimestamp, exited).TotalMilliseconds;
        });
        return [new(Name, "last message handled → host exited (UntilDrained)", "ms", values)];
    }
}
