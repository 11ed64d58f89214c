namespace KafkaWorkers.Soak;

/// <summary>One line of a share worker process's delivery file: a delivery started, or finished (<see cref="Done"/>).</summary>
public sealed record ShareDeliveryLine(bool Done, string Id, int Partition, long Offset, int DeliveryCount);
