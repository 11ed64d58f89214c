namespace KafkaWorkers.Failures;

/// <summary>
/// The headers a worker adds to a dead-lettered record, next to the original record's own headers. Values are UTF-8
/// text; numbers are written in invariant culture.
/// </summary>
/// <remarks>
/// A dead-lettered record keeps the original key and value bytes unchanged. Its <c>traceparent</c> (and
/// <c>tracestate</c>) header is replaced by the context of the worker's <c>process</c> activity when one is recorded, so
/// the trace carries on into whatever reads the dead-letter topic.
/// </remarks>
public static class KafkaDeadLetterHeaders
{
    /// <summary>The topic the record was consumed from: <c>kafkaworkers.dlq.topic</c>.</summary>
    public const string Topic = "kafkaworkers.dlq.topic";

    /// <summary>The partition the record was consumed from: <c>kafkaworkers.dlq.partition</c>.</summary>
    public const string Partition = "kafkaworkers.dlq.partition";

    /// <summary>The record's offset in that partition: <c>kafkaworkers.dlq.offset</c>.</summary>
    public const string Offset = "kafkaworkers.dlq.offset";

    /// <summary>The original record's timestamp, in milliseconds since the Unix epoch: <c>kafkaworkers.dlq.timestamp</c>.</summary>
    public const string Timestamp = "kafkaworkers.dlq.timestamp";

    /// <summary>The consumer group of the worker that gave up on the record: <c>kafkaworkers.dlq.group</c>.</summary>
    public const string ConsumerGroup = "kafkaworkers.dlq.group";

    /// <summary>The name of that worker: <c>kafkaworkers.dlq.worker</c>.</summary>
    public const string Worker = "kafkaworkers.dlq.worker";

    /// <summary>
    /// Why the record was dead-lettered: <c>handler</c> (the handler failed), <c>key-deserialization</c> or
    /// <c>value-deserialization</c> (a poison message): <c>kafkaworkers.dlq.reason</c>.
    /// </summary>
    public const string Reason = "kafkaworkers.dlq.reason";

    /// <summary>The full name of the last exception's type: <c>kafkaworkers.dlq.exception.type</c>.</summary>
    public const string ExceptionType = "kafkaworkers.dlq.exception.type";

    /// <summary>The last exception's message: <c>kafkaworkers.dlq.exception.message</c>.</summary>
    public const string ExceptionMessage = "kafkaworkers.dlq.exception.message";

    /// <summary>How many times the handler was called for the record (0 for a poison message): <c>kafkaworkers.dlq.attempts</c>.</summary>
    public const string Attempts = "kafkaworkers.dlq.attempts";
}
