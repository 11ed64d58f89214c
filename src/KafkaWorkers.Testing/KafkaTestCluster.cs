using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Confluent.Kafka;
using KafkaWorkers.Testing.Native;

namespace KafkaWorkers.Testing;

/// <summary>
/// A real Kafka-protocol cluster running inside the current process: librdkafka's mock cluster, listening on
/// loopback TCP ports, so that any Kafka client (Confluent.Kafka, KafkaWorkers) can connect to
/// <see cref="BootstrapServers"/> with no Docker and no JVM.
/// </summary>
/// <remarks>
/// <para>
/// The cluster serves Produce, Fetch, ListOffsets, Metadata, consumer groups (classic and KIP-848, static
/// membership) and OffsetCommit/OffsetFetch, and lets a test inject faults: a broker down, a round-trip
/// delay, error codes for a request type, a partition's leader.
/// </para>
/// <para>Its limits, which a test must respect:</para>
/// <list type="bullet">
/// <item><description>each partition keeps at most 5 MiB or 100 000 message sets; older data is dropped,
/// which looks like message loss in a test that produces more;</description></item>
/// <item><description>there are no CreateTopics or DescribeGroups admin APIs: create topics with
/// <see cref="CreateTopic"/>; a topic that is not created is auto-created (4 partitions) on its first
/// metadata request;</description></item>
/// <item><description>a classic group whose membership changes waits for the old members to rejoin for up to
/// their <c>session.timeout.ms</c> less one second, so tests should give consumers a short session timeout
/// (for example 6 seconds).</description></item>
/// </list>
/// <para>Dispose every client connected to the cluster before the cluster itself.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var cluster = KafkaTestCluster.Start();
/// cluster.CreateTopic("orders", partitions: 6);
/// using var client = new KafkaTestClient(cluster.BootstrapServers);
/// await client.ProduceAsync("orders", count: 100);
/// </code>
/// </example>
public sealed partial class KafkaTestCluster : IAsyncDisposable, IDisposable
{
    private const int MaxBrokers = 16;
    private readonly object _gate = new();
    private nint _handle;
    private nint _cluster;

