using KafkaWorkers;

namespace KafkaJob1;

/// <summary>Handles batches of messages; each batch's offsets are committed after this returns.</summary>
[KafkaWorker("reports", Topics = ["reports"], GroupId = "report-jobs")]
[KedaScaledJob(ScalingStrategy = KedaScalingStrategy.Accurate, PollingInterval = 10, MaxReplicaCount = 4, Partitions = 4,
    LagThreshold = 50, UntilDrained = true, IdleTimeoutSeconds = 5, MaxDurationSeconds = 600, StartTimeoutSeconds = 15,
    EnvironmentConfigMap = "kafka-env")]
public sealed class ReportHandler(ILogger<ReportHandler> logger) : IKafkaBatchHandler<string, string>
{
    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken)
    {
        logger.LogInformation("Batch of {Count} report request(s) from partition {Partition}", messages.Count, messages[0].Partition);
        return ValueTask.CompletedTask;
    }
}
