namespace KafkaWorkers.Runtime;

/// <summary>Where a worker is in its life.</summary>
internal enum WorkerState
{
    /// <summary>Created; the poll loop has not started.</summary>
    Starting,

    /// <summary>The poll loop runs.</summary>
    Running,

    /// <summary>A stop was requested; the worker drains, commits and leaves the group.</summary>
    Stopping,

    /// <summary>The worker has stopped normally.</summary>
    Stopped,

    /// <summary>The worker failed and stopped.</summary>
    Failed,
}
