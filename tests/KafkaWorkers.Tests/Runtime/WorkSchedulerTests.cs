using System.Collections.Concurrent;
using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class WorkSchedulerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly TopicPartition _topicPartition = new("t", 0);
    private readonly ConcurrentQueue<(WorkItem Item, Exception Error)> _failures = new();
    private Task? _running;

    [Fact]
    public async Task Under_key_ordering_nothing_later_of_a_key_runs_after_its_message_was_cancelled()
    {
        // A@0 waits (a retry's backoff) while B@2 completes; the revoke keeps A@1 as a gap below the highest started
        // offset; then A@0 ends cancelled. A@1 must not run: the next owner replays A@0, and A@1 after it.
        var releaseA0 = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(item => item.Offset == 0 ? releaseA0.Task : Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Key, concurrency: 2, processor);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, "A"), (1, "A"), (2, "B"));
        await Until(() => processor.Started.Contains(0) && scheduler.CompletedCount == 1, "A@0 runs and B@2 completed");

        var closed = scheduler.Close([_topicPartition]);
        releaseA0.SetResult(ProcessingResult.Cancelled);

        Assert.True(scheduler.WaitForInFlight(closed, Generous, CancellationToken.None), "the revoked partition's work ended");
        Assert.Equal([0, 2], processor.Started.Order());
        Assert.Equal(-1, partition.Committable);
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task Under_partition_ordering_nothing_later_of_the_partition_runs_after_a_cancelled_message()
    {
        var processor = new ScriptedProcessor(item => Task.FromResult(item.Offset == 0 ? ProcessingResult.Cancelled : ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Partition, concurrency: 2, processor, start: false);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, null), (1, null), (2, "K"));
        var running = scheduler.Start();
        await Until(() => processor.Started.Contains(0) && Idle(scheduler, partition), "offset 0 ended and the partition has nothing left to run");

        Enqueue(scheduler, (3, null));

        Assert.Equal(0, partition.Buffered);
        Assert.True(scheduler.IsIdle([partition]));
        Assert.Equal([0], processor.Started);
        Assert.Equal(0, scheduler.CompletedCount);
        await Stop(scheduler, running);
    }

    [Fact]
    public async Task Without_ordering_a_cancelled_message_holds_back_the_commit_point_but_not_the_other_messages()
    {
        var processor = new ScriptedProcessor(item => Task.FromResult(item.Offset == 0 ? ProcessingResult.Cancelled : ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.None, concurrency: 2, processor);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, null), (1, null), (2, null));
        await Until(() => scheduler.CompletedCount == 2, "the messages after the cancelled one completed");

        Assert.Equal(-1, partition.Committable);
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task A_failed_key_keeps_its_buffered_messages_from_running_and_does_not_hold_up_the_revoke()
    {
        var releaseA0 = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(item => item.Offset == 0 ? releaseA0.Task : Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Key, concurrency: 2, processor);
        scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, "A"), (1, "A"), (2, "B"));
        await Until(() => processor.Started.Contains(0) && scheduler.CompletedCount == 1, "A@0 runs and B@2 completed");

        var closed = scheduler.Close([_topicPartition]);
        releaseA0.SetResult(new ProcessingResult(ProcessingStatus.Failed, new InvalidOperationException("A@0 failed")));

        Assert.True(scheduler.WaitForInFlight(closed, Generous, CancellationToken.None), "the revoked partition's work ended");
        Assert.Equal([0, 2], processor.Started.Order());

        // The failure is reported by its handler task after the task gave the message up, so after the wait above.
        await Until(() => !_failures.IsEmpty, "the failure was reported");
        Assert.Equal(0, Assert.Single(_failures).Item.Offset);
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task A_processor_that_throws_fails_the_worker_and_keeps_the_in_flight_count_right()
    {
        var processor = new ScriptedProcessor(item => item.Offset == 0 ? throw new InvalidOperationException("a predicate threw") : Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Partition, concurrency: 1, processor);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, null), (1, null));
        await Until(() => !_failures.IsEmpty, "the failure was reported");

        var (item, error) = Assert.Single(_failures);
        Assert.Equal(0, item.Offset);
        Assert.Equal("a predicate threw", error.Message);
        var closed = scheduler.Close([_topicPartition]);
        Assert.True(scheduler.WaitForInFlight(closed, Generous, CancellationToken.None), "nothing is left in flight");
        Assert.Equal(0, partition.InFlight);
        Assert.Equal([0], processor.Started);
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task Closing_a_partition_with_200_000_buffered_messages_keeps_exactly_the_gaps_below_the_highest_started_offset()
    {
        const int half = 100_000;
        var release = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(_ => release.Task);
        var scheduler = Create(KafkaOrdering.Key, concurrency: 2, processor);
        var partition = scheduler.Assign(_topicPartition);

        // Key a: 0 runs, 1..99 999 wait. Key b: 100 000 runs. Then 100 001..200 000 (keys a and c) wait above it.
        Enqueue(scheduler, [.. Enumerable.Range(0, half).Select(o => ((long)o, (string?)"a")), (half, "b")]);
        await Until(() => processor.Started.Count == 2, "a@0 and b@100000 run");
        Enqueue(scheduler, [.. Enumerable.Range(half + 1, half).Select(o => ((long)o, (string?)(o % 2 == 0 ? "a" : "c")))]);
        Assert.Equal((2 * half) - 1, partition.Buffered);

        scheduler.Close([_topicPartition]);

        Assert.Equal(half - 1, partition.Buffered);
        Assert.Equal(Enumerable.Range(1, half - 1).Select(o => (long)o), Buffered(partition).Select(i => i.Offset));
        Assert.All(Buffered(partition), i => Assert.Equal("a"u8.ToArray(), i.Result.Message.Key));
        release.SetResult(ProcessingResult.Cancelled);
        scheduler.Abandon([partition]);
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task The_commit_point_moves_to_the_consumer_position_only_once_the_message_in_flight_completed()
    {
        // Offsets 0 and 1 of a committed transaction, its marker at 2: the consumer's position is 3 as soon as it skipped
        // the marker, while the handler of offset 1 still runs. The commit point must stay at 1 until that handler ends.
        var release1 = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(item => item.Offset == 1 ? release1.Task : Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Partition, concurrency: 1, processor);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, null), (1, null));
        await Until(() => processor.Started.Contains(1) && partition.Committable == 1, "offset 0 completed and offset 1 runs");

        Assert.Empty(scheduler.GetCaughtUp([partition]));
        Assert.Empty(scheduler.SkipTo([(partition, 3L)]));
        Assert.Equal(1, partition.Committable);

        release1.SetResult(ProcessingResult.Completed);
        await Until(() => scheduler.GetCaughtUp([partition]).Count == 1, "offset 1 completed");
        Assert.Equal(2, partition.Committable);
        Assert.Equal([(partition, 2L, 3L)], scheduler.SkipTo([(partition, 3L)]));
        Assert.Equal(3, partition.Committable);

        // The next message of the partition comes after the position; the commit point goes on from there.
        Enqueue(scheduler, (3, null));
        await Until(() => partition.Committable == 4, "offset 3 completed");
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task Under_key_ordering_a_busy_key_with_many_later_messages_waits_while_the_other_keys_proceed()
    {
        const int later = 1_000;
        var releaseA0 = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(item => item.Offset == 0 ? releaseA0.Task : Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Key, concurrency: 3, processor);
        var partition = scheduler.Assign(_topicPartition);

        // A@0 runs and holds its key; A@1..1000 queue up before the other keys' messages, and A@1201.. after them.
        Enqueue(scheduler, [.. Enumerable.Range(0, later + 1).Select(o => ((long)o, (string?)"A"))]);
        Enqueue(scheduler, [.. Enumerable.Range(later + 1, 200).Select(o => ((long)o, (string?)(o % 3 == 0 ? null : $"k{o % 7}")))]);
        Enqueue(scheduler, [.. Enumerable.Range(later + 201, 10).Select(o => ((long)o, (string?)"A"))]);
        await Until(() => scheduler.CompletedCount == 200, "every message of the other keys completed");

        Assert.Equal([0], processor.Started.Where(o => o <= later || o > later + 200));
        Assert.Equal(later + 10, partition.Buffered);
        releaseA0.SetResult(ProcessingResult.Completed);
        await Until(() => Idle(scheduler, partition), "key A drained");

        var startedA = processor.Started.Where(o => o <= later || o > later + 200).ToList();
        Assert.Equal([.. Enumerable.Range(0, later + 1), .. Enumerable.Range(later + 201, 10)], startedA.Select(o => (int)o));
        Assert.Equal(later + 211, partition.Committable);
        Assert.Equal(0, partition.PartitionLane.Keys.Count);
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task Under_key_ordering_the_held_keys_never_outnumber_the_handler_tasks()
    {
        const int concurrency = 3;
        var release = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mostHeld = 0;
        var processor = new ScriptedProcessor(item =>
        {
            // Read outside the scheduler's lock: a sample, which the quiescent check below makes exact.
            InterlockedMax(ref mostHeld, item.Partition.PartitionLane.Keys.Count);
            return release.Task;
        });
        var scheduler = Create(KafkaOrdering.Key, concurrency, processor);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, [.. Enumerable.Range(0, 1_000).Select(o => ((long)o, (string?)$"k{o % 100}"))]);
        await Until(() => processor.Started.Count == concurrency, "every handler task holds a key");

        Assert.Equal(concurrency, partition.PartitionLane.Keys.Count);
        Assert.Equal(1_000 - concurrency, partition.Buffered);
        release.SetResult(ProcessingResult.Completed);
        await Until(() => Idle(scheduler, partition), "every message ran");

        Assert.InRange(mostHeld, 1, concurrency);
        Assert.Equal(0, partition.PartitionLane.Keys.Count);
        Assert.Equal(1_000, partition.Committable);
        await Stop(scheduler, running: null);
    }

    [Theory]
    [InlineData("A")]
    [InlineData(null)]
    public async Task Under_key_ordering_a_failed_message_stops_only_its_key(string? failing)
    {
        var releaseFirst = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(item => item.Offset == 0 ? releaseFirst.Task : Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Key, concurrency: 2, processor);
        var partition = scheduler.Assign(_topicPartition);
        var other = failing is null ? "A" : null;

        // The empty key is a key of its own, neither the missing key nor "A".
        Enqueue(scheduler, (0, failing), (1, failing), (2, "B"), (3, failing), (4, other), (5, ""));
        await Until(() => scheduler.CompletedCount == 3, "B@2, 4 and 5 completed while 0 runs");
        releaseFirst.SetResult(new ProcessingResult(ProcessingStatus.Failed, new InvalidOperationException("0 failed")));
        await Until(() => Idle(scheduler, partition), "the failed key's buffered messages were dropped");

        Enqueue(scheduler, (6, failing), (7, "B"), (8, other), (9, ""));
        await Until(() => scheduler.CompletedCount == 6, "the other keys' later messages completed");

        Assert.Equal([0, 2, 4, 5, 7, 8, 9], processor.Started.Order());
        await Until(() => !_failures.IsEmpty, "the failure was reported");
        Assert.Equal(0, Assert.Single(_failures).Item.Offset);
        Assert.Equal(-1, partition.Committable);
        Assert.True(Idle(scheduler, partition));
        await Stop(scheduler, running: null);
    }

    [Fact]
    public async Task Under_key_ordering_a_batch_carries_several_free_keys_in_offset_order_and_no_key_another_batch_holds()
    {
        var release = new TaskCompletionSource<ProcessingResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var processor = new ScriptedProcessor(_ => release.Task, batchSize: 4);
        var scheduler = Create(KafkaOrdering.Key, concurrency: 2, processor, start: false);
        var partition = scheduler.Assign(_topicPartition);
        Enqueue(scheduler, (0, "A"), (1, "A"), (2, "B"), (3, "C"), (4, "A"), (5, "D"), (6, "E"), (7, "B"), (8, "F"), (9, "G"), (10, "A"));
        var running = scheduler.Start();
        await Until(() => processor.Batches.Count == 2, "both handler tasks took a batch");

        // The second batch skips A@4 and B@7, whose keys the first holds: they run after it, with A@10, in one batch.
        Assert.Equal([[0, 1, 2, 3], [5, 6, 8, 9]], processor.Batches.OrderBy(b => b[0]));
        Assert.Equal(3, partition.Buffered);
        release.SetResult(ProcessingResult.Completed);
        await Until(() => Idle(scheduler, partition), "every batch ran");

        Assert.Equal([4, 7, 10], processor.Batches.Last());
        Assert.Equal(11, partition.Committable);
        await Stop(scheduler, running);
    }

    [Fact]
    public async Task A_record_finds_its_partition_of_the_current_assignment_only()
    {
        var processor = new ScriptedProcessor(_ => Task.FromResult(ProcessingResult.Completed));
        var scheduler = Create(KafkaOrdering.Partition, concurrency: 1, processor, start: false);
        var first = scheduler.Assign(_topicPartition);
        var other = scheduler.Assign(new TopicPartition("t", 1));

        Assert.Same(first, Enqueue(scheduler, _topicPartition, 0));
        Assert.Same(other, Enqueue(scheduler, new TopicPartition("t", 1), 0));
        Assert.Null(Enqueue(scheduler, new TopicPartition("u", 0), 0));
        Assert.Same(first, Enqueue(scheduler, new TopicPartition(new string("t"), 0), 1));
        scheduler.Close([_topicPartition]);
        Assert.Null(Enqueue(scheduler, _topicPartition, 2));
        var again = scheduler.Assign(_topicPartition);
        Assert.Same(again, Enqueue(scheduler, _topicPartition, 3));
        Assert.NotSame(first, again);
        await Stop(scheduler, scheduler.Start());
    }

    private static PartitionState? Enqueue(WorkScheduler scheduler, TopicPartition topicPartition, long offset) =>
        scheduler.Enqueue(new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset(topicPartition, offset),
            Message = new Message<byte[]?, byte[]?>(),
        },
        out _);

    private static IEnumerable<WorkItem> Buffered(PartitionState partition)
    {
        var lane = partition.PartitionLane;
        var items = lane.Items.ToList();
        for (var i = 0; i < lane.Keys.Count; i++)
        {
            items.AddRange(lane.Keys[i].Waiting);
        }

        return items.OrderBy(i => i.Offset);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private WorkScheduler Create(KafkaOrdering ordering, int concurrency, IMessageProcessor processor, bool start = true)
    {
        var scheduler = new WorkScheduler(ordering, concurrency, processor, TimeProvider.System, TimeSpan.Zero, (item, e) => _failures.Enqueue((item, e)));
        if (start)
        {
            _running = scheduler.Start();
        }

        return scheduler;
    }

    private async Task Stop(WorkScheduler scheduler, Task? running)
    {
        scheduler.Complete();
        await (running ?? _running!).WaitAsync(Generous);
    }

    private void Enqueue(WorkScheduler scheduler, params (long Offset, string? Key)[] messages)
    {
        foreach (var (offset, key) in messages)
        {
            scheduler.Enqueue(new ConsumeResult<byte[]?, byte[]?>
            {
                TopicPartitionOffset = new TopicPartitionOffset(_topicPartition, offset),
                Message = new Message<byte[]?, byte[]?> { Key = key is null ? null : Encoding.UTF8.GetBytes(key) },
            },
            out _);
        }
    }

    private static bool Idle(WorkScheduler scheduler, PartitionState partition) => scheduler.IsIdle([partition]);

    private static async Task Until(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {because}");
            await Task.Delay(10);
        }
    }

    /// <summary>Runs each message (or batch, by its first message) as the script says and records the offsets it started.</summary>
    private sealed class ScriptedProcessor(Func<WorkItem, Task<ProcessingResult>> script, int batchSize = 1) : IMessageProcessor
    {
        public ConcurrentQueue<long> Started { get; } = new();

        public ConcurrentQueue<long[]> Batches { get; } = new();

        public int BatchSize => batchSize;

        public async ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
        {
            long[] offsets = [.. items.Select(i => i.Offset)];
            Batches.Enqueue(offsets);
            foreach (var offset in offsets)
            {
                Started.Enqueue(offset);
            }

            return await script(items[0]);
        }
    }
}