    private KafkaTestCluster(nint handle, nint cluster, int brokerCount, string bootstrapServers)
    {
        _handle = handle;
        _cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Gets the comma-separated <c>host:port</c> list that clients use as <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Gets how many brokers the cluster runs; their ids are 1 to this number.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster with <paramref name="brokerCount"/> brokers and default settings.</summary>
    /// <param name="brokerCount">How many brokers to run, 1 to 16.</param>
    /// <returns>The running cluster; dispose it to stop it.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerCount"/> is outside 1 to 16.</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not create the cluster.</exception>
    public static KafkaTestCluster Start(int brokerCount = 3) =>
        Start(new KafkaTestClusterOptions { BrokerCount = brokerCount });

    /// <summary>Starts a cluster with the given settings.</summary>
    /// <param name="options">The cluster's settings.</param>
    /// <returns>The running cluster; dispose it to stop it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its allowed range.</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not create the cluster.</exception>
    public static KafkaTestCluster Start(KafkaTestClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BrokerCount is < 1 or > MaxBrokers)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.BrokerCount,
                $"{nameof(KafkaTestClusterOptions.BrokerCount)} must be between 1 and {MaxBrokers}.");
        }

        if (options.GroupInitialRebalanceDelay < TimeSpan.Zero || options.GroupInitialRebalanceDelay > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.GroupInitialRebalanceDelay,
                $"{nameof(KafkaTestClusterOptions.GroupInitialRebalanceDelay)} must be between zero and one minute.");
        }

        ValidateConsumerGroupTimes(options);
        var handle = CreateOwnerHandle();
        var cluster = LibRdKafka.MockClusterNew(handle, options.BrokerCount);
        if (cluster == 0)
        {
            LibRdKafka.Destroy(handle);
            throw new InvalidOperationException("librdkafka could not create the mock cluster (rd_kafka_mock_cluster_new failed).");
        }

        LibRdKafka.MockGroupInitialRebalanceDelayMs(cluster, (int)options.GroupInitialRebalanceDelay.TotalMilliseconds);
        if (options.ConsumerGroupSessionTimeout is { } sessionTimeout)
        {
            LibRdKafka.MockSetGroupConsumerSessionTimeoutMs(cluster, (int)sessionTimeout.TotalMilliseconds);
        }

        if (options.ConsumerGroupHeartbeatInterval is { } heartbeatInterval)
        {
            LibRdKafka.MockSetGroupConsumerHeartbeatIntervalMs(cluster, (int)heartbeatInterval.TotalMilliseconds);
        }

        var bootstrap = Marshal.PtrToStringUTF8(LibRdKafka.MockClusterBootstraps(cluster))
            ?? throw new InvalidOperationException("librdkafka returned no bootstrap servers for the mock cluster.");
        return new KafkaTestCluster(handle, cluster, options.BrokerCount, bootstrap);
    }

    private static void ValidateConsumerGroupTimes(KafkaTestClusterOptions options)
    {
        if (options.ConsumerGroupHeartbeatInterval is { } heartbeat && (heartbeat < TimeSpan.FromMilliseconds(10) || heartbeat > TimeSpan.FromMinutes(1)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), heartbeat,
                $"{nameof(KafkaTestClusterOptions.ConsumerGroupHeartbeatInterval)} must be between 10 ms and one minute.");
        }

        if (options.ConsumerGroupSessionTimeout is { } session
            && (session < TimeSpan.FromSeconds(1) || session > TimeSpan.FromMinutes(5) || session <= options.ConsumerGroupHeartbeatInterval))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), session,
                $"{nameof(KafkaTestClusterOptions.ConsumerGroupSessionTimeout)} must be between 1 second and 5 minutes, and more than {nameof(KafkaTestClusterOptions.ConsumerGroupHeartbeatInterval)}.");
        }
    }

    /// <summary>Creates a topic.</summary>
    /// <param name="topic">The topic's name.</param>
    /// <param name="partitions">How many partitions it has, at least 1.</param>
    /// <param name="replicationFactor">How many replicas each partition has, 1 to <see cref="BrokerCount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is outside its allowed range.</exception>
    /// <exception cref="InvalidOperationException">The cluster refused (for example, the topic exists).</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void CreateTopic(string topic, int partitions = 1, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        if (replicationFactor < 1 || replicationFactor > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(
                nameof(replicationFactor), replicationFactor, $"The replication factor must be between 1 and the broker count ({BrokerCount}).");
        }

        Check(LibRdKafka.MockTopicCreate(Cluster, topic, partitions, replicationFactor), $"create topic '{topic}'");
    }

    /// <summary>Takes a broker down: its connections are closed and new ones are refused until <see cref="BringBrokerUp"/>.</summary>
    /// <param name="brokerId">The broker's id, 1 to <see cref="BrokerCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerId"/> names no broker.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void TakeBrokerDown(int brokerId) =>
        Check(LibRdKafka.MockBrokerSetDown(Cluster, ValidBroker(brokerId)), $"take broker {brokerId} down");

    /// <summary>Brings a broker taken down by <see cref="TakeBrokerDown"/> back up.</summary>
    /// <param name="brokerId">The broker's id, 1 to <see cref="BrokerCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerId"/> names no broker.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void BringBrokerUp(int brokerId) =>
        Check(LibRdKafka.MockBrokerSetUp(Cluster, ValidBroker(brokerId)), $"bring broker {brokerId} up");

    /// <summary>Delays every response of a broker by a round-trip time.</summary>
    /// <param name="brokerId">The broker's id, 1 to <see cref="BrokerCount"/>.</param>
    /// <param name="roundTripTime">The delay; <see cref="TimeSpan.Zero"/> removes it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The broker or the delay is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan roundTripTime)
    {
        if (roundTripTime < TimeSpan.Zero || roundTripTime > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(roundTripTime), roundTripTime, "The round-trip time must be between zero and five minutes.");
        }

        Check(
            LibRdKafka.MockBrokerSetRtt(Cluster, ValidBroker(brokerId), (int)roundTripTime.TotalMilliseconds),
            $"set the round-trip time of broker {brokerId}");
    }

    /// <summary>
    /// Makes the next requests of one type fail: each request of <paramref name="api"/>, to any broker, takes
    /// the next error from <paramref name="errors"/> until they are used up (<see cref="ErrorCode.NoError"/>
    /// lets one request through).
    /// </summary>
    /// <param name="api">The request type to fail.</param>
    /// <param name="errors">The Kafka protocol errors to answer with, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void InjectRequestErrors(KafkaApiKey api, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        var codes = Array.ConvertAll(errors, e => (int)e);
        LibRdKafka.MockPushRequestErrorsArray(Cluster, (short)api, (nuint)codes.Length, codes);
    }

    /// <summary>Removes the errors injected by <see cref="InjectRequestErrors"/> for a request type that are not used up yet.</summary>
    /// <param name="api">The request type.</param>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void ClearRequestErrors(KafkaApiKey api) => LibRdKafka.MockClearRequestErrors(Cluster, (short)api);

    /// <summary>
    /// Sets the versions of a request type that the brokers advertise (ApiVersions) and accept, to play an older or a
    /// newer broker.
    /// </summary>
    /// <param name="api">The request type.</param>
    /// <param name="minVersion">The lowest version accepted, 0 or more.</param>
    /// <param name="maxVersion">The highest version accepted, at least <paramref name="minVersion"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A version is negative, or the range is empty.</exception>
    /// <exception cref="InvalidOperationException">The cluster refused.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetApiVersions(KafkaApiKey api, short minVersion, short maxVersion)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxVersion, minVersion);
        Check(LibRdKafka.MockSetApiVersion(Cluster, (short)api, minVersion, maxVersion), $"set the versions of {api}");
    }

    /// <summary>
    /// Makes the brokers not support a request type at all, as a broker too old for it: they no longer advertise it,
    /// and clients that need it report it as not supported. For example, <see cref="KafkaApiKey.ConsumerGroupHeartbeat"/>
    /// plays a broker older than Kafka 4.0, which has no KIP-848 consumer group protocol.
    /// </summary>
    /// <param name="api">The request type to remove.</param>
    /// <exception cref="InvalidOperationException">The cluster refused.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void RemoveApi(KafkaApiKey api) =>
        Check(LibRdKafka.MockSetApiVersion(Cluster, (short)api, -1, -1), $"remove {api}");

    /// <summary>Moves the leadership of a partition to another broker.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition.</param>
    /// <param name="brokerId">The new leader's id, 1 to <see cref="BrokerCount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerId"/> names no broker.</exception>
    /// <exception cref="InvalidOperationException">The cluster refused (for example, no such partition).</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        Check(
            LibRdKafka.MockPartitionSetLeader(Cluster, topic, partition, ValidBroker(brokerId)),
            $"make broker {brokerId} the leader of {topic} [{partition.ToString(CultureInfo.InvariantCulture)}]");
    }

    /// <summary>Makes metadata requests report an error for a topic (for example <see cref="ErrorCode.TopicAuthorizationFailed"/>).</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="error">The error; <see cref="ErrorCode.NoError"/> removes it.</param>
    /// <exception cref="ArgumentException"><paramref name="topic"/> is null or empty.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetTopicError(string topic, ErrorCode error)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        LibRdKafka.MockTopicSetError(Cluster, topic, (int)error);
    }

    /// <summary>Makes a broker the coordinator of a consumer group.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="brokerId">The broker's id, 1 to <see cref="BrokerCount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerId"/> names no broker.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetGroupCoordinator(string groupId, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        Check(LibRdKafka.MockCoordinatorSet(Cluster, "group", groupId, ValidBroker(brokerId)), $"make broker {brokerId} the coordinator of group '{groupId}'");
    }

    /// <summary>Stops the cluster and frees its native resources.</summary>
    /// <returns>A task that completes when the cluster has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        // Destroying joins the cluster's threads; keep that off the caller's synchronization context.
        await Task.Run(Dispose).ConfigureAwait(false);
    }

    /// <summary>Stops the cluster and frees its native resources.</summary>
    public void Dispose()
    {
        nint cluster, handle;
        lock (_gate)
        {
            (cluster, handle) = (_cluster, _handle);
            (_cluster, _handle) = (0, 0);
        }

        if (cluster != 0)
        {
            LibRdKafka.MockClusterDestroy(cluster);
        }

        if (handle != 0)
        {
            LibRdKafka.Destroy(handle);
        }
    }

    private nint Cluster
    {
        get
        {
            var cluster = Volatile.Read(ref _cluster);
            ObjectDisposedException.ThrowIf(cluster == 0, this);
            return cluster;
        }
    }

    private static nint CreateOwnerHandle()
    {
        var errors = new byte[512];
        var conf = LibRdKafka.ConfNew();
        // The owner handle never connects anywhere; keep it from logging that it has no bootstrap servers.
        if (LibRdKafka.ConfSet(conf, "log_level", "3", errors, (nuint)errors.Length) != LibRdKafka.ConfigOk)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka rejected a setting: {ReadError(errors)}");
        }

        var handle = LibRdKafka.New(LibRdKafka.ProducerType, conf, errors, (nuint)errors.Length);
        if (handle == 0)
        {
            LibRdKafka.ConfDestroy(conf);
            throw new InvalidOperationException($"librdkafka could not create a client handle for the mock cluster: {ReadError(errors)}");
        }

        return handle;
    }

    private static string ReadError(byte[] buffer)
    {
        var length = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, length < 0 ? buffer.Length : length);
    }

    private int ValidBroker(int brokerId)
    {
        if (brokerId < 1 || brokerId > BrokerCount)
        {
            throw new ArgumentOutOfRangeException(nameof(brokerId), brokerId, $"Broker ids run from 1 to {BrokerCount}.");
        }

        return brokerId;
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"The in-process cluster could not {what}: {LibRdKafka.DescribeError(error)} ({(ErrorCode)error}).");
        }
    }
}
