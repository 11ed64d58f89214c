using KafkaWorkers.Failures;

namespace KafkaWorkers.Tests.Failures;

public sealed class FailureOptionsTests
{
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
