using Confluent.Kafka;

namespace KafkaWorkers.Sharing;

/// <summary>A record acquired from a share group: a consume result (so the processors and dead-letter code take it as is) with its delivery count.</summary>
internal sealed class ShareConsumeResult : ConsumeResult<byte[]?, byte[]?>
{
    /// <summary>Gets how many times the broker delivered the record, this delivery included (1 the first time).</summary>
    public int DeliveryCount { get; init; }
}
