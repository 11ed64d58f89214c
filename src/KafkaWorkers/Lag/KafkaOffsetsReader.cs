using Confluent.Kafka;
using Confluent.Kafka.Admin;
using KafkaWorkers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Lag;

/// <summary>
/// Reads a consumer group's committed offsets and the log-end offsets of every partition of some topics over the Kafka
/// protocol, as KEDA's scaler does: Metadata for the partitions, OffsetFetch for the committed offsets and ListOffsets
/// (latest) for the ends.
/// </summary>
/// <remarks>
/// It uses its own consumer, which never subscribes: it never joins the group, never commits and never takes a
/// partition from a worker; an admin client on the same handle sends Metadata and ListOffsets. The clients are created
/// on the first read, so a bad setting surfaces as a failed read, never as a start-up failure. librdkafka's own
/// messages are logged at Debug: a failed read is reported once per failure streak by the monitor instead.
/// </remarks>
internal sealed class KafkaOffsetsReader(string worker, ConsumerConfig config, IReadOnlyList<string> topics, TimeSpan timeout, ILogger logger)
    : IDisposable
{
    private readonly string _source = $"{worker} lag monitor";
    private IConsumer<Ignore, Ignore>? _consumer;
    private IAdminClient? _admin;

    /// <summary>Builds the reader's configuration from the worker's: the same cluster, security and group, without membership.</summary>
    public static ConsumerConfig ConfigFor(ConsumerConfig workerConfig)
    {
        // A consumer that never subscribes never joins the group; membership settings only draw warnings.
        string[] membership = ["group.instance.id", "group.protocol", "partition.assignment.strategy"];
        var settings = workerConfig.Where(s => !membership.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return new ConsumerConfig(settings)
        {
            ClientId = $"{workerConfig.ClientId}-lag",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
        };
    }

    /// <summary>Reads the offsets of every partition of the topics, ordered by topic and partition.</summary>
    /// <exception cref="KafkaException">The cluster could not be reached in time, or a topic or partition has an error.</exception>
    public async Task<KafkaPartitionOffsets[]> ReadAsync(CancellationToken cancellationToken)
    {
        EnsureClients(out var consumer, out var admin);
        var partitions = new List<TopicPartition>();
        foreach (var topic in topics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            partitions.AddRange(PartitionsOf(admin, topic));
        }

        // Both requests at once, as KEDA sends them; each is bounded by the timeout.
        var ends = admin.ListOffsetsAsync(
            partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = OffsetSpec.Latest() }),
            new ListOffsetsOptions { RequestTimeout = timeout });
        var commits = Task.Run(() => consumer.Committed(partitions, timeout), cancellationToken);
        await Task.WhenAll(ends, commits).WaitAsync(cancellationToken).ConfigureAwait(false);
        var committed = (await commits.ConfigureAwait(false)).ToDictionary(c => c.TopicPartition, c => c.Offset);
        var endOffsets = (await ends.ConfigureAwait(false)).ResultInfos
            .ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset);
        return
        [
            .. partitions.Select(p => new KafkaPartitionOffsets(
                p.Topic,
                p.Partition.Value,
                committed.TryGetValue(p, out var c) && c.Value >= 0 ? c.Value : KafkaPartitionOffsets.None,
                endOffsets.TryGetValue(p, out var e) && e.Value >= 0 ? e.Value : KafkaPartitionOffsets.None)),
        ];
    }

    public void Dispose()
    {
        // The admin client runs on the consumer's handle: it goes first.
        Interlocked.Exchange(ref _admin, null)?.Dispose();
        Interlocked.Exchange(ref _consumer, null)?.Dispose();
    }

    private IEnumerable<TopicPartition> PartitionsOf(IAdminClient admin, string topic)
    {
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(t => t.Topic == topic)
            ?? throw new KafkaException(ErrorCode.UnknownTopicOrPart);
        if (metadata.Error.IsError)
        {
            throw new KafkaException(metadata.Error);
        }

        return metadata.Partitions.Select(p => p.PartitionId).Order().Select(p => new TopicPartition(topic, p));
    }

    private void EnsureClients(out IConsumer<Ignore, Ignore> consumer, out IAdminClient admin)
    {
        consumer = _consumer ??= new ConsumerBuilder<Ignore, Ignore>(config)
            .SetLogHandler((_, message) => Log.Librdkafka(logger, LogLevel.Debug, _source, message.Facility, message.Message))
            .SetErrorHandler((_, error) => Log.Librdkafka(logger, LogLevel.Debug, _source, error.Code.ToString(), error.Reason))
            .Build();
        admin = _admin ??= new DependentAdminClientBuilder(consumer.Handle).Build();
    }
}
