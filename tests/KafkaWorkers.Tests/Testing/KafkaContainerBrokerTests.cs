using KafkaWorkers.Testing.Containers;

namespace KafkaWorkers.Tests.Testing;

public sealed class KafkaContainerBrokerTests
{
    [Fact]
    public async Task An_image_that_is_not_present_and_may_not_be_pulled_is_reported_with_what_is_missing()
    {
        var options = new KafkaContainerBrokerOptions { Image = "kafkaworkers/no-such-image:0", PullImage = false };

        var availability = await KafkaContainerBroker.CheckAvailabilityAsync(options);

        Assert.False(availability.IsAvailable);
        // Without an engine the reason names Docker and the variables older engines need; with one, the missing image.
        Assert.True(
            availability.Reason.Contains("DOCKER_API_VERSION", StringComparison.Ordinal)
            || availability.Reason.Contains("kafkaworkers/no-such-image:0", StringComparison.Ordinal),
            availability.Reason);
    }

    [Fact]
    public async Task Start_fails_with_the_reason_instead_of_pulling_when_it_cannot_run()
    {
        var options = new KafkaContainerBrokerOptions { Image = "kafkaworkers/no-such-image:0", PullImage = false };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KafkaContainerBroker.StartAsync(options));

        Assert.Equal((await KafkaContainerBroker.CheckAvailabilityAsync(options)).Reason, error.Message);
    }

    [Fact]
    public void The_default_image_is_an_apache_kafka_4_image_unless_the_environment_names_one()
    {
        var expected = Environment.GetEnvironmentVariable(KafkaContainerBrokerOptions.ImageVariable) is { Length: > 0 } image
            ? image
            : KafkaContainerBrokerOptions.DefaultImage;

        Assert.Equal(expected, new KafkaContainerBrokerOptions().Image);
        Assert.StartsWith("apache/kafka:4.", KafkaContainerBrokerOptions.DefaultImage, StringComparison.Ordinal);
    }
}
