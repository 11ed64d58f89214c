using System.Globalization;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Hosting;

/// <summary>
/// Validates each worker's options when the host starts. Every failure names the setting by its configuration path,
/// its value, and what is allowed.
/// </summary>
internal sealed class KafkaWorkerOptionsValidator(IEnumerable<KafkaWorkerRegistration> registrations) : IValidateOptions<KafkaWorkerOptions>
{
    /// <summary>librdkafka settings the worker owns; setting them through <see cref="KafkaWorkerOptions.Consumer"/> is refused.</summary>
    internal static readonly string[] ReservedConsumerSettings =
        ["enable.auto.commit", "auto.commit.interval.ms", "enable.auto.offset.store", "group.id", "bootstrap.servers", "group.protocol", "group.instance.id"];

    private const int DefaultMaxPollIntervalMs = 300_000;

    private readonly HashSet<string> _workers = registrations.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, KafkaWorkerOptions options)
    {
        if (name is null || !_workers.Contains(name))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var path = $"{KafkaWorkerOptionsSetup.SectionName}:Workers:{name}";
        void Fail(string setting, object? value, string allowed) =>
            failures.Add($"Kafka worker '{name}': {path}:{setting} is {Describe(value)}; {allowed}");

        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
        {
            Fail(nameof(options.BootstrapServers), options.BootstrapServers, $"set it, or the shared {KafkaWorkerOptionsSetup.SectionName}:BootstrapServers.");
        }

        if (string.IsNullOrWhiteSpace(options.GroupId))
        {
            Fail(nameof(options.GroupId), options.GroupId, "set it (in configuration, in AddKafkaWorker, or with [KafkaWorker(GroupId = ...)]).");
        }

        if (options.Topics is null || options.Topics.Count == 0 || options.Topics.Any(string.IsNullOrWhiteSpace))
        {
            Fail(nameof(options.Topics), options.Topics is null ? null : string.Join(",", options.Topics), "give at least one topic, none of them empty.");
        }

        CheckRange(options.MaxConcurrency, 1, 10_000, nameof(options.MaxConcurrency));
        CheckRange(options.MaxBufferedMessagesPerPartition, 1, 1_000_000, nameof(options.MaxBufferedMessagesPerPartition));
        CheckRange(options.BatchSize, 1, 100_000, nameof(options.BatchSize));
        CheckTime(options.ShutdownTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(options.ShutdownTimeout));
        CheckTime(options.CommitInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10), nameof(options.CommitInterval));
        CheckTime(options.RevokeTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(5), nameof(options.RevokeTimeout));
        CheckTime(options.BatchTimeout, TimeSpan.Zero, TimeSpan.FromMinutes(5), nameof(options.BatchTimeout));
        if (!Enum.IsDefined(options.Ordering))
        {
            Fail(nameof(options.Ordering), options.Ordering, "it must be Partition, Key or None.");
        }

        if (!Enum.IsDefined(options.GroupProtocol))
        {
            Fail(nameof(options.GroupProtocol), options.GroupProtocol, "it must be Classic or Consumer.");
        }

        var consumer = options.Consumer ?? new Dictionary<string, string>();
        foreach (var reserved in ReservedConsumerSettings.Where(consumer.ContainsKey))
        {
            Fail($"Consumer:{reserved}", consumer[reserved], "the worker owns this librdkafka setting; use the typed option instead (BootstrapServers, GroupId, GroupProtocol, GroupInstanceId; offsets are always committed by the worker).");
        }

        if (options.GroupProtocol == KafkaGroupProtocol.Consumer && consumer.TryGetValue("partition.assignment.strategy", out var strategy))
        {
            Fail("Consumer:partition.assignment.strategy", strategy, "the Consumer group protocol (KIP-848) assigns partitions on the broker; remove it or use GroupProtocol Classic.");
        }

        var maxPollInterval = DefaultMaxPollIntervalMs;
        if (consumer.TryGetValue("max.poll.interval.ms", out var configured) &&
            !int.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out maxPollInterval))
        {
            Fail("Consumer:max.poll.interval.ms", configured, "it must be a whole number of milliseconds.");
        }
        else if (options.RevokeTimeout >= TimeSpan.FromMilliseconds(maxPollInterval))
        {
            Fail(nameof(options.RevokeTimeout), options.RevokeTimeout, $"it must be shorter than max.poll.interval.ms ({maxPollInterval} ms), or the consumer is thrown out of the group while it waits.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckRange(int value, int min, int max, string setting)
        {
            if (value < min || value > max)
            {
                Fail(setting, value, $"it must be between {min} and {max}.");
            }
        }

        void CheckTime(TimeSpan value, TimeSpan min, TimeSpan max, string setting)
        {
            if (value < min || value > max)
            {
                Fail(setting, value, $"it must be between {min:c} and {max:c}.");
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "not set",
        string s when string.IsNullOrWhiteSpace(s) => "empty",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };
}
