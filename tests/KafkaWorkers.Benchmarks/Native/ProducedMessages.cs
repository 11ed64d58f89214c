using System.Text;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// What a benchmark produced to a topic (<see cref="Infrastructure.BenchCluster.ProduceAsync"/>): values of one length
/// and <c>k…</c> keys on a number of partitions. The native loops check the first message they read in place against
/// it, which would catch a misread <c>rd_kafka_message_t</c>.
/// </summary>
/// <param name="Partitions">The topic's partitions.</param>
/// <param name="ValueLength">Every value's length.</param>
internal sealed record ProducedMessages(int Partitions, int ValueLength)
{
    /// <summary>Throws unless <paramref name="message"/> reads as a message the benchmark produced.</summary>
    /// <param name="message">A message librdkafka returned and has not destroyed yet.</param>
    /// <exception cref="InvalidOperationException">The message does not read as one of the benchmark's.</exception>
    public unsafe void Check(in RdKafkaMessage message)
    {
        var key = message.Key == 0 ? "" : Encoding.ASCII.GetString((byte*)message.Key, (int)message.KeyLen);
        if (message.Partition < 0 || message.Partition >= Partitions || message.Offset < 0 || (int)message.Len != ValueLength
            || message.Rkt == 0 || message.Payload == 0 || !key.StartsWith('k'))
        {
            throw new InvalidOperationException(FormattableString.Invariant(
                $"rd_kafka_message_t read as partition {message.Partition}, offset {message.Offset}, {message.Len} value bytes, key '{key}': not a message the benchmark produced."));
        }
    }
}
