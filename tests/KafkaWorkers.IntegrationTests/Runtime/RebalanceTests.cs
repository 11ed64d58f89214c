using KafkaWorkers.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class RebalanceTests(KafkaFixture kafka, ITestOutputHelper output)
{
    private const int Total = 8_000;

    // Four partitions: 4 → 2/2 → 2/1/1 and back, so that each rebalance revokes partitions from at most one member.
    private const int Partitions = 4;

    /// <summary>
    /// Classic protocol, cooperative-sticky. Kafka accepts the revoking member's commit in its revoke callback, so a real
    /// broker redoes nothing. The in-process coordinator sometimes refuses it (REBALANCE_IN_PROGRESS, when the other
    /// member's late SyncGroup has opened a new round; docs/testing.md), and then the new owner rightly redoes what the
    /// refused commit held: there every record handled twice must lie below a commit the coordinator refused.
    /// </summary>
    [Fact]
    public async Task Cooperative_scaling_from_one_to_three_consumers_and_back_loses_and_duplicates_nothing()
    {
        var refused = new RefusedCommits();
        var run = await ScaleOutAndInAsync("cooperative-sticky", refused);

        Assert.Equal(Total, run.Log.DistinctCount());
        // The longest pause on the retained partitions is reported in the output, not asserted: timing belongs in the benchmarks.
        Assert.NotEmpty(run.Retained);
        refused.AssertRedoneOnlyWhereACommitWasRefused(run.Log, output);
    }

    /// <summary>
    /// Eager (range) assignment: a revoke commits while the group prepares the rebalance. Kafka accepts that commit; the
    /// in-process coordinator refuses every commit while members join, so there the revoked partitions' last completions
    /// are redone, and only those.
    /// </summary>
    [Fact]
    public async Task Eager_scaling_from_one_to_three_consumers_and_back_loses_nothing()
    {
        var refused = new RefusedCommits();
        var run = await ScaleOutAndInAsync("range", refused);

        Assert.Equal(Total, run.Log.DistinctCount());
        refused.AssertRedoneOnlyWhereACommitWasRefused(run.Log, output);
    }

    /// <summary>
    /// KIP-848: the broker assigns incrementally; a member commits in its revoke callback and acknowledges the revocation
    /// in its next heartbeat. The in-process coordinator serves this as Kafka does, so nothing may be redone on either.
    /// </summary>
    [Kip848Fact]
    public async Task Kip_848_scaling_from_one_to_three_consumers_and_back_loses_and_duplicates_nothing()
    {
        var run = await ScaleOutAndInAsync(assignor: null, new RefusedCommits());

        Assert.Equal(Total, run.Log.DistinctCount());
        Assert.Empty(run.Log.Duplicates());
        Assert.NotEmpty(run.Retained);
    }

    /// <param name="assignor">The classic protocol's assignor, or null for the KIP-848 consumer protocol.</param>
    private async Task<ScaleRun> ScaleOutAndInAsync(string? assignor, RefusedCommits refused)
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
            if (assignor is null)
            {
                // Under KIP-848 the broker assigns and sets the session timeout and heartbeat interval.
                o.GroupProtocol = KafkaGroupProtocol.Consumer;
                o.Consumer.Remove("session.timeout.ms");
                o.Consumer.Remove("heartbeat.interval.ms");
            }
            else
            {
                o.Consumer["partition.assignment.strategy"] = assignor;
            }
        }

        void Services(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(refused);

        await using var first = await WorkerHost.StartAsync("first", kafka.BootstrapServers, topic, group, log, behavior, output, Configure, Services);
        await Eventually.HoldsAsync(() => log.Count >= 600, "the first consumer is well under way");

        // Scale out one consumer at a time, for the same reason as the partition count above.
        var scaleOut = DateTime.UtcNow;
        var second = await WorkerHost.StartAsync("second", kafka.BootstrapServers, topic, group, log, behavior, output, Configure, Services);
        // Taken over once it holds partitions: on a loaded machine the previous owner may have drained them by then, so a
        // count of messages the new member handled is no condition to wait for.
        await Eventually.HoldsAsync(() => second.AssignedPartitions > 0, "the second consumer took over partitions");
        var third = await WorkerHost.StartAsync("third", kafka.BootstrapServers, topic, group, log, behavior, output, Configure, Services);
        await Eventually.HoldsAsync(() => third.AssignedPartitions > 0, "the third consumer took over partitions");

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
        output.WriteLine($"{assignor ?? "KIP-848"}: partitions retained by the first consumer: [{string.Join(",", retained)}]; longest processing gap on them from scale-out to the end: {gap.TotalMilliseconds:F0} ms");
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

    private sealed record ScaleRun(ProcessedLog Log, IReadOnlyList<int> Retained, TimeSpan Gap);
}
