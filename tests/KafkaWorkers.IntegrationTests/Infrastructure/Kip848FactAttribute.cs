using System.Collections.Concurrent;
using Confluent.Kafka;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// A test of the KIP-848 consumer group protocol (<c>GroupProtocol = Consumer</c>). Against an external cluster whose
/// brokers lack ConsumerGroupHeartbeat (Kafka older than 4.0), it is skipped with the reason instead of failing; the
/// in-process cluster always serves the protocol.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class Kip848FactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingSupport = new(ProbeExternalBroker);

    public Kip848FactAttribute()
    {
        // An external cluster is asked; the container broker's images are Kafka 4.x, and the in-process cluster serves it.
        if (KafkaFixture.IsExternal && !KafkaFixture.UsesContainer && MissingSupport.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>
    /// Connects to the external cluster with librdkafka's <c>feature</c> debug log, which says for each broker whether it
    /// supports ConsumerGroupHeartbeat; returns why the KIP-848 tests cannot run, or null when they can.
    /// </summary>
    private static string? ProbeExternalBroker()
    {
        var bootstrap = Environment.GetEnvironmentVariable(KafkaFixture.BootstrapServersVariable)!.Trim();
        var features = new ConcurrentQueue<string>();
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap, Debug = "feature" })
            .SetLogHandler((_, m) =>
            {
                if (m.Message.Contains("ConsumerGroupHeartbeat", StringComparison.Ordinal))
                {
                    features.Enqueue(m.Message);
                }
            })
            .Build())
        {
            admin.GetMetadata(TimeSpan.FromSeconds(30));
        }

        return features.FirstOrDefault(f => f.Contains("NOT supported", StringComparison.Ordinal)) is { } missing
            ? $"The KIP-848 consumer group protocol needs Kafka 4.0 or later; the broker at {bootstrap} does not support it ({missing.Trim()})."
            : null;
    }
}
