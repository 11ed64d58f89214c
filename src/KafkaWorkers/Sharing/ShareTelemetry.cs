using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Confluent.Kafka;

namespace KafkaWorkers.Sharing;

/// <summary>Records one share worker's measurements with its tags.</summary>
internal sealed class ShareTelemetry(ShareMetrics metrics, string worker, string groupId, ShareBacklog backlog)
{
    private readonly KeyValuePair<string, object?>[] _workerTags =
    [
        new("messaging.system", "kafka"),
        new("messaging.consumer.group.name", groupId),
        new("kafkaworkers.worker", worker),
    ];

    /// <summary>Counts a member in (+1, when it starts) or out (-1, when it closed).</summary>
    public void MemberRunning(int change) => metrics.Members.Add(change, new TagList(_workerTags));

    /// <summary>Counts a member entering (+1) or leaving (-1) a handler call.</summary>
    public void MemberBusy(int change) => metrics.BusyMembers.Add(change, new TagList(_workerTags));

    public void Acquired(ShareRecord record)
    {
        var tags = RecordTags(record.Result.Topic, record.Result.Partition.Value);
        metrics.Acquired.Add(1, tags);
        metrics.InFlight.Add(1, tags);
        metrics.DeliveryCount.Record(record.DeliveryCount, tags);
        backlog.Acquired(record.Result.TopicPartition, record.Result.Offset.Value);
    }

    /// <summary>The backlog estimate of each partition whose end offset is known, for the observable gauge.</summary>
    public IEnumerable<Measurement<long>> BacklogEstimates() =>
        backlog.Estimates().Select(e => new Measurement<long>(e.Records, RecordTags(e.Partition.Topic, e.Partition.Partition.Value)));

    public void Acknowledged(ShareRecord record, ShareAcknowledgement type)
    {
        var tags = RecordTags(record.Result.Topic, record.Result.Partition.Value);
        metrics.InFlight.Add(-1, tags);
        tags.Add(KafkaShareTelemetry.AcknowledgementTag, type switch
        {
            ShareAcknowledgement.Accept => "accept",
            ShareAcknowledgement.Release => "release",
            _ => "reject",
        });
        metrics.Acknowledged.Add(1, tags);
    }

    public void AcknowledgementFailed(string topic, int partition, ErrorCode error)
    {
        var tags = RecordTags(topic, partition);
        tags.Add("error.type", ShareConsumer.NameOf(error));
        metrics.AcknowledgementFailures.Add(1, tags);
    }

    private TagList RecordTags(string topic, int partition) => new(_workerTags)
    {
        { "messaging.destination.name", topic },
        { "messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture) },
    };
}
