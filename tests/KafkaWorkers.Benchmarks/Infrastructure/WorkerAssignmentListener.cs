using System.Diagnostics.Metrics;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>
/// Starts a <see cref="RunMeter"/> when a KafkaWorkers worker of one group is assigned partitions: it listens to the
/// <see cref="KafkaWorkersTelemetry.AssignedPartitions"/> instrument, which the worker records on its poll thread inside
/// the assignment callback, where the raw and native loops start their meters too.
/// </summary>
public sealed class WorkerAssignmentListener : IDisposable
{
    private readonly MeterListener _listener = new();

    public WorkerAssignmentListener(string groupId, RunMeter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaWorkersTelemetry.MeterName && instrument.Name == KafkaWorkersTelemetry.AssignedPartitions)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (value <= 0)
            {
                return;
            }

            foreach (var tag in tags)
            {
                if (tag.Key == "messaging.consumer.group.name" && groupId.Equals(tag.Value as string, StringComparison.Ordinal))
                {
                    meter.Start();
                }
            }
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
