using System.Diagnostics;
using System.Globalization;

namespace KafkaWorkers.Diagnostics;

/// <summary>Records one worker's measurements with its tags.</summary>
internal sealed class WorkerTelemetry(KafkaWorkersMetrics metrics, string worker, string groupId)
{
    private readonly KeyValuePair<string, object?>[] _workerTags =
    [
        new("messaging.system", "kafka"),
        new("messaging.consumer.group.name", groupId),
        new("kafkaworkers.worker", worker),
    ];

    /// <summary>Counts messages handed to the worker's processing, once per delivery whatever the retries.</summary>
    public void Consumed(string topic, int partition, int count) => metrics.ConsumedMessages.Add(count, MessageTags(topic, partition));

    /// <summary>Records one handler call (an attempt), with <c>error.type</c> when it failed.</summary>
    public void Processed(string topic, int partition, TimeSpan duration, Exception? error)
    {
        var tags = MessageTags(topic, partition);
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().FullName);
        }

        metrics.ProcessDuration.Record(duration.TotalSeconds, tags);
    }

    public void Rebalanced(string kind, int partitions)
    {
        var tags = new TagList(_workerTags) { { "kafkaworkers.rebalance.kind", kind } };
        metrics.RebalanceEvents.Add(1, tags);
        metrics.AssignedPartitions.Add(kind == "assigned" ? partitions : -partitions, new TagList(_workerTags));
    }

    public void Retried(string topic, int partition) => metrics.Retries.Add(1, MessageTags(topic, partition));

    public void DeadLettered(string topic, int partition, string reason)
    {
        var tags = MessageTags(topic, partition);
        tags.Add("kafkaworkers.dead_letter.reason", reason);
        metrics.DeadLettered.Add(1, tags);
    }

    /// <summary>Counts a failed dead-letter produce, with its error code and whether it is retried (or stops the worker).</summary>
    public void DeadLetterFailed(Confluent.Kafka.ErrorCode code, bool retried) => metrics.DeadLetterFailures.Add(1, new TagList(_workerTags)
    {
        { "error.type", code.ToString() },
        { "kafkaworkers.dead_letter.retried", retried },
    });

    public void Skipped(string topic, int partition) => metrics.Skipped.Add(1, MessageTags(topic, partition));

    public void Committed(bool succeeded)
    {
        var counter = succeeded ? metrics.Commits : metrics.CommitFailures;
        counter.Add(1, new TagList(_workerTags));
    }

    private TagList MessageTags(string topic, int partition) => new(_workerTags)
    {
        { "messaging.destination.name", topic },
        { "messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture) },
    };
}
