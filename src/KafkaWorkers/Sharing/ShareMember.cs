using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Sharing;

/// <summary>
/// One member of a share worker: one share consumer used by one dedicated thread (a handle is not thread-safe). It
/// polls a batch, hands its records to the handler one at a time (or one partition's chunk at a time for batch
/// handlers), acknowledges each, commits the acknowledgements synchronously, and polls again.
/// </summary>
internal sealed class ShareMember(ShareWorker worker, ShareConsumer consumer, int index)
{
    /// <summary>How long one poll waits; without a wakeup in the preview API this bounds how fast a stop is seen.</summary>
    internal static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a synchronous commit of acknowledgements waits for the brokers.</summary>
    internal static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<TopicPartition, PartitionState> _partitions = [];

    public int Index { get; } = index;

    /// <summary>Creates and subscribes a member's share consumer, on the thread that starts the worker, so a setting librdkafka refuses fails the start.</summary>
    /// <exception cref="ArgumentException">librdkafka refused a setting.</exception>
    /// <exception cref="KafkaException">librdkafka refused the subscription.</exception>
    public static ShareConsumer CreateConsumer(ShareWorker worker)
    {
        var consumer = ShareConsumer.Create(worker.Settings, new ShareLogSink(worker.Logger, worker.Name));
        try
        {
            consumer.Subscribe(worker.Options.Topics);
            return consumer;
        }
        catch
        {
            consumer.Dispose();
            throw;
        }
    }

    /// <summary>Runs the member on the calling thread until the worker stops or the member fails; it then owns and disposes the consumer.</summary>
    /// <exception cref="KafkaException">A fatal share consumer error.</exception>
    /// <exception cref="WorkerFailedException">A handler failed for good under <see cref="Failures.KafkaFailureAction.Stop"/>.</exception>
    public void Run()
    {
        using var owned = consumer;
        worker.Telemetry.MemberRunning(+1);
        try
        {
            RunLoop();
        }
        finally
        {
            worker.Telemetry.MemberRunning(-1);
        }
    }

    private void RunLoop()
    {
        Exception? failure = null;
        while (failure is null && worker.ShouldPoll())
        {
            ShareBatch? batch;
            try
            {
                batch = consumer.Poll(PollTimeout);
            }
            catch (KafkaException e) when (!e.Error.IsFatal)
            {
                Log.SharePollFailed(worker.Logger, worker.Name, worker.GroupId, e.Error.Code, e.Error.Reason);
                worker.Stopping.WaitHandle.WaitOne(PollTimeout);
                continue;
            }

            if (batch is null)
            {
                worker.Polled([]);
                continue;
            }

            using (batch)
            {
                failure = Handle(batch);
            }

            Commit(consumer);
        }

        try
        {
            consumer.Close();
        }
        catch (KafkaException e)
        {
            Log.ShareCommitFailed(worker.Logger, worker.Name, worker.GroupId, e.Error.Code, e.Error.Reason);
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private Exception? Handle(ShareBatch batch)
    {
        var records = new List<ShareRecord>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var record = batch.Read(i);
            worker.Telemetry.Acquired(record);
            records.Add(record);
        }

        worker.Polled(records.Select(r => r.Result.TopicPartition));
        worker.Run?.Acquired();
        Exception? failure = null;
        foreach (var group in Groups(records))
        {
            var taken = 0;
            if (group[0].Error != ErrorCode.NoError)
            {
                var r = group[0].Result;
                Log.ShareRecordError(worker.Logger, worker.Name, worker.GroupId, r.Topic, r.Partition.Value, r.Offset.Value, group[0].Error);
            }
            else if (failure is null && !worker.Stopping.IsCancellationRequested)
            {
                // A run takes on records within its budget; the others are released unstarted below, for another member.
                taken = worker.Run?.Admit(group.Count) ?? group.Count;
                if (taken > 0)
                {
                    failure = Dispatch(taken == group.Count ? group : [.. group.Take(taken)]);
                }
            }

            foreach (var record in group)
            {
                Acknowledge(batch, record);
            }

            if (taken > 0)
            {
                worker.Run?.Settled(taken);
            }
        }

        return failure;
    }

    /// <summary>Runs the handler for one group; the member's thread waits, as a share handle must not be polled meanwhile.</summary>
    private Exception? Dispatch(IReadOnlyList<ShareRecord> group)
    {
        var first = group[0].Result.TopicPartition;
        if (!_partitions.TryGetValue(first, out var partition))
        {
            _partitions[first] = partition = new PartitionState(first);
        }

        var now = worker.Time.GetTimestamp();
        foreach (var record in group)
        {
            record.Item = new WorkItem(record.Result, partition, now);
        }

        worker.Telemetry.MemberBusy(+1);
        try
        {
            return worker.Policy.HandleAsync(group, worker.HandlerToken).AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            worker.Telemetry.MemberBusy(-1);
        }
    }

    private void Acknowledge(ShareBatch batch, ShareRecord record)
    {
        // A record no handler started (the worker is stopping, or it came with an error) goes back to the group at once.
        var decision = record.Decision ?? ShareAcknowledgement.Release;
        if (record.Decision is null)
        {
            worker.CountReleasedUnstarted();
        }

        var error = batch.Acknowledge(record.Index, decision);
        worker.Telemetry.Acknowledged(record, decision);
        if (error != ErrorCode.NoError)
        {
            var r = record.Result;
            Log.ShareAcknowledgementFailed(worker.Logger, worker.Name, worker.GroupId, r.Topic, r.Partition.Value, ShareConsumer.NameOf(error), ShareConsumer.Describe((int)error));
            worker.Telemetry.AcknowledgementFailed(r.Topic, r.Partition.Value, error);
        }
    }

    private void Commit(ShareConsumer consumer)
    {
        try
        {
            foreach (var failed in consumer.CommitSync(CommitTimeout))
            {
                Log.ShareAcknowledgementFailed(worker.Logger, worker.Name, worker.GroupId, failed.Topic, failed.Partition, ShareConsumer.NameOf(failed.Error), failed.Reason);
                worker.Telemetry.AcknowledgementFailed(failed.Topic, failed.Partition, failed.Error);
            }
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            Log.ShareCommitFailed(worker.Logger, worker.Name, worker.GroupId, e.Error.Code, e.Error.Reason);
        }
    }

    /// <summary>
    /// The handler calls of a batch, in batch order: each record alone for message handlers; for batch handlers, the
    /// records of one partition in chunks of the batch size. A record with an error is a group of its own.
    /// </summary>
    private IEnumerable<IReadOnlyList<ShareRecord>> Groups(List<ShareRecord> records)
    {
        if (worker.BatchSize == 1)
        {
            return records.Select(r => (IReadOnlyList<ShareRecord>)[r]);
        }

        return records
            .GroupBy(r => (r.Result.TopicPartition, Failed: r.Error != ErrorCode.NoError ? r.Index : -1))
            .SelectMany(g => g.Chunk(worker.BatchSize));
    }
}
