using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Tests.Hosting;

public sealed class KafkaWorkerOptionsTests
{
    [Fact]
    public void The_attribute_alone_is_enough_to_configure_a_worker()
    {
        var options = Resolve<DeclaredHandler>(new() { ["Kafka:BootstrapServers"] = "broker:9092" }, "orders");

        Assert.Equal(["orders"], options.Topics);
        Assert.Equal("orders-processor", options.GroupId);
        Assert.Equal("broker:9092", options.BootstrapServers);
        Assert.Equal(TimeSpan.FromSeconds(12), options.ShutdownTimeout);
    }

    [Fact]
    public void Configuration_overrides_the_attribute_and_the_delegate_overrides_configuration()
    {
        var options = Resolve<DeclaredHandler>(
            new()
            {
                ["Kafka:BootstrapServers"] = "shared:9092",
                ["Kafka:Consumer:session.timeout.ms"] = "10000",
                ["Kafka:Consumer:fetch.min.bytes"] = "1",
                ["Kafka:Workers:orders:Topics:0"] = "orders-v2",
                ["Kafka:Workers:orders:GroupId"] = "from-config",
                ["Kafka:Workers:orders:MaxConcurrency"] = "8",
                ["Kafka:Workers:orders:Ordering"] = "Key",
                ["Kafka:Workers:orders:CommitInterval"] = "00:00:02",
                ["Kafka:Workers:orders:Consumer:session.timeout.ms"] = "20000",
            },
            "orders",
            o => o.MaxConcurrency = 16);

        Assert.Equal(["orders-v2"], options.Topics);
        Assert.Equal("from-config", options.GroupId);
        Assert.Equal(16, options.MaxConcurrency);
        Assert.Equal(KafkaOrdering.Key, options.Ordering);
        Assert.Equal(TimeSpan.FromSeconds(2), options.CommitInterval);
        Assert.Equal("20000", options.Consumer["session.timeout.ms"]);
        Assert.Equal("1", options.Consumer["fetch.min.bytes"]);
    }

