using KafkaWorkers.Diagnostics;
using KafkaWorkers.Lag;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the lag monitor to an application with Kafka workers.</summary>
public static class KafkaLagMonitorServiceCollectionExtensions
{
    /// <summary>
    /// Monitors the lag of every Kafka worker of the application (added before or after this call) as KEDA's
    /// <c>kafka</c> scaler computes it, and publishes it through <see cref="IKafkaLagMonitor"/> and the
    /// <c>KafkaWorkers</c> meter.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <returns>The services, for chaining.</returns>
    /// <remarks>
    /// <para>
    /// Every <see cref="KafkaLagOptions.PollInterval"/> (10 seconds by default), a background task per worker reads the
    /// group's committed offsets and the log-end offsets of all partitions of the worker's topics, with a client of its
    /// own that never joins the group, and evaluates <see cref="KedaKafkaScalerModel"/> with the worker's
    /// <see cref="KafkaLagOptions"/> (bound from <c>Kafka:Workers:&lt;name&gt;:Lag</c>, validated when the host starts).
    /// A failed read keeps the previous snapshot, marked stale, and never affects the worker.
    /// </para>
    /// <para>
    /// The monitor is opt-in: it costs a connection per worker and pod and, every interval, one OffsetFetch and one
    /// ListOffsets request per broker for all partitions — the reads KEDA already makes, repeated by every pod.
    /// Call it more than once and it is added once.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IServiceCollection AddKafkaLagMonitor(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KafkaWorkersMetrics>();
        services.TryAddSingleton<KafkaLagMonitor>();
        services.TryAddSingleton<IKafkaLagMonitor>(sp => sp.GetRequiredService<KafkaLagMonitor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KafkaLagMonitor>(sp => sp.GetRequiredService<KafkaLagMonitor>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KafkaLagOptions>, KafkaLagOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaLagOptions>, KafkaLagOptionsValidator>());
        return services;
    }

    /// <summary>
    /// Monitors the lag of every Kafka worker (see <see cref="AddKafkaLagMonitor(IServiceCollection)"/>) and sets one
    /// worker's lag options after the configuration has been applied.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="worker">The worker's name, as given to <c>AddKafkaWorker</c>.</param>
    /// <param name="configure">Sets the worker's lag options, for example its KEDA trigger settings.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="worker"/> is empty.</exception>
    public static IServiceCollection AddKafkaLagMonitor(this IServiceCollection services, string worker, Action<KafkaLagOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worker);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddKafkaLagMonitor().Configure(worker, configure);
        return services;
    }
}
