using System.Diagnostics.CodeAnalysis;
using KafkaWorkers;
using KafkaWorkers.Completion;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Kafka workers to an application.</summary>
public static class KafkaWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a Kafka worker that consumes with <typeparamref name="THandler"/>, named by the handler's
    /// <see cref="KafkaWorkerAttribute"/> (or, without one, by the class name).
    /// </summary>
    /// <typeparam name="THandler">An <see cref="IKafkaHandler{TKey,TValue}"/> or <see cref="IKafkaBatchHandler{TKey,TValue}"/>.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets options after the attribute and configuration have been applied.</param>
    /// <returns>A builder to choose deserializers.</returns>
    /// <inheritdoc cref="AddKafkaWorker{THandler}(IServiceCollection, string, Action{KafkaWorkerOptions}?)" path="/exception"/>
    public static KafkaWorkerBuilder AddKafkaWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] THandler>(
        this IServiceCollection services, Action<KafkaWorkerOptions>? configure = null)
        where THandler : class =>
        services.AddKafkaWorker<THandler>(HandlerContract.Of(typeof(THandler)).Declaration?.Name ?? typeof(THandler).Name, configure);

    /// <summary>Adds a named Kafka worker that consumes with <typeparamref name="THandler"/>.</summary>
    /// <typeparam name="THandler">An <see cref="IKafkaHandler{TKey,TValue}"/> or <see cref="IKafkaBatchHandler{TKey,TValue}"/>.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="name">The worker's name: the key of its options and configuration section <c>Kafka:Workers:&lt;name&gt;</c>.</param>
    /// <param name="configure">Sets options after the attribute and configuration have been applied.</param>
    /// <returns>A builder to choose deserializers.</returns>
    /// <remarks>
    /// <para>
    /// The worker is hosted by the Generic Host: it starts with the host and stops gracefully with it. Several workers
    /// (different handlers, or one handler under two names) run side by side. The handler is resolved from a
    /// dependency-injection scope per message (per batch for batch handlers); it is registered as scoped unless the
    /// application registered it already. A handler the application registered as a singleton is resolved without a
    /// scope: it cannot use scoped services, and a scope per message would only cost allocations.
    /// </para>
    /// <para>Options are validated when the host starts; a bad value fails start-up with a message naming the setting.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="name"/> is empty, or <typeparamref name="THandler"/> implements no handler interface (or several).
    /// </exception>
    /// <exception cref="InvalidOperationException">A worker with this name was added already.</exception>
    public static KafkaWorkerBuilder AddKafkaWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.Interfaces)] THandler>(
        this IServiceCollection services, string name, Action<KafkaWorkerOptions>? configure = null)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var contract = HandlerContract.Of(typeof(THandler));
        if (services.Any(d => d.ServiceType == typeof(KafkaWorkerRegistration) && d.ImplementationInstance is KafkaWorkerRegistration r && r.Name == name))
        {
            throw new InvalidOperationException($"A Kafka worker named '{name}' was added already; give each worker its own name.");
        }

        var registration = new KafkaWorkerRegistration(name, contract);
        services.AddSingleton(registration);
        services.TryAddScoped<THandler>();
        services.TryAddSingleton(new HandlerLifetimes(services));
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KafkaWorkersMetrics>();
        services.TryAddSingleton<KafkaWorkerStatusRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KafkaWorkersHostedService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaWorkerOptions>, KafkaWorkerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaWorkerOptions>, KafkaCompletionOptionsValidator>());

        var options = services.AddOptions<KafkaWorkerOptions>(name);
        services.AddSingleton<IConfigureOptions<KafkaWorkerOptions>>(sp => new KafkaWorkerOptionsSetup(registration, sp.GetService<IConfiguration>()));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        return new KafkaWorkerBuilder(services, registration);
    }
}
