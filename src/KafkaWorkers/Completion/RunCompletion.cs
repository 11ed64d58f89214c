using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Completion;

/// <summary>
/// Decides, on the poll thread, which fetched messages belong to a run-to-completion worker's run and when the run is
/// over. The worker then stops gracefully: in-flight messages finish, what completed is committed, the group is left.
/// </summary>
/// <remarks>
/// Until drained, each assigned partition's drain target (where the run starts in it and its end offset) is read on the
/// poll loop right after the assignment, not inside the rebalance callback: a slow broker then delays only that read,
/// never the callback, and a read that fails is retried instead of failing the worker.
/// </remarks>
internal sealed class RunCompletion
{
    /// <summary>How long each offset query of a drain target may take.</summary>
    internal static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long after a failed read of drain targets the read is tried again.</summary>
    internal static readonly TimeSpan TargetRetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a finished run keeps retrying the commit of its work before it ends anyway.</summary>
    internal static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    private readonly KafkaCompletionOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _resetToEarliest;
    private readonly long _start;
    private readonly Dictionary<TopicPartition, (long Start, long End)> _targets = [];
    private readonly HashSet<TopicPartition> _awaitingTarget = [];
    private readonly HashSet<TopicPartition> _seen = [];
    private long _lastActivity;
    private long _withoutPartitionsSince;
    private long _nextTargetRead;
    private long? _doneSince;

    public RunCompletion(KafkaCompletionOptions options, TimeProvider time, bool resetToEarliest)
    {
        _options = options;
        _time = time;
        _resetToEarliest = resetToEarliest;
        _start = _lastActivity = _withoutPartitionsSince = _nextTargetRead = time.GetTimestamp();
    }

    /// <summary>Gets how many messages the run took on.</summary>
    public int Admitted { get; private set; }

    /// <summary>Gets how many distinct partitions were assigned during the run.</summary>
    public int PartitionCount => _seen.Count;

    /// <summary>Gets whether the run's work is done and only waits for its offsets to be committed.</summary>
    public bool AwaitingCommit { get; private set; }

    /// <summary>Gets how long the run has taken so far.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    public bool MaxMessagesReached => _options.MaxMessages is { } max && Admitted >= max;

    /// <summary>Gets whether a partition's drain target is still to be read (messages of it are held meanwhile).</summary>
    public bool AwaitsTarget(TopicPartition partition) => _awaitingTarget.Contains(partition);

    /// <summary>
    /// Decides whether a fetched message is part of the run. A message beyond the run's message budget, or beyond its
    /// partition's end offset (until drained), is left for the next run: it is neither handled nor committed, and its
    /// partition should be parked. A message whose partition's end offset is not known yet is held.
    /// </summary>
    public RunAdmission Admit(ConsumeResult<byte[]?, byte[]?> result)
    {
        _lastActivity = _time.GetTimestamp();
        if (MaxMessagesReached)
        {
            return RunAdmission.Park;
        }

        if (_options.UntilDrained)
        {
            if (_awaitingTarget.Contains(result.TopicPartition))
            {
                return RunAdmission.Hold;
            }

            if (_targets.TryGetValue(result.TopicPartition, out var target) && result.Offset.Value >= target.End)
            {
                return RunAdmission.Park;
            }
        }

        Admitted++;
        return RunAdmission.Take;
    }

    /// <summary>
    /// Records newly assigned partitions. Called inside the assign callback, it makes no network call: until drained,
    /// the partitions await their drain target, which <see cref="ReadTargets"/> reads on the poll loop.
    /// </summary>
    public void OnAssigned(IReadOnlyList<TopicPartition> partitions)
    {
        _seen.UnionWith(partitions);
        _lastActivity = _time.GetTimestamp();
        if (_options.UntilDrained)
        {
            _awaitingTarget.UnionWith(partitions);
        }
    }

