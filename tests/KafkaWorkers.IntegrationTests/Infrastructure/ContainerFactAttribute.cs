using KafkaWorkers.Testing.Containers;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// A test that starts its own Apache Kafka container. It is skipped, with the reason in the test output, where no
/// Docker engine answers or the image is not present locally: the tests never pull an image.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerFactAttribute : FactAttribute
{
    private static readonly Lazy<KafkaContainerAvailability> Availability = new(() =>
        KafkaContainerBroker.CheckAvailabilityAsync(ContainerBroker.Options).GetAwaiter().GetResult());

    public ContainerFactAttribute()
    {
        if (!Availability.Value.IsAvailable)
        {
            Skip = $"Needs a Kafka container: {Availability.Value.Reason}";
        }
    }
}
