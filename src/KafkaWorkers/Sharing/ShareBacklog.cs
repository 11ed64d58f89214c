using System.Collections.Concurrent;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Sharing;

/// <summary>
/// A share worker's backlog estimate per partition: the partition's end offset minus the highest offset the worker
/// acquired in it (what a share consumer can know; no client API reports a share group's lag yet). The members report
/// each acquisition; the end offsets are read in the background with an admin client, so observing the estimate
/// never touches the network.
/// </summary>
/// <remarks>
/// Only partitions the worker has acquired from are estimated. The admin client is created on the first read, so a bad
/// setting surfaces as a failed read (logged at Debug, and the estimate keeps its last end offsets), never as a start-up failure.
/// </remarks>
internal sealed class ShareBacklog(string worker, IReadOnlyDictionary<string, string> consumerSettings, TimeProvider time, ILogger logger) : IDisposable
{
    /// <summary>How often the end offsets are read.</summary>
    internal static readonly TimeSpan ReadInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long one read of the end offsets may take.</summary>
    internal static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    // Share-consumer settings an admin client has no use for (librdkafka would warn about each).
    private static readonly string[] ConsumerOnly = ["group.id", "share.acknowledgement.mode", "max.poll.records", "log_level"];

    private readonly ConcurrentDictionary<TopicPartition, long> _highestAcquired = new();
    private readonly ConcurrentDictionary<TopicPartition, long> _ends = new();
    private readonly string _source = $"{worker} share backlog";
    private IAdminClient? _admin;

    /// <summary>Notes that a member acquired <paramref name="offset"/> of <paramref name="partition"/>.</summary>
    public void Acquired(TopicPartition partition, long offset) =>
        _highestAcquired.AddOrUpdate(partition, static (_, acquired) => acquired, static (_, highest, acquired) => Math.Max(highest, acquired), offset);

    /// <summary>Gets the estimate of every partition whose end offset is known: records above the highest offset acquired.</summary>
    public IEnumerable<(TopicPartition Partition, long Records)> Estimates()
    {
        foreach (var (partition, highest) in _highestAcquired)
        {
            if (_ends.TryGetValue(partition, out var end))
            {
                yield return (partition, Math.Max(0, end - highest - 1));
            }
        }
    }

    /// <summary>Reads the end offsets every <see cref="ReadInterval"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ReadInterval, time);
        try
        {
            do
            {
                await ReadEndsAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public void Dispose() => Interlocked.Exchange(ref _admin, null)?.Dispose();

    /// <summary>Reads the end offsets of the partitions acquired from; a failed read is logged and tried at the next tick.</summary>
    internal async Task ReadEndsAsync(CancellationToken cancellationToken)
    {
        var partitions = _highestAcquired.Keys.ToList();
        if (partitions.Count == 0)
        {
            return;
        }

        try
        {
            var result = await Admin().ListOffsetsAsync(
                partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }),
                new ListOffsetsOptions { RequestTimeout = ReadTimeout }).WaitAsync(cancellationToken).ConfigureAwait(false);
            foreach (var info in result.ResultInfos)
            {
                if (info.TopicPartitionOffsetError is { Error.IsError: false, Offset.Value: >= 0 } end)
                {
                    _ends[end.TopicPartition] = end.Offset.Value;
                }
            }
        }
        catch (KafkaException e)
        {
            Log.Librdkafka(logger, LogLevel.Debug, _source, e.Error.Code.ToString(), e.Error.Reason);
        }
    }

    private IAdminClient Admin()
    {
        if (_admin is null)
        {
            var settings = consumerSettings.Where(s => !ConsumerOnly.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
            settings["client.id"] = $"{consumerSettings.GetValueOrDefault("client.id", worker)}-backlog";
            _admin = new AdminClientBuilder(settings)
                .SetLogHandler((_, message) => Log.Librdkafka(logger, LogLevel.Debug, _source, message.Facility, message.Message))
                .SetErrorHandler((_, error) => Log.Librdkafka(logger, LogLevel.Debug, _source, error.Code.ToString(), error.Reason))
                .Build();
        }

        return _admin;
    }
}
