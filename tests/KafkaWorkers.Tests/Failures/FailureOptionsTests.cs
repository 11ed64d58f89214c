using KafkaWorkers.Failures;
using KafkaWorkers.Tests.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
