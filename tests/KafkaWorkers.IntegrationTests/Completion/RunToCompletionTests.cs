using Confluent.Kafka;
using KafkaWorkers.Failures;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Completion;

[Collection(KafkaCollection.Name)]
public sealed class RunToCompletionTests(KafkaFixture kafka, ITestOutputHelper output) : IDisposable
{
    public void Dispose() => Environment.ExitCode = 0;

    [Fact]
    public async Task A_single_message_run_handles_and_commits_exactly_one_and_ten_runs_handle_ten()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 10);

        for (var run = 1; run <= 10; run++)
        {
            await using var host = await StartRunAsync($"run{run}", topic, group, log, KafkaCompletion.SingleMessage());
            await host.WaitForSelfStopAsync();

            Assert.Equal(run, log.Count);
            Assert.Equal(new Dictionary<int, long> { [0] = run }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
            Assert.Equal(KafkaWorkerExitCodes.Success, Environment.ExitCode);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), log.Entries.Select(e => e.Offset));
    }

    [Fact]
    public async Task Three_concurrent_runs_drain_six_partitions_exactly_once_and_each_exits_soon_after()
    {
        const int total = 3_000;
        // Generous: the three runs join at once, and on a loaded machine a classic rebalance of the in-process cluster
        // (which waits for members up to their session timeout) can keep a run without messages for several seconds.
        var idle = TimeSpan.FromSeconds(15);
        var topic = await kafka.CreateTopicAsync(partitions: 6);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, total);

        var refused = new RefusedCommits();
        var hosts = await Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            StartRunAsync($"run{i}", topic, group, log, KafkaCompletion.UntilDrained(idleTimeout: idle), HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(1)),
                services: services => services.AddSingleton<ILoggerProvider>(refused))));
        var stopped = await Task.WhenAll(hosts.Select(h => h.WaitForSelfStopAsync(TimeSpan.FromMinutes(2))));
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        var drainedAt = log.Entries.Max(e => e.At);
        output.WriteLine($"drained at {drainedAt:HH:mm:ss.fff}; runs exited {string.Join(", ", stopped.Select(s => $"{(s - drainedAt).TotalMilliseconds:F0} ms"))} after; handled per run: {string.Join(", ", log.Entries.GroupBy(e => e.Host).Select(g => $"{g.Key}={g.Count()}"))}");
        Assert.Equal(total, log.DistinctCount());
        // Three runs join at once: on the in-process cluster the classic coordinator may refuse a revoking run's commit
        // while the others join (docs/testing.md), and only what that commit held may be redone; on Kafka, nothing.
        refused.AssertRedoneOnlyWhereACommitWasRefused(log, output);
        Assert.Equal(KafkaWorkerExitCodes.Success, Environment.ExitCode);
        Assert.All(stopped, s => Assert.True(s - drainedAt <= idle + TimeSpan.FromSeconds(2), $"a run exited {(s - drainedAt).TotalMilliseconds:F0} ms after the topic was drained"));
        // A run ends only once its work is committed (a commit refused during another run's rebalance is retried).
        Assert.Equal(await kafka.Client.GetHighWatermarksAsync(topic), await kafka.Client.GetCommittedOffsetsAsync(group, topic));
    }

    [Fact]
    public async Task Messages_produced_while_a_run_drains_beyond_its_snapshot_are_left_for_the_next_run()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 100);

        await using (var first = await StartRunAsync("first", topic, group, log, KafkaCompletion.UntilDrained(), HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(10))))
        {
            await Eventually.HoldsAsync(() => log.Count >= 20, "the first run is under way");
            await kafka.Client.ProduceAsync(topic, 50, i => new() { Key = "late", Value = $"late-{i}" });
            await first.WaitForSelfStopAsync();
        }

        Assert.Equal(100, log.Count);
        Assert.Equal(new Dictionary<int, long> { [0] = 100 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));

        await using var second = await StartRunAsync("second", topic, group, log, KafkaCompletion.UntilDrained());
        await second.WaitForSelfStopAsync();
        Assert.Equal(150, log.Count);
        Assert.Equal(50, log.Entries.Count(e => e.Host == "second" && e.Key == "late"));
    }

    [Fact]
    public async Task A_failed_handler_ends_the_run_with_a_non_zero_code_and_the_next_run_handles_its_message()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 5);
        var failing = new HandlerBehavior { BeforeAsync = (m, _) => m.Offset == 2 ? throw new InvalidOperationException("boom") : Task.CompletedTask };

        // Under the stop policy; the default policy would dead-letter the message and go on.
        await using (var first = await StartRunAsync("first", topic, group, log, KafkaCompletion.UntilDrained(), failing, o =>
        {
            o.Failure.FinalAction = KafkaFailureAction.Stop;
            o.Failure.MaxAttempts = 1;
        }))
        {
            await first.WaitForSelfStopAsync();
        }

        Assert.Equal(KafkaWorkerExitCodes.HandlerFailed, Environment.ExitCode);
        Assert.Equal(new Dictionary<int, long> { [0] = 2 }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));

        Environment.ExitCode = 0;
        await using var second = await StartRunAsync("second", topic, group, log, KafkaCompletion.UntilDrained());
        await second.WaitForSelfStopAsync();
        Assert.Equal(KafkaWorkerExitCodes.Success, Environment.ExitCode);
        Assert.Equal([2L, 3L, 4L], log.Entries.Where(e => e.Host == "second").Select(e => e.Offset));
    }

    [Fact]
    public async Task A_run_that_gets_no_partition_exits_with_success_within_the_start_timeout()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 1_000);
        await using var busy = await StartRunAsync("busy", topic, group, log, KafkaCompletion.UntilDrained(), HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(20)));
        await Eventually.HoldsAsync(() => log.Count > 0, "the first run holds the only partition");

        var start = DateTime.UtcNow;
        var startTimeout = TimeSpan.FromSeconds(3);
        await using var idle = await StartRunAsync("idle", topic, group, log, new KafkaCompletionOptions { UntilDrained = true, StartTimeout = startTimeout });
        var stoppedAt = await idle.WaitForSelfStopAsync();

        output.WriteLine($"the run without partitions exited after {(stoppedAt - start).TotalMilliseconds:F0} ms (start timeout {startTimeout.TotalMilliseconds} ms)");
        Assert.DoesNotContain(log.Entries, e => e.Host == "idle");
        Assert.Equal(KafkaWorkerExitCodes.Success, Environment.ExitCode);
        Assert.True(stoppedAt - start < startTimeout + TimeSpan.FromSeconds(15), "the run exited promptly after its start timeout");
    }

    [Theory]
    [InlineData(false, KafkaWorkerExitCodes.Success)]
    [InlineData(true, KafkaWorkerExitCodes.Timeout)]
    public async Task The_maximum_duration_ends_the_run_after_in_flight_work_finishes_and_is_committed(bool untilDrained, int exitCode)
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        await kafka.Client.ProduceAsync(topic, 100);
        // Long enough for the first message to start on a loaded machine (joining, and for UntilDrained reading the end
        // offsets, took up to a second there), short enough that one partition at 200 ms a message (about 25 in 5 s) is
        // far from drained.
        var completion = new KafkaCompletionOptions { MaxDuration = TimeSpan.FromSeconds(5), UntilDrained = untilDrained };

        await using var host = await StartRunAsync("a", topic, group, log, completion, HandlerBehavior.Delay(_ => TimeSpan.FromMilliseconds(200)));
        await host.WaitForSelfStopAsync();

        Assert.InRange(log.Count, 1, 50);
        Assert.Equal(new Dictionary<int, long> { [0] = log.Count }, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        Assert.Equal(exitCode, Environment.ExitCode);
    }

    [InProcessClusterFact]
    public async Task A_failing_read_of_the_end_offsets_at_assignment_is_retried_and_the_run_drains()
    {
        await using var broker = await PrivateCluster.StartAsync("reports", partitions: 2, messages: 20);
        var (cluster, client) = (broker.Cluster, broker.Client);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        // The end offsets of the assigned partitions cannot be read at first (the run used to read them inside the
        // assign callback, where a failure threw out of Consume and failed the worker).
        cluster.InjectRequestErrors(KafkaApiKey.ListOffsets, Enumerable.Repeat(ErrorCode.Unknown, 6).ToArray());

        await using (var host = await StartRunAsync("run", "reports", group, log, KafkaCompletion.UntilDrained(), bootstrapServers: cluster.BootstrapServers))
        {
            await host.WaitForSelfStopAsync();
        }

        Assert.Equal(KafkaWorkerExitCodes.Success, Environment.ExitCode);
        Assert.Equal(20, log.Count);
        Assert.Empty(log.Duplicates());
        Assert.Equal(await client.GetHighWatermarksAsync("reports"), await client.GetCommittedOffsetsAsync(group, "reports"));
    }

    [InProcessClusterFact]
    public async Task A_parked_partition_that_is_lost_and_assigned_again_is_fetched_again_and_the_run_drains_without_an_idle_timeout()
    {
        await using var broker = await PrivateCluster.StartAsync("reports", partitions: 1, messages: 10);
        var (cluster, client) = (broker.Cluster, broker.Client);
        var group = KafkaFixture.NewGroupId();
        var log = new ProcessedLog();
        var lastStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        // The first delivery of the run's last message waits until the partition is lost (its token is cancelled), so
        // the run is not done when the message beyond its end offset parks the partition.
        var behavior = new HandlerBehavior
        {
            BeforeAsync = async (m, ct) =>
            {
                if (m.Offset == 9 && Interlocked.Increment(ref calls) == 1)
                {
                    lastStarted.TrySetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };
        using var rebalances = new MetricRecorder(KafkaWorkersTelemetry.RebalanceEvents);

        await using var host = await StartRunAsync("run", "reports", group, log, KafkaCompletion.UntilDrained(), behavior, o => o.CommitInterval = TimeSpan.FromMilliseconds(100),
            bootstrapServers: cluster.BootstrapServers);
        await lastStarted.Task.WaitAsync(Eventually.DefaultTimeout);
        // Produced after the run read its end offset (10): offset 10 is fetched and parks the partition.
        await client.ProduceAsync("reports", 5, i => new() { Key = "late", Value = $"late-{i}" });
        await Eventually.HoldsAsync(() => host.Logs.Contains(Microsoft.Extensions.Logging.LogLevel.Debug, "parked"), "the partition was parked");

        // The coordinator forgets the member: the partition is lost, then assigned to the same worker again, with a new
        // end offset (15) that it can only reach if the partition is fetched again.
        cluster.InjectRequestErrors(KafkaApiKey.Heartbeat, ErrorCode.UnknownMemberId);
        await Eventually.HoldsAsync(() => rebalances.Sum("kafkaworkers.rebalance.kind", "lost") >= 1, "the partition was lost");
        await host.WaitForSelfStopAsync();

        Assert.Equal(KafkaWorkerExitCodes.Success, Environment.ExitCode);
        Assert.Equal(15, log.DistinctCount());
        Assert.Equal(new Dictionary<int, long> { [0] = 15 }, await client.GetCommittedOffsetsAsync(group, "reports"));
    }

    private Task<WorkerHost> StartRunAsync(
        string name, string topic, string group, ProcessedLog log, KafkaCompletionOptions completion, HandlerBehavior? behavior = null,
        Action<KafkaWorkerOptions>? configure = null, string? bootstrapServers = null, Action<IServiceCollection>? services = null) =>
        WorkerHost.StartAsync(name, bootstrapServers ?? kafka.BootstrapServers, topic, group, log, behavior ?? new HandlerBehavior(), output, o =>
        {
            o.Completion = completion;
            o.MaxConcurrency = 4;
            // Short sessions: runs join and leave the group one after another.
            o.Consumer["session.timeout.ms"] = KafkaFixture.ShortSessionTimeoutMs;
            o.Consumer["heartbeat.interval.ms"] = "300";
            configure?.Invoke(o);
        }, services);
}
