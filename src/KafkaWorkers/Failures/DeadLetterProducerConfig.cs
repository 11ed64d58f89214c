using Confluent.Kafka;

namespace KafkaWorkers.Failures;

/// <summary>Builds the librdkafka configuration of a worker's dead-letter producer.</summary>
internal static class DeadLetterProducerConfig
{
    /// <summary>Producer settings the worker owns; setting them through <see cref="KafkaFailureOptions.Producer"/> is refused.</summary>
    internal static readonly string[] ReservedSettings = ["bootstrap.servers", "enable.idempotence", "acks"];

    /// <summary>Consumer settings, by prefix, that the producer inherits: how to reach and authenticate to the cluster.</summary>
    private static readonly string[] InheritedPrefixes = ["security.", "ssl.", "sasl."];

    /// <summary>
    /// The worker's security settings, then <see cref="KafkaFailureOptions.Producer"/>, then what the worker owns: the
    /// bootstrap servers, idempotence and <c>acks=all</c>; <c>client.id</c> defaults to <c>&lt;consumer client id&gt;-dlq</c>.
    /// </summary>
    public static ProducerConfig Create(KafkaWorkerOptions options, string consumerClientId)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in options.Consumer)
        {
            if (InheritedPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in options.Failure.Producer)
        {
            settings[key] = value;
        }

        var config = new ProducerConfig(settings)
        {
            BootstrapServers = options.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
        };
        config.ClientId ??= consumerClientId + "-dlq";
        return config;
    }
}
