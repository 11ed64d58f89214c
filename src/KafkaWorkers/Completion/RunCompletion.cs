using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Completion;

/// <summary>
/// Decides, on the poll thread, which fetched messages belong to a run-to-completion worker's run and when the run is
/// over. The worker then stops gracefully: in-flight messages finish, what completed is committed, the group is left.
/// </summary>
internal sealed class RunCompletion
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a finished run keeps retrying the commit of its work before it ends anyway.</summary>
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(30);

    private readonly KafkaCompletionOptions _options;
    private readonly TimeProvider _time;
    private readonly bool _resetToEarliest;
    private readonly long _start;
    private readonly Dictionary<TopicPartition, (long Start, long End)> _targets = [];
    private readonly HashSet<TopicPartition> _seen = [];
    private long _lastActivity;
    private long _withoutPartitionsSince;
    private long? _doneSince;

    public RunCompletion(KafkaCompletionOptions options, TimeProvider time, bool resetToEarliest)
    {
        _options = options;
        _time = time;
        _resetToEarliest = resetToEarliest;
        _start = _lastActivity = _withoutPartitionsSince = time.GetTimestamp();
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

    /// <summary>
    /// Decides whether a fetched message is part of the run. A message beyond the run's message budget, or beyond its
    /// partition's end offset at assignment (until drained), is left for the next run: it is neither handled nor
    /// committed, and its partition should be paused.
    /// </summary>
    public bool Admit(ConsumeResult<byte[]?, byte[]?> result)
    {
        _lastActivity = _time.GetTimestamp();
        if (MaxMessagesReached ||
            (_options.UntilDrained && _targets.TryGetValue(result.TopicPartition, out var target) && result.Offset.Value >= target.End))
        {
            return false;
        }

        Admitted++;
        return true;
    }

    /// <summary>Records newly assigned partitions and, until drained, their end offsets (and where the run starts in them).</summary>
    public void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        _seen.UnionWith(partitions);
        _lastActivity = _time.GetTimestamp();
        if (!_options.UntilDrained || partitions.Count == 0)
        {
            return;
        }

        var committed = consumer.Committed(partitions, QueryTimeout).ToDictionary(c => c.TopicPartition, c => c.Offset);
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, QueryTimeout);
            var start = committed.TryGetValue(partition, out var offset) && offset.Value >= 0
                ? offset.Value
                : _resetToEarliest ? watermarks.Low.Value : watermarks.High.Value;
            _targets[partition] = (start, watermarks.High.Value);
        }
    }

    /// <summary>Forgets partitions given up in a rebalance; a later assignment takes a new end offset.</summary>
    public void OnRevoked(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _targets.Remove(partition);
        }
    }

    /// <summary>Decides whether the run is over.</summary>
    /// <param name="consumer">The worker's consumer (for the fetch positions).</param>
    /// <param name="open">The partitions the worker holds.</param>
    /// <param name="idle">Whether no message is buffered or in flight.</param>
    /// <returns>Why the run is over, or null while it goes on.</returns>
    public RunEnding? Check(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionState> open, bool idle)
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

        var done = MaxMessagesReached && idle ? RunEnding.MaxMessagesHandled
            : _options.UntilDrained && open.Count > 0 && open.All(p => IsDrained(consumer, p)) ? RunEnding.Drained
            : (RunEnding?)null;
        if (done is not null)
        {
            // The run's work is done; it ends once the work is committed, so that no other member redoes it. While the
            // worker still polls, a refused commit (for example during another member's rebalance) is simply retried.
            _doneSince ??= now;
            if (open.All(p => p.Committed >= p.Committable) || _time.GetElapsedTime(_doneSince.Value) >= CommitWait)
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

    private bool IsDrained(IConsumer<byte[]?, byte[]?> consumer, PartitionState partition)
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
        return partition.Buffered == 0 && partition.InFlight == 0 && partition.Committable >= 0 &&
               consumer.Position(partition.TopicPartition).Value >= target.End;
    }
}
