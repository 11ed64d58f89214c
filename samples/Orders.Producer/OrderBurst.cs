using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;

namespace Orders.Producer;

/// <summary>Writes a burst of keyed order messages, all in flight at once, and waits until the cluster acknowledged each.</summary>
public static class OrderBurst
{
    /// <summary>The id of order <paramref name="index"/> of a run: what Orders.Worker records when it handles it.</summary>
    public static string OrderId(string runId, int index) => string.Create(CultureInfo.InvariantCulture, $"{runId}-{index:D6}");

    /// <summary>
    /// Produces <paramref name="count"/> orders with ids <see cref="OrderId"/> 0..count-1, keyed <c>customer-{i % keys}</c>
    /// (one key's orders land in one partition, in order), with an idempotent <c>acks=all</c> producer.
    /// </summary>
    /// <returns>The ids of the orders produced.</returns>
    public static async Task<IReadOnlyList<string>> ProduceAsync(
        string bootstrapServers, string topic, int count, int keys, string runId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keys);
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        };
        using var producer = new ProducerBuilder<string, string>(config).Build();
        var ids = new string[count];
        var deliveries = new Task<DeliveryResult<string, string>>[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = OrderId(runId, i);
            var order = new Order(ids[i], Amount: 10 + (i % 90));
            var message = new Message<string, string>
            {
                Key = string.Create(CultureInfo.InvariantCulture, $"customer-{i % keys}"),
                Value = JsonSerializer.Serialize(order, OrderJson.Default.Order),
            };
            deliveries[i] = producer.ProduceAsync(topic, message, cancellationToken);
        }

        await Task.WhenAll(deliveries);
        return ids;
    }
}
