using System.Globalization;
using Confluent.Kafka;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Lag;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.IntegrationTests.Runtime;

/// <summary>
/// A topic written by a transactional producer: each transaction ends with a control record (the commit or abort marker)
/// in every partition it wrote to, an offset no consumer receives. A worker that drained it must commit the log end
/// offset, not "last handled + 1", or KEDA sees a lag of 1 per partition forever (kedacore/keda#5675).
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class TransactionalTopicTests(KafkaFixture kafka, ITestOutputHelper output)
{
    private const string Worker = "recording";

    /// <summary>A commit interval long enough that librdkafka commits nothing in the background during a test.</summary>
    private static readonly TimeSpan NoBackgroundCommit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Each_transaction_writes_a_control_record_after_its_records_in_the_partition_log()
    {
        // The premise of the other tests, on the in-process cluster as on Kafka: N records of a transaction take N + 1 offsets.
        var topic = await kafka.CreateTopicAsync(partitions: 1);

        var committed = await kafka.Client.ProduceTransactionAsync(topic, Messages("committed", 0, 5), commit: true);
        Assert.Equal([0L, 1, 2, 3, 4], committed.Select(r => r.Offset.Value));
        Assert.Equal(6, (await kafka.Client.GetHighWatermarksAsync(topic))[0]);

        var aborted = await kafka.Client.ProduceTransactionAsync(topic, Messages("aborted", 0, 3), commit: false);
        Assert.Equal([6L, 7, 8], aborted.Select(r => r.Offset.Value));
        Assert.Equal(10, (await kafka.Client.GetHighWatermarksAsync(topic))[0]);
    }

    [Fact]
    public async Task The_consumer_position_counts_what_Consume_returned_not_what_was_prefetched_and_passes_the_markers()
    {
        // What the worker relies on when it commits the position: librdkafka's position is the offset after the last
        // message Consume returned (or marker it skipped), never after a message it merely fetched ahead.
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        await kafka.Client.ProduceTransactionAsync(topic, Messages("committed-a", 0, 5), commit: true); // 0-4, marker 5
        await kafka.Client.ProduceTransactionAsync(topic, Messages("committed-b", 0, 3), commit: true); // 6-8, marker 9
        var partition = new TopicPartition(topic, 0);
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = KafkaFixture.NewGroupId(),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));

        var first = await Task.Run(() => consumer.Consume(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, first?.Offset.Value);
        // A fetch response arrived (its high watermark is cached): the rest of the log sits in librdkafka's queue.
        await Eventually.HoldsAsync(() => consumer.GetWatermarkOffsets(partition).High.Value == 10, "the consumer fetched the whole log");
        Assert.Equal(1, consumer.Position(partition).Value);

        var offsets = new List<long> { first!.Offset.Value };
        await Eventually.HoldsAsync(() =>
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                offsets.Add(result.Offset.Value);
            }

            return consumer.Position(partition).Value == 10;
        }, "the position reached the log end offset");
        Assert.Equal([0L, 1, 2, 3, 4, 6, 7, 8], offsets);

        // A partition assigned again starts without a position: nothing of the previous assignment carries over.
        consumer.IncrementalUnassign([partition]);
        consumer.IncrementalAssign([new TopicPartitionOffset(partition, 2)]);
        Assert.Equal(Offset.Unset, consumer.Position(partition));
    }

    [Fact]
    public async Task A_worker_that_drained_committed_and_aborted_transactions_commits_the_log_end_offsets_and_reports_no_lag()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 3);
        var group = KafkaFixture.NewGroupId();
        var expected = await ProduceTransactionsAsync(topic);
        var log = new ProcessedLog();

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output,
            o =>
            {
                o.MaxConcurrency = 4;
                o.CommitInterval = TimeSpan.FromMilliseconds(200);
            },
            s => s.AddKafkaLagMonitor(Worker, o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.Trigger.LagThreshold = 10;
                o.Trigger.OffsetResetPolicy = KedaOffsetResetPolicy.Earliest;
            }));
        var monitor = host.Host.Services.GetRequiredService<IKafkaLagMonitor>();
        var ends = await kafka.Client.GetHighWatermarksAsync(topic);

        // The periodic store: the running worker commits each partition at its log end offset, after the last marker.
        await Eventually.HoldsAsync(
            async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic)).SequenceEqual(ends),
            "the running worker committed every partition at its log end offset");
        await Eventually.HoldsAsync(
            () => monitor.GetSnapshot(Worker) is { TotalLag: 0, IsStale: false } snapshot && snapshot.Partitions.All(p => p.Offsets.CommittedOffset >= 0),
            "the lag monitor saw every partition committed with no lag");
        var snapshot = monitor.GetSnapshot(Worker)!;
        Assert.All(snapshot.Partitions, p => Assert.Equal((ends[p.Offsets.Partition], 0L), (p.Offsets.CommittedOffset, p.Lag)));
        Assert.Equal((0L, false, 0), (snapshot.MetricValue, snapshot.IsActive, snapshot.PredictedReplicas));

        await host.StopAsync();
        Assert.Equal(ends, await kafka.Client.GetCommittedOffsetsAsync(group, topic));
        AssertHandled(log, expected);
    }

    [Fact]
    public async Task The_final_commit_on_shutdown_is_at_the_log_end_offsets()
    {
        var run = await DrainAsync(partitions: 3, o => o.CommitInterval = NoBackgroundCommit);
        await using var host = run.Host;
        Assert.All((await kafka.Client.GetCommittedOffsetsAsync(run.Group, run.Topic)).Values, c => Assert.Equal(-1, c));

        await host.StopAsync();
        Assert.Equal(await kafka.Client.GetHighWatermarksAsync(run.Topic), await kafka.Client.GetCommittedOffsetsAsync(run.Group, run.Topic));
        AssertHandled(run.Log, run.Expected);
    }

    /// <remarks>
    /// KIP-848: the in-process cluster's classic coordinator refuses every commit while the group rebalances, the revoke
    /// commit included (docs/testing.md); its KIP-848 coordinator accepts commits of the current member epoch, as Kafka does.
    /// </remarks>
    [Kip848Fact]
    public async Task The_revoke_commit_is_at_the_log_end_offsets_of_the_partitions_given_up()
    {
        static void Configure(KafkaWorkerOptions o)
        {
            o.CommitInterval = NoBackgroundCommit;
            o.GroupProtocol = KafkaGroupProtocol.Consumer;
            o.Consumer.Remove("session.timeout.ms");
            o.Consumer.Remove("heartbeat.interval.ms");
        }

        var run = await DrainAsync(partitions: 4, Configure);
        await using var first = run.Host;
        var ends = await kafka.Client.GetHighWatermarksAsync(run.Topic);

        // The second member handles nothing and, with no background commit, commits nothing itself: what the group has
        // committed for the partitions it took over is what the first member committed when they were revoked.
        await using var second = await WorkerHost.StartAsync("b", kafka.BootstrapServers, run.Topic, run.Group, run.Log, new HandlerBehavior(), output, Configure);
        await Eventually.HoldsAsync(() => second.AssignedPartitions > 0 && first.AssignedPartitions < 4, "the second member took partitions over");
        var committed = await kafka.Client.GetCommittedOffsetsAsync(run.Group, run.Topic);
        Assert.All(committed, c => Assert.True(c.Value == -1 || c.Value == ends[c.Key], $"partition {c.Key}: committed {c.Value}, log end {ends[c.Key]}"));
        Assert.True(committed.Count(c => c.Value == ends[c.Key]) >= second.AssignedPartitions, "every partition given up is committed at its log end offset");

        await second.StopAsync();
        await first.StopAsync();
        Assert.Equal(ends, await kafka.Client.GetCommittedOffsetsAsync(run.Group, run.Topic));
        AssertHandled(run.Log, run.Expected);
    }

    [Fact]
    public async Task The_commit_stays_below_a_record_whose_handler_still_runs_after_the_consumer_skipped_the_marker()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        var group = KafkaFixture.NewGroupId();
        await kafka.Client.ProduceTransactionAsync(topic, Messages("committed", 0, 3), commit: true); // 0, 1, 2; marker at 3
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var behavior = new HandlerBehavior { BeforeAsync = (m, ct) => m.Offset == 2 ? gate.Task.WaitAsync(ct) : Task.CompletedTask };
        var log = new ProcessedLog();

        await using var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, behavior, output,
            o => o.CommitInterval = TimeSpan.FromMilliseconds(100));
        await Eventually.HoldsAsync(
            async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 2,
            "offsets 0 and 1 were committed while offset 2 is in flight");

        // The poll loop goes on calling Consume, which skips the marker: the position is 4 now. Ten commit intervals later
        // the commit point still stops before the record in flight.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0]);

        gate.SetResult();
        await Eventually.HoldsAsync(
            async () => (await kafka.Client.GetCommittedOffsetsAsync(group, topic))[0] == 4,
            "once offset 2 completed, the worker committed the log end offset");
        Assert.Equal([0L, 1, 2], log.Entries.Select(e => e.Offset).Order());
    }

    /// <summary>Writes committed and aborted transactions to a new topic and starts a worker that handles all it receives.</summary>
    private async Task<DrainedTopic> DrainAsync(int partitions, Action<KafkaWorkerOptions> configure)
    {
        var topic = await kafka.CreateTopicAsync(partitions);
        var group = KafkaFixture.NewGroupId();
        var expected = await ProduceTransactionsAsync(topic);
        var log = new ProcessedLog();
        var host = await WorkerHost.StartAsync("a", kafka.BootstrapServers, topic, group, log, new HandlerBehavior(), output, configure);
        await Eventually.HoldsAsync(() => log.Count >= expected.Received, "the worker handled every record it receives");
        return new DrainedTopic(topic, group, expected, log, host);
    }

    /// <summary>
    /// Writes committed and aborted transactions, ending with an aborted then a committed one, so that each partition's
    /// log ends with a marker.
    /// </summary>
    private async Task<ExpectedRecords> ProduceTransactionsAsync(string topic)
    {
        var handled = new List<string>();
        var aborted = new List<string>();
        var lastData = new Dictionary<int, long>();
        foreach (var (label, commit) in new[] { ("committed-a", true), ("aborted-a", false), ("committed-b", true), ("aborted-b", false), ("committed-c", true) })
        {
            var results = await kafka.Client.ProduceTransactionAsync(topic, Messages(label, 0, 40), commit);
            (commit ? handled : aborted).AddRange(results.Select(r => r.Message.Value!));
            foreach (var result in results)
            {
                lastData[result.Partition.Value] = Math.Max(result.Offset.Value, lastData.GetValueOrDefault(result.Partition.Value));
            }
        }

        // The premise: every partition got records of the last transaction, so its log ends with the marker.
        var ends = await kafka.Client.GetHighWatermarksAsync(topic);
        Assert.All(ends, e => Assert.Equal(lastData[e.Key] + 2, e.Value));
        return new ExpectedRecords(handled, aborted);
    }

    /// <summary>
    /// Every record of a committed transaction was handled exactly once. Aborted records: none handled on Kafka, where
    /// <c>read_committed</c> (librdkafka's default) filters them out; librdkafka's mock cluster does not filter them (its
    /// Fetch responses list no aborted transactions, docs/testing.md), so there every one is handled.
    /// </summary>
    private static void AssertHandled(ProcessedLog log, ExpectedRecords expected)
    {
        Assert.Empty(log.Duplicates());
        var values = log.Entries.Select(e => e.Value).ToHashSet();
        Assert.Equal(expected.Handled.Order(), values.Where(v => v.StartsWith("committed-", StringComparison.Ordinal)).Order());
        var abortedHandled = values.Where(v => v.StartsWith("aborted-", StringComparison.Ordinal)).Order().ToList();
        if (KafkaFixture.IsExternal)
        {
            Assert.Empty(abortedHandled);
        }
        else
        {
            Assert.Equal(expected.Aborted.Order(), abortedHandled);
        }
    }

    private static IEnumerable<Message<string?, string?>> Messages(string label, int from, int count) =>
        Enumerable.Range(from, count).Select(i => new Message<string?, string?>
        {
            Key = "key-" + i.ToString(CultureInfo.InvariantCulture),
            Value = label + "-" + i.ToString(CultureInfo.InvariantCulture),
        });

    private sealed record DrainedTopic(string Topic, string Group, ExpectedRecords Expected, ProcessedLog Log, WorkerHost Host);

    private sealed record ExpectedRecords(IReadOnlyList<string> Handled, IReadOnlyList<string> Aborted)
    {
        /// <summary>Gets how many records the worker receives (see <see cref="AssertHandled"/>).</summary>
        public int Received => Handled.Count + (KafkaFixture.IsExternal ? 0 : Aborted.Count);
    }
}
