using Confluent.Kafka;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Runtime;

[Collection(KafkaCollection.Name)]
public sealed class GracefulShutdownTests(KafkaFixture kafka, ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_mid_stream_then_restarting_handles_every_message_exactly_once()
    {
        const int total = 5_000;
        var topic = await kafka.CreateTopicAsync(partitions: 6);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, total);
        // Handlers take 1 to 20 ms, varying by offset.
        var behavior = HandlerBehavior.Delay(m => TimeSpan.FromMilliseconds(1 + (m.Offset % 20)));
        void Configure(KafkaWorkerOptions o)
        {
            o.MaxConcurrency = 12;
            o.Ordering = KafkaOrdering.Key;
            o.CommitInterval = TimeSpan.FromSeconds(30);
        }

        var first = await WorkerHost.StartAsync("first", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => log.Count >= 1_000, "the first host handled 1 000 messages");
        var shutdown = await first.StopAsync();
        first.Host.Dispose();
        var handledByFirst = log.Entries;
        output.WriteLine($"first host handled {handledByFirst.Count} messages; shutdown took {shutdown.TotalMilliseconds:F0} ms");

        // Commits happen only at shutdown here (the interval is 30 s): exactly what completed, contiguously, was committed.
        var committed = await kafka.Client.GetCommittedOffsetsAsync(group, topic);
        foreach (var (partition, offset) in committed)
        {
            var done = handledByFirst.Where(e => e.Partition == partition).Select(e => e.Offset).ToHashSet();
            var contiguous = 0L;
            while (done.Contains(contiguous))
            {
                contiguous++;
            }

            Assert.Equal(contiguous == 0 ? -1 : contiguous, offset);
        }

        await using var second = await WorkerHost.StartAsync("second", kafka.BootstrapServers, topic, group, log, behavior, output, Configure);
        await Eventually.HoldsAsync(() => log.DistinctCount() == total, "all 5 000 messages were handled");
        await second.StopAsync();

        Assert.Empty(log.Duplicates());
        Assert.Equal(total, log.Count);
        // How long the stop took is reported above, not asserted: timing belongs in the benchmarks.
    }

    [InProcessClusterFact]
    public async Task A_final_commit_refused_for_an_old_generation_is_made_good_before_the_worker_leaves_and_nothing_is_redone()
    {
        await using var broker = await PrivateCluster.StartAsync("orders", partitions: 2, messages: 200);
        var (cluster, client) = (broker.Cluster, broker.Client);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        // No background commit: the stop's own commit is the only one.
        void Configure(KafkaWorkerOptions o) => o.CommitInterval = TimeSpan.FromMinutes(10);

        var first = await WorkerHost.StartAsync("first", cluster.BootstrapServers, "orders", group, log, new HandlerBehavior(), output, Configure);
        await Eventually.HoldsAsync(() => log.Count == 200, "the first host handled everything");
        // What a real broker answers to a commit of the generation before a join that started meanwhile.
        cluster.InjectRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.IllegalGeneration);
        await first.StopAsync();
        first.Host.Dispose();

        Assert.True(first.Logs.Contains(LogLevel.Warning, "could not commit"), "the stop's commit was refused");
        Assert.Equal(await client.GetHighWatermarksAsync("orders"), await client.GetCommittedOffsetsAsync(group, "orders"));
        await client.ProduceAsync("orders", 2);
        await using var second = await WorkerHost.StartAsync("second", cluster.BootstrapServers, "orders", group, log, new HandlerBehavior(), output, Configure);
        await Eventually.HoldsAsync(() => log.Count >= 202, "the second host handled the new messages");
        Assert.Empty(log.Duplicates());
    }

    [Fact]
    public async Task Handlers_still_running_at_the_shutdown_deadline_are_cancelled_and_not_committed()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 3);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new HandlerBehavior
        {
            BeforeAsync = async (m, ct) =>
            {
                if (m.Offset == 1)
                {
                    started.TrySetResult();
                    // Not disposed: when the delay's continuation runs first and unwinds the handler, disposing the
                    // registration would remove this callback before the token reaches it.
                    ct.Register(() => cancelled.TrySetResult());
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };

        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output,
            o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300));
        await started.Task.WaitAsync(Eventually.DefaultTimeout);
        var shutdown = await host.StopAsync();
        host.Host.Dispose();

        // The token is cancelled at the deadline, on the worker's poll thread, before the stop returns.
        Assert.True(cancelled.Task.IsCompleted, "the handler's token was cancelled at the deadline");
        Assert.Equal(new Dictionary<int, long> { [0] = 1 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        output.WriteLine($"shutdown with a hung handler took {shutdown.TotalMilliseconds:F0} ms (deadline 300 ms)");
    }
}
