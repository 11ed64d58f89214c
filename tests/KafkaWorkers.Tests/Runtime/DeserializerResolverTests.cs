using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;
using KafkaWorkers.Serialization;

namespace KafkaWorkers.Tests.Runtime;

public sealed partial class DeserializerResolverTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "t");

    [Fact]
    public void Strings_and_bytes_are_read_as_they_are()
    {
        var bytes = Encoding.UTF8.GetBytes("héllo");
        Assert.Equal("héllo", DeserializerResolver.Resolve<string>(null, null).Deserialize(bytes, false, Context));
        Assert.Equal(bytes, DeserializerResolver.Resolve<byte[]>(null, null).Deserialize(bytes, false, Context));
    }

    [Fact]
    public void Other_types_are_read_as_json_with_web_defaults()
    {
        var value = DeserializerResolver.Resolve<Payment>(null, null).Deserialize("""{"id":"p-1","amount":12.5}"""u8, false, Context);

        Assert.Equal(new Payment("p-1", 12.5m), value);
        Assert.Null(DeserializerResolver.Resolve<Payment>(null, null).Deserialize([], true, Context));
    }

    [Fact]
    public void Source_generated_metadata_and_custom_deserializers_are_used_when_given()
    {
        var generated = DeserializerResolver.Resolve<Payment>(PaymentJson.Default.Payment, null);
        Assert.Equal(new Payment("p-2", 1m), generated.Deserialize("""{"Id":"p-2","Amount":1}"""u8, false, Context));

        var custom = DeserializerResolver.Resolve<string>(Deserializers.Utf8, null);
        Assert.Same(Deserializers.Utf8, custom);
    }

    [Fact]
    public void Invalid_json_throws()
    {
        Assert.ThrowsAny<JsonException>(() => DeserializerResolver.Resolve<Payment>(null, null).Deserialize("not json"u8, false, Context));
    }

    public sealed record Payment(string Id, decimal Amount);

    [JsonSerializable(typeof(Payment))]
    private sealed partial class PaymentJson : JsonSerializerContext;
}
