using KafkaWorkers.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Tests.Sharing;

public sealed class ShareWorkerOptionsTests
{
    [Fact]
    public void A_share_worker_is_unordered_by_default_and_reads_its_section_like_any_worker()
    {
        var options = Resolve(new() { ["Kafka:Workers:orders:MaxConcurrency"] = "4" });

        Assert.Equal(KafkaOrdering.None, options.Ordering);
        Assert.Equal(4, options.MaxConcurrency);
        Assert.Equal(["orders"], options.Topics);
        Assert.Equal("orders-processor", options.GroupId);
    }

    [Theory]
    [InlineData("Ordering", "Partition", "Kafka share worker 'orders': Kafka:Workers:orders:Ordering is Partition; a share group hands the records of one partition to several consumers at once")]
    [InlineData("Ordering", "Key", "Kafka:Workers:orders:Ordering is Key;")]
    [InlineData("MaxConcurrency", "65", "Kafka:Workers:orders:MaxConcurrency is 65; a share worker runs one share consumer")]
    [InlineData("GroupProtocol", "Consumer", "Kafka:Workers:orders:GroupProtocol is Consumer; a share worker always uses the share group protocol")]
    [InlineData("GroupInstanceId", "pod-1", "Kafka:Workers:orders:GroupInstanceId is 'pod-1'; share groups have no static membership")]
    [InlineData("Completion:UntilDrained", "true", "Kafka:Workers:orders:Completion:UntilDrained is True; a share group has no partition a member owns and could drain")]
    [InlineData("Completion:MaxMessages", "0", "Kafka:Workers:orders:Completion:MaxMessages is 0; it must be between 1 and 10000000")]
    [InlineData("Consumer:auto.offset.reset", "earliest", "Kafka:Workers:orders:Consumer:auto.offset.reset is 'earliest'; the share worker owns this setting or share consumers do not support it")]
    [InlineData("Consumer:share.acknowledgement.mode", "implicit", "Kafka:Workers:orders:Consumer:share.acknowledgement.mode is 'implicit';")]
    [InlineData("Consumer:enable.auto.commit", "true", "Kafka:Workers:orders:Consumer:enable.auto.commit is 'true'; the worker owns this librdkafka setting")]
    public void A_setting_share_semantics_cannot_honour_fails_with_a_message_naming_it(string setting, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new() { [$"Kafka:Workers:orders:{setting}"] = value }));

        Assert.Contains(error.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_share_setting_fails_the_host_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });
        builder.Services.AddKafkaShareWorker<DeclaredHandler>(o => o.Ordering = KafkaOrdering.Partition);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Ordering is Partition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_librdkafka_setting_it_refuses_fails_the_host_start_naming_the_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Kafka:BootstrapServers"] = "127.0.0.1:1" });
        builder.Services.AddKafkaShareWorker<DeclaredHandler>(o => o.Consumer["no.such.setting"] = "1");
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());
        Assert.Contains("'no.such.setting'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_share_worker_and_a_consumer_group_worker_cannot_share_a_name()
    {
        var services = new ServiceCollection();
        services.AddKafkaWorker<DeclaredHandler>();

        Assert.Throws<InvalidOperationException>(() => services.AddKafkaShareWorker<DeclaredHandler>());
    }

    [Fact]
    public void A_share_worker_is_not_started_by_the_consumer_group_hosted_service()
    {
        var services = new ServiceCollection();
        services.AddKafkaShareWorker<DeclaredHandler>();

        Assert.DoesNotContain(services, d => d.ImplementationInstance is KafkaWorkers.Hosting.KafkaWorkerRegistration);
        Assert.Contains(services, d => d.ImplementationType == typeof(KafkaWorkers.Sharing.KafkaShareWorkersHostedService));
    }

    private static KafkaWorkerOptions Resolve(Dictionary<string, string?> settings)
    {
        settings["Kafka:BootstrapServers"] = "broker:9092";
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddKafkaShareWorker<DeclaredHandler>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<KafkaWorkerOptions>>().Get("orders");
    }
}
