using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Failures;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class MessageConverterTests
{
    [Fact]
    public void Byte_array_keys_and_values_are_the_records_own_arrays_not_copies()
    {
        var result = Record(key: [1, 2], value: [3, 4, 5]);

        var message = new MessageConverter<byte[], byte[]>(Deserializers.ByteArray, Deserializers.ByteArray).Convert(result);

        Assert.Same(result.Message.Key, message.Key);
        Assert.Same(result.Message.Value, message.Value);
        Assert.Equal(("orders", 3, 42L), (message.Topic, message.Partition, message.Offset));
    }

    [Fact]
    public void A_null_byte_array_key_stays_null()
    {
        var message = new MessageConverter<byte[]?, byte[]>(Deserializers.ByteArray, Deserializers.ByteArray).Convert(Record(key: null, value: [1]));

        Assert.Null(message.Key);
    }

    [Fact]
    public void Other_deserializers_read_the_bytes_and_a_failure_names_the_component()
    {
        var result = Record(key: Encoding.UTF8.GetBytes("k"), value: [1]);

        Assert.Equal("k", new MessageConverter<string, byte[]>(Deserializers.Utf8, Deserializers.ByteArray).Convert(result).Key);
        var poison = Assert.Throws<PoisonMessageException>(() => new MessageConverter<string, int>(Deserializers.Utf8, Deserializers.Int32).Convert(result));
        Assert.Equal(MessageComponentType.Value, poison.Component);
    }

    private static ConsumeResult<byte[]?, byte[]?> Record(byte[]? key, byte[]? value) => new()
    {
        Topic = "orders",
        Partition = 3,
        Offset = 42,
        Message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = [] },
    };
}
