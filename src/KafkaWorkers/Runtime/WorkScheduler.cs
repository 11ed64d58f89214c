using System.Threading.Channels;
using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Dispatches buffered messages to at most <c>MaxConcurrency</c> handler tasks while keeping the configured order,
/// and tracks, per partition, the offsets that may be committed.
/// </summary>
/// <remarks>
/// A partition's messages wait in its lane, which handler tasks find through the ready queue. Under partition ordering
/// one handler task holds the lane at a time and it goes back to the queue only when its current message completed, so
/// its messages run one after another; after a message that did not complete (failed, cancelled) it is parked: nothing
/// later of it runs in this assignment. Under key ordering the lane goes back to the queue at once while it has
/// messages, so that several handler tasks take from it: each takes the first messages whose keys no other task holds
/// (<see cref="Lane.Keys"/>) and sets the messages of held keys aside behind their holder, which runs them next, in
/// order; after a message that did not complete its key is parked. An unordered lane goes back at once too. The poll
/// thread enqueues, assigns and closes partitions, and does the same work per message whatever the ordering; handler
/// tasks dequeue and complete. One lock guards all lane and partition state.
/// </remarks>
internal sealed class WorkScheduler
{
    private static readonly Comparer<WorkItem> ByOffset = Comparer<WorkItem>.Create(static (x, y) => x.Offset.CompareTo(y.Offset));
    private readonly object _sync = new();
    // Keyed by topic name and partition number, so that a record's partition is found without the TopicPartition that
    // ConsumeResult.TopicPartition creates on every call (32 B per message on the poll thread).
    private readonly Dictionary<(string Topic, int Partition), PartitionState> _partitions = [];
    private readonly Channel<Lane> _ready = Channel.CreateUnbounded<Lane>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly KafkaOrdering _ordering;
    private readonly int _concurrency;
    private readonly IMessageProcessor _processor;
    private readonly TimeProvider _time;
    private readonly TimeSpan _batchTimeout;
    private readonly Action<WorkItem, Exception> _onFailure;
    private long _completed;
    private PartitionState? _lastFound;
    private PartitionState? _drainWaiter;
    private int _drainLevel;

    public WorkScheduler(
        KafkaOrdering ordering,
        int concurrency,
        IMessageProcessor processor,
        TimeProvider time,
        TimeSpan batchTimeout,
        Action<WorkItem, Exception> onFailure)
    {
        _ordering = ordering;
        _concurrency = concurrency;
        _processor = processor;
        _time = time;
        _batchTimeout = batchTimeout;
        _onFailure = onFailure;
    }

    /// <summary>Starts the handler tasks.</summary>
    /// <returns>A task that completes when every handler task has ended after <see cref="Complete"/>.</returns>
    public Task Start() => Task.WhenAll(Enumerable.Range(0, _concurrency).Select(_ => Task.Run(RunAsync)));

    /// <summary>Lets the handler tasks end once they are idle.</summary>
    public void Complete() => _ready.Writer.TryComplete();

    /// <summary>Gets the partitions currently open (assigned and not closed).</summary>
    public IReadOnlyList<PartitionState> OpenPartitions
    {
        get
        {
            lock (_sync)
            {
                return [.. _partitions.Values];
            }
        }
    }

    /// <summary>Gets the open partition of the given topic and partition, or null when it is not (any longer) assigned.</summary>
    public PartitionState? Find(TopicPartition topicPartition)
    {
        lock (_sync)
        {
            return _partitions.GetValueOrDefault(Key(topicPartition));
        }
    }

    /// <summary>Opens a newly assigned partition.</summary>
    public PartitionState Assign(TopicPartition topicPartition)
    {
        lock (_sync)
        {
            if (_partitions.Remove(Key(topicPartition), out var stale))
            {
                CloseLocked(stale);
                _lastFound = null;
            }

            var state = new PartitionState(topicPartition);
            _partitions.Add(Key(topicPartition), state);
            return state;
        }
    }

