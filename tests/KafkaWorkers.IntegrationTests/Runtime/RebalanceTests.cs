using KafkaWorkers.IntegrationTests.Infrastructure;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class RebalanceTests(KafkaFixture kafka, ITestOutputHelper output)
{
    private const int Total = 8_000;

    // Four partitions: 4 → 2/2 → 2/1/1 and back, so that each rebalance revokes partitions from at most one member.
    // Kafka accepts a revoking member's commit while the group prepares the next rebalance (the cooperative protocol's
    // second phase, started by whichever member rejoins first); the in-process cluster's coordinator refuses commits
    // while members join (rd_kafka_mock_cgrp_classic_check_state), which would make a second, concurrent revoker redo
    // messages that Kafka would not.
    private const int Partitions = 4;

    [Fact]
    public async Task Cooperative_scaling_from_one_to_three_consumers_and_back_loses_and_duplicates_nothing()
    {
        var run = await ScaleOutAndInAsync("cooperative-sticky");

        Assert.Equal(Total, run.Log.DistinctCount());
        Assert.Empty(run.Log.Duplicates());
        // The longest pause on the retained partitions is reported in the output, not asserted: timing belongs in the benchmarks.
        Assert.NotEmpty(run.Retained);
    }

    [Fact]
    public async Task Eager_scaling_from_one_to_three_consumers_and_back_loses_nothing()
    {
        var run = await ScaleOutAndInAsync("range");

        Assert.Equal(Total, run.Log.DistinctCount());
        // An eager revoke commits while the group is preparing the rebalance. Kafka accepts that commit (current
        // generation); the in-process cluster's coordinator refuses every commit while members join
        // (rd_kafka_mock_cgrp_classic_check_state), so there the revoked partitions' last completions are redone.
        output.WriteLine($"range: {run.Log.Duplicates().Count} message(s) handled twice");
        if (KafkaFixture.IsExternal)
        {
            Assert.Empty(run.Log.Duplicates());
        }
    }

    private async Task<ScaleRun> ScaleOutAndInAsync(string assignor)
    {
        var topic = await kafka.CreateTopicAsync(Partitions);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        var produced = (await kafka.Client.ProduceAsync(topic, Total)).GroupBy(r => r.Partition.Value).ToDictionary(g => g.Key, g => g.Count());
        var behavior = HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(5));
        void Configure(KafkaWorkerOptions o)
        {
            o.MaxConcurrency = Partitions;
            o.CommitInterval = TimeSpan.FromSeconds(1);
            o.Consumer["partition.assignment.strategy"] = assignor;
        }

        await using var first = await WorkerHost.StartAsync("first", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => log.Count >= 600, "the first consumer is well under way");

        // Scale out one consumer at a time, for the same reason as the partition count above.
        var scaleOut = DateTime.UtcNow;
        var second = await WorkerHost.StartAsync("second", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => HandledBy(log, "second", after: scaleOut) >= 100, "the second consumer took over partitions");
        var third = await WorkerHost.StartAsync("third", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => HandledBy(log, "third", after: scaleOut) >= 100, "the third consumer took over partitions");

        // Scale in, one consumer at a time: each stop (SIGTERM) drains, commits and leaves; the group settles before the next.
        await StopAsync(third, log, "third", produced);
        await StopAsync(second, log, "second", produced);
        await Eventually.HoldsAsync(() => log.DistinctCount() == Total, $"all {Total} messages were handled", TimeSpan.FromMinutes(2));
        var scaleInDone = log.Entries.Where(e => e.Host == "first").Max(e => e.At);

        // Partitions only the first consumer ever handled stayed with it throughout: measure its longest pause on them.
        var retained = log.Entries.GroupBy(e => e.Partition).Where(g => g.All(e => e.Host == "first")).Select(g => g.Key).Order().ToList();
        var gap = retained
            .Select(p => log.Entries.Where(e => e.Partition == p && e.At >= scaleOut && e.At <= scaleInDone).Select(e => e.At).Order().ToList())
            .Where(times => times.Count > 1)
            .Select(times => times.Zip(times.Skip(1), (a, b) => b - a).Max())
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
        output.WriteLine($"{assignor}: partitions retained by the first consumer: [{string.Join(",", retained)}]; longest processing gap on them from scale-out to the end: {gap.TotalMilliseconds:F0} ms");
        return new ScaleRun(log, retained, gap);
    }

    private static async Task StopAsync(WorkerHost host, ProcessedLog log, string name, Dictionary<int, int> produced)
    {
        var owned = log.Entries.Where(e => e.Host == name).Select(e => e.Partition).ToHashSet();
        var stopped = DateTime.UtcNow;
        await host.StopAsync();
        host.Host.Dispose();
        // Settled when each of its partitions is handled by another consumer, or has nothing left to handle.
        await Eventually.HoldsAsync(
            () => owned.All(p =>
                log.Entries.Any(e => e.Partition == p && e.Host != name && e.At > stopped) ||
                log.Entries.Where(e => e.Partition == p).Select(e => e.Offset).Distinct().Count() == produced[p]),
            $"the partitions of the {name} consumer were taken over");
    }

    private static int HandledBy(ProcessedLog log, string host, DateTime after) => log.Entries.Count(e => e.Host == host && e.At > after);

    private sealed record ScaleRun(ProcessedLog Log, IReadOnlyList<int> Retained, TimeSpan Gap);
}
