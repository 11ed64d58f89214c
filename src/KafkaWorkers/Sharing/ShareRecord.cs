using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Sharing;

/// <summary>
/// One record of a share-poll batch, copied out of native memory (key, value and headers are managed arrays, so a
/// handler that keeps them never reads the batch after it was destroyed), with its delivery count and what the worker
/// decided to acknowledge.
/// </summary>
internal sealed class ShareRecord(ShareConsumeResult result, int index, ErrorCode error)
{
    public ShareConsumeResult Result { get; } = result;

    /// <summary>Gets the record's index in its batch, by which it is acknowledged.</summary>
    public int Index { get; } = index;

    /// <summary>Gets how many times the broker delivered the record, this delivery included (1 the first time).</summary>
    public int DeliveryCount => Result.DeliveryCount;

    /// <summary>Gets a record-level error librdkafka reported instead of data, or <see cref="ErrorCode.NoError"/>.</summary>
    public ErrorCode Error { get; } = error;

    /// <summary>Gets or sets the work item the processors take (set when the record is dispatched).</summary>
    public WorkItem? Item { get; set; }

    /// <summary>Gets or sets how the record is to be acknowledged; null until its handler settled it.</summary>
    public ShareAcknowledgement? Decision { get; set; }
}