    /// <summary>
    /// Reads the drain targets of the partitions that await one: where the group stands in each (its committed offset,
    /// or the reset position) and its end offset (high watermark). A failed read keeps what it read and is tried again
    /// after <see cref="TargetRetryInterval"/>.
    /// </summary>
    /// <returns>
    /// The partitions whose target was read by this call, and the error that stopped it (null when nothing failed).
    /// </returns>
    public (List<TopicPartition> Read, KafkaException? Error) ReadTargets(IRunOffsets offsets)
    {
        var read = new List<TopicPartition>();
        if (_awaitingTarget.Count == 0 || _time.GetTimestamp() < _nextTargetRead)
        {
            return (read, null);
        }

        try
        {
            var pending = _awaitingTarget.ToList();
            var committed = offsets.Committed(pending, QueryTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
            foreach (var partition in pending)
            {
                var watermarks = offsets.QueryWatermarkOffsets(partition, QueryTimeout);
                var start = committed.TryGetValue(partition, out var offset) && offset.Value >= 0
                    ? offset.Value
                    : _resetToEarliest ? watermarks.Low.Value : watermarks.High.Value;
                _targets[partition] = (start, watermarks.High.Value);
                _awaitingTarget.Remove(partition);
                read.Add(partition);
            }

            return (read, null);
        }
        catch (KafkaException e)
        {
            _nextTargetRead = Timestamps.After(_time, TargetRetryInterval);
            return (read, e);
        }
    }

    /// <summary>Forgets partitions given up in a rebalance; a later assignment reads a new target.</summary>
    public void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _targets.Remove(partition);
            _awaitingTarget.Remove(partition);
        }
    }

    /// <summary>Decides whether the run is over.</summary>
    /// <param name="offsets">The consumer (for the fetch positions).</param>
    /// <param name="open">The partitions the worker holds, read under the scheduler's lock.</param>
    /// <returns>Why the run is over, or null while it goes on.</returns>
    public RunEnding? Check(IRunOffsets offsets, IReadOnlyList<PartitionProgress> open)
    {
        var now = _time.GetTimestamp();
        AwaitingCommit = false;
        if (open.Count > 0)
        {
            _withoutPartitionsSince = now;
        }

        if (_options.MaxDuration is { } maxDuration && _time.GetElapsedTime(_start) >= maxDuration)
        {
            return _options.MaxMessages is null && !_options.UntilDrained ? RunEnding.MaxDuration : RunEnding.TimedOut;
        }

        var done = MaxMessagesReached && open.All(p => p.Idle) ? RunEnding.MaxMessagesHandled
            : _options.UntilDrained && open.Count > 0 && open.All(p => IsDrained(offsets, p)) ? RunEnding.Drained
            : (RunEnding?)null;
        if (done is not null)
        {
            // The run's work is done; it ends once the work is committed, so that no other member redoes it. While the
            // worker still polls, a refused commit (for example during another member's rebalance) is simply retried.
            _doneSince ??= now;
            if (open.All(p => p.FullyCommitted) || _time.GetElapsedTime(_doneSince.Value) >= CommitWait)
            {
                return done;
            }

            AwaitingCommit = true;
            return null;
        }

        _doneSince = null;
        if (_options.IdleTimeout is { } idleTimeout && _time.GetElapsedTime(_lastActivity) >= idleTimeout)
        {
            return RunEnding.Idle;
        }

        return open.Count == 0 && _time.GetElapsedTime(_withoutPartitionsSince) >= _options.StartTimeout ? RunEnding.NoPartitions : null;
    }

    private bool IsDrained(IRunOffsets offsets, PartitionProgress partition)
    {
        if (!_targets.TryGetValue(partition.TopicPartition, out var target))
        {
            return false;
        }

        if (target.Start >= target.End || partition.Committable >= target.End)
        {
            return true;
        }

        // Past the last message without a commit point there (a transaction marker or a compacted tail).
        return partition.Idle && partition.Committable >= 0 && offsets.Position(partition.TopicPartition).Value >= target.End;
    }
}
