using System.Globalization;
using KafkaWorkers.Failures;
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
        CheckRange(options.MaxUncommittedMessagesPerPartition, 1, 10_000_000, nameof(options.MaxUncommittedMessagesPerPartition));
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

        if (!MaxPollInterval.TryRead(consumer, out var maxPollInterval))
        {
            Fail("Consumer:" + MaxPollInterval.Setting, consumer[MaxPollInterval.Setting], "it must be a whole number of milliseconds.");
        }
        else if (options.RevokeTimeout >= TimeSpan.FromMilliseconds(maxPollInterval))
        {
            Fail(nameof(options.RevokeTimeout), options.RevokeTimeout, $"it must be shorter than max.poll.interval.ms ({maxPollInterval} ms), or the consumer is thrown out of the group while it waits.");
        }

        ValidateFailurePolicy(options.Failure, options.Topics ?? [], Fail);
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

    private static void ValidateFailurePolicy(KafkaFailureOptions? failure, IList<string> topics, Action<string, object?, string> fail)
    {
        const string Section = nameof(KafkaWorkerOptions.Failure) + ":";
        if (failure is null)
        {
            fail(nameof(KafkaWorkerOptions.Failure), null, "set it, or leave the default policy.");
            return;
        }

        if (failure.MaxAttempts is < 1 or > 100)
        {
            fail(Section + nameof(failure.MaxAttempts), failure.MaxAttempts, "it must be between 1 and 100 (1 means no retry).");
        }

        if (failure.InitialDelay < TimeSpan.Zero || failure.InitialDelay > TimeSpan.FromMinutes(5))
        {
            fail(Section + nameof(failure.InitialDelay), failure.InitialDelay, "it must be between 00:00:00 and 00:05:00.");
        }

        if (failure.MaxDelay < failure.InitialDelay || failure.MaxDelay > TimeSpan.FromMinutes(15))
        {
            fail(Section + nameof(failure.MaxDelay), failure.MaxDelay, $"it must be between InitialDelay ({Describe(failure.InitialDelay)}) and 00:15:00.");
        }

        if (!Enum.IsDefined(failure.FinalAction))
        {
            fail(Section + nameof(failure.FinalAction), failure.FinalAction, "it must be DeadLetter, Stop or Skip.");
        }

        var configured = failure.DeadLetterTopic;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (configured.Length > 249 || !configured.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                fail(Section + nameof(failure.DeadLetterTopic), configured, "a Kafka topic name has at most 249 characters among ASCII letters, digits, '.', '_' and '-'.");
            }
            else if (topics.Contains(configured, StringComparer.Ordinal))
            {
                fail(Section + nameof(failure.DeadLetterTopic), configured, "it is one of the worker's Topics; dead-lettered messages would be consumed again. Use another topic.");
            }
        }
        else
        {
            foreach (var topic in topics.Where(t => topics.Contains(DeadLetterRecord.TopicFor(null, t), StringComparer.Ordinal)))
            {
                fail(
                    Section + nameof(failure.DeadLetterTopic), configured,
                    $"the default dead-letter topic of '{topic}' is '{DeadLetterRecord.TopicFor(null, topic)}', which is one of the worker's Topics. Set a dead-letter topic the worker does not consume.");
            }
        }

        foreach (var reserved in DeadLetterProducerConfig.ReservedSettings.Where(s => failure.Producer?.ContainsKey(s) == true))
        {
            fail($"{Section}Producer:{reserved}", failure.Producer![reserved], "the worker owns this setting of the dead-letter producer (the cluster of the worker, idempotent, acks=all).");
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
