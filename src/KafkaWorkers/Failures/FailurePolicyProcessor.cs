using System.Diagnostics;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Failures;

/// <summary>
/// Applies a worker's failure policy around its processor: in-process retries with backoff, then dead-letter, stop or
/// skip; poison messages straight to the final step. It also owns the <c>process</c> activity of each call, so retries
/// and the dead-letter produce happen inside it.
/// </summary>
/// <remarks>
/// It returns <see cref="ProcessingStatus.Completed"/> only once every message is handled, dead-lettered (acknowledged
/// by the cluster) or skipped; <see cref="ProcessingStatus.Cancelled"/> when the partition closes during a retry's
/// backoff, or its token fires before a dead-letter produce is acknowledged, so nothing is committed and the messages
/// come again; and <see cref="ProcessingStatus.Failed"/>, which stops the worker without committing the message, under
/// <see cref="KafkaFailureAction.Stop"/> and whenever going on would lose or mishandle messages: the handler cannot be
/// created (<see cref="HandlerActivationException"/>), <see cref="KafkaFailureOptions.IsPermanent"/> threw, or the
/// dead-letter topic refused a record for good.
/// </remarks>
internal sealed class FailurePolicyProcessor(
    IMessageProcessor inner,
    KafkaFailureOptions options,
    DeadLetterProducer deadLetters,
    string worker,
    string groupId,
    WorkerTelemetry telemetry,
    TimeProvider time,
    ILogger logger) : IMessageProcessor, IDisposable
{
    private readonly Backoff _backoff = new(options.InitialDelay, options.MaxDelay);
    private readonly DeadLetterWriter _deadLetterWriter = new(options, deadLetters, worker, groupId, telemetry, logger);

    public int BatchSize => inner.BatchSize;

    public async ValueTask<ProcessingResult> ProcessAsync(ArraySegment<WorkItem> items, CancellationToken cancellationToken)
    {
        var first = items[0].Result;
        telemetry.Consumed(first.Topic, first.Partition.Value, items.Count);
        using var activity = ProcessTracing.Start(items, groupId);
        return await HandleAsync(items, activity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flushes the dead-letter producer, bounded by the token (the host's shutdown deadline).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => deadLetters.FlushAsync(cancellationToken);

    /// <summary>Disposes the dead-letter producer (<see cref="FlushAsync"/> first).</summary>
    public void Dispose() => deadLetters.Dispose();

    private async ValueTask<ProcessingResult> HandleAsync(ArraySegment<WorkItem> items, Activity? activity, CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (true)
        {
            var result = await inner.ProcessAsync(items, cancellationToken).ConfigureAwait(false);
            if (result.Status != ProcessingStatus.Failed)
            {
                return result;
            }

            var error = result.Error!;
            ProcessTracing.Failed(activity, error);
            if (error is HandlerActivationException)
            {
                // The application cannot create its handler: no message is at fault, so none is retried or set aside.
                return result;
            }

            if (error is PoisonMessageException poison && IndexOf(items, poison.Result) is var index and >= 0)
            {
                // The handler never saw the batch: settle the poison message, then hand the others over again.
                Log.PoisonMessage(logger, worker, groupId, poison.Component, poison.Result.Topic, poison.Result.Partition.Value, poison.Result.Offset.Value, poison.InnerException!);
                var settled = await GiveUpAsync(items.Slice(index, 1), poison, attempts: 0, cancellationToken).ConfigureAwait(false);
                if (settled.Status != ProcessingStatus.Completed)
                {
                    return settled;
                }

                items = Without(items, index);
                if (items.Count == 0)
                {
                    return ProcessingResult.Completed;
                }

                continue;
            }

            attempts++;
            bool permanent;
            try
            {
                permanent = _deadLetterWriter.IsPermanent(error);
            }
            catch (Exception e)
            {
                var item = items[0].Result;
                return new ProcessingResult(ProcessingStatus.Failed, new InvalidOperationException(
                    $"KafkaFailureOptions.IsPermanent of Kafka worker '{worker}' threw for the failure of {item.Topic} [{item.Partition.Value}] @{item.Offset.Value}: {e.Message}", e));
            }

            if (attempts >= options.MaxAttempts || permanent)
            {
                return await GiveUpAsync(items, error, attempts, cancellationToken).ConfigureAwait(false);
            }

            var delay = _backoff.Next(attempts);
            var first = items[0].Result;
            telemetry.Retried(first.Topic, first.Partition.Value);
            Log.RetryScheduled(logger, worker, groupId, attempts, options.MaxAttempts, first.Topic, first.Partition.Value, first.Offset.Value, delay, error);
            if (!await WaitAsync(delay, items[0].Partition, cancellationToken).ConfigureAwait(false))
            {
                return ProcessingResult.Cancelled;
            }
        }
    }

    /// <summary>Waits for a retry's backoff; false when the partition was closed (revoked, lost, stopping) or its handlers cancelled first.</summary>
    private async Task<bool> WaitAsync(TimeSpan delay, PartitionState partition, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = Task.Delay(delay, time, stop.Token);
        await Task.WhenAny(wait, partition.Closing).ConfigureAwait(false);
        stop.Cancel();
        return wait.IsCompletedSuccessfully;
    }

    /// <summary>The policy's final step for messages that failed for good.</summary>
    private async ValueTask<ProcessingResult> GiveUpAsync(ArraySegment<WorkItem> items, Exception error, int attempts, CancellationToken cancellationToken)
    {
        var poison = error as PoisonMessageException;
        var action = options.FinalAction;
        if (poison is not null && action == KafkaFailureAction.Stop)
        {
            // Stopping cannot fix bytes that do not deserialize; the next run would stop on them again.
            action = KafkaFailureAction.DeadLetter;
        }

        switch (action)
        {
            case KafkaFailureAction.Stop:
                return new ProcessingResult(ProcessingStatus.Failed, error);
            case KafkaFailureAction.Skip:
                foreach (var item in items)
                {
                    telemetry.Skipped(item.Result.Topic, item.Result.Partition.Value);
                    Log.MessageSkipped(logger, worker, groupId, item.Result.Topic, item.Result.Partition.Value, item.Offset, attempts, error);
                }

                return ProcessingResult.Completed;
        }

        try
        {
            await _deadLetterWriter.WriteAsync(items.Select(item => (item.Result, attempts)), error, cancellationToken).ConfigureAwait(false);
        }
        catch (DeadLetterRefusedException e)
        {
            return new ProcessingResult(ProcessingStatus.Failed, e);
        }
        catch (OperationCanceledException)
        {
            return ProcessingResult.Cancelled;
        }

        return ProcessingResult.Completed;
    }

    private static int IndexOf(ArraySegment<WorkItem> items, ConsumeResult<byte[]?, byte[]?> result)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (ReferenceEquals(items[i].Result, result))
            {
                return i;
            }
        }

        return -1;
    }

    private static ArraySegment<WorkItem> Without(ArraySegment<WorkItem> items, int index)
    {
        var rest = new WorkItem[items.Count - 1];
        items[..index].CopyTo(rest);
        items[(index + 1)..].CopyTo(rest, index);
        return rest;
    }
}
