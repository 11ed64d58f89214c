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
    public void The_message_view_has_the_offsets_of_rd_kafka_message_t_in_rdkafka_h()
    {
        if (!Environment.Is64BitProcess)
        {
            return; // The offsets below are those of 64-bit ABIs, the only ones librdkafka.redist ships.
        }

        Assert.Equal(72, Marshal.SizeOf<NativeMessage>());
        Assert.Equal(
            [0, 8, 16, 24, 32, 40, 48, 56, 64],
            new[] { "Err", "Topic", "Partition", "Payload", "Length", "Key", "KeyLength", "Offset", "Private" }.Select(f => (int)Marshal.OffsetOf<NativeMessage>(f)));
    }

    [Fact]
    public void The_partition_views_have_the_offsets_of_rdkafka_h()
    {
        if (!Environment.Is64BitProcess)
        {
            return; // The offsets below are those of 64-bit ABIs, the only ones librdkafka.redist ships.
        }

        Assert.Equal(64, Marshal.SizeOf<NativeTopicPartition>());
        Assert.Equal(
            [0, 8, 16, 24, 32, 40, 48, 56],
            new[] { "Topic", "Partition", "Offset", "Metadata", "MetadataSize", "Opaque", "Err", "Private" }.Select(f => (int)Marshal.OffsetOf<NativeTopicPartition>(f)));
        Assert.Equal([0, 4, 8], new[] { "Count", "Size", "Elements" }.Select(f => (int)Marshal.OffsetOf<NativeTopicPartitionList>(f)));
    }

    [Fact]
    public void A_setting_librdkafka_refuses_is_named_without_its_value()
    {
        var error = Assert.Throws<ArgumentException>(() => ShareConsumer.Create(
            [new("group.id", "g"), new("sasl.password.nonsense", "secret-value")]));

        Assert.Contains("'sasl.password.nonsense'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }
}
