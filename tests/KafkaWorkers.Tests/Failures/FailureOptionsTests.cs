using KafkaWorkers.Failures;
using KafkaWorkers.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KafkaWorkers.Tests.Failures;

public sealed class FailureOptionsTests
{
    [Fact]
    public void The_failure_policy_is_bound_from_the_workers_failure_section()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "broker:9092",
            ["Kafka:Workers:orders:Failure:MaxAttempts"] = "5",
            ["Kafka:Workers:orders:Failure:InitialDelay"] = "00:00:01",
            ["Kafka:Workers:orders:Failure:MaxDelay"] = "00:01:00",
            ["Kafka:Workers:orders:Failure:FinalAction"] = "Skip",
            ["Kafka:Workers:orders:Failure:DeadLetterTopic"] = "orders-dead",
            ["Kafka:Workers:orders:Failure:Producer:linger.ms"] = "20",
        }).Build());
        services.AddKafkaWorker<DeclaredHandler>();
        using var provider = services.BuildServiceProvider();

        var failure = provider.GetRequiredService<IOptionsMonitor<KafkaWorkerOptions>>().Get("orders").Failure;

        Assert.Equal(5, failure.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), failure.InitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(1), failure.MaxDelay);
        Assert.Equal(KafkaFailureAction.Skip, failure.FinalAction);
        Assert.Equal("orders-dead", failure.DeadLetterTopic);
        Assert.Equal("20", failure.Producer["linger.ms"]);
    }

    [Fact]
    public void The_default_policy_retries_three_times_then_dead_letters_to_the_topic_dlq()
    {
        var failure = new KafkaWorkerOptions().Failure;

        Assert.Equal(3, failure.MaxAttempts);
        Assert.Equal(KafkaFailureAction.DeadLetter, failure.FinalAction);
        Assert.Equal("orders.dlq", DeadLetterRecord.TopicFor(failure.DeadLetterTopic, "orders"));
        Assert.Equal("shared-dlq", DeadLetterRecord.TopicFor("shared-dlq", "orders"));
    }

    [Theory]
    [InlineData("Failure:MaxAttempts", "-1", "Kafka:Workers:orders:Failure:MaxAttempts is -1; it must be between 1 and 100 (1 means no retry).")]
    [InlineData("Failure:MaxAttempts", "0", "Kafka:Workers:orders:Failure:MaxAttempts is 0; it must be between 1 and 100")]
    [InlineData("Failure:InitialDelay", "-00:00:01", "Kafka:Workers:orders:Failure:InitialDelay is -00:00:01; it must be between 00:00:00 and 00:05:00.")]
    [InlineData("Failure:MaxDelay", "00:00:00.1", "Kafka:Workers:orders:Failure:MaxDelay is 00:00:00.1000000; it must be between InitialDelay (00:00:00.2000000) and 00:15:00.")]
    [InlineData("Failure:MaxDelay", "01:00:00", "Kafka:Workers:orders:Failure:MaxDelay is 01:00:00; it must be between InitialDelay")]
    [InlineData("Failure:DeadLetterTopic", "orders", "Kafka:Workers:orders:Failure:DeadLetterTopic is 'orders'; it is one of the worker's Topics")]
    [InlineData("Failure:DeadLetterTopic", "orders dlq", "Kafka:Workers:orders:Failure:DeadLetterTopic is 'orders dlq'; a Kafka topic name has at most 249 characters")]
    [InlineData("Topics:1", "orders.dlq", "Kafka:Workers:orders:Failure:DeadLetterTopic is not set; the default dead-letter topic of 'orders' is 'orders.dlq', which is one of the worker's Topics.")]
    [InlineData("Failure:Producer:acks", "1", "Kafka:Workers:orders:Failure:Producer:acks is '1'; the worker owns this setting of the dead-letter producer")]
    [InlineData("Failure:Producer:enable.idempotence", "false", "Kafka:Workers:orders:Failure:Producer:enable.idempotence is 'false'")]
    public async Task A_bad_failure_setting_fails_start_up_naming_the_setting(string setting, string value, string expected)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "127.0.0.1:1",
            ["Kafka:Workers:orders:Topics:0"] = "orders",
            [$"Kafka:Workers:orders:{setting}"] = value,
        });
        builder.Services.AddKafkaWorker<DeclaredHandler>();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dead_letter_producer_inherits_the_workers_security_settings_and_is_idempotent_with_acks_all()
    {
        var options = new KafkaWorkerOptions { BootstrapServers = "broker:9092" };
        options.Consumer["security.protocol"] = "sasl_ssl";
        options.Consumer["sasl.mechanism"] = "PLAIN";
        options.Consumer["session.timeout.ms"] = "10000";
        options.Failure.Producer["linger.ms"] = "20";

        var config = DeadLetterProducerConfig.Create(options, "orders-pod-1");

        Assert.Equal("broker:9092", config.BootstrapServers);
        Assert.Equal(Confluent.Kafka.SecurityProtocol.SaslSsl, config.SecurityProtocol);
        Assert.Equal("PLAIN", config.Get("sasl.mechanism"));
        Assert.Null(config.Get("session.timeout.ms"));
        Assert.Equal(20, config.LingerMs);
        Assert.True(config.EnableIdempotence);
        Assert.Equal(Confluent.Kafka.Acks.All, config.Acks);
        Assert.Equal("orders-pod-1-dlq", config.ClientId);
    }
}
