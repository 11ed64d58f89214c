namespace KafkaWorkers;

/// <summary>The names under which KafkaWorkers publishes metrics, for OpenTelemetry and <c>MeterListener</c> subscriptions.</summary>
/// <remarks>
/// Instruments follow the OpenTelemetry messaging semantic conventions where they exist. Every measurement carries
/// <c>messaging.system</c> (<c>kafka</c>), <c>messaging.consumer.group.name</c> and <c>kafkaworkers.worker</c>;
/// per-message measurements add <c>messaging.destination.name</c> and <c>messaging.destination.partition.id</c>, and
/// <c>error.type</c> when handling failed.
/// </remarks>
public static class KafkaWorkersTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>KafkaWorkers</c>.</summary>
    public const string MeterName = "KafkaWorkers";

    /// <summary>Counter of messages handed to handlers (<c>{message}</c>).</summary>
    public const string ConsumedMessages = "messaging.client.consumed.messages";

    /// <summary>Histogram of the time handlers take per message or batch, in seconds.</summary>
    public const string ProcessDuration = "messaging.process.duration";

    /// <summary>Counter of rebalance events (<c>{event}</c>), with <c>kafkaworkers.rebalance.kind</c> = assigned, revoked or lost.</summary>
    public const string RebalanceEvents = "kafkaworkers.rebalance.events";

    /// <summary>Up-down counter of the partitions assigned to the worker (<c>{partition}</c>).</summary>
    public const string AssignedPartitions = "kafkaworkers.assigned_partitions";

    /// <summary>Counter of offset commits that succeeded (<c>{commit}</c>).</summary>
    public const string Commits = "kafkaworkers.commits";

    /// <summary>Counter of offset commits that failed (<c>{commit}</c>); the offsets are committed again later.</summary>
    public const string CommitFailures = "kafkaworkers.commit.failures";
}
