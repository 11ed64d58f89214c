using KafkaWorkers.Failures;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Sharing;
using static KafkaWorkers.IntegrationTests.Sharing.ShareScenario;

namespace KafkaWorkers.IntegrationTests.Sharing;

/// <summary>
/// Share-group workers (preview) on a private in-process cluster. The mock's own assignor gives a partition to one
/// member only, so tests with several members assign every partition to every member explicitly, as Kafka does.
/// </summary>
public sealed class ShareWorkerTests(ITestOutputHelper output)
{
    [InProcessClusterFact]
    public async Task One_share_worker_handles_every_record_once_with_delivery_count_one()
    {
        await using var test = await StartAsync(records: 50);
        using var refused = new RefusedAcknowledgements();

        await using (var host = await test.StartHostAsync("a", new ShareBehavior(), output))
        {
            await Eventually.HoldsAsync(() => test.Log.Handled.Select(d => d.Offset).Distinct().Count() >= 50, "every record was handled");
        }

        refused.AssertHandledOnceExceptAfterRefusals(test.Log.Handled, d => d.Offset, Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [InProcessClusterFact]
    public async Task Four_members_in_two_hosts_share_one_partition_and_accept_every_record_exactly_once()
    {
        await using var test = await StartAsync();
        var behavior = new ShareBehavior { HandleAsync = (_, ct) => Task.Delay(2, ct) };
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);
        using var members = new MetricRecorder(KafkaShareTelemetry.Members);
        using var busy = new MetricRecorder(KafkaShareTelemetry.BusyMembers);
        using var refused = new RefusedAcknowledgements();
        await using var a = await test.StartHostAsync("a", behavior, output, o => o.MaxConcurrency = 2);
        await using var b = await test.StartHostAsync("b", behavior, output, o => o.MaxConcurrency = 2);
        await test.Cluster.ShareAmongAsync(Group, Topic, members: 4);

        await test.ProduceAsync(600);
        await Eventually.HoldsAsync(() => test.Log.Handled.Select(d => d.Offset).Distinct().Count() >= 600, "every record was handled");
        await a.StopAsync();
        await b.StopAsync();

        var handled = test.Log.Handled;
        output.WriteLine(string.Join(", ", handled.GroupBy(d => d.Member).Select(g => $"{g.Key}: {g.Count()}")));
        refused.AssertHandledOnceExceptAfterRefusals(handled, d => d.Offset, Enumerable.Range(0, 600).Select(i => (long)i));
        Assert.Equal(["a", "b"], handled.Select(d => d.Host).Distinct().Order());
        Assert.Equal(handled.Count, Sum(acknowledged, "accept"));
        Assert.Equal(0, Sum(acknowledged, "release"));
        Assert.Equal(4, members.Measurements.Count(m => m.Value > 0));
        Assert.Equal(0, members.Measurements.Sum(m => m.Value));
        Assert.Equal(0, busy.Measurements.Sum(m => m.Value));
        Assert.True(busy.Measurements.Count(m => m.Value > 0) >= 600, "every handler call counted its member busy");
    }

    [InProcessClusterFact]
    public async Task A_retriable_failure_releases_the_record_and_the_broker_redelivers_it_with_a_higher_delivery_count()
    {
        await using var test = await StartAsync(records: 5);
        var behavior = Failing(m => m.Offset == 3 && m.DeliveryCount == 1, () => new TimeoutException("flaky"));
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);
        using var refused = new RefusedAcknowledgements();

        await using (var host = await test.StartHostAsync("a", behavior, output))
        {
            await Eventually.HoldsAsync(() => test.Log.Handled.Select(d => d.Offset).Distinct().Count() >= 5, "every record was handled");
        }

        Assert.Equal([1, 2], DeliveryCounts(test, 3).Take(2));
        Assert.Contains(test.Log.Handled, d => d.Offset == 3 && d.DeliveryCount >= 2);
        refused.AssertHandledOnceExceptAfterRefusals([.. test.Log.Handled.Where(d => d.Offset != 3)], d => d.Offset, [0L, 1, 2, 4]);
        Assert.Equal(test.Log.Handled.Count, Sum(acknowledged, "accept"));
        // Record 3 fails on its first delivery only: whatever the cluster refused, it is released once.
        Assert.Equal(1, Sum(acknowledged, "release"));
    }

