using KafkaWorkers.Health;
using KafkaWorkers.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Kafka workers' liveness and readiness checks to the application's health checks.</summary>
public static class KafkaWorkerHealthChecksBuilderExtensions
{
    /// <summary>
    /// Registers, for every Kafka worker of the application (added before or after this call), a liveness check tagged
    /// <c>live</c> and a readiness check tagged <c>ready</c> (<see cref="KafkaWorkerHealthChecks"/>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>services.AddHealthChecks()</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    /// <remarks>
    /// <para>
    /// <b>Liveness</b>: unhealthy when the worker failed, or when its running poll loop has not polled within the
    /// consumer's <c>max.poll.interval.ms</c> (300 000 ms unless set in <c>Consumer</c>); the group has dropped such a
    /// consumer, and a restart is the cure. <b>Readiness</b>: healthy once the worker runs and has joined its consumer
    /// group, whether partitions were assigned to it or it is idle without any.
    /// </para>
    /// <para>
    /// Each report's data holds the worker's <c>state</c>, <c>joinedGroup</c>, <c>assignedPartitions</c> and
    /// <c>secondsSinceLastPoll</c>. Call it more than once and the checks are added once.
    /// </para>
    /// <para>
    /// Share workers (<c>AddKafkaShareWorker</c>, preview) get the same checks: live unless failed or no member polled
    /// within <c>max.poll.interval.ms</c>; ready once a share poll succeeded; <c>assignedPartitions</c> counts the
    /// partitions the worker acquired records from.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHealthChecksBuilder AddKafkaWorkerHealthChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<KafkaWorkerStatusRegistry>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HealthCheckServiceOptions>, KafkaWorkerHealthCheckSetup>());
        return builder;
    }
}
