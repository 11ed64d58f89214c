using Confluent.Kafka;
using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Rebalance callbacks. They run on the poll thread, inside <c>Consume</c>, and stay bounded: a revoke stops dispatch
/// for the revoked partitions, waits for their in-flight messages up to the revoke timeout, commits what completed and
/// returns; retained partitions keep running throughout. The handling is per partition, so it is the same for the
/// cooperative (incremental) protocol, eager assignors and the KIP-848 consumer protocol: librdkafka reports which
/// partitions change, and Confluent.Kafka applies the matching (incremental or full) assign or unassign.
/// </summary>
internal sealed partial class KafkaWorker
{
    private void OnAssigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        _status.Assigned(partitions.Count);
        OnRunPartitionsAssigned(partitions);
        if (partitions.Count == 0)
        {
            return;
        }

        foreach (var partition in partitions)
        {
            _scheduler.Assign(partition);
        }

        _telemetry.Rebalanced("assigned", partitions.Count);
        Log.PartitionsAssigned(_logger, _name, _groupId, partitions.Count, new PartitionsText(partitions));
    }

    private void OnRevoked(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        OnRunPartitionsRevoked(consumer, partitions.Select(p => p.TopicPartition));
        var closed = _scheduler.Close(partitions.Select(p => p.TopicPartition));
        if (closed.Count == 0)
        {
            return;
        }

        ClearPause(consumer, closed);
        Log.PartitionsRevoked(_logger, _name, _groupId, closed.Count, new PartitionsText(closed.Select(p => p.TopicPartition)), _scheduler.CountInFlight(closed));
        GiveUp(consumer, closed, _options.RevokeTimeout, inFlight => Log.RevokeTimedOut(_logger, _name, _groupId, inFlight));
        _telemetry.Rebalanced("revoked", closed.Count);
    }

    private void OnLost(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartitionOffset> partitions)
    {
        // Lost partitions may already belong to another member: never commit for them.
        OnRunPartitionsRevoked(consumer, partitions.Select(p => p.TopicPartition));
        var closed = _scheduler.Close(partitions.Select(p => p.TopicPartition));
        if (closed.Count == 0)
        {
            return;
        }

        _scheduler.Abandon(closed);
        CancelHandlers(closed);
        ClearPause(consumer, closed);
        _status.Unassigned(closed.Count);
        _telemetry.Rebalanced("lost", closed.Count);
        Log.PartitionsLost(
            _logger, _name, _groupId, closed.Count, new PartitionsText(closed.Select(p => p.TopicPartition)),
            new OffsetsText(_scheduler.GetProgress(closed).Select(p => new TopicPartitionOffset(p.TopicPartition, p.Committed))));
    }

    /// <summary>
    /// Gives closed partitions up (revoke or shutdown): waits for their remaining work up to the timeout or the host's
    /// deadline, cancels what still runs, stops counting completions, and commits exactly what completed (at the consumer's
    /// position, for a partition whose every message completed).
    /// </summary>
    private void GiveUp(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionState> closed, TimeSpan timeout, Action<int> onTimeout)
    {
        if (!_scheduler.WaitForInFlight(closed, timeout, _hostGaveUp.Token))
        {
            onTimeout(_scheduler.CountInFlight(closed));
            CancelHandlers(closed);
        }

        _scheduler.Abandon(closed);
        SkipToPositions(consumer, closed);
        CommitNow(consumer, closed);
        _status.Unassigned(closed.Count);
    }

    private static void CancelHandlers(IReadOnlyList<PartitionState> partitions)
    {
        foreach (var partition in partitions)
        {
            partition.CancelHandlers();
        }
    }

    /// <summary>Resumes partitions that are being given up, so a later assignment of them does not start paused.</summary>
    private void ClearPause(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionState> partitions)
    {
        var paused = partitions.Where(p => p.Paused).Select(p => p.TopicPartition).ToList();
        if (paused.Count > 0)
        {
            consumer.Resume(paused);
        }
    }
}
