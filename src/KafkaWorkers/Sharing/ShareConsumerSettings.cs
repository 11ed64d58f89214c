using System.Globalization;
using KafkaWorkers.Hosting;

namespace KafkaWorkers.Sharing;

/// <summary>Builds the librdkafka settings of a share worker's consumers from its options.</summary>
internal static class ShareConsumerSettings
{
    /// <summary>
    /// The <c>max.poll.records</c> of message handlers unless <c>Consumer:max.poll.records</c> sets it: a member handles
    /// its batch one record at a time under locks that expire (30 s by default), so it acquires few at once. A run with
    /// <see cref="KafkaCompletionOptions.MaxMessages"/> acquires at most that many per poll.
    /// </summary>
    internal const int DefaultMessageMaxPollRecords = 10;

    /// <summary>librdkafka settings a share worker owns or that do not apply to share consumers; refused in <c>Consumer</c>.</summary>
    internal static readonly string[] Refused =
    [
        "share.acknowledgement.mode", "partition.assignment.strategy", "group.remote.assignor", "isolation.level",
        "enable.partition.eof", "auto.offset.reset", "session.timeout.ms", "heartbeat.interval.ms",
    ];

    public static Dictionary<string, string> Create(string worker, KafkaWorkerOptions options, HandlerContract contract)
    {
        var settings = new Dictionary<string, string>(options.Consumer, StringComparer.Ordinal)
        {
            ["bootstrap.servers"] = options.BootstrapServers!,
            ["group.id"] = options.GroupId!,
            // Every record is acknowledged by the worker after its handler settled it, never implicitly on the next poll.
            ["share.acknowledgement.mode"] = "explicit",
        };
        settings.TryAdd("client.id", worker);
        // A run with a message budget acquires no more than it may handle: what it acquires beyond is released unstarted.
        var maxPollRecords = Math.Min(contract.IsBatch ? options.BatchSize : DefaultMessageMaxPollRecords, options.Completion?.MaxMessages ?? int.MaxValue);
        settings.TryAdd("max.poll.records", maxPollRecords.ToString(CultureInfo.InvariantCulture));
        return settings;
    }
}
