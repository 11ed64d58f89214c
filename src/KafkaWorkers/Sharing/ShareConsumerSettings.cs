using System.Globalization;
using KafkaWorkers.Hosting;

namespace KafkaWorkers.Sharing;

/// <summary>Builds the librdkafka settings of a share worker's consumers from its options.</summary>
internal static class ShareConsumerSettings
{
    /// <summary>
    /// The <c>max.poll.records</c> of message handlers unless <c>Consumer:max.poll.records</c> sets it: a member handles
    /// its batch one record at a time under locks that expire (30 s by default), so it acquires few at once.
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
        settings.TryAdd("max.poll.records", (contract.IsBatch ? options.BatchSize : DefaultMessageMaxPollRecords).ToString(CultureInfo.InvariantCulture));
        return settings;
    }
}
