using System.Diagnostics;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Failures;

/// <summary>
/// The final step of a failure policy that consumer-group and share workers have in common: it writes records that
/// failed for good to the dead-letter topic, with their provenance and trace context, and tells a permanent failure
/// from one worth retrying.
/// </summary>
internal sealed class DeadLetterWriter(
    KafkaFailureOptions options,
    DeadLetterProducer producer,
    string worker,
    string groupId,
    WorkerTelemetry telemetry,
    ILogger logger)
{
    /// <summary>
    /// Tells whether a failure is permanent: a <see cref="PermanentException"/> (or one wrapping it), or what
    /// <see cref="KafkaFailureOptions.IsPermanent"/> says. That predicate is the application's code and may throw; the
    /// caller treats a throw as a failure of the worker, not of the message.
    /// </summary>
    public bool IsPermanent(Exception error) =>
        error is PermanentException || error.InnerException is PermanentException || (options.IsPermanent?.Invoke(error) ?? false);

    /// <summary>
    /// Dead-letters records and returns once the cluster acknowledged every one. A record the dead-letter topic refuses
    /// for good cancels the others' waits and ends the call with <see cref="DeadLetterRefusedException"/>.
    /// </summary>
    /// <param name="records">The records, each with the attempts it took (0 for a poison message the handler never saw).</param>
    /// <param name="error">The failure: a <see cref="PoisonMessageException"/> or what the handler threw.</param>
    /// <param name="cancellationToken">Stops waiting for acknowledgements (<see cref="OperationCanceledException"/>).</param>
    /// <returns>A task that completes when every record is acknowledged by the dead-letter topic.</returns>
    public async Task WriteAsync(IEnumerable<(ConsumeResult<byte[]?, byte[]?> Result, int Attempts)> records, Exception error, CancellationToken cancellationToken)
    {
        var poison = error as PoisonMessageException;
        var cause = poison?.InnerException ?? error;
        var reason = poison is null ? "handler" : poison.Component == MessageComponentType.Key ? "key-deserialization" : "value-deserialization";

        // One record refused for good stops the worker: the others of a batch need not wait for their acknowledgements.
        using var refused = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAll(records.Select(r => WriteOneAsync(r.Result, cause, reason, r.Attempts, refused))).ConfigureAwait(false);
    }

    private async Task WriteOneAsync(ConsumeResult<byte[]?, byte[]?> result, Exception cause, string reason, int attempts, CancellationTokenSource refused)
    {
        var topic = DeadLetterRecord.TopicFor(options.DeadLetterTopic, result.Topic);
        var record = DeadLetterRecord.Create(result, groupId, worker, reason, cause, attempts);
        ProcessTracing.Inject(Activity.Current, record.Headers);
        try
        {
            await producer.ProduceAsync(topic, record, refused.Token).ConfigureAwait(false);
        }
        catch (DeadLetterRefusedException e)
        {
            Log.DeadLetterRefused(logger, worker, groupId, result.Topic, result.Partition.Value, result.Offset.Value, topic, e.Error.Code, e.Error.Reason);
            await refused.CancelAsync().ConfigureAwait(false);
            throw;
        }

        telemetry.DeadLettered(result.Topic, result.Partition.Value, reason);
        Log.DeadLettered(logger, worker, groupId, result.Topic, result.Partition.Value, result.Offset.Value, topic, attempts, cause);
    }
}
