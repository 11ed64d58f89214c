using System.Runtime.InteropServices;
using KafkaWorkers.Native;
using KafkaWorkers.Sharing;

namespace KafkaWorkers.Tests.Native;

public sealed class LibRdKafkaShareTests
{
    [Fact]
    public void The_loaded_librdkafka_exports_the_preview_share_consumer_api()
    {
        LibRdKafkaShare.EnsureAvailable();

        Assert.Equal(LibRdKafkaShare.PinnedVersion, Confluent.Kafka.Library.VersionString);
    }

    [Fact]
    public void A_librdkafka_without_the_share_consumer_fails_with_a_message_naming_what_is_missing_and_the_version_needed()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            LibRdKafkaShare.EnsureAvailable(e => e != "rd_kafka_share_poll" && e != "rd_kafka_message_delivery_count", "2.12.0"));

        Assert.Contains("librdkafka 2.16.0", error.Message, StringComparison.Ordinal);
        Assert.Contains("the loaded librdkafka 2.12.0 does not export rd_kafka_share_poll, rd_kafka_message_delivery_count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_native_views_have_the_offsets_of_rdkafka_h()
    {
        if (!Environment.Is64BitProcess)
        {
            return; // The offsets below are those of 64-bit ABIs, the only ones librdkafka.redist ships.
        }

        AssertLayout<NativeMessage>(72, ("Err", 0), ("Topic", 8), ("Partition", 16), ("Payload", 24), ("Length", 32), ("Key", 40), ("KeyLength", 48), ("Offset", 56), ("Private", 64));
        AssertLayout<NativeTopicPartition>(64, ("Topic", 0), ("Partition", 8), ("Offset", 16), ("Metadata", 24), ("MetadataSize", 32), ("Opaque", 40), ("Err", 48), ("Private", 56));
        AssertLayout<NativeTopicPartitionList>(16, ("Count", 0), ("Size", 4), ("Elements", 8));
    }

    [Fact]
    public void A_setting_librdkafka_refuses_is_named_without_its_value()
    {
        var error = Assert.Throws<ArgumentException>(() => ShareConsumer.Create(
            [new("group.id", "g"), new("sasl.password.nonsense", "secret-value")]));

        Assert.Contains("'sasl.password.nonsense'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    private static void AssertLayout<T>(int size, params (string Field, int Offset)[] fields)
        where T : struct
    {
        Assert.Equal(size, Marshal.SizeOf<T>());
        Assert.Equal(fields, fields.Select(f => (f.Field, (int)Marshal.OffsetOf<T>(f.Field))));
    }
}