    /// <summary>Buffers a fetched message in its partition's lane and schedules the lane if it is idle.</summary>
    /// <param name="result">The message.</param>
    /// <param name="progress">
    /// The partition's counts and offsets right after the message was buffered, read under the same lock (so that the poll
    /// thread takes the lock once per message): whether to pause the partition; default when the message was dropped.
    /// </param>
    /// <returns>
    /// The message's partition; or null when the partition is not (any longer) assigned, and the message is dropped.
    /// </returns>
    public PartitionState? Enqueue(ConsumeResult<byte[]?, byte[]?> result, out PartitionProgress progress)
    {
        var now = _time.GetTimestamp();
        lock (_sync)
        {
            if (Find(result.Topic, result.Partition.Value) is not { } partition)
            {
                progress = default;
                return null;
            }

            var lane = partition.PartitionLane;
            if (lane.Parked || (lane.ParkedKeys is { } parked && parked.Contains(result.Message.Key)))
            {
                // Behind a message that did not complete: it never runs in this assignment (see Park, ReleaseKeys).
                progress = partition.Progress;
                return partition;
            }

            var item = new WorkItem(result, partition, now);
            partition.Track(item);
            partition.Buffered++;
            lane.Items.Enqueue(item);
            if (!lane.Scheduled)
            {
                lane.Scheduled = true;
                _ready.Writer.TryWrite(lane);
            }
            else if (lane.BatchFilled is { } filled && lane.Items.Count >= _processor.BatchSize)
            {
                lane.BatchFilled = null;
                filled.TrySetResult();
            }

            progress = partition.Progress;
            return partition;
        }
    }

    /// <summary>
    /// Closes partitions (revoked, lost or stopping): nothing more of them is fetched or started, except the buffered
    /// messages below the highest offset already started. Those fill the gaps that out-of-order completion (key or no
    /// ordering) leaves, so that once they are done the commit point covers every message that was handled. Messages
    /// in flight keep completing until the partitions are <see cref="Abandon">abandoned</see>.
    /// </summary>
    /// <returns>The closed partitions that were open.</returns>
    public IReadOnlyList<PartitionState> Close(IEnumerable<TopicPartition> partitions)
    {
        var closed = new List<PartitionState>();
        lock (_sync)
        {
            foreach (var topicPartition in partitions)
            {
                if (_partitions.Remove(Key(topicPartition), out var partition))
                {
                    CloseLocked(partition);
                    closed.Add(partition);
                }
            }

            _lastFound = null;
        }

        return closed;
    }

