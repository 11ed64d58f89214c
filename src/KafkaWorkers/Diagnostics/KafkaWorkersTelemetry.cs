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

    /// <summary>
    /// The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>KafkaWorkers</c>. It starts one
    /// <c>process &lt;topic&gt;</c> activity (kind <c>Consumer</c>) per handled message, or per batch for batch handlers,
    /// after the OpenTelemetry messaging conventions: parented by the message's W3C <c>traceparent</c> header (a batch
    /// links to each message's context instead), with <c>messaging.system</c>, <c>messaging.operation.type</c>
    /// (<c>process</c>), <c>messaging.destination.name</c>, <c>messaging.consumer.group.name</c>,
    /// <c>messaging.destination.partition.id</c> and <c>messaging.kafka.offset</c> (or
    /// <c>messaging.batch.message_count</c>). Retries happen inside it; a dead-lettered record carries its context.
    /// </summary>
    public const string ActivitySourceName = "KafkaWorkers";

    /// <summary>Counter of messages handed to handlers (<c>{message}</c>), once per delivered message whatever the retries.</summary>
    public const string ConsumedMessages = "messaging.client.consumed.messages";

    /// <summary>Histogram of the time handlers take per message or batch, in seconds: one per attempt, with <c>error.type</c> when it failed.</summary>
    public const string ProcessDuration = "messaging.process.duration";

    /// <summary>Counter of rebalance events (<c>{event}</c>), with <c>kafkaworkers.rebalance.kind</c> = assigned, revoked or lost.</summary>
    public const string RebalanceEvents = "kafkaworkers.rebalance.events";

    /// <summary>Up-down counter of the partitions assigned to the worker (<c>{partition}</c>).</summary>
    public const string AssignedPartitions = "kafkaworkers.assigned_partitions";

    /// <summary>Counter of offset commits that succeeded (<c>{commit}</c>).</summary>
    public const string Commits = "kafkaworkers.commits";

    /// <summary>Counter of offset commits that failed (<c>{commit}</c>); the next commit retries them while the partitions stay assigned.</summary>
    public const string CommitFailures = "kafkaworkers.commit.failures";

    /// <summary>
    /// Observable gauge of the messages of each assigned partition that the worker took on (handled, in flight or
    /// buffered) since the partition's last successful commit, counted by offsets (<c>{message}</c>), with
    /// <c>messaging.destination.name</c> and <c>messaging.destination.partition.id</c>: what the partition's next owner
    /// would redo if it were lost now. While commits fail or are late it stays at most
    /// <see cref="KafkaWorkerOptions.MaxUncommittedMessagesPerPartition"/>, at which the partition waits for a commit;
    /// while they succeed it follows the partition's rate times the commit interval.
    /// </summary>
    public const string UncommittedMessages = "kafkaworkers.uncommitted_messages";

    /// <summary>Counter of handler retries (<c>{attempt}</c>), with <c>messaging.destination.name</c>: attempts after the first.</summary>
    public const string Retries = "kafkaworkers.retries";

    /// <summary>
    /// Counter of messages sent to a dead-letter topic (<c>{message}</c>), with <c>messaging.destination.name</c> (the
    /// topic they were consumed from) and <c>kafkaworkers.dead_letter.reason</c> (<c>handler</c>,
    /// <c>key-deserialization</c> or <c>value-deserialization</c>).
    /// </summary>
    public const string DeadLettered = "kafkaworkers.dead_lettered";

    /// <summary>
    /// Counter of dead-letter produces that failed (<c>{produce}</c>), tagged <c>error.type</c> (the error code) and
    /// <c>kafkaworkers.dead_letter.retried</c>: <c>true</c> when retried (the message waits, uncommitted), <c>false</c>
    /// when the cluster refused the record for good and the worker stops without committing the message.
    /// </summary>
    public const string DeadLetterFailures = "kafkaworkers.dead_letter.failures";

    /// <summary>Counter of messages committed without being handled under the <c>Skip</c> failure policy (<c>{message}</c>).</summary>
    public const string Skipped = "kafkaworkers.skipped";

    /// <summary>
    /// Observable gauge of each partition's lag as KEDA counts it (<c>{message}</c>), with
    /// <c>messaging.destination.name</c> and <c>messaging.destination.partition.id</c>; published by the lag monitor.
    /// </summary>
    public const string PartitionLag = "kafkaworkers.lag.partition";

    /// <summary>Observable gauge of a worker's total lag over all partitions of its topics (<c>{message}</c>).</summary>
    public const string WorkerLag = "kafkaworkers.lag.worker";

    /// <summary>Observable gauge of the metric value KEDA's <c>kafka</c> scaler reports to the HPA (<c>{message}</c>).</summary>
    public const string KedaMetricValue = "kafkaworkers.lag.keda_metric";

    /// <summary>Observable gauge of the replica count KEDA and the HPA settle at for the current lag (<c>{replica}</c>).</summary>
    public const string PredictedReplicas = "kafkaworkers.lag.predicted_replicas";

    /// <summary>Observable gauge of the time since the lag was last read, in seconds; it grows while reads fail.</summary>
    public const string LagSnapshotAge = "kafkaworkers.lag.snapshot_age";
}
