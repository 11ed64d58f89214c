using System.Collections.Concurrent;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Hosting;

/// <summary>The status of every worker of the application, by worker name (for health checks and completion).</summary>
internal sealed class KafkaWorkerStatusRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WorkerStatus> _statuses = new(StringComparer.Ordinal);

    public IReadOnlyCollection<WorkerStatus> All => [.. _statuses.Values];

    /// <summary>Gets the status of a worker, creating it when the worker starts.</summary>
    public WorkerStatus For(string worker) => _statuses.GetOrAdd(worker, static (name, time) => new WorkerStatus(name, time), time);
}
