using KafkaWorkers.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaWorkers.Tests.Hosting;

public sealed class HandlerLifetimesTests
{
    [Fact]
    public void A_handler_the_application_did_not_register_is_scoped_and_needs_a_scope()
    {
        var services = new ServiceCollection();
        services.AddKafkaWorker<PlainHandler>("orders");

        Assert.True(NeedsScope(services));
    }

    [Theory]
    [InlineData(ServiceLifetime.Scoped, true)]
    [InlineData(ServiceLifetime.Transient, true)]
    [InlineData(ServiceLifetime.Singleton, false)]
    public void The_applications_registration_decides_before_or_after_the_worker_is_added(ServiceLifetime lifetime, bool needsScope)
    {
        IServiceCollection before = new ServiceCollection();
        before.Add(ServiceDescriptor.Describe(typeof(PlainHandler), typeof(PlainHandler), lifetime));
        before.AddKafkaWorker<PlainHandler>("orders");
        IServiceCollection after = new ServiceCollection();
        after.AddKafkaWorker<PlainHandler>("orders");
        after.Add(ServiceDescriptor.Describe(typeof(PlainHandler), typeof(PlainHandler), lifetime));

        Assert.Equal(needsScope, NeedsScope(before));
        Assert.Equal(needsScope, NeedsScope(after));
    }

    [Fact]
    public void A_keyed_singleton_does_not_count_the_worker_resolves_the_handler_without_a_key()
    {
        var services = new ServiceCollection();
        services.AddKafkaWorker<PlainHandler>("orders");
        services.AddKeyedSingleton<PlainHandler>("other");

        Assert.True(NeedsScope(services));
    }

    /// <summary>What a worker of <see cref="PlainHandler"/> decides when it starts.</summary>
    private static bool NeedsScope(IServiceCollection services)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<HandlerLifetimes>().NeedsScope(typeof(PlainHandler));
    }
}
