using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;

namespace KafkaWorkers.Runtime;

/// <summary>
/// The experimental batch fetch (<see cref="KafkaWorkerOptions.ExperimentalBatchFetch"/>): the poll loop takes its
/// messages from a <see cref="BatchFetcher"/> on the consumer's own handle instead of <c>Consume</c>; everything else
/// (rebalance callbacks, commits, pause and resume, the graceful stop) stays as it is.
/// </summary>
internal sealed partial class KafkaWorker
{
    private BatchFetcher? _fetcher;
    private ExceptionDispatchInfo? _callbackFailure;

    /// <summary>Opens the batch fetcher when the option asks for it, once the consumer is subscribed.</summary>
    /// <exception cref="NotSupportedException">The Confluent.Kafka version does not let the fetcher reach its handle.</exception>
    private void OpenBatchFetch(IConsumer<byte[]?, byte[]?> consumer)
    {
        if (_options.ExperimentalBatchFetch)
        {
            _fetcher = BatchFetcher.Open(consumer);
            Log.BatchFetchOpened(_logger, _name, _groupId, BatchFetcher.BatchSize);
        }
    }

    /// <summary>Takes the next message, from the batch fetcher when there is one, else from <c>Consume</c>.</summary>
    /// <exception cref="ConsumeException">librdkafka delivered an error instead of a message.</exception>
    private ConsumeResult<byte[]?, byte[]?>? Fetch(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        if (_fetcher is null)
        {
            return consumer.Consume(timeout);
        }

        var result = _fetcher.Consume(timeout);
        if (_callbackFailure is { } failure)
        {
            _callbackFailure = null;
            failure.Throw();
        }

        return result;
    }

    /// <summary>
    /// After a pause: the messages of the partition that the current batch still holds are given back and the partition
    /// is sought to the first of them, so that they are fetched again after the resume, as <c>Consume</c> would.
    /// </summary>
    private void GiveBackFetched(IConsumer<byte[]?, byte[]?> consumer, TopicPartition partition)
    {
        if (_fetcher?.GiveBack(partition) is { } offset)
        {
            consumer.Seek(new TopicPartitionOffset(partition, offset));
        }
    }

    /// <summary>
    /// Drops the messages the fetcher still holds and releases the consumer queue (before the consumer is closed). Each
    /// open partition's first message dropped counts as not taken on (<see cref="PartitionState.FirstUntaken"/>): the
    /// consumer's position already passed it, and the final commit must not.
    /// </summary>
    private void CloseBatchFetch()
    {
        if (_fetcher is null)
        {
            return;
        }

        foreach (var partition in _scheduler.OpenPartitions)
        {
            if (_fetcher.FirstHeld(partition.TopicPartition) is { } held)
            {
                partition.FirstUntaken = Math.Min(partition.FirstUntaken, held);
            }
        }

        _fetcher.Dispose();
        _fetcher = null;
    }

    /// <summary>
    /// Gets the offset a partition's commit point may move to at most when it skips to the consumer's position: below
    /// any message returned and not taken on, including those the fetcher's batch still holds.
    /// </summary>
    private long SkipLimit(PartitionState partition) =>
        _fetcher?.FirstHeld(partition.TopicPartition) is { } held ? Math.Min(held, partition.FirstUntaken) : partition.FirstUntaken;

    /// <summary>
    /// Runs a rebalance callback. An exception it throws is also kept for the poll loop: Confluent.Kafka keeps it for
    /// its next <c>Consume</c> only, which the batch fetcher never calls.
    /// </summary>
    private void Observe(Action callback)
    {
        try
        {
            callback();
        }
        catch (Exception e)
        {
            _callbackFailure ??= ExceptionDispatchInfo.Capture(e);
            throw;
        }
    }
}
