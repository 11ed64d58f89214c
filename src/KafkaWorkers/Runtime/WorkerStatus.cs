namespace KafkaWorkers.Runtime;

/// <summary>
/// What can be observed of a running worker from outside its poll thread (health checks, run-to-completion): its
/// state, when it last polled, whether it has joined its group, how many partitions it holds, and whether its
/// dead-letter produces fail. Written by the poll
/// thread, read by anyone; every member is safe to read concurrently.
/// </summary>
internal sealed class WorkerStatus(string name, TimeProvider time)
{
    private long _lastPoll = long.MinValue;
    private int _assignedPartitions;
    private int _state = (int)WorkerState.Starting;
    private int _joined;
    private string? _deadLetterError;

    public string Name { get; } = name;

    public WorkerState State => (WorkerState)Volatile.Read(ref _state);

    /// <summary>Gets whether the worker has received an assignment (possibly empty) from its group.</summary>
    public bool HasJoinedGroup => Volatile.Read(ref _joined) == 1;

    public int AssignedPartitions => Volatile.Read(ref _assignedPartitions);

    /// <summary>Gets the time since the poll loop last polled, or null before its first poll.</summary>
    public TimeSpan? SinceLastPoll
    {
        get
        {
            var last = Interlocked.Read(ref _lastPoll);
            return last == long.MinValue ? null : time.GetElapsedTime(last);
        }
    }

    public void SetState(WorkerState state) => Volatile.Write(ref _state, (int)state);

    public void Polled() => Interlocked.Exchange(ref _lastPoll, time.GetTimestamp());

    public void Assigned(int count)
    {
        Volatile.Write(ref _joined, 1);
        Interlocked.Add(ref _assignedPartitions, count);
    }

    public void Unassigned(int count) => Interlocked.Add(ref _assignedPartitions, -count);

    /// <summary>
    /// Gets what the last dead-letter produce failed with (the topic, the error, and whether it is retried), or null when
    /// none failed since the last one that succeeded.
    /// </summary>
    public string? DeadLetterError => Volatile.Read(ref _deadLetterError);

    public void DeadLetterFailed(string topic, Confluent.Kafka.Error error, bool retried) => Volatile.Write(
        ref _deadLetterError,
        $"{topic}: {error.Code}: {error.Reason} ({(retried ? "retrying; the message waits, uncommitted" : "permanent; the worker stops without committing the message")})");

    public void DeadLetterSucceeded() => Volatile.Write(ref _deadLetterError, null);
}
