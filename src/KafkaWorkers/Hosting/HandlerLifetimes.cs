using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Hosting;

/// <summary>
/// Tells, from the lifetime the application registered a handler with, whether its calls need a DI scope each. It reads
/// the service collection the provider was built from when a worker starts, once every registration is made; the last
/// registration of a type wins, as when resolving it.
/// </summary>
internal sealed class HandlerLifetimes(IServiceCollection services)
{
    /// <summary>
    /// Gets whether each call of the handler needs a new scope: yes for a scoped or transient handler (its scoped and
    /// transient services are resolved in it and disposed with it), no for a singleton, which cannot use scoped services
    /// and to which a scope would only cost allocations.
    /// </summary>
    public bool NeedsScope(Type handlerType) =>
        services.LastOrDefault(d => d.ServiceType == handlerType && !d.IsKeyedService)?.Lifetime != ServiceLifetime.Singleton;
}
