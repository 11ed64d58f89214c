using System.Diagnostics;
using Confluent.Kafka;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// The batch fast path as a consume loop: a Confluent.Kafka consumer with the raw loop's settings and handlers, whose
/// messages are read by a <see cref="ConfluentBatchReader{TKey,TValue}"/> on its own <c>rd_kafka_t</c> instead of
/// <c>Consume</c>. Metered from the assignment (Confluent's partitions-assigned handler, run by the reader) to the last
/// message.
/// </summary>
internal static class ConfluentBatchLoop
{
    /// <summary>The most messages one <c>rd_kafka_consume_batch_queue</c> call returns.</summary>
    internal const int BatchSize = 1000;

    /// <summary>Consumes <paramref name="count"/> messages from a new group, deserializing with the given deserializers.</summary>
    /// <exception cref="TimeoutException">Fewer than <paramref name="count"/> messages came within <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The messages read are not the ones produced, or offset stores failed.</exception>
    public static RunCost Run<TKey, TValue>(
        BenchCluster cluster, string topic, ProducedMessages produced, int count, IDeserializer<TKey> keys, IDeserializer<TValue> values, TimeSpan timeout)
    {
        var meter = new RunMeter();
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig(cluster.LoopSettings(BenchCluster.NewGroup("fastpath"))))
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                if (partitions.Count > 0)
                {
                    meter.Start();
                }
            })
            .Build();
        consumer.Subscribe(topic);
        using (var reader = new ConfluentBatchReader<TKey, TValue>(consumer, keys, values, BatchSize, produced))
        {
            var deadline = Stopwatch.StartNew();
            while (reader.Messages < count && deadline.Elapsed < timeout)
            {
                _ = reader.Read(100);
            }

            meter.Stop();
            if (reader.Messages < count)
            {
                throw new TimeoutException($"The batch fast path read {reader.Messages} of {count} messages in {timeout}.");
            }

            // Every value is ValueLength bytes: a misread len would not add up.
            if (reader.ValueBytes != (ulong)count * (ulong)produced.ValueLength || reader.StoreFailures > 0
                || EqualityComparer<TValue>.Default.Equals(reader.Last.Value, default))
            {
                throw new InvalidOperationException(
                    $"The batch fast path read {reader.ValueBytes} value bytes for {count} messages of {produced.ValueLength} B; {reader.StoreFailures} offset stores failed; last value deserialized: {reader.Last.Value}.");
            }
        }

        consumer.Close();
        return meter.Cost(count);
    }
}
