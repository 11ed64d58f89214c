namespace KafkaWorkers.Testing.Containers;

/// <summary>Whether a <see cref="KafkaContainerBroker"/> can start on this machine, and if not, why.</summary>
/// <param name="IsAvailable">Whether a Docker engine answers and the image is present or may be pulled.</param>
/// <param name="Reason">Why it cannot start, naming what is missing and how to provide it; empty when it can.</param>
public sealed record KafkaContainerAvailability(bool IsAvailable, string Reason);
