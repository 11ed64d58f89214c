using KafkaWorkers.Hosting;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Health;

/// <summary>
/// A worker is live unless it failed, or its running poll loop has not polled within <c>max.poll.interval.ms</c> (the
/// loop is stuck: the group has thrown the consumer out by now). Starting and stopping workers are live.
/// </summary>
internal sealed class KafkaWorkerLivenessCheck(KafkaWorkerStatusRegistry statuses, IOptionsMonitor<KafkaWorkerOptions> options, string worker) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        MaxPollInterval.TryRead(options.Get(worker).Consumer, out var maxPollInterval);
        return Task.FromResult(Evaluate(statuses.For(worker), TimeSpan.FromMilliseconds(maxPollInterval)));
    }

    internal static HealthCheckResult Evaluate(WorkerStatus status, TimeSpan maxPollInterval)
    {
        var data = WorkerHealthData.Of(status);
        return status.State switch
        {
            WorkerState.Failed => HealthCheckResult.Unhealthy(
                status.DeadLetterError is { } deadLetterError
                    ? $"Kafka worker '{status.Name}' failed and stopped; its last dead-letter produce failed: {deadLetterError}."
                    : $"Kafka worker '{status.Name}' failed and stopped.",
                data: data),
            WorkerState.Running when status.SinceLastPoll is { } since && since > maxPollInterval => HealthCheckResult.Unhealthy(
                $"Kafka worker '{status.Name}' has not polled for {since.TotalSeconds:F0} s, longer than max.poll.interval.ms ({maxPollInterval.TotalMilliseconds:F0} ms): its poll loop is stuck.",
                data: data),
            _ => HealthCheckResult.Healthy($"Kafka worker '{status.Name}' is {status.State}.", data),
        };
    }
}
