using Confluent.Kafka;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;
using Testcontainers.Kafka;

namespace KafkaWorkers.Testing.Containers;

/// <summary>
/// A real Apache Kafka broker in a Docker container (Testcontainers.Kafka), for tests that must run against Kafka's
/// own coordinator rather than the in-process <see cref="KafkaTestCluster"/>: the group protocols exactly as Kafka
/// serves them, default broker settings (for example <c>group.min.session.timeout.ms</c> = 6000), and an outage of
/// the whole broker through <see cref="PauseAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// Use <see cref="KafkaTestClient"/> with <see cref="BootstrapServers"/> for the helpers (produce, read back, committed
/// offsets, watermarks); <see cref="CreateTopicAsync"/> creates topics through the admin API.
/// </para>
/// <para>
/// It needs a Docker engine. Testcontainers finds it through <c>DOCKER_HOST</c> or the default socket. An engine whose
/// API is older than Testcontainers' default needs <c>DOCKER_API_VERSION</c> (for example <c>1.41</c> with Debian's
/// <c>docker.io</c>), and where the Ryuk clean-up image cannot be pulled set <c>TESTCONTAINERS_RYUK_DISABLED=true</c>
/// (the broker still removes its container on dispose). <see cref="CheckAvailabilityAsync"/> tells a test whether it can
/// run, so it can report itself skipped with the reason.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var broker = await KafkaContainerBroker.StartAsync();
/// await broker.CreateTopicAsync("orders", partitions: 6);
/// using var client = new KafkaTestClient(broker.BootstrapServers);
/// await client.ProduceAsync("orders", count: 1_000);
/// await broker.PauseAsync();      // the broker is unreachable
/// await broker.UnpauseAsync();    // and back
/// </code>
/// </example>
public sealed class KafkaContainerBroker : IAsyncDisposable
{
    private readonly KafkaContainer _container;
    private readonly KafkaTestClient _client;

    private KafkaContainerBroker(KafkaContainer container, string image)
    {
        _container = container;
        Image = image;
        BootstrapServers = container.GetBootstrapAddress();
        _client = new KafkaTestClient(BootstrapServers);
    }

    /// <summary>Gets the <c>host:port</c> clients use as <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    /// <summary>Gets the image the container runs.</summary>
    public string Image { get; }

    /// <summary>Tells whether a broker with these settings can start here, without starting one.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    /// <returns>Whether it can start, and if not, why (no Docker engine, or the image is missing and may not be pulled).</returns>
    public static Task<KafkaContainerAvailability> CheckAvailabilityAsync(KafkaContainerBrokerOptions? options = null, CancellationToken cancellationToken = default) =>
        DockerProbe.CheckAsync(options ?? new KafkaContainerBrokerOptions(), cancellationToken);

    /// <summary>Starts a broker and waits until it serves.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops the start; the container is removed.</param>
    /// <returns>The running broker; dispose it to remove the container.</returns>
    /// <exception cref="InvalidOperationException">No Docker engine is reachable, or the image is missing and <see cref="KafkaContainerBrokerOptions.PullImage"/> is off.</exception>
    /// <exception cref="TimeoutException">The broker did not serve within <see cref="KafkaContainerBrokerOptions.StartTimeout"/>.</exception>
    public static async Task<KafkaContainerBroker> StartAsync(KafkaContainerBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KafkaContainerBrokerOptions();
        ArgumentException.ThrowIfNullOrEmpty(options.Image);
        var availability = await CheckAvailabilityAsync(options, cancellationToken).ConfigureAwait(false);
        if (!availability.IsAvailable)
        {
            throw new InvalidOperationException(availability.Reason);
        }

        var container = new KafkaBuilder(options.Image)
            .WithImagePullPolicy(options.PullImage ? PullPolicy.Missing : PullPolicy.Never)
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout);
        try
        {
            await container.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"The Kafka container ({options.Image}) did not serve within {options.StartTimeout.TotalSeconds:0} s.");
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new KafkaContainerBroker(container, options.Image);
    }

    /// <summary>Creates a topic through the admin API (replication factor 1: the broker is alone).</summary>
    /// <param name="topic">The topic's name.</param>
    /// <param name="partitions">How many partitions, at least 1.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the topic exists.</returns>
    /// <exception cref="Confluent.Kafka.Admin.CreateTopicsException">The broker refused (for example, the topic exists).</exception>
    public Task CreateTopicAsync(string topic, int partitions = 1, CancellationToken cancellationToken = default) =>
        _client.CreateTopicAsync(topic, partitions, replicationFactor: 1, cancellationToken);

    /// <summary>
    /// Pauses the container (<c>docker pause</c>): the broker stops answering, connections hang, clients see request
    /// timeouts and, past <c>session.timeout.ms</c>, lose their partitions when it is back.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the container is paused.</returns>
    public Task PauseAsync(CancellationToken cancellationToken = default) => _container.PauseAsync(cancellationToken);

    /// <summary>Resumes a paused container: the broker answers again with its state as it was.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the container runs again.</returns>
    public Task UnpauseAsync(CancellationToken cancellationToken = default) => _container.UnpauseAsync(cancellationToken);

    /// <summary>Stops and removes the container.</summary>
    /// <returns>A task that completes when the container is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _container.DisposeAsync().ConfigureAwait(false);
    }
}
