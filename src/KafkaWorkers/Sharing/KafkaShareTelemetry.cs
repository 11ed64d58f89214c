namespace KafkaWorkers.Sharing;

/// <summary>
/// The names of the share-worker instruments on the <c>KafkaWorkers</c> meter (<see cref="KafkaWorkersTelemetry.MeterName"/>).
/// Preview, like share workers themselves.
/// </summary>
/// <remarks>
/// Every measurement carries <c>messaging.system</c>, <c>messaging.consumer.group.name</c> (the share group) and
/// <c>kafkaworkers.worker</c>; per-record ones add <c>messaging.destination.name</c> and
/// <c>messaging.destination.partition.id</c>. Handler calls also count in
/// <see cref="KafkaWorkersTelemetry.ConsumedMessages"/> and <see cref="KafkaWorkersTelemetry.ProcessDuration"/>.
/// </remarks>
public static class KafkaShareTelemetry
{
    /// <summary>Counter of records the worker acquired from its share group (<c>{record}</c>).</summary>
    public const string Acquired = "kafkaworkers.share.acquired";

    /// <summary>Up-down counter of records acquired and not acknowledged yet (<c>{record}</c>): waiting or being handled.</summary>
    public const string InFlight = "kafkaworkers.share.in_flight";

    /// <summary>Histogram of the delivery count of each acquired record (<c>{delivery}</c>; 1 on a first delivery).</summary>
    public const string DeliveryCount = "kafkaworkers.share.delivery_count";

    /// <summary>
    /// Counter of acknowledgements the worker made (<c>{record}</c>), with <see cref="AcknowledgementTag"/> =
    /// <c>accept</c>, <c>release</c> or <c>reject</c>.
    /// </summary>
    public const string Acknowledged = "kafkaworkers.share.acknowledged";

    /// <summary>
    /// Counter of acknowledgements the broker or librdkafka refused (<c>{acknowledgement}</c>), with <c>error.type</c> (for
    /// example <c>InvalidRecordState</c> after a record's lock expired and it went to another member).
    /// </summary>
    public const string AcknowledgementFailures = "kafkaworkers.share.acknowledgement.failures";

    /// <summary>Up-down counter of the share consumers (members) the worker runs (<c>{member}</c>).</summary>
    public const string Members = "kafkaworkers.share.members";

    /// <summary>
    /// Up-down counter of the members inside a handler call (<c>{member}</c>). Divided by <see cref="Members"/> it is the
    /// handler busy ratio: near 1, every member of the replica is busy.
    /// </summary>
    public const string BusyMembers = "kafkaworkers.share.busy_members";

    /// <summary>The tag holding the acknowledgement type: <c>accept</c>, <c>release</c> or <c>reject</c>.</summary>
    public const string AcknowledgementTag = "kafkaworkers.share.acknowledgement";

    /// <summary>
    /// Observable gauge of the estimated records of a partition no member of this worker acquired yet (<c>{record}</c>): the
    /// partition's end offset minus the highest offset the worker acquired in it, read every 5 seconds. It is what a share
    /// consumer can know; it counts records other replicas acquired beyond this one's highest (take the minimum over
    /// replicas) and misses records below it still waiting (released, or whose lock expired).
    /// </summary>
    public const string BacklogEstimate = "kafkaworkers.share.backlog_estimate";
}