    [InProcessClusterFact]
    public async Task A_permanent_failure_with_no_dead_letter_topic_rejects_the_record_and_it_is_never_delivered_again()
    {
        await using var test = await StartAsync(records: 5);
        var behavior = Failing(m => m.Offset == 2, () => new PermanentException("order 2 is invalid"));
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);
        using var refused = new RefusedAcknowledgements();

        await using var host = await test.StartHostAsync("a", behavior, output, o => o.Failure.FinalAction = KafkaFailureAction.Skip);
        await Eventually.HoldsAsync(() => test.Log.Handled.Select(d => d.Offset).Distinct().Count() >= 4, "the other records were handled");
        await HandledAfterAsync(test, offset: 5);

        Assert.Equal(0, Sum(acknowledged, "release"));
        Assert.Equal(test.Log.Calls(2), Sum(acknowledged, "reject"));
        refused.AssertHandledOnceExceptAfterRefusals(test.Log.Handled, d => d.Offset, [0L, 1, 3, 4, 5]);
        if (refused.Count == 0)
        {
            Assert.Equal(1, test.Log.Calls(2));
        }
        else
        {
            // Only a refused acknowledgement brings a rejected record back, and then with a higher delivery count.
            Assert.Equal(1, test.Log.Entries.Count(d => d.Offset == 2 && d.DeliveryCount == 1));
        }
    }

    [InProcessClusterFact]
    public async Task A_record_that_keeps_failing_is_dead_lettered_at_its_last_attempt_then_accepted()
    {
        await using var test = await StartAsync(records: 3);
        test.Cluster.CreateTopic(Topic + ".dlq");
        var behavior = Failing(m => m.Offset == 1, () => new InvalidOperationException("broken"));

        await using var host = await test.StartHostAsync("a", behavior, output, o => o.Failure.MaxAttempts = 2);
        await Eventually.HoldsAsync(async () => (await test.Client.ReadAllAsync(Topic + ".dlq")).Count >= 1, "the failing record was dead-lettered");
        await HandledAfterAsync(test, offset: 3);

        Assert.Equal([1, 2], DeliveryCounts(test, 1).Take(2));
        // At least once: if the acknowledgement of the dead-lettered record is lost (the mock sometimes answers
        // SHARE_SESSION_NOT_FOUND while the client replaces its bootstrap connection), it is dead-lettered again.
        var records = await test.Client.ReadAllAsync(Topic + ".dlq");
        Assert.All(records, r => Assert.Equal("1", DeadLetters.Header(r, KafkaDeadLetterHeaders.Offset)));
        Assert.Equal("2", DeadLetters.Header(records[0], KafkaDeadLetterHeaders.Attempts));
        Assert.DoesNotContain(test.Log.Handled, d => d.Offset == 1);
    }

    [InProcessClusterFact]
    public async Task The_broker_delivery_limit_archives_a_record_released_that_many_times()
    {
        await using var test = await StartAsync(records: 3);
        test.Cluster.SetShareGroupMaxDeliveryAttempts(2);
        var behavior = Failing(m => m.Offset == 1, () => new TimeoutException("down"));

        await using var host = await test.StartHostAsync("a", behavior, output, o => o.Failure.MaxAttempts = 10);
        await Eventually.HoldsAsync(() => test.Log.Calls(1) >= 2 && test.Log.Handled.Count >= 2, "the record was delivered twice");
        await HandledAfterAsync(test, offset: 3);

        Assert.Equal([1, 2], DeliveryCounts(test, 1));
    }

    [InProcessClusterFact]
    public async Task A_graceful_stop_finishes_the_running_handler_and_releases_records_not_started_so_another_worker_gets_them_at_once()
    {
        await using var test = await StartAsync(records: 0);
        // Records left locked would come back only after five minutes: within the test they come back only if released.
        test.Cluster.SetShareGroupRecordLockDuration(TimeSpan.FromMinutes(5));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new ShareBehavior
        {
            HandleAsync = async (m, _) =>
            {
                if (m.Offset < Settling)
                {
                    return;
                }

                started.TrySetResult();
                await gate.Task;
            },
        };
        using var acknowledged = new MetricRecorder(KafkaShareTelemetry.Acknowledged);

        var a = await test.StartHostAsync("a", first, output);
        // a's first acknowledgements, which the in-process cluster may refuse (docs/testing.md), are of records handled
        // one by one before the test's ten: those a stops with.
        for (var offset = 0L; offset < Settling; offset++)
        {
            await HandledAfterAsync(test, offset);
        }

        var releasedBefore = Sum(acknowledged, "release");
        await test.ProduceAsync(10);
        await started.Task.WaitAsync(Eventually.DefaultTimeout);
        var stopping = a.StopAsync();
        await Eventually.HoldsAsync(() => a.Worker.Stopping.IsCancellationRequested, "the worker stopped polling");
        gate.SetResult();
        await stopping;
        a.Host.Dispose();
        var releasedByA = Sum(acknowledged, "release") - releasedBefore;

        await using var b = await test.StartHostAsync("b", new ShareBehavior(), output);
        await Eventually.HoldsAsync(() => test.Log.Handled.Select(d => d.Offset).Distinct().Count() >= Settling + 10, "every record was handled");

        var handled = test.Log.Handled.Where(d => d.Offset >= Settling).ToList();
        Assert.Single(handled, d => d.Host == "a");
        Assert.Equal(Enumerable.Range((int)Settling, 10).Select(i => (long)i), handled.Select(d => d.Offset).Order());
        Assert.True(releasedByA >= 1, "a released the records it had acquired and not started");
        Assert.Equal(releasedByA, handled.Count(d => d.Host == "b" && d.DeliveryCount == 2));
    }

    [InProcessClusterFact]
    public async Task An_acknowledgement_after_the_lock_expired_fails_for_its_partition_is_counted_and_the_worker_goes_on()
    {
        await using var test = await StartAsync(records: 0);
        test.Cluster.SetShareGroupRecordLockDuration(TimeSpan.FromMilliseconds(500));
        // Record 0 is handled at once; every later record outlives its lock on its first delivery.
        var behavior = new ShareBehavior { HandleAsync = (m, ct) => m.Offset > 0 && m.DeliveryCount == 1 ? Task.Delay(TimeSpan.FromSeconds(3), ct) : Task.CompletedTask };
        using var failures = new MetricRecorder(KafkaShareTelemetry.AcknowledgementFailures);

        await using var host = await test.StartHostAsync("a", behavior, output);
        // Connections settled first: the mock answers SHARE_SESSION_NOT_FOUND to acknowledgements sent while the client
        // replaces its bootstrap connection (docs/testing.md), which would hide the answer this test is about.
        await HandledAfterAsync(test, offset: 0);
        for (var offset = 1L; offset <= 3 && !FailedWith(failures, "INVALID_RECORD_STATE"); offset++)
        {
            await test.ProduceAsync(1);
            var record = offset;
            await Eventually.HoldsAsync(() => test.Log.Handled.Any(d => d.Offset == record && d.DeliveryCount >= 2), $"record {record} came back after its lock expired and was handled");
            await Eventually.HoldsAsync(() => failures.Measurements.Count >= 1, "the late acknowledgement failed");
        }

        Assert.True(FailedWith(failures, "INVALID_RECORD_STATE"), "a late acknowledgement failed with INVALID_RECORD_STATE for its partition");
        Assert.All(failures.Measurements, m => Assert.Contains(m.Tags.GetValueOrDefault("error.type") as string, new[] { "INVALID_RECORD_STATE", "SHARE_SESSION_NOT_FOUND" }));
        await HandledAfterAsync(test, offset: test.Log.Handled.Max(d => d.Offset) + 1);
        Assert.False(host.Worker.Completion.IsFaulted);
    }

    /// <summary>How many records a host handles one by one before a test's own, to get its first acknowledgements done.</summary>
    private const long Settling = 2;

    private static bool FailedWith(MetricRecorder failures, string error) =>
        failures.Measurements.Any(m => Equals(m.Tags.GetValueOrDefault("error.type"), error));

    private static ShareBehavior Failing(Func<KafkaMessage<string, string>, bool> fails, Func<Exception> error) =>
        new() { HandleAsync = (m, _) => fails(m) ? throw error() : Task.CompletedTask };

    private static IEnumerable<int> DeliveryCounts(ShareScenario test, long offset) =>
        test.Log.Entries.Where(d => d.Offset == offset).Select(d => d.DeliveryCount);

    private static double Sum(MetricRecorder acknowledged, string type) => acknowledged.Sum(KafkaShareTelemetry.AcknowledgementTag, type);

    /// <summary>Produces one more record and waits until it was handled: whatever was to be redelivered before it came by then.</summary>
    private static async Task HandledAfterAsync(ShareScenario test, long offset)
    {
        await test.ProduceAsync(1);
        await Eventually.HoldsAsync(() => test.Log.Handled.Any(d => d.Offset == offset), $"record {offset}, produced last, was handled");
    }
}
