using Confluent.Kafka;
using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Commits. While the worker runs, the poll thread hands each partition's commit point (the offset after the highest
/// contiguous completed message) to librdkafka's offset store, and librdkafka commits the stored offsets every
/// <see cref="KafkaWorkerOptions.CommitInterval"/> in the background, so a slow commit (for example during a
/// rebalance) never stops polling. On revoke and on shutdown the worker commits synchronously before it gives the
/// partitions up, storing the same offsets first so that librdkafka's own commit on unassign cannot move them back.
/// A partition whose every message taken on completed is committed at the consumer's position rather than after its
/// last message, so that transaction markers (and aborted records) after it leave no lag (see <see cref="SkipToPositions"/>).
/// </summary>
internal sealed partial class KafkaWorker
{
    /// <summary>How often completed offsets are handed to the offset store.</summary>
    private static readonly TimeSpan StoreInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The last offset committed per partition during this worker's life (for the run summary).</summary>
    private readonly Dictionary<TopicPartition, long> _lastCommitted = [];

    /// <summary>When the poll thread next reads the positions of caught-up partitions (a timestamp).</summary>
    private long _nextPositionCheck;

    private void StoreCompleted(IConsumer<byte[]?, byte[]?> consumer)
    {
        var partitions = _scheduler.OpenPartitions;
        if (_time.GetTimestamp() >= _nextPositionCheck)
        {
            // librdkafka commits what is stored once per commit interval: reading positions more often would not commit
            // them sooner, and costs a native call per caught-up partition.
            SkipToPositions(consumer, partitions);
            _nextPositionCheck = Timestamps.After(_time, _options.CommitInterval);
        }

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
            _uncommittedBound.Record(succeeded: true);
            _telemetry.Committed(succeeded: true);
            Log.OffsetsCommitted(_logger, _name, _groupId, new OffsetsText(offsets));
        }
        catch (TopicPartitionOffsetException e)
        {
            var succeeded = e.Results.Where(r => !r.Error.IsError).Select(r => r.TopicPartitionOffset).ToList();
            _scheduler.MarkCommitted(partitions, succeeded);
            RecordCommitted(succeeded);
            _uncommittedBound.Record(succeeded: false);
            _telemetry.Committed(succeeded: false);
            Log.CommitNowFailed(_logger, _name, _groupId, new OffsetsText(e.Results.Where(r => r.Error.IsError).Select(r => r.TopicPartitionOffset)), e);
        }
        catch (KafkaException e)
        {
            _uncommittedBound.Record(succeeded: false);
            _telemetry.Committed(succeeded: false);
            Log.CommitNowFailed(_logger, _name, _groupId, new OffsetsText(offsets), e);
        }
    }

    /// <summary>
    /// Moves the commit point of each caught-up partition (every message taken on completed) to the consumer's position,
    /// over the offsets librdkafka skipped without returning them: transaction markers, and aborted records under
    /// <c>isolation.level=read_committed</c> (librdkafka's default). Committing only "last handled + 1" would leave the
    /// committed offset below the log end offset, one marker per transaction, and KEDA would never scale to zero.
    /// </summary>
    /// <remarks>
    /// The position is the offset after the last message librdkafka returned to this worker, not of what it prefetched,
    /// so every message below it was returned: taken on (and completed, since the partition is caught up), or not taken
    /// on, which <see cref="PartitionState.FirstUntaken"/> bounds, or still held by the batch fetcher, which returns a
    /// batch at once and moves the position past all of it (<see cref="SkipLimit"/>).
    /// </remarks>
    private void SkipToPositions(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionState> partitions)
    {
        var caughtUp = _scheduler.GetCaughtUp(partitions);
        if (caughtUp.Count == 0)
        {
            return;
        }

        var positions = new List<(PartitionState, long)>(caughtUp.Count);
        foreach (var partition in caughtUp)
        {
            if (ReadPosition(consumer, partition.TopicPartition) is var position and >= 0)
            {
                positions.Add((partition, Math.Min(position, SkipLimit(partition))));
            }
        }

        foreach (var (partition, from, to) in _scheduler.SkipTo(positions))
        {
            Log.CommitPointSkipped(_logger, _name, _groupId, partition.TopicPartition.Topic, partition.TopicPartition.Partition.Value, from, to);
        }
    }

    /// <summary>Reads the consumer's position for a partition, or -1 when it has none (nothing returned yet, or not assigned).</summary>
    private static long ReadPosition(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition)
    {
        try
        {
            return consumer.Position(partition).Value;
        }
        catch (KafkaException)
        {
            return -1;
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
        _uncommittedBound.Record(succeeded: !committed.Error.IsError && failed.Count == 0);
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
