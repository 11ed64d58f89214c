using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace KafkaWorkers.Testing;

/// <summary>
/// Helpers a test needs around the code under test, against any Kafka cluster (a <see cref="KafkaTestCluster"/>
/// or a real one): produce keyed messages (alone or in a transaction), read a topic back, and read a group's committed offsets and a
/// topic's high watermarks over the Kafka protocol, as a user of the cluster would see them.
/// </summary>
/// <remarks>
/// Every method is bounded by <see cref="Timeout"/> and by its cancellation token. The client is thread-safe;
/// dispose it before disposing a <see cref="KafkaTestCluster"/> it is connected to.
/// </remarks>
public sealed class KafkaTestClient : IDisposable
{
    private readonly Lazy<IProducer<string?, string?>> _producer;
    private readonly Lazy<IProducer<string?, string?>> _transactionalProducer;
    private readonly SemaphoreSlim _transaction = new(1, 1);
    private readonly Lazy<IAdminClient> _admin;

    /// <summary>Creates a client for a cluster.</summary>
    /// <param name="bootstrapServers">The cluster's <c>bootstrap.servers</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="bootstrapServers"/> is null or empty.</exception>
    public KafkaTestClient(string bootstrapServers)
    {
        ArgumentException.ThrowIfNullOrEmpty(bootstrapServers);
        BootstrapServers = bootstrapServers;
        _producer = new Lazy<IProducer<string?, string?>>(() => new ProducerBuilder<string?, string?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build());
        _transactionalProducer = new Lazy<IProducer<string?, string?>>(() =>
        {
            var producer = new ProducerBuilder<string?, string?>(new ProducerConfig
            {
                BootstrapServers = bootstrapServers,
                TransactionalId = $"kafkaworkers-testing-{Guid.NewGuid():N}",
                LingerMs = 5,
            }).Build();
            producer.InitTransactions(Timeout);
            return producer;
        });
        _admin = new Lazy<IAdminClient>(() => new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build());
    }

    /// <summary>Gets the cluster's <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Gets or sets how long one helper call may take before it fails.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Produces <paramref name="count"/> keyed string messages and waits until all are acknowledged by the
    /// cluster (<c>acks=all</c>, idempotent, so retries neither lose nor duplicate).
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="count">How many messages.</param>
    /// <param name="messageFactory">
    /// Makes message <c>i</c> (0-based); by default key <c>key-{i % 32}</c> and value <c>value-{i}</c>, so that
    /// messages with one key land in one partition in order.
    /// </param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The delivery results, in the order the messages were made.</returns>
    /// <exception cref="ProduceException{TKey,TValue}">A message could not be delivered.</exception>
    /// <exception cref="TimeoutException">Delivery took longer than <see cref="Timeout"/>.</exception>
    public Task<IReadOnlyList<DeliveryResult<string?, string?>>> ProduceAsync(
        string topic,
        int count,
        Func<int, Message<string?, string?>>? messageFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        messageFactory ??= DefaultMessage;
        return ProduceAsync(topic, Enumerable.Range(0, count).Select(messageFactory), cancellationToken);
    }

    /// <summary>Produces messages and waits until all are acknowledged by the cluster.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="messages">The messages, produced in this order.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The delivery results, in the order of <paramref name="messages"/>.</returns>
    /// <exception cref="ProduceException{TKey,TValue}">A message could not be delivered.</exception>
    /// <exception cref="TimeoutException">Delivery took longer than <see cref="Timeout"/>.</exception>
    public Task<IReadOnlyList<DeliveryResult<string?, string?>>> ProduceAsync(
        string topic,
        IEnumerable<Message<string?, string?>> messages,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(messages);
        return ProduceAllAsync(_producer.Value, topic, messages.ToList(), cancellationToken);
    }

