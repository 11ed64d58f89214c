using KafkaWorkers.Hosting;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Sharing;

/// <summary>
/// Validates each share worker's options when the host starts: every check of a consumer-group worker, then what share
/// semantics cannot honour. Each failure names the setting by its configuration path, its value and what is allowed.
/// </summary>
internal sealed class KafkaShareWorkerOptionsValidator(IEnumerable<KafkaShareWorkerRegistration> registrations) : IValidateOptions<KafkaWorkerOptions>
{
    /// <summary>At most this many share consumers per worker: each is a thread and its own broker connections.</summary>
    internal const int MaxMembers = 64;

    // The checks every worker gets, by the consumer-group validator, bound to this share worker.
    private readonly Dictionary<string, KafkaWorkerOptionsValidator> _workers = registrations.ToDictionary(
        r => r.Name, r => new KafkaWorkerOptionsValidator([r.Worker]), StringComparer.Ordinal);

    public ValidateOptionsResult Validate(string? name, KafkaWorkerOptions options)
    {
        if (name is null || !_workers.TryGetValue(name, out var common))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        if (common.Validate(name, options) is { Failed: true } failed)
        {
            failures.AddRange(failed.Failures);
        }

        var path = $"{KafkaWorkerOptionsSetup.SectionName}:Workers:{name}";
        void Fail(string setting, object? value, string allowed) =>
            failures.Add($"Kafka share worker '{name}': {path}:{setting} is {(value is string text ? $"'{text}'" : value)}; {allowed}");

        if (options.Ordering != KafkaOrdering.None)
        {
            Fail(nameof(options.Ordering), options.Ordering,
                "a share group hands the records of one partition to several consumers at once and redelivers released ones later, so no order by partition or key can hold. Remove it, or set None (the default of share workers).");
        }

        if (options.MaxConcurrency is > MaxMembers)
        {
            Fail(nameof(options.MaxConcurrency), options.MaxConcurrency,
                $"a share worker runs one share consumer (a thread and its connections) per unit of concurrency; it must be between 1 and {MaxMembers}. Scale out with more replicas instead.");
        }

        if (options.GroupProtocol != KafkaGroupProtocol.Classic)
        {
            Fail(nameof(options.GroupProtocol), options.GroupProtocol, "a share worker always uses the share group protocol (KIP-932); remove the setting.");
        }

        if (!string.IsNullOrWhiteSpace(options.GroupInstanceId))
        {
            Fail(nameof(options.GroupInstanceId), options.GroupInstanceId, "share groups have no static membership; remove the setting.");
        }

        if (options.Completion is { UntilDrained: true })
        {
            Fail("Completion:UntilDrained", true,
                "a share group has no partition a member owns and could drain (every member reads every partition); end the run with MaxMessages (KafkaCompletion.SingleMessage or Batch), an IdleTimeout or a MaxDuration instead.");
        }

        foreach (var refused in ShareConsumerSettings.Refused.Where(s => options.Consumer?.ContainsKey(s) == true))
        {
            Fail($"Consumer:{refused}", options.Consumer![refused],
                "the share worker owns this setting or share consumers do not support it (offset reset, session and heartbeat times are share-group settings on the broker: share.auto.offset.reset, group.share.*).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
