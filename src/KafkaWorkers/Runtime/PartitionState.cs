using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>
/// What the worker holds for one assigned partition: its lane, buffered and in-flight counts, the offsets it may
/// commit, and the cancellation of its handlers. Mutable members are guarded by the scheduler's lock, except those
/// marked "poll thread only", which only the poll thread reads and writes. The poll thread reads the counts and offsets
/// that handler tasks change through <see cref="WorkScheduler.GetProgress(PartitionState)"/>; it may read
/// <see cref="Closed"/> without the lock, since only it writes that (under the lock).
/// </summary>
internal sealed class PartitionState
{
    private readonly Queue<WorkItem> _pending = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly TaskCompletionSource _closing = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    public PartitionState(TopicPartition topicPartition)
    {
        TopicPartition = topicPartition;
        PartitionLane = new Lane(this);
    }

    public TopicPartition TopicPartition { get; }

    /// <summary>Gets the lane of the partition's buffered messages, whatever the ordering.</summary>
    public Lane PartitionLane { get; }

    /// <summary>Gets a token cancelled when the worker stops waiting for this partition's handlers.</summary>
    public CancellationToken Token => _cancellation.Token;

    public int Buffered { get; set; }

    /// <summary>Gets or sets the highest offset handed to a handler, or -1.</summary>
    public long HighestStarted { get; set; } = -1;

    public int InFlight { get; set; }

    /// <summary>Gets or sets whether the poll loop paused the partition (back-pressure or the uncommitted bound; poll thread only).</summary>
    public bool Paused { get; set; }

    /// <summary>Gets or sets the offset of the first message the worker took on in this assignment, or -1 (poll thread only).</summary>
    public long FirstTaken { get; set; } = -1;

    /// <summary>Gets or sets the offset after the last message the worker took on, or -1 (poll thread only).</summary>
    public long NextTaken { get; set; } = -1;

    /// <summary>
    /// Gets or sets the lowest offset that the consumer returned for the partition in this assignment and the worker did
    /// not take on (held or left for the next run, or returned while stopping), or <see cref="long.MaxValue"/>: the
    /// consumer's position may have passed it, so the commit point must not (poll thread only).
    /// </summary>
    public long FirstUntaken { get; set; } = long.MaxValue;

    /// <summary>
    /// Counts, by offsets, the messages taken on (handled, in flight or buffered) beyond the last commit: what the
    /// partition's next owner would redo if the partition were lost now (poll thread only).
    /// </summary>
    /// <param name="committed">The last committed offset, read under the scheduler's lock.</param>
    public long Uncommitted(long committed) => NextTaken < 0 ? 0 : Math.Max(0, NextTaken - Math.Max(committed, FirstTaken));

    /// <summary>Gets or sets whether the partition was revoked, lost or stopped: nothing more of it is dispatched.</summary>
    public bool Closed
    {
        get => _closed;
        set
        {
            _closed = value;
            if (value)
            {
                _closing.TrySetResult();
            }
        }
    }

    /// <summary>
    /// Gets a task that completes when the partition is closed, so that work that merely waits (a retry's backoff) can
    /// give up at once instead of at the deadline. Its continuations run asynchronously, never under the scheduler's lock.
    /// </summary>
    public Task Closing => _closing.Task;

    /// <summary>
    /// Gets or sets whether the worker stopped waiting for the partition's handlers (its final commit is decided, or it
    /// was lost): completions that arrive later are ignored.
    /// </summary>
    public bool Abandoned { get; set; }

    /// <summary>
    /// Gets the next offset to commit, or -1: the offset after the highest contiguous completed message, or the
    /// consumer's position beyond it once the partition <see cref="IsCaughtUp">caught up</see> (see <see cref="SkipTo"/>).
    /// </summary>
    public long Committable { get; private set; } = -1;

    /// <summary>Gets whether every message taken on in this assignment completed: none is buffered, running or left undone.</summary>
    public bool IsCaughtUp => _pending.Count == 0;

    /// <summary>Gets the last offset handed to librdkafka's offset store (committed in the background), or -1.</summary>
    public long Stored { get; private set; } = -1;

    /// <summary>Gets the last offset the broker acknowledged as committed for this partition, or -1.</summary>
    public long Committed { get; private set; } = -1;

    /// <summary>
    /// Gets since when (a timestamp) an offset stored for the partition waits for the broker's acknowledgement, or -1 when
    /// none waits (poll thread only: the poll thread stores and receives the acknowledgements).
    /// </summary>
    public long CommitDueSince { get; private set; } = -1;

    /// <summary>Gets the partition's counts and offsets; the caller holds the scheduler's lock.</summary>
    public PartitionProgress Progress => new(TopicPartition, Buffered, InFlight, Committable, Committed);

    /// <summary>Records a message in offset order; it blocks the commit point until it completes.</summary>
    public void Track(WorkItem item) => _pending.Enqueue(item);

    /// <summary>Marks a message completed and advances the commit point over every contiguous completed message.</summary>
    public void Complete(WorkItem item)
    {
        item.Completed = true;
        while (_pending.TryPeek(out var head) && head.Completed)
        {
            _pending.Dequeue();
            Committable = head.Offset + 1;
        }
    }

    /// <summary>
    /// Moves the commit point to the consumer's position, over the offsets librdkafka skipped without returning them
    /// (transaction markers, and aborted records under <c>read_committed</c>), when every message taken on completed.
    /// The caller holds the scheduler's lock and passes a position no higher than <see cref="FirstUntaken"/>.
    /// </summary>
    /// <param name="position">The offset of the next message the consumer would return for the partition.</param>
    /// <returns>Whether the commit point moved.</returns>
    public bool SkipTo(long position)
    {
        if (!IsCaughtUp || position <= Committable)
        {
            return false;
        }

        Committable = position;
        return true;
    }

    /// <summary>Records an offset handed to the offset store; the caller holds the scheduler's lock.</summary>
    public void RecordStored(long offset, long now)
    {
        Stored = Math.Max(Stored, offset);
        if (Stored > Committed && CommitDueSince < 0)
        {
            CommitDueSince = now;
        }
    }

    /// <summary>
    /// Records an offset the broker acknowledged as committed; an offset stored after the commit was sent waits from now.
    /// The caller holds the scheduler's lock.
    /// </summary>
    public void RecordCommitted(long offset, long now)
    {
        Committed = Math.Max(Committed, offset);
        CommitDueSince = Committed >= Stored ? -1 : now;
    }

    /// <summary>Cancels the handlers still running for this partition.</summary>
    public void CancelHandlers() => _cancellation.Cancel();
}
