using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Collects the measurements of one KafkaWorkers instrument, with their tags, through a <see cref="MeterListener"/>.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();

    public MetricRecorder(string instrument)
    {
        _listener.InstrumentPublished = (i, listener) =>
        {
            if (i.Meter.Name == KafkaWorkersTelemetry.MeterName && i.Name == instrument)
            {
                listener.EnableMeasurementEvents(i);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    /// <summary>Reads the observable instruments (gauges) once, adding their current values to <see cref="Measurements"/>.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public double Sum(string tag, object? value) =>
        Measurements.Where(m => Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    public void Dispose() => _listener.Dispose();

    private void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        Measurements.Enqueue((value, copy));
    }
}
