namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>A handler that does nothing (or awaits the probe's delay) and tells the probe.</summary>
public sealed class ProbeHandler(Probe probe) : IKafkaHandler<byte[]?, byte[]?>
{
    public async ValueTask HandleAsync(KafkaMessage<byte[]?, byte[]?> message, CancellationToken cancellationToken)
    {
        if (probe.Delay > TimeSpan.Zero)
        {
            await Task.Delay(probe.Delay, cancellationToken);
        }

        probe.Record(message.Partition);
    }
}
