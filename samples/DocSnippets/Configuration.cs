using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;

namespace DocSnippets.Configuration;

public static class Deserializers
{
    public static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaWorker<OrderHandler>()
            .WithJsonValue(AppJsonContext.Default.Order)      // source-generated metadata (trimming/AOT friendly)
            .WithKeyDeserializer(new MyKeyDeserializer())     // any Confluent.Kafka IDeserializer<TKey>
            .WithJsonOptions(new JsonSerializerOptions(JsonSerializerDefaults.Web)); // options for the JSON default
    }
}

public sealed record Order(string Id);

public sealed record OrderKey(string Customer);

[JsonSerializable(typeof(Order))]
public sealed partial class AppJsonContext : JsonSerializerContext;

public sealed class MyKeyDeserializer : IDeserializer<OrderKey>
{
    public OrderKey Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context) =>
        new(isNull ? string.Empty : System.Text.Encoding.UTF8.GetString(data));
}

[KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
public sealed class OrderHandler : IKafkaHandler<OrderKey, Order>
{
    public ValueTask HandleAsync(KafkaMessage<OrderKey, Order> message, CancellationToken cancellationToken) => default;
}
