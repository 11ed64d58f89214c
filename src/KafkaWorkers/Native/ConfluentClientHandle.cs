using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaWorkers.Native;

/// <summary>
/// Reaches the <c>rd_kafka_t</c> a Confluent.Kafka client created, so that native calls run on the very handle whose
/// callbacks (rebalance, offset commit, errors, logs) Confluent.Kafka registered.
/// </summary>
/// <remarks>
/// Confluent.Kafka 2.16.0 has no public route to it: <see cref="IClient.Handle"/> is public, but the
/// <see cref="Handle"/> it returns exposes only <see cref="Handle.IsInvalid"/>; the <c>SafeKafkaHandle</c> that owns
/// the <c>rd_kafka_t</c> is its internal property <c>LibrdkafkaHandle</c> (an internal type deriving from
/// <see cref="SafeHandle"/>). This reads that property by reflection and fails, naming it, where a Confluent.Kafka
/// version no longer has it.
/// </remarks>
internal static class ConfluentClientHandle
{
    private const string PropertyName = "LibrdkafkaHandle";

    private static readonly PropertyInfo? s_property =
        typeof(Handle).GetProperty(PropertyName, BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Gets the <see cref="SafeHandle"/> that owns <paramref name="client"/>'s <c>rd_kafka_t</c>.</summary>
    /// <param name="client">A client built by Confluent.Kafka and not disposed.</param>
    /// <returns>Confluent.Kafka's own handle: callers add and release references, never dispose it.</returns>
    /// <exception cref="NotSupportedException">This Confluent.Kafka version has no internal <c>Handle.LibrdkafkaHandle</c>.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    internal static SafeHandle Of(IClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (s_property is null || !typeof(SafeHandle).IsAssignableFrom(s_property.PropertyType))
        {
            throw new NotSupportedException(
                $"Confluent.Kafka {typeof(Handle).Assembly.GetName().Version} has no internal SafeHandle property Handle.{PropertyName} "
                + "(2.16.0 has it), so the batch fetch cannot reach the consumer's rd_kafka_t; turn ExperimentalBatchFetch off.");
        }

        var handle = (SafeHandle?)s_property.GetValue(client.Handle);
        return handle is { IsInvalid: false, IsClosed: false }
            ? handle
            : throw new ObjectDisposedException(client.Name, "The Confluent.Kafka client's rd_kafka_t is closed.");
    }
}
