namespace KafkaWorkers;

/// <summary>Handles the messages of a Kafka worker in batches taken from one partition.</summary>
/// <typeparam name="TKey">The message key type.</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
/// <remarks>
/// A batch holds up to <see cref="KafkaWorkerOptions.BatchSize"/> messages of one partition, in offset order,
/// gathered for at most <see cref="KafkaWorkerOptions.BatchTimeout"/>. The handler is resolved from a
/// dependency-injection scope created for each batch (without a scope when it is registered as a singleton). The offsets of the whole batch are committed only after
/// <see cref="HandleAsync"/> completes successfully.
/// </remarks>
public interface IKafkaBatchHandler<TKey, TValue>
{
    /// <summary>Handles a batch of messages from one partition.</summary>
    /// <param name="messages">The messages, in offset order; never empty.</param>
    /// <param name="cancellationToken">Cancelled when the worker can no longer wait for this batch.</param>
    /// <returns>A task that completes when the batch has been handled.</returns>
    ValueTask HandleAsync(IReadOnlyList<KafkaMessage<TKey, TValue>> messages, CancellationToken cancellationToken);
}
