using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace KafkaWorkers.Diagnostics;

/// <summary>Records one worker's measurements with its tags.</summary>
internal sealed class WorkerTelemetry
{
    private readonly KafkaWorkersMetrics _metrics;
    private readonly KeyValuePair<string, object?>[] _workerTags;
    private Measurement<long>[] _uncommitted = [];

    public WorkerTelemetry(KafkaWorkersMetrics metrics, string worker, string groupId)
    {
        _metrics = metrics;
        _workerTags =
        [
            new("messaging.system", "kafka"),
            new("messaging.consumer.group.name", groupId),
            new("kafkaworkers.worker", worker),
        ];
        metrics.Track(this);
    }

    /// <summary>Gets the last reported uncommitted counts, one measurement per partition (read by the observable gauge).</summary>
    public IEnumerable<Measurement<long>> Uncommitted => Volatile.Read(ref _uncommitted);

    /// <summary>Replaces the uncommitted counts of the worker's partitions (the poll thread reports them as it stores offsets).</summary>
    public void ReportUncommitted(IEnumerable<(string Topic, int Partition, long Count)> partitions) =>
        Volatile.Write(ref _uncommitted, [.. partitions.Select(p => new Measurement<long>(p.Count, MessageTags(p.Topic, p.Partition)))]);

    /// <summary>Counts messages handed to the worker's processing, once per delivery whatever the retries.</summary>
    public void Consumed(string topic, int partition, int count) => _metrics.ConsumedMessages.Add(count, MessageTags(topic, partition));

    /// <summary>Records one handler call (an attempt), with <c>error.type</c> when it failed.</summary>
    public void Processed(string topic, int partition, TimeSpan duration, Exception? error)
    {
        var tags = MessageTags(topic, partition);
        if (error is not null)
        {
            tags.Add("error.type", error.GetType().FullName);
        }

        _metrics.ProcessDuration.Record(duration.TotalSeconds, tags);
    }

    public void Rebalanced(string kind, int partitions)
    {
        var tags = new TagList(_workerTags) { { "kafkaworkers.rebalance.kind", kind } };
        _metrics.RebalanceEvents.Add(1, tags);
        _metrics.AssignedPartitions.Add(kind == "assigned" ? partitions : -partitions, new TagList(_workerTags));
    }

    public void Retried(string topic, int partition) => _metrics.Retries.Add(1, MessageTags(topic, partition));

    public void DeadLettered(string topic, int partition, string reason)
    {
        var tags = MessageTags(topic, partition);
        tags.Add("kafkaworkers.dead_letter.reason", reason);
        _metrics.DeadLettered.Add(1, tags);
    }

    /// <summary>Counts a failed dead-letter produce, with its error code and whether it is retried (or stops the worker).</summary>
    public void DeadLetterFailed(Confluent.Kafka.ErrorCode code, bool retried) => _metrics.DeadLetterFailures.Add(1, new TagList(_workerTags)
    {
        { "error.type", code.ToString() },
        { "kafkaworkers.dead_letter.retried", retried },
    });

    public void Skipped(string topic, int partition) => _metrics.Skipped.Add(1, MessageTags(topic, partition));

    public void Committed(bool succeeded)
    {
        var counter = succeeded ? _metrics.Commits : _metrics.CommitFailures;
        counter.Add(1, new TagList(_workerTags));
    }

    private TagList MessageTags(string topic, int partition) => new(_workerTags)
    {
        { "messaging.destination.name", topic },
        { "messaging.destination.partition.id", partition.ToString(CultureInfo.InvariantCulture) },
    };
}
