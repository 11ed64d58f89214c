using Confluent.Kafka;
using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Commits. While the worker runs, the poll thread hands each partition's commit point (the offset after the highest
/// contiguous completed message) to librdkafka's offset store, and librdkafka commits the stored offsets every
/// <see cref="KafkaWorkerOptions.CommitInterval"/> in the background, so a slow commit (for example during a
/// rebalance) never stops polling. On revoke and on shutdown the worker commits synchronously before it gives the
/// partitions up, storing the same offsets first so that librdkafka's own commit on unassign cannot move them back.
/// </summary>
internal sealed partial class KafkaWorker
{
    /// <summary>How often completed offsets are handed to the offset store.</summary>
    private static readonly TimeSpan StoreInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The last offset committed per partition during this worker's life (for the run summary).</summary>
    private readonly Dictionary<TopicPartition, long> _lastCommitted = [];

    private void StoreCompleted(IConsumer<byte[]?, byte[]?> consumer)
    {
        var partitions = _scheduler.OpenPartitions;
        var offsets = _scheduler.GetUnstored(partitions);
        if (offsets.Count > 0)
        {
            _scheduler.MarkStored(partitions, Store(consumer, offsets));
        }

        var progress = _scheduler.GetProgress(partitions);
        _telemetry.ReportUncommitted(partitions.Select((p, i) => (p.TopicPartition.Topic, p.TopicPartition.Partition.Value, p.Uncommitted(progress[i].Committed))));
    }

    /// <summary>Commits, synchronously, what completed on partitions the worker is about to give up.</summary>
    private void CommitNow(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionState> partitions)
    {
        var offsets = _scheduler.GetUncommitted(partitions);
        if (offsets.Count == 0)
        {
            return;
        }

        Store(consumer, offsets);
        try
        {
            consumer.Commit(offsets);
            _scheduler.MarkCommitted(partitions, offsets);
            RecordCommitted(offsets);
            _telemetry.Committed(succeeded: true);
            Log.OffsetsCommitted(_logger, _name, _groupId, new OffsetsText(offsets));
        }
        catch (TopicPartitionOffsetException e)
        {
            var succeeded = e.Results.Where(r => !r.Error.IsError).Select(r => r.TopicPartitionOffset).ToList();
            _scheduler.MarkCommitted(partitions, succeeded);
            RecordCommitted(succeeded);
            _telemetry.Committed(succeeded: false);
            Log.CommitNowFailed(_logger, _name, _groupId, new OffsetsText(e.Results.Where(r => r.Error.IsError).Select(r => r.TopicPartitionOffset)), e);
        }
        catch (KafkaException e)
        {
            _telemetry.Committed(succeeded: false);
            Log.CommitNowFailed(_logger, _name, _groupId, new OffsetsText(offsets), e);
        }
    }

    /// <summary>Stores offsets; returns those stored (a partition unassigned in the meantime is skipped).</summary>
    private static List<TopicPartitionOffset> Store(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> offsets)
    {
        var stored = new List<TopicPartitionOffset>(offsets.Count);
        foreach (var offset in offsets)
        {
            try
            {
                consumer.StoreOffset(offset);
                stored.Add(offset);
            }
            catch (KafkaException e) when (e.Error.Code == ErrorCode.Local_State)
            {
                // No longer assigned: nothing may be stored for it.
            }
        }

        return stored;
    }

    /// <summary>Reports librdkafka's background commits of stored offsets.</summary>
    private void OnOffsetsCommitted(CommittedOffsets committed)
    {
        var succeeded = committed.Offsets.Where(o => !o.Error.IsError && o.Offset.Value >= 0).Select(o => o.TopicPartitionOffset).ToList();
        var failed = committed.Offsets.Where(o => o.Error.IsError).Select(o => o.TopicPartitionOffset).ToList();
        if (succeeded.Count == 0 && failed.Count == 0 && committed.Error.Code == ErrorCode.Local_NoOffset)
        {
            return;
        }

        _scheduler.MarkCommitted(_scheduler.OpenPartitions, succeeded);
        RecordCommitted(succeeded);
        if (committed.Error.IsError || failed.Count > 0)
        {
            _telemetry.Committed(succeeded: false);
            Log.CommitFailed(_logger, _name, _groupId, new OffsetsText(failed), new KafkaException(committed.Error));
        }
        else if (succeeded.Count > 0)
        {
            _telemetry.Committed(succeeded: true);
            Log.OffsetsCommitted(_logger, _name, _groupId, new OffsetsText(succeeded));
        }
    }

    private void RecordCommitted(IEnumerable<TopicPartitionOffset> offsets)
    {
        foreach (var offset in offsets)
        {
            _lastCommitted[offset.TopicPartition] = Math.Max(offset.Offset.Value, _lastCommitted.GetValueOrDefault(offset.TopicPartition));
        }
    }
}