    [Fact]
    public void Run_to_completion_is_chosen_by_configuration_alone()
    {
        var options = Resolve<DeclaredHandler>(
            new()
            {
                ["Kafka:BootstrapServers"] = "b:9092",
                ["Kafka:Workers:orders:Completion:UntilDrained"] = "true",
                ["Kafka:Workers:orders:Completion:IdleTimeout"] = "00:00:05",
                ["Kafka:Workers:orders:Completion:MaxMessages"] = "500",
            },
            "orders");

        Assert.NotNull(options.Completion);
        Assert.True(options.Completion.IsEnabled);
        Assert.True(options.Completion.UntilDrained);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Completion.IdleTimeout);
        Assert.Equal(500, options.Completion.MaxMessages);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Completion.StartTimeout);
        Assert.Null(Resolve<DeclaredHandler>(new() { ["Kafka:BootstrapServers"] = "b:9092" }, "orders").Completion);
    }

    [Theory]
    [InlineData("MaxMessages", "0", "Kafka:Workers:orders:Completion:MaxMessages is 0; it must be between 1 and 10000000.")]
    [InlineData("IdleTimeout", "00:00:00", "Kafka:Workers:orders:Completion:IdleTimeout is 00:00:00; it must be between 00:00:00.0100000 and 01:00:00.")]
    [InlineData("StartTimeout", "02:00:00", "Kafka:Workers:orders:Completion:StartTimeout is 02:00:00; it must be between 00:00:00.0100000 and 01:00:00.")]
    public async Task A_bad_completion_setting_fails_start_up(string setting, string value, string expected)
    {
        using var host = BuildHost<DeclaredHandler>(new()
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            [$"Kafka:Workers:orders:Completion:{setting}"] = value,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_factories_describe_the_modes()
    {
        Assert.Equal(1, KafkaCompletion.SingleMessage().MaxMessages);
        Assert.Equal(50, KafkaCompletion.Batch(50).MaxMessages);
        Assert.Throws<ArgumentOutOfRangeException>(() => KafkaCompletion.Batch(0));
        Assert.True(KafkaCompletion.UntilDrained(TimeSpan.FromSeconds(5)).UntilDrained);
        Assert.Equal(TimeSpan.FromMinutes(1), KafkaCompletion.For(TimeSpan.FromMinutes(1)).MaxDuration);
        Assert.False(new KafkaCompletionOptions().IsEnabled);
    }

    [Fact]
    public void The_failure_policy_is_bound_from_the_workers_failure_section()
    {
        var failure = Resolve<DeclaredHandler>(
            new()
            {
                ["Kafka:BootstrapServers"] = "broker:9092",
                ["Kafka:Workers:orders:Failure:MaxAttempts"] = "5",
                ["Kafka:Workers:orders:Failure:InitialDelay"] = "00:00:01",
                ["Kafka:Workers:orders:Failure:MaxDelay"] = "00:01:00",
                ["Kafka:Workers:orders:Failure:FinalAction"] = "Skip",
                ["Kafka:Workers:orders:Failure:DeadLetterTopic"] = "orders-dead",
                ["Kafka:Workers:orders:Failure:Producer:linger.ms"] = "20",
            },
            "orders").Failure;

        Assert.Equal(5, failure.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), failure.InitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), failure.MaxDelay);
        Assert.Equal(KafkaWorkers.Failures.KafkaFailureAction.Skip, failure.FinalAction);
        Assert.Equal("orders-dead", failure.DeadLetterTopic);
        Assert.Equal("20", failure.Producer["linger.ms"]);
    }

    [Fact]
    public void Topics_may_be_one_comma_separated_value()
    {
        var options = Resolve<PlainHandler>(
            new() { ["Kafka:BootstrapServers"] = "b:9092", ["Kafka:Workers:PlainHandler:GroupId"] = "g", ["Kafka:Workers:PlainHandler:Topics"] = "a, b,c" },
            "PlainHandler");

        Assert.Equal(["a", "b", "c"], options.Topics);
    }

    [Theory]
    [InlineData("MaxConcurrency", "0", "Kafka:Workers:orders:MaxConcurrency is 0; it must be between 1 and 10000.")]
    [InlineData("MaxBufferedMessagesPerPartition", "0", "Kafka:Workers:orders:MaxBufferedMessagesPerPartition is 0; it must be between 1 and 1000000.")]
    [InlineData("MaxUncommittedMessagesPerPartition", "0", "Kafka:Workers:orders:MaxUncommittedMessagesPerPartition is 0; it must be between 1 and 10000000.")]
    [InlineData("MaxUncommittedMessagesPerPartition", "10000001", "Kafka:Workers:orders:MaxUncommittedMessagesPerPartition is 10000001; it must be between 1 and 10000000.")]
    [InlineData("ShutdownTimeout", "-00:00:01", "Kafka:Workers:orders:ShutdownTimeout is -00:00:01; it must be between 00:00:00 and 00:10:00.")]
    [InlineData("CommitInterval", "00:00:00", "Kafka:Workers:orders:CommitInterval is 00:00:00; it must be between 00:00:00.0100000 and 00:10:00.")]
    [InlineData("GroupId", "", "Kafka:Workers:orders:GroupId is empty; set it")]
    [InlineData("Consumer:enable.auto.commit", "false", "Kafka:Workers:orders:Consumer:enable.auto.commit is 'false'; the worker owns this librdkafka setting")]
    [InlineData("Consumer:max.poll.interval.ms", "5000", "Kafka:Workers:orders:RevokeTimeout is 00:00:10; it must be shorter than max.poll.interval.ms (5000 ms)")]
    [InlineData("Failure:MaxAttempts", "-1", "Kafka:Workers:orders:Failure:MaxAttempts is -1; it must be between 1 and 100 (1 means no retry).")]
    [InlineData("Failure:MaxAttempts", "0", "Kafka:Workers:orders:Failure:MaxAttempts is 0; it must be between 1 and 100")]
    [InlineData("Failure:InitialDelay", "-00:00:01", "Kafka:Workers:orders:Failure:InitialDelay is -00:00:01; it must be between 00:00:00 and 00:05:00.")]
    [InlineData("Failure:MaxDelay", "00:00:00.1", "Kafka:Workers:orders:Failure:MaxDelay is 00:00:00.1000000; it must be between InitialDelay (00:00:00.2000000) and 00:15:00.")]
    [InlineData("Failure:MaxDelay", "01:00:00", "Kafka:Workers:orders:Failure:MaxDelay is 01:00:00; it must be between InitialDelay")]
    [InlineData("Failure:DeadLetterTopic", "orders", "Kafka:Workers:orders:Failure:DeadLetterTopic is 'orders'; it is one of the worker's Topics")]
    [InlineData("Failure:DeadLetterTopic", "orders dlq", "Kafka:Workers:orders:Failure:DeadLetterTopic is 'orders dlq'; a Kafka topic name has at most 249 characters")]
    [InlineData("Topics", "orders,orders.dlq", "Kafka:Workers:orders:Failure:DeadLetterTopic is not set; the default dead-letter topic of 'orders' is 'orders.dlq', which is one of the worker's Topics.")]
    [InlineData("Failure:Producer:acks", "1", "Kafka:Workers:orders:Failure:Producer:acks is '1'; the worker owns this setting of the dead-letter producer")]
    [InlineData("Failure:Producer:enable.idempotence", "false", "Kafka:Workers:orders:Failure:Producer:enable.idempotence is 'false'")]
    public async Task A_bad_setting_fails_start_up_naming_the_setting_its_value_and_what_is_allowed(string setting, string value, string expected)
    {
        using var host = BuildHost<DeclaredHandler>(new()
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            [$"Kafka:Workers:orders:{setting}"] = value,
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_bootstrap_servers_and_topics_are_named()
    {
        using var host = BuildHost<PlainHandler>([]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.EndsWith("Kafka:Workers:PlainHandler:BootstrapServers is not set; set it, or the shared Kafka:BootstrapServers.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Kafka worker 'PlainHandler': Kafka:Workers:PlainHandler:Topics is empty", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("GroupId is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_consumer_protocol_refuses_a_client_side_assignor()
    {
        using var host = BuildHost<DeclaredHandler>(new()
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:Workers:orders:GroupProtocol"] = "Consumer",
            ["Kafka:Workers:orders:Consumer:partition.assignment.strategy"] = "range",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Consumer:partition.assignment.strategy is 'range'; the Consumer group protocol (KIP-848) assigns partitions on the broker", error.Message, StringComparison.Ordinal);
    }

    private static KafkaWorkerOptions Resolve<THandler>(Dictionary<string, string?> settings, string name, Action<KafkaWorkerOptions>? configure = null)
        where THandler : class
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddKafkaWorker<THandler>(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<KafkaWorkerOptions>>().Get(name);
    }

    private static IHost BuildHost<THandler>(Dictionary<string, string?> settings)
        where THandler : class
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddKafkaWorker<THandler>();
        return builder.Build();
    }
}
