using System.Runtime.InteropServices;
using KafkaWorkers.Benchmarks.Native;

namespace KafkaWorkers.Tests.Benchmarks;

/// <summary>
/// The native benchmark loop reads librdkafka's <c>rd_kafka_message_t</c> in place: its view must have the header's
/// 64-bit layout (<c>rdkafka.h</c>, librdkafka 2.16.0).
/// </summary>
public sealed class RdKafkaMessageLayoutTests
{
    [Theory]
    [InlineData("Err", 0)]
    [InlineData("Rkt", 8)]
    [InlineData("Partition", 16)]
    [InlineData("Payload", 24)]
    [InlineData("Len", 32)]
    [InlineData("Key", 40)]
    [InlineData("KeyLen", 48)]
    [InlineData("Offset", 56)]
    [InlineData("Private", 64)]
    public void Each_field_is_where_the_header_puts_it(string field, int offset)
    {
        Assert.True(Environment.Is64BitProcess);
        Assert.Equal(offset, (int)Marshal.OffsetOf<RdKafkaMessage>(field));
    }

    [Fact]
    public void The_view_has_the_header_size_and_its_own_check_passes()
    {
        Assert.Equal(72, Marshal.SizeOf<RdKafkaMessage>());
        Assert.Equal(72, System.Runtime.CompilerServices.Unsafe.SizeOf<RdKafkaMessage>());
        RdKafkaMessage.Verify();
    }
}
