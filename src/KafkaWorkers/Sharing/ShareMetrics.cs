using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace KafkaWorkers.Sharing;

/// <summary>The share-worker instruments of the <c>KafkaWorkers</c> meter, created once per service provider.</summary>
internal sealed class ShareMetrics
{
    private readonly ConcurrentDictionary<ShareTelemetry, byte> _workers = new();

    public ShareMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KafkaWorkersTelemetry.MeterName);
        Acquired = meter.CreateCounter<long>(KafkaShareTelemetry.Acquired, "{record}", "Records acquired from the share group.");
        InFlight = meter.CreateUpDownCounter<long>(KafkaShareTelemetry.InFlight, "{record}", "Records acquired and not acknowledged yet.");
        DeliveryCount = meter.CreateHistogram<long>(KafkaShareTelemetry.DeliveryCount, "{delivery}", "Delivery count of each acquired record.");
        Members = meter.CreateUpDownCounter<long>(KafkaShareTelemetry.Members, "{member}", "Share consumers the worker runs.");
        BusyMembers = meter.CreateUpDownCounter<long>(KafkaShareTelemetry.BusyMembers, "{member}", "Share consumers inside a handler call.");
        Acknowledged = meter.CreateCounter<long>(KafkaShareTelemetry.Acknowledged, "{record}", "Records acknowledged, by acknowledgement type.");
        AcknowledgementFailures = meter.CreateCounter<long>(
            KafkaShareTelemetry.AcknowledgementFailures, "{acknowledgement}", "Acknowledgements refused by the broker or librdkafka.");
        meter.CreateObservableGauge(
            KafkaShareTelemetry.BacklogEstimate, () => _workers.Keys.SelectMany(w => w.BacklogEstimates()), "{record}",
            "Estimated records of a partition not acquired yet: its end offset minus the highest offset this worker acquired.");
    }

    /// <summary>Adds a running worker whose backlog estimates the observable gauge reports.</summary>
    public void Track(ShareTelemetry worker) => _workers.TryAdd(worker, 0);

    /// <summary>Removes a worker that stopped.</summary>
    public void Untrack(ShareTelemetry worker) => _workers.TryRemove(worker, out _);

    public Counter<long> Acquired { get; }

    public UpDownCounter<long> InFlight { get; }

    public Histogram<long> DeliveryCount { get; }

    public UpDownCounter<long> Members { get; }

    public UpDownCounter<long> BusyMembers { get; }

    public Counter<long> Acknowledged { get; }

    public Counter<long> AcknowledgementFailures { get; }
}