    /// <summary>
    /// Produces messages in one Kafka transaction (a producer with a <c>transactional.id</c> of its own), then commits
    /// or aborts it. Either way the messages are written to the log first, and the transaction's end writes a control
    /// record (the commit or abort marker) after them in every partition it touched: the offsets a consumer never
    /// receives, which a test of a transactional topic needs.
    /// </summary>
    /// <param name="topic">The topic.</param>
    /// <param name="messages">The messages, produced in this order.</param>
    /// <param name="commit"><see langword="true"/> to commit the transaction; <see langword="false"/> to abort it.</param>
    /// <param name="cancellationToken">Stops waiting for the deliveries.</param>
    /// <returns>The delivery results, in the order of <paramref name="messages"/>.</returns>
    /// <exception cref="ProduceException{TKey,TValue}">A message could not be delivered (the transaction is aborted).</exception>
    /// <exception cref="KafkaException">The transaction could not be started, committed or aborted.</exception>
    /// <exception cref="TimeoutException">Delivery took longer than <see cref="Timeout"/>.</exception>
    /// <remarks>Transactions of one client run one at a time.</remarks>
    public async Task<IReadOnlyList<DeliveryResult<string?, string?>>> ProduceTransactionAsync(
        string topic,
        IEnumerable<Message<string?, string?>> messages,
        bool commit = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        await _transaction.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var producer = await Task.Run(() => _transactionalProducer.Value, cancellationToken).ConfigureAwait(false);
            producer.BeginTransaction();
            IReadOnlyList<DeliveryResult<string?, string?>> results;
            try
            {
                // Every message is acknowledged before the transaction ends: an abort would otherwise drop those still
                // queued in the client, and they would never reach the log.
                results = await ProduceAllAsync(producer, topic, list, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await Task.Run(() => producer.AbortTransaction(Timeout), CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            await Task.Run(() =>
            {
                if (commit)
                {
                    producer.CommitTransaction(Timeout);
                }
                else
                {
                    producer.AbortTransaction(Timeout);
                }
            }, CancellationToken.None).ConfigureAwait(false);
            return results;
        }
        finally
        {
            _transaction.Release();
        }
    }

    private async Task<IReadOnlyList<DeliveryResult<string?, string?>>> ProduceAllAsync(
        IProducer<string?, string?> producer,
        string topic,
        List<Message<string?, string?>> list,
        CancellationToken cancellationToken)
    {
        var results = new DeliveryResult<string?, string?>[list.Count];
        var pending = list.Count;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (pending == 0)
        {
            return results;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var index = i;
            ProduceWithBackPressure(producer, topic, list[i], report =>
            {
                if (report.Error.IsError)
                {
                    done.TrySetException(new ProduceException<string?, string?>(report.Error, report));
                }

                results[index] = report;
                if (Interlocked.Decrement(ref pending) == 0)
                {
                    done.TrySetResult();
                }
            });
        }

        await done.Task.WaitAsync(Timeout, cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>Reads every message currently on a topic (from each partition's low to its high watermark), without a consumer group.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The messages, partition by partition, in offset order.</returns>
    /// <exception cref="TimeoutException">Reading took longer than <see cref="Timeout"/>.</exception>
    public Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> ReadAllAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return Task.Run<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>>(() =>
        {
            var deadline = DateTime.UtcNow + Timeout;
            using var consumer = NewConsumer<byte[]?, byte[]?>($"kafkaworkers-testing-reader-{Guid.NewGuid():N}");
            var read = new List<ConsumeResult<byte[]?, byte[]?>>();
            foreach (var partition in GetPartitions(topic))
            {
                var tp = new TopicPartition(topic, partition);
                var watermarks = consumer.QueryWatermarkOffsets(tp, Timeout);
                if (watermarks.High <= watermarks.Low)
                {
                    continue;
                }

                consumer.Assign(new TopicPartitionOffset(tp, watermarks.Low));
                long next = watermarks.Low;
                while (next < watermarks.High)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new TimeoutException($"Reading {topic} [{partition}] took longer than {Timeout}.");
                    }

                    var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                    if (result is { IsPartitionEOF: false })
                    {
                        read.Add(result);
                    }

                    // The position passes the offsets never returned too (transaction markers, aborted records).
                    next = Math.Max(next, consumer.Position(tp).Value);
                }
            }

            return read;
        }, cancellationToken);
    }

    /// <summary>Reads a consumer group's committed offsets for every partition of a topic (an OffsetFetch request; the group is not joined).</summary>
    /// <param name="groupId">The consumer group.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The committed offset (the next offset to consume) per partition; -1 where the group has committed none.</returns>
    /// <exception cref="KafkaException">The cluster answered with an error.</exception>
    public Task<IReadOnlyDictionary<int, long>> GetCommittedOffsetsAsync(string groupId, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return Task.Run<IReadOnlyDictionary<int, long>>(() =>
        {
            using var consumer = NewConsumer<Ignore, Ignore>(groupId);
            var partitions = GetPartitions(topic).Select(p => new TopicPartition(topic, p)).ToList();
            var committed = consumer.Committed(partitions, Timeout);
            return committed.ToDictionary(
                c => c.Partition.Value,
                c => c.Offset == Offset.Unset ? -1L : c.Offset.Value);
        }, cancellationToken);
    }

    /// <summary>Reads the high watermark (the log-end offset) of every partition of a topic (a ListOffsets request).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The high watermark per partition.</returns>
    /// <exception cref="KafkaException">The cluster answered with an error.</exception>
    public Task<IReadOnlyDictionary<int, long>> GetHighWatermarksAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return Task.Run<IReadOnlyDictionary<int, long>>(() =>
        {
            using var consumer = NewConsumer<Ignore, Ignore>($"kafkaworkers-testing-watermarks-{Guid.NewGuid():N}");
            return GetPartitions(topic).ToDictionary(
                p => p,
                p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), Timeout).High.Value);
        }, cancellationToken);
    }

    /// <summary>Reads how many partitions a topic has (a Metadata request).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The partition count.</returns>
    /// <exception cref="KafkaException">The topic does not exist or the cluster answered with an error.</exception>
    public Task<int> GetPartitionCountAsync(string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return Task.Run(() => GetPartitions(topic).Count, cancellationToken);
    }

    /// <summary>Creates a topic through the admin API (for a real cluster; on a <see cref="KafkaTestCluster"/> use its <see cref="KafkaTestCluster.CreateTopic"/>).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">How many partitions.</param>
    /// <param name="replicationFactor">How many replicas.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the topic exists.</returns>
    /// <exception cref="CreateTopicsException">The cluster refused.</exception>
    public async Task CreateTopicAsync(string topic, int partitions, short replicationFactor = 1, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        await _admin.Value
            .CreateTopicsAsync([new() { Name = topic, NumPartitions = partitions, ReplicationFactor = replicationFactor }],
                new CreateTopicsOptions { OperationTimeout = Timeout, RequestTimeout = Timeout })
            .WaitAsync(Timeout, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Flushes and closes the client's producer and admin connections.</summary>
    public void Dispose()
    {
        if (_producer.IsValueCreated)
        {
            _producer.Value.Flush(TimeSpan.FromSeconds(10));
            _producer.Value.Dispose();
        }

        if (_transactionalProducer.IsValueCreated)
        {
            _transactionalProducer.Value.Dispose();
        }

        _transaction.Dispose();

        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }

    private static Message<string?, string?> DefaultMessage(int i) => new()
    {
        Key = "key-" + (i % 32).ToString(CultureInfo.InvariantCulture),
        Value = "value-" + i.ToString(CultureInfo.InvariantCulture),
    };

    private static void ProduceWithBackPressure(
        IProducer<string?, string?> producer,
        string topic,
        Message<string?, string?> message,
        Action<DeliveryReport<string?, string?>> onDelivery)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<string?, string?> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: let deliveries drain before producing more.
                producer.Poll(TimeSpan.FromMilliseconds(50));
            }
        }
    }

    private List<int> GetPartitions(string topic)
    {
        var metadata = _admin.Value.GetMetadata(topic, Timeout);
        var topicMetadata = metadata.Topics.SingleOrDefault(t => t.Topic == topic)
            ?? throw new KafkaException(ErrorCode.UnknownTopicOrPart);
        if (topicMetadata.Error.IsError)
        {
            throw new KafkaException(topicMetadata.Error);
        }

        return topicMetadata.Partitions.Select(p => p.PartitionId).Order().ToList();
    }

    private IConsumer<TKey, TValue> NewConsumer<TKey, TValue>(string groupId) =>
        new ConsumerBuilder<TKey, TValue>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnablePartitionEof = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
}
