using System.Diagnostics.CodeAnalysis;
using KafkaWorkers;
using KafkaWorkers.Completion;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Hosting;
using KafkaWorkers.Sharing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds share-group workers (KIP-932, Queues for Kafka) to an application. <b>Preview.</b></summary>
public static class KafkaShareWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a share-group worker (<b>preview</b>) that consumes with <typeparamref name="THandler"/>, named by the
    /// handler's <see cref="KafkaWorkerAttribute"/> (or, without one, by the class name).
    /// </summary>
    /// <typeparam name="THandler">An <see cref="IKafkaHandler{TKey,TValue}"/> or <see cref="IKafkaBatchHandler{TKey,TValue}"/>.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options after the attribute and configuration have been applied.</param>
    /// <returns>A builder to choose deserializers.</returns>
    /// <inheritdoc cref="AddKafkaShareWorker{THandler}(IServiceCollection, string, Action{KafkaWorkerOptions}?)" path="/exception"/>
    /// <inheritdoc cref="AddKafkaShareWorker{THandler}(IServiceCollection, string, Action{KafkaWorkerOptions}?)" path="/remarks"/>
    public static KafkaWorkerBuilder AddKafkaShareWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] THandler>(
        this IServiceCollection services, Action<KafkaWorkerOptions>? configure = null)
        where THandler : class =>
        services.AddKafkaShareWorker<THandler>(HandlerContract.Of(typeof(THandler)).Declaration?.Name ?? typeof(THandler).Name, configure);

    /// <summary>Adds a named share-group worker (<b>preview</b>) that consumes with <typeparamref name="THandler"/>.</summary>
    /// <typeparam name="THandler">An <see cref="IKafkaHandler{TKey,TValue}"/> or <see cref="IKafkaBatchHandler{TKey,TValue}"/>.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The worker's name: the key of its options and configuration section <c>Kafka:Workers:&lt;name&gt;</c>.</param>
    /// <param name="configure">Sets options after the attribute and configuration have been applied.</param>
    /// <returns>A builder to choose deserializers.</returns>
    /// <remarks>
    /// <para>
    /// <b>Preview.</b> A share worker joins the share group <see cref="KafkaWorkerOptions.GroupId"/> through librdkafka's
    /// preview share consumer (librdkafka 2.16.0 exactly; its API may change) and needs a broker with share groups
    /// (Apache Kafka 4.2 or later). Unlike a consumer group, every member may read every partition, so replicas scale
    /// past the partition count; the broker locks each record it hands out and redelivers it, with a higher delivery
    /// count (<see cref="KafkaMessage{TKey,TValue}.DeliveryCount"/>), when it is released or its lock expires.
    /// </para>
    /// <para>
    /// Delivery is at-least-once and <b>unordered</b>: <see cref="KafkaWorkerOptions.Ordering"/> defaults to
    /// <see cref="KafkaOrdering.None"/> and any other value fails the start. <see cref="KafkaWorkerOptions.MaxConcurrency"/>
    /// share consumers run, each on its own thread, handling one record (or one partition's batch) at a time.
    /// Acknowledgements follow the failure policy: success accepts the record; a failure releases it for redelivery
    /// until its delivery count reaches <see cref="KafkaWorkers.Failures.KafkaFailureOptions.MaxAttempts"/> (no in-process retries;
    /// <c>InitialDelay</c> and <c>MaxDelay</c> do not apply); then it is dead-lettered and accepted, rejected under
    /// <see cref="KafkaWorkers.Failures.KafkaFailureAction.Skip"/>, or released and the worker stopped under
    /// <see cref="KafkaWorkers.Failures.KafkaFailureAction.Stop"/>. A graceful stop releases acquired records no handler started.
    /// </para>
    /// <para>
    /// Run-to-completion (<see cref="KafkaWorkerOptions.Completion"/>): a message budget
    /// (<see cref="KafkaCompletionOptions.MaxMessages"/>, shared by the worker's share consumers), an idle timeout, a maximum
    /// duration and the start timeout end a run as for a consumer-group worker, with the same exit codes; records acquired
    /// beyond the budget are released unstarted, so another member gets them at once.
    /// <see cref="KafkaCompletionOptions.UntilDrained"/> fails the start: a share group has no partition to drain.
    /// </para>
    /// <para>
    /// <c>AddKafkaWorkerHealthChecks</c> covers share workers too. Not available yet for share workers: static membership and
    /// KEDA manifest generation.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty, or <typeparamref name="THandler"/> implements no handler interface (or several).
    /// </exception>
    /// <exception cref="InvalidOperationException">A worker (share or consumer group) with this name was added already.</exception>
    public static KafkaWorkerBuilder AddKafkaShareWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] THandler>(
        this IServiceCollection services, string name, Action<KafkaWorkerOptions>? configure = null)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var contract = HandlerContract.Of(typeof(THandler));
        if (services.Any(d => d.ImplementationInstance is KafkaWorkerRegistration r && r.Name == name
            || d.ImplementationInstance is KafkaShareWorkerRegistration s && s.Name == name))
        {
            throw new InvalidOperationException($"A Kafka worker named '{name}' was added already; give each worker its own name.");
        }

        var worker = new KafkaWorkerRegistration(name, contract);
        services.AddSingleton(new KafkaShareWorkerRegistration(worker));
        services.TryAddScoped<THandler>();
        services.TryAddSingleton(new HandlerLifetimes(services));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KafkaWorkersMetrics>();
        services.TryAddSingleton<ShareMetrics>();
        services.TryAddSingleton<KafkaWorkerStatusRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KafkaShareWorkersHostedService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaWorkerOptions>, KafkaShareWorkerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaWorkerOptions>, KafkaCompletionOptionsValidator>());

        var options = services.AddOptions<KafkaWorkerOptions>(name);
        // The share default comes first, so configuration and configure may override it (and validation then refuses).
        options.Configure(o => o.Ordering = KafkaOrdering.None);
        services.AddSingleton<IConfigureOptions<KafkaWorkerOptions>>(sp => new KafkaWorkerOptionsSetup(worker, sp.GetService<IConfiguration>()));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return new KafkaWorkerBuilder(services, worker);
    }
}
