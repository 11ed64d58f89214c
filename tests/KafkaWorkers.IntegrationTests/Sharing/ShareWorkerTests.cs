using Confluent.Kafka;
using KafkaWorkers.Failures;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Sharing;
using KafkaWorkers.Testing;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>
/// Share-group workers (preview) on a private in-process cluster. The mock's own assignor gives a partition to one
/// member only, so tests with several members assign every partition to every member explicitly, as Kafka does.
/// </summary>
public sealed class ShareWorkerTests(ITestOutputHelper output)
{
    private const string Topic = "orders";
    private const string Group = "share-group";

    [InProcessClusterFact]
    public async Task One_share_worker_handles_every_record_once_with_delivery_count_one()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        await client.ProduceAsync(Topic, 50);
        var log = new ShareLog();

        await using (var host = await ShareHost.StartAsync("a", cluster, Topic, Group, log, new ShareBehavior(), output))
        {
            await Eventually.HoldsAsync(() => log.Handled.Count >= 50, "every record was handled");
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), log.Handled.Select(d => d.Offset).Order());
        Assert.All(log.Handled, d => Assert.Equal(1, d.DeliveryCount));
    }

    [InProcessClusterFact]
    public async Task Four_members_in_two_hosts_share_one_partition_and_accept_every_record_exactly_once()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        var log = new ShareLog();
        var behavior = new ShareBehavior { HandleAsync = (_, ct) => Task.Delay(2, ct) };
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);
        await using var a = await ShareHost.StartAsync("a", cluster, Topic, Group, log, behavior, output, o => o.MaxConcurrency = 2);
        await using var b = await ShareHost.StartAsync("b", cluster, Topic, Group, log, behavior, output, o => o.MaxConcurrency = 2);
        await cluster.ShareAmongAsync(Group, Topic, members: 4);

        await client.ProduceAsync(Topic, 600);
        await Eventually.HoldsAsync(() => log.Handled.Count >= 600, "every record was handled");
        await a.StopAsync();
        await b.StopAsync();

        output.WriteLine(string.Join(", ", log.Handled.GroupBy(d => d.Member).Select(g => $"{g.Key}: {g.Count()}")));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => (long)i), log.Handled.Select(d => d.Offset).Order());
        Assert.Equal(["a", "b"], log.Handled.Select(d => d.Host).Distinct().Order());
        Assert.Equal(600, acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "accept"));
        Assert.Equal(0, acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "release"));
    }

    [InProcessClusterFact]
    public async Task A_retriable_failure_releases_the_record_and_the_broker_redelivers_it_with_a_higher_delivery_count()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        await client.ProduceAsync(Topic, 5);
        var log = new ShareLog();
        var behavior = new ShareBehavior
        {
            HandleAsync = (m, _) => m.Offset == 3 && m.DeliveryCount == 1 ? throw new TimeoutException("flaky") : Task.CompletedTask,
        };
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);

        await using (var host = await ShareHost.StartAsync("a", cluster, Topic, Group, log, behavior, output))
        {
            await Eventually.HoldsAsync(() => log.Handled.Count >= 5, "every record was handled");
        }

        Assert.Equal([1, 2], log.Entries.Where(d => d.Offset == 3).Select(d => d.DeliveryCount));
        Assert.Equal([0L, 1, 2, 3, 4], log.Handled.Select(d => d.Offset).Order());
        Assert.Equal(1, acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "release"));
        Assert.Equal(5, acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "accept"));
    }

    [InProcessClusterFact]
    public async Task A_permanent_failure_with_no_dead_letter_topic_rejects_the_record_and_it_is_never_delivered_again()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        await client.ProduceAsync(Topic, 5);
        var log = new ShareLog();
        var behavior = new ShareBehavior
        {
            HandleAsync = (m, _) => m.Offset == 2 ? throw new PermanentException("order 2 is invalid") : Task.CompletedTask,
        };
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);

        await using var host = await ShareHost.StartAsync("a", cluster, Topic, Group, log, behavior, output, o => o.Failure.FinalAction = KafkaFailureAction.Skip);
        await Eventually.HoldsAsync(() => log.Handled.Count >= 4, "the other records were handled");
        await client.ProduceAsync(Topic, 1);
        await Eventually.HoldsAsync(() => log.Handled.Any(d => d.Offset == 5), "a record produced after the rejection was handled");

        Assert.Equal(1, log.Calls(2));
        Assert.Equal(1, acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "reject"));
        Assert.Equal(0, acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "release"));
    }

    [InProcessClusterFact]
    public async Task A_record_that_keeps_failing_is_dead_lettered_at_its_last_attempt_then_accepted()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        cluster.CreateTopic(Topic + ".dlq");
        await client.ProduceAsync(Topic, 3);
        var log = new ShareLog();
        var behavior = new ShareBehavior { HandleAsync = (m, _) => m.Offset == 1 ? throw new InvalidOperationException("broken") : Task.CompletedTask };

        await using var host = await ShareHost.StartAsync("a", cluster, Topic, Group, log, behavior, output, o => o.Failure.MaxAttempts = 2);
        await Eventually.HoldsAsync(async () => (await client.ReadAllAsync(Topic + ".dlq")).Count >= 1, "the failing record was dead-lettered");
        await client.ProduceAsync(Topic, 1);
        await Eventually.HoldsAsync(() => log.Handled.Any(d => d.Offset == 3), "a later record was handled");

        Assert.Equal([1, 2], log.Entries.Where(d => d.Offset == 1).Select(d => d.DeliveryCount).Take(2));
        // At least once: if the acknowledgement of the dead-lettered record is lost (the mock sometimes answers
        // SHARE_SESSION_NOT_FOUND), the record comes back and is dead-lettered again.
        var records = await client.ReadAllAsync(Topic + ".dlq");
        Assert.All(records, r => Assert.Equal("1", DeadLetters.Header(r, KafkaDeadLetterHeaders.Offset)));
        Assert.Equal("2", DeadLetters.Header(records[0], KafkaDeadLetterHeaders.Attempts));
        Assert.DoesNotContain(log.Handled, d => d.Offset == 1);
    }

    [InProcessClusterFact]
    public async Task The_broker_delivery_limit_archives_a_record_released_that_many_times()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        cluster.SetShareGroupMaxDeliveryAttempts(2);
        await client.ProduceAsync(Topic, 3);
        var log = new ShareLog();
        var behavior = new ShareBehavior { HandleAsync = (m, _) => m.Offset == 1 ? throw new TimeoutException("down") : Task.CompletedTask };

        await using var host = await ShareHost.StartAsync("a", cluster, Topic, Group, log, behavior, output, o => o.Failure.MaxAttempts = 10);
        await Eventually.HoldsAsync(() => log.Calls(1) >= 2 && log.Handled.Count >= 2, "the record was delivered twice");
        await client.ProduceAsync(Topic, 1);
        await Eventually.HoldsAsync(() => log.Handled.Any(d => d.Offset == 3), "a later record was handled");

        Assert.Equal([1, 2], log.Entries.Where(d => d.Offset == 1).Select(d => d.DeliveryCount));
    }

    [InProcessClusterFact]
    public async Task A_graceful_stop_finishes_the_running_handler_and_releases_records_not_started_so_another_worker_gets_them_at_once()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        // Records left locked would come back only after five minutes: within the test they come back only if released.
        cluster.SetShareGroupRecordLockDuration(TimeSpan.FromMinutes(5));
        await client.ProduceAsync(Topic, 10);
        var log = new ShareLog();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new ShareBehavior
        {
            HandleAsync = async (_, _) =>
            {
                started.TrySetResult();
                await gate.Task;
            },
        };
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);

        var a = await ShareHost.StartAsync("a", cluster, Topic, Group, log, first, output);
        await started.Task.WaitAsync(Eventually.DefaultTimeout);
        var stopping = a.StopAsync();
        await Eventually.HoldsAsync(() => a.Worker.Stopping.IsCancellationRequested, "the worker stopped polling");
        gate.SetResult();
        await stopping;
        a.Host.Dispose();
        var releasedByA = acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, "release");

        await using var b = await ShareHost.StartAsync("b", cluster, Topic, Group, log, new ShareBehavior(), output);
        await Eventually.HoldsAsync(() => log.Handled.Count >= 10, "every record was handled");

        Assert.Single(log.Handled, d => d.Host == "a");
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), log.Handled.Select(d => d.Offset).Order());
        Assert.True(releasedByA >= 1, "a released the records it had acquired and not started");
        Assert.Equal(releasedByA, log.Handled.Count(d => d.Host == "b" && d.DeliveryCount == 2));
    }

    [InProcessClusterFact]
    public async Task An_acknowledgement_after_the_lock_expired_fails_for_its_partition_is_counted_and_the_worker_goes_on()
    {
        await using var cluster = StartWithTopic(out var client);
        using var _ = client;
        cluster.SetShareGroupRecordLockDuration(TimeSpan.FromMilliseconds(500));
        await client.ProduceAsync(Topic, 1);
        var log = new ShareLog();
        var behavior = new ShareBehavior { HandleAsync = (m, ct) => m.Offset == 0 && m.DeliveryCount == 1 ? Task.Delay(TimeSpan.FromSeconds(3), ct) : Task.CompletedTask };
        using var failures = new MetricRecorder(KafkaShareTelemetry.AcknowledgementFailures);

        await using var host = await ShareHost.StartAsync("a", cluster, Topic, Group, log, behavior, output);
        await Eventually.HoldsAsync(() => failures.Measurements.Count >= 1, "the late acknowledgement failed");
        await client.ProduceAsync(Topic, 1);
        await Eventually.HoldsAsync(() => log.Handled.Any(d => d.Offset == 0 && d.DeliveryCount >= 2) && log.Handled.Any(d => d.Offset == 1), "the worker went on");

        Assert.Contains(failures.Measurements, m => Equals(m.Tags.GetValueOrDefault("error.type"), "INVALID_RECORD_STATE"));
        Assert.False(host.Worker.Completion.IsFaulted);
    }

    private static KafkaTestCluster StartWithTopic(out KafkaTestClient client)
    {
        var cluster = ShareCluster.Start();
        cluster.CreateTopic(Topic);
        client = new KafkaTestClient(cluster.BootstrapServers);
        return cluster;
    }
}
