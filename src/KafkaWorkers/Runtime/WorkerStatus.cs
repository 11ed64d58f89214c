namespace KafkaWorkers.Runtime;

/// <summary>
/// What can be observed of a running worker from outside its poll thread (health checks, run-to-completion): its
/// state, when it last polled, whether it has joined its group, and how many partitions it holds. Written by the poll
/// thread, read by anyone; every member is safe to read concurrently.
/// </summary>
internal sealed class WorkerStatus(string name, TimeProvider time)
{
    private long _lastPoll = long.MinValue;
    private int _assignedPartitions;
    private int _state = (int)WorkerState.Starting;
    private int _joined;

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
}
