namespace KafkaWorkers;

/// <summary>Handles the messages of a Kafka worker one at a time.</summary>
/// <typeparam name="TKey">The message key type.</typeparam>
/// <typeparam name="TValue">The message value type.</typeparam>
/// <remarks>
/// <para>
/// A handler is resolved from a dependency-injection scope created for each message, so it may depend on scoped
/// services; the scope, with the scoped and transient services resolved in it, is disposed when the message is done.
/// A handler registered as a singleton is resolved without a scope (it cannot use scoped services), which spares the
/// scope's allocations on every message. Delivery is at-least-once: a message's offset is committed only after <see cref="HandleAsync"/>
/// completes successfully, and only once every earlier message of the same partition has completed too.
/// </para>
/// <para>
/// The cancellation token is cancelled when the worker stops and the shutdown timeout has passed, or when the
/// message's partition is revoked and the revoke timeout has passed. A handler that observes it should throw
/// <see cref="OperationCanceledException"/>; the message is then not committed and is delivered again later.
/// </para>
/// </remarks>
public interface IKafkaHandler<TKey, TValue>
{
    /// <summary>Handles one message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancelled when the worker can no longer wait for this message.</param>
    /// <returns>A task that completes when the message has been handled.</returns>
    ValueTask HandleAsync(KafkaMessage<TKey, TValue> message, CancellationToken cancellationToken);
}
