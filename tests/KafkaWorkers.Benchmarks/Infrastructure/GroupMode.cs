using Confluent.Kafka;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>
/// How a scenario's consumers take part in their group: the classic protocol with an assignor, optionally with another
/// <c>heartbeat.interval.ms</c>, or the KIP-848 consumer protocol, where the broker assigns and paces the heartbeats.
/// </summary>
/// <param name="Label">The variant's name in the report.</param>
/// <param name="Strategy">The classic assignor, or <see langword="null"/> for KIP-848 (<c>group.protocol=consumer</c>).</param>
/// <param name="HeartbeatIntervalMs">A classic <c>heartbeat.interval.ms</c> instead of the cluster's, or <see langword="null"/>.</param>
public sealed record GroupMode(string Label, PartitionAssignmentStrategy? Strategy, int? HeartbeatIntervalMs = null)
{
    /// <summary>The classic settings KIP-848 members must not carry: the broker owns them under that protocol.</summary>
    private static readonly string[] ClassicOnly = ["session.timeout.ms", "heartbeat.interval.ms", "partition.assignment.strategy"];

    public static GroupMode Eager { get; } = new("eager (range)", PartitionAssignmentStrategy.Range);

    public static GroupMode Cooperative { get; } = new("cooperative-sticky", PartitionAssignmentStrategy.CooperativeSticky);

    public static GroupMode Kip848 { get; } = new("KIP-848 (group.protocol=consumer)", null);

    public bool IsKip848 => Strategy is null;

    /// <summary>Applies the mode to a hand-written consumer's librdkafka settings, which hold the cluster's group timeouts.</summary>
    public void Apply(IDictionary<string, string> settings)
    {
        ApplyGroupSettings(settings);
        if (IsKip848)
        {
            settings["group.protocol"] = "consumer";
        }
    }

    /// <summary>Applies the mode to a worker: its protocol option and its librdkafka settings.</summary>
    public void Apply(KafkaWorkerOptions options)
    {
        if (IsKip848)
        {
            options.GroupProtocol = KafkaGroupProtocol.Consumer;
        }

        ApplyGroupSettings(options.Consumer);
    }

    private void ApplyGroupSettings(IDictionary<string, string> settings)
    {
        if (Strategy is not { } strategy)
        {
            foreach (var name in ClassicOnly)
            {
                settings.Remove(name);
            }

            return;
        }

        settings["partition.assignment.strategy"] = strategy switch
        {
            PartitionAssignmentStrategy.Range => "range",
            PartitionAssignmentStrategy.RoundRobin => "roundrobin",
            _ => "cooperative-sticky",
        };
        if (HeartbeatIntervalMs is { } heartbeat)
        {
            settings["heartbeat.interval.ms"] = heartbeat.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
