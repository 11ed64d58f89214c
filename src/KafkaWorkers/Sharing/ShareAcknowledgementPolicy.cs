using System.Diagnostics;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Sharing;

/// <summary>
/// A share worker's failure policy, expressed as acknowledgements: the broker, not the process, retries. It calls the
/// handler once per delivery and decides each record's acknowledgement.
/// </summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>outcome</term><description>acknowledgement</description></listheader>
/// <item><term>the handler completed</term><description>Accept</description></item>
/// <item><term>the handler was cancelled (shutdown deadline)</term><description>Release: delivered again at once, to any member</description></item>
/// <item><term>it failed, delivery count below <see cref="KafkaFailureOptions.MaxAttempts"/>, not permanent</term><description>Release</description></item>
/// <item><term>it failed for good (permanent, poison, or the last attempt), <see cref="KafkaFailureAction.DeadLetter"/></term><description>dead-letter, then Accept once the dead-letter topic acknowledged it (Release if the worker stops first)</description></item>
/// <item><term>the same, <see cref="KafkaFailureAction.Skip"/> (no dead-letter topic)</term><description>Reject: archived by the broker, never delivered again</description></item>
/// <item><term>the same, <see cref="KafkaFailureAction.Stop"/></term><description>Release, and the worker stops with exit code 70</description></item>
/// </list>
/// </remarks>
internal sealed class ShareAcknowledgementPolicy(
    IMessageProcessor handlers,
    KafkaFailureOptions options,
    DeadLetterProducer deadLetters,
    string worker,
    string groupId,
    WorkerTelemetry telemetry,
    ILogger logger)
{
    private readonly DeadLetterWriter _deadLetterWriter = new(options, deadLetters, worker, groupId, telemetry, logger);

    /// <summary>Handles records of one partition and sets each one's <see cref="ShareRecord.Decision"/>.</summary>
    /// <returns>Null, or the failure that stops the worker (<see cref="KafkaFailureAction.Stop"/>).</returns>
    public async ValueTask<Exception?> HandleAsync(IReadOnlyList<ShareRecord> records, CancellationToken cancellationToken)
    {
        var pending = records.ToList();
        using var activity = ProcessTracing.Start(Items(pending), groupId);
        while (pending.Count > 0)
        {
            var result = await handlers.ProcessAsync(Items(pending), cancellationToken).ConfigureAwait(false);
            if (result.Status != ProcessingStatus.Failed)
            {
                Settle(pending, result.Status == ProcessingStatus.Completed ? ShareAcknowledgement.Accept : ShareAcknowledgement.Release);
                return null;
            }

            var error = result.Error!;
            ProcessTracing.Failed(activity, error);
            if (error is PoisonMessageException poison && pending.Find(r => ReferenceEquals(r.Result, poison.Result)) is { } bad)
            {
                // The handler never saw it: settle the poison record alone, then hand the others over again.
                Log.PoisonMessage(logger, worker, groupId, poison.Component, bad.Result.Topic, bad.Result.Partition.Value, bad.Result.Offset.Value, poison.InnerException!);
                if (await GiveUpAsync([bad], poison, cancellationToken).ConfigureAwait(false) is { } stop)
                {
                    Settle(pending, ShareAcknowledgement.Release);
                    return stop;
                }

                pending.Remove(bad);
                continue;
            }

            var deliveries = pending.Max(r => r.DeliveryCount);
            bool permanent;
            try
            {
                permanent = _deadLetterWriter.IsPermanent(error);
            }
            catch (Exception e)
            {
                var record = pending[0].Result;
                Settle(pending, ShareAcknowledgement.Release);
                return new WorkerFailedException(
                    $"KafkaFailureOptions.IsPermanent of Kafka share worker '{worker}' threw for the failure of {record.TopicPartitionOffset}: {e.Message}",
                    KafkaWorkerExitCodes.HandlerFailed, e);
            }

            if (permanent || deliveries >= options.MaxAttempts)
            {
                return await GiveUpAsync(pending, error, cancellationToken).ConfigureAwait(false);
            }

            var first = pending[0].Result;
            Log.ShareRecordReleased(logger, worker, groupId, first.Topic, first.Partition.Value, first.Offset.Value, deliveries, options.MaxAttempts, error);
            Settle(pending, ShareAcknowledgement.Release);
            return null;
        }

        return null;
    }

    /// <summary>The policy's final step for records that failed for good.</summary>
    private async ValueTask<Exception?> GiveUpAsync(List<ShareRecord> records, Exception error, CancellationToken cancellationToken)
    {
        var poison = error as PoisonMessageException;
        var action = poison is not null && options.FinalAction == KafkaFailureAction.Stop ? KafkaFailureAction.DeadLetter : options.FinalAction;
        switch (action)
        {
            case KafkaFailureAction.Stop:
                Settle(records, ShareAcknowledgement.Release);
                return new WorkerFailedException(
                    $"Kafka share worker '{worker}': the handler failed for good on {records[0].Result.TopicPartitionOffset} and Failure:FinalAction is Stop.",
                    KafkaWorkerExitCodes.HandlerFailed, error);
            case KafkaFailureAction.Skip:
                foreach (var record in records)
                {
                    Log.ShareRecordRejected(logger, worker, groupId, record.Result.Topic, record.Result.Partition.Value, record.Result.Offset.Value, record.DeliveryCount, error);
                }

                Settle(records, ShareAcknowledgement.Reject);
                return null;
        }

        try
        {
            await _deadLetterWriter.WriteAsync(records.Select(r => ((ConsumeResult<byte[]?, byte[]?>)r.Result, poison is null ? r.DeliveryCount : 0)), error, cancellationToken).ConfigureAwait(false);
            Settle(records, ShareAcknowledgement.Accept);
        }
        catch (DeadLetterRefusedException e)
        {
            // Rejecting would lose the record and accepting would drop it unwritten: release it and stop, as a
            // consumer-group worker stops without committing.
            Settle(records, ShareAcknowledgement.Release);
            return new WorkerFailedException(
                $"Kafka share worker '{worker}': the dead-letter topic refused {records[0].Result.TopicPartitionOffset} for good ({e.Error.Reason}).",
                KafkaWorkerExitCodes.HandlerFailed, e);
        }
        catch (OperationCanceledException)
        {
            Settle(records, ShareAcknowledgement.Release);
        }

        return null;
    }

    private static void Settle(List<ShareRecord> records, ShareAcknowledgement decision)
    {
        foreach (var record in records)
        {
            record.Decision ??= decision;
        }
    }

    private static ArraySegment<WorkItem> Items(List<ShareRecord> records) => records.Select(r => r.Item!).ToArray();
}