    /// <summary>
    /// Stops waiting for closed partitions: their remaining buffered messages are dropped and completions that arrive
    /// later are ignored, so their commit point no longer moves.
    /// </summary>
    public void Abandon(IReadOnlyList<PartitionState> partitions)
    {
        lock (_sync)
        {
            foreach (var partition in partitions)
            {
                partition.Abandoned = true;
                partition.Buffered = 0;
                var lane = partition.PartitionLane;
                lane.Items.Clear();
                ReleaseBatchWaiter(lane);
                var keys = lane.Keys;
                for (var i = keys.Count - 1; i >= 0; i--)
                {
                    // A held key is released when its handler ends (ReleaseKeys); the others wait for nothing now.
                    keys[i].Waiting.Clear();
                    if (keys[i].Owner is null)
                    {
                        keys.RemoveAt(i);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Blocks until the given closed partitions have nothing running or left to run, the timeout passes, or the token is
    /// cancelled.
    /// </summary>
    /// <returns><see langword="true"/> when all their work finished in time.</returns>
    public bool WaitForInFlight(IReadOnlyList<PartitionState> partitions, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        using var wake = cancellationToken.Register(PulseAll);
        lock (_sync)
        {
            while (partitions.Any(p => p.InFlight > 0 || p.Buffered > 0))
            {
                var remaining = timeout - _time.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                Monitor.Wait(_sync, remaining);
            }

            return true;
        }
    }

    /// <summary>
    /// Blocks the poll thread until at most <paramref name="level"/> messages of the partition are buffered, the
    /// partition closes, the timeout passes, or the token is cancelled: back-pressure that, unlike pausing the partition,
    /// keeps what librdkafka already fetched for it (a pause discards that, and a resume fetches it again).
    /// </summary>
    /// <returns><see langword="true"/> when the buffer drained to <paramref name="level"/> in time.</returns>
    public bool WaitForDrain(PartitionState partition, int level, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        using var wake = cancellationToken.Register(PulseAll);
        lock (_sync)
        {
            _drainWaiter = partition;
            _drainLevel = level;
            try
            {
                while (partition.Buffered > level && !partition.Closed)
                {
                    var remaining = timeout - _time.GetElapsedTime(start);
                    if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
                    {
                        return false;
                    }

                    Monitor.Wait(_sync, remaining);
                }

                return true;
            }
            finally
            {
                _drainWaiter = null;
            }
        }
    }

    /// <summary>Gets how many messages completed since the worker started.</summary>
    public long CompletedCount => Interlocked.Read(ref _completed);

    /// <summary>Gets whether no message of the given partitions is buffered or running.</summary>
    public bool IsIdle(IReadOnlyList<PartitionState> partitions)
    {
        lock (_sync)
        {
            return partitions.All(p => p.Buffered == 0 && p.InFlight == 0);
        }
    }

    /// <summary>Reads the counts and offsets of the given partitions at one instant.</summary>
    public IReadOnlyList<PartitionProgress> GetProgress(IReadOnlyList<PartitionState> partitions)
    {
        lock (_sync)
        {
            return [.. partitions.Select(p => p.Progress)];
        }
    }

    /// <summary>Reads the counts and offsets of a partition at one instant.</summary>
    public PartitionProgress GetProgress(PartitionState partition)
    {
        lock (_sync)
        {
            return partition.Progress;
        }
    }

    /// <summary>Counts the messages of the given partitions that are running or still to run.</summary>
    public int CountInFlight(IReadOnlyList<PartitionState> partitions)
    {
        lock (_sync)
        {
            return partitions.Sum(p => p.InFlight + p.Buffered);
        }
    }

    /// <summary>Gets the given partitions whose every message taken on completed (<see cref="PartitionState.IsCaughtUp"/>).</summary>
    public List<PartitionState> GetCaughtUp(IReadOnlyList<PartitionState> partitions)
    {
        lock (_sync)
        {
            return [.. partitions.Where(p => p.IsCaughtUp)];
        }
    }

    /// <summary>
    /// Moves the commit points of partitions to consumer positions (<see cref="PartitionState.SkipTo"/>), each only if
    /// the partition is still caught up.
    /// </summary>
    /// <returns>The partitions whose commit point moved, with the commit points each moved from and to.</returns>
    public List<(PartitionState Partition, long From, long To)> SkipTo(IEnumerable<(PartitionState Partition, long Position)> positions)
    {
        var moved = new List<(PartitionState, long, long)>();
        lock (_sync)
        {
            foreach (var (partition, position) in positions)
            {
                var from = partition.Committable;
                if (partition.SkipTo(position))
                {
                    moved.Add((partition, from, position));
                }
            }
        }

        return moved;
    }

    /// <summary>Gets the commit point of each given partition that is ahead of the offset it was last stored at.</summary>
    public List<TopicPartitionOffset> GetUnstored(IReadOnlyList<PartitionState> partitions) => GetAhead(partitions, p => p.Stored);

    /// <summary>Gets the commit point of each given partition that is ahead of the offset last committed for it.</summary>
    public List<TopicPartitionOffset> GetUncommitted(IReadOnlyList<PartitionState> partitions) => GetAhead(partitions, p => p.Committed);

    /// <summary>Records offsets handed to librdkafka's offset store.</summary>
    public void MarkStored(IReadOnlyList<PartitionState> partitions, IEnumerable<TopicPartitionOffset> offsets) =>
        Mark(partitions, offsets, static (p, offset, now) => p.RecordStored(offset, now));

    /// <summary>Records offsets the broker acknowledged as committed.</summary>
    public void MarkCommitted(IReadOnlyList<PartitionState> partitions, IEnumerable<TopicPartitionOffset> offsets) =>
        Mark(partitions, offsets, static (p, offset, now) => p.RecordCommitted(offset, now));

    private List<TopicPartitionOffset> GetAhead(IReadOnlyList<PartitionState> partitions, Func<PartitionState, long> baseline)
    {
        var offsets = new List<TopicPartitionOffset>();
        lock (_sync)
        {
            foreach (var partition in partitions)
            {
                if (partition.Committable > baseline(partition))
                {
                    offsets.Add(new TopicPartitionOffset(partition.TopicPartition, partition.Committable));
                }
            }
        }

        return offsets;
    }

    private void Mark(IReadOnlyList<PartitionState> partitions, IEnumerable<TopicPartitionOffset> offsets, Action<PartitionState, long, long> mark)
    {
        var now = _time.GetTimestamp();
        lock (_sync)
        {
            foreach (var offset in offsets)
            {
                var partition = partitions.FirstOrDefault(p => p.TopicPartition.Equals(offset.TopicPartition));
                if (partition is not null)
                {
                    mark(partition, offset.Offset.Value, now);
                }
            }
        }
    }

    /// <summary>
    /// Finds the open partition of a record. Consecutive records mostly come from one partition, so the last one found
    /// is checked first: a compare of the topic name instead of hashing it.
    /// </summary>
    private PartitionState? Find(string topic, int partition)
    {
        if (_lastFound is { } last && last.TopicPartition.Partition.Value == partition &&
            string.Equals(last.TopicPartition.Topic, topic, StringComparison.Ordinal))
        {
            return last;
        }

        if (_partitions.TryGetValue((topic, partition), out var found))
        {
            _lastFound = found;
        }

        return found;
    }

    private static void CloseLocked(PartitionState partition)
    {
        partition.Closed = true;
        var lane = partition.PartitionLane;

        // Queues hold their messages in offset order: keep the head below the highest started offset. One pass each
        // (this runs under the lock, inside the revoke callback, with up to MaxBufferedMessagesPerPartition items).
        var highestStarted = partition.HighestStarted;
        Func<WorkItem, bool> started = item => item.Offset < highestStarted;
        Keep(partition, lane.Items, started);
        var keys = lane.Keys;
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            Keep(partition, keys[i].Waiting, started);
            if (keys[i].Owner is null && keys[i].Waiting.Count == 0)
            {
                keys.RemoveAt(i);
            }
        }

        ReleaseBatchWaiter(lane);
    }

    /// <summary>Keeps, in order, the buffered messages of a queue that <paramref name="keep"/> accepts; drops the others.</summary>
    private static void Keep(PartitionState partition, Queue<WorkItem> items, Func<WorkItem, bool> keep)
    {
        var count = items.Count;
        for (var i = 0; i < count; i++)
        {
            var item = items.Dequeue();
            if (keep(item))
            {
                items.Enqueue(item);
            }
        }

        partition.Buffered -= count - items.Count;
    }

    /// <summary>
    /// Parks a partition-ordered lane whose message did not complete (failed, cancelled, or its processor threw): its
    /// buffered messages are dropped and later ones are refused, so nothing after that message runs in this assignment.
    /// They are not committed (the commit point cannot pass the message that did not complete); the next owner gets them
    /// in order.
    /// </summary>
    private void Park(Lane lane)
    {
        lane.Parked = true;
        var partition = lane.Partition;
        partition.Buffered -= lane.Items.Count;
        lane.Items.Clear();
        ReleaseBatchWaiter(lane);
        PulseIfDrained(partition);
    }

    /// <summary>
    /// Takes, for a handler task's <paramref name="run"/> (under key ordering), up to a buffer of messages whose keys no
    /// other run holds, and holds their keys: first the set-aside messages of keys whose holder ended, then the lane's
    /// messages in offset order. A message of a key another run holds is set aside behind it, so it is looked at once.
    /// </summary>
    /// <returns>How many messages were put in the buffer.</returns>
    private static int TakeFreeKeys(Lane lane, WorkItem[] run)
    {
        var keys = lane.Keys;
        var count = 0;
        for (var i = 0; i < keys.Count && count < run.Length; i++)
        {
            // Set-aside messages are older than any message of their key still in the lane.
            if (keys[i] is { Owner: null } ready)
            {
                ready.Owner = run;
                while (count < run.Length && ready.Waiting.TryDequeue(out var item))
                {
                    run[count++] = item;
                }
            }
        }

        while (count < run.Length && lane.Items.TryDequeue(out var item))
        {
            var key = item.Result.Message.Key;
            var hash = ByteArrayComparer.Instance.GetHashCode(key);
            var hold = keys.Find(key, hash);
            if (hold is null)
            {
                keys.Add(key, hash, run);
                run[count++] = item;
            }
            else if (hold.Owner == run && hold.Waiting.Count == 0)
            {
                // A batch may carry several messages of one key, in offset order.
                run[count++] = item;
            }
            else
            {
                hold.Waiting.Enqueue(item);
            }
        }

        if (count > 1)
        {
            // A batch of several keys reaches its handler in offset order, as a batch of one lane always did.
            Array.Sort(run, 0, count, ByOffset);
        }

        return count;
    }

    /// <summary>
    /// Releases the keys a handler task's run held once its messages ended (key ordering). A key with set-aside messages
    /// stays in the set until a run takes them; after a message that did not complete, its key is parked: its buffered
    /// and later messages never run in this assignment. They are not committed (the commit point cannot pass the message
    /// that did not complete); the next owner gets them in order.
    /// </summary>
    private void ReleaseKeys(Lane lane, WorkItem[] run, bool completed)
    {
        var partition = lane.Partition;
        var keys = lane.Keys;
        var parked = false;
        for (var i = keys.Count - 1; i >= 0; i--)
        {
            var hold = keys[i];
            if (hold.Owner != run)
            {
                continue;
            }

            if (!completed)
            {
                (lane.ParkedKeys ??= new HashSet<byte[]?>(ByteArrayComparer.Instance)).Add(hold.Key);
                partition.Buffered -= hold.Waiting.Count;
                keys.RemoveAt(i);
                parked = true;
            }
            else if (hold.Waiting.Count > 0 && !partition.Abandoned)
            {
                hold.Owner = null;
            }
            else
            {
                keys.RemoveAt(i);
            }
        }

        if (parked)
        {
            var parkedKeys = lane.ParkedKeys!;
            Keep(partition, lane.Items, item => !parkedKeys.Contains(item.Result.Message.Key));
            ReleaseBatchWaiter(lane);
            PulseIfDrained(partition);
        }
    }

    /// <summary>Gets whether a handler task taking from the lane would find a message to start (or one to set aside).</summary>
    private static bool HasWork(Lane lane)
    {
        if (lane.Items.Count > 0)
        {
            return true;
        }

        var keys = lane.Keys;
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Owner is null)
            {
                return true;
            }
        }

        return false;
    }

    private void PulseIfDrained(PartitionState partition)
    {
        if (_drainWaiter == partition && partition.Buffered <= _drainLevel)
        {
            Monitor.PulseAll(_sync);
        }
    }

    private static int Take(Lane lane, WorkItem[] buffer)
    {
        var count = 0;
        while (count < buffer.Length && lane.Items.TryDequeue(out var item))
        {
            buffer[count++] = item;
        }

        return count;
    }

    private static void ReleaseBatchWaiter(Lane lane)
    {
        lane.BatchFilled?.TrySetResult();
        lane.BatchFilled = null;
    }

    private void PulseAll()
    {
        lock (_sync)
        {
            Monitor.PulseAll(_sync);
        }
    }

    private async Task RunAsync()
    {
        var buffer = new WorkItem[_processor.BatchSize];
        while (await _ready.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (_ready.Reader.TryRead(out var lane))
            {
                if (buffer.Length > 1)
                {
                    await WaitForBatchAsync(lane).ConfigureAwait(false);
                }

                await RunLaneAsync(lane, buffer).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask RunLaneAsync(Lane lane, WorkItem[] buffer)
    {
        var partition = lane.Partition;
        var count = 0;
        lock (_sync)
        {
            if (!partition.Abandoned)
            {
                count = _ordering == KafkaOrdering.Key ? TakeFreeKeys(lane, buffer) : Take(lane, buffer);
            }

            if (count > 0)
            {
                for (var i = 0; i < count; i++)
                {
                    partition.HighestStarted = Math.Max(partition.HighestStarted, buffer[i].Offset);
                }

                partition.Buffered -= count;
                partition.InFlight += count;
                PulseIfDrained(partition);
            }

            if (_ordering == KafkaOrdering.Partition)
            {
                // The lane stays with this task until its message ends.
                lane.Scheduled = count > 0;
            }
            else if (!partition.Abandoned && HasWork(lane))
            {
                // Key or no ordering: other tasks may start the lane's next messages before these end.
                _ready.Writer.TryWrite(lane);
            }
            else
            {
                lane.Scheduled = false;
            }

            if (count == 0)
            {
                return;
            }
        }

        ProcessingResult result;
        var threw = false;
        try
        {
            result = await _processor.ProcessAsync(new ArraySegment<WorkItem>(buffer, 0, count), partition.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The processor's contract is never to throw; if it does (a defect, or a user callback such as a failure
            // predicate that threw), the worker fails rather than lose the handler task and its in-flight count.
            result = new ProcessingResult(ProcessingStatus.Failed, e);
            threw = true;
        }

        var completed = result.Status == ProcessingStatus.Completed;
        bool failed;
        lock (_sync)
        {
            partition.InFlight -= count;
            failed = threw || (result.Status == ProcessingStatus.Failed && !partition.Abandoned);
            if (completed && !partition.Abandoned)
            {
                for (var i = 0; i < count; i++)
                {
                    partition.Complete(buffer[i]);
                }

                Interlocked.Add(ref _completed, count);
            }

            if (_ordering == KafkaOrdering.Partition)
            {
                // After anything but Completed the lane stays parked (scheduled, never re-queued): later messages of it
                // must not overtake the one that did not complete, which its next owner gets again.
                if (!completed)
                {
                    Park(lane);
                }
                else if (!partition.Abandoned && lane.Items.Count > 0)
                {
                    _ready.Writer.TryWrite(lane);
                }
                else
                {
                    lane.Scheduled = false;
                }
            }
            else if (_ordering == KafkaOrdering.Key)
            {
                ReleaseKeys(lane, buffer, completed);
                if (!lane.Scheduled && !partition.Abandoned && HasWork(lane))
                {
                    // The messages set aside behind the released keys are ready.
                    lane.Scheduled = true;
                    _ready.Writer.TryWrite(lane);
                }
            }

            if (partition.Closed && partition.InFlight == 0)
            {
                Monitor.PulseAll(_sync);
            }
        }

        if (failed)
        {
            _onFailure(buffer[0], result.Error!);
        }

        Array.Clear(buffer, 0, count);
    }

    private async ValueTask WaitForBatchAsync(Lane lane)
    {
        while (true)
        {
            Task filled;
            TimeSpan remaining;
            lock (_sync)
            {
                if (lane.Partition.Closed || lane.Items.Count == 0 || lane.Items.Count >= _processor.BatchSize)
                {
                    return;
                }

                remaining = _batchTimeout - _time.GetElapsedTime(lane.Items.Peek().EnqueuedTimestamp);
                if (remaining <= TimeSpan.Zero)
                {
                    return;
                }

                lane.BatchFilled ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                filled = lane.BatchFilled.Task;
            }

            using var timeout = new CancellationTokenSource(remaining, _time);
            await filled.WaitAsync(timeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static (string Topic, int Partition) Key(TopicPartition topicPartition) => (topicPartition.Topic, topicPartition.Partition.Value);
}
