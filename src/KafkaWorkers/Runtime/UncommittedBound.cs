namespace KafkaWorkers.Runtime;

/// <summary>
/// Decides when <see cref="KafkaWorkerOptions.MaxUncommittedMessagesPerPartition"/> holds a partition back: only while
/// its commits fail or fall behind. While the broker acknowledges commits in time, a partition takes on as much as its
/// rate brings within one <see cref="KafkaWorkerOptions.CommitInterval"/>, so a busy partition never waits for the next
/// commit; once a commit fails, or a stored offset waits longer than <see cref="LateAfter"/> for its acknowledgement
/// (librdkafka defers a commit while the coordinator is unreachable and reports nothing), it takes on nothing more beyond
/// the bound until a commit succeeds. Poll thread only.
/// </summary>
internal sealed class UncommittedBound
{
    private readonly int _max;
    private readonly TimeProvider _time;
    private bool _failing;

    public UncommittedBound(int max, TimeSpan commitInterval, TimeProvider time)
    {
        _max = max;
        _time = time;
        LateAfter = TimeSpan.FromTicks(Math.Max(2 * commitInterval.Ticks, MinimumLateAfter.Ticks));
    }

    /// <summary>Gets how long a stored offset may wait for the broker's acknowledgement before its commit counts as late.</summary>
    public TimeSpan LateAfter { get; }

    /// <summary>Gets the floor of <see cref="LateAfter"/>: a commit round trip on a loaded machine may take this long.</summary>
    public static TimeSpan MinimumLateAfter { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the bound, in messages per partition.</summary>
    public int Max => _max;

    /// <summary>Records the outcome of a commit (background or synchronous); a partial failure counts as a failure.</summary>
    public void Record(bool succeeded) => _failing = !succeeded;

    /// <summary>Gets whether the partition must take on nothing more: it is at the bound and its commits fail or are late.</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="committed">Its last committed offset, read under the scheduler's lock.</param>
    public bool Holds(PartitionState partition, long committed) =>
        partition.Uncommitted(committed) >= _max &&
        (_failing || (partition.CommitDueSince >= 0 && _time.GetElapsedTime(partition.CommitDueSince) > LateAfter));
}
