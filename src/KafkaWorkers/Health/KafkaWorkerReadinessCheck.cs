using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KafkaWorkers.Health;

/// <summary>
/// A worker is ready once it runs and has joined its consumer group, with partitions or legitimately idle without any
/// (more pods than partitions); not while it starts, before its first assignment, or once it stops or failed.
/// </summary>
internal sealed class KafkaWorkerReadinessCheck(KafkaWorkerStatusRegistry statuses, string worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Evaluate(statuses.For(worker)));

    internal static HealthCheckResult Evaluate(WorkerStatus status)
    {
        var data = WorkerHealthData.Of(status);
        return status.State switch
        {
            WorkerState.Running when status.HasJoinedGroup => HealthCheckResult.Healthy(
                status.AssignedPartitions > 0
                    ? $"Kafka worker '{status.Name}' consumes {status.AssignedPartitions} partition(s)."
                    : $"Kafka worker '{status.Name}' joined its group and is idle: no partition is assigned to it.",
                data),
            WorkerState.Running => HealthCheckResult.Unhealthy($"Kafka worker '{status.Name}' has not joined its consumer group yet.", data: data),
            _ => HealthCheckResult.Unhealthy($"Kafka worker '{status.Name}' is {status.State}.", data: data),
        };
    }
}
