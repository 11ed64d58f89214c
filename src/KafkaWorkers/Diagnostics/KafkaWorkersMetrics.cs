using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using KafkaWorkers.Lag;

namespace KafkaWorkers.Diagnostics;

/// <summary>The instruments of the <c>KafkaWorkers</c> meter, created once per service provider.</summary>
internal sealed class KafkaWorkersMetrics
{
    private readonly Meter _meter;
    private readonly ConcurrentDictionary<WorkerTelemetry, byte> _workers = new();

    public KafkaWorkersMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KafkaWorkersTelemetry.MeterName);
        _meter = meter;
        ConsumedMessages = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.ConsumedMessages, "{message}", "Messages handed to handlers.");
        ProcessDuration = meter.CreateHistogram<double>(
            KafkaWorkersTelemetry.ProcessDuration, "s", "Time handlers take per message or batch.");
        RebalanceEvents = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.RebalanceEvents, "{event}", "Partitions assigned, revoked or lost in rebalances.");
        AssignedPartitions = meter.CreateUpDownCounter<long>(
            KafkaWorkersTelemetry.AssignedPartitions, "{partition}", "Partitions assigned to the worker.");
        Commits = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.Commits, "{commit}", "Offset commits that succeeded.");
        CommitFailures = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.CommitFailures, "{commit}", "Offset commits that failed.");
        Retries = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.Retries, "{attempt}", "Handler calls retried after a failure.");
        DeadLettered = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.DeadLettered, "{message}", "Messages sent to a dead-letter topic.");
        DeadLetterFailures = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.DeadLetterFailures, "{produce}", "Dead-letter produces that failed: retried, or refused for good, which stops the worker.");
        Skipped = meter.CreateCounter<long>(
            KafkaWorkersTelemetry.Skipped, "{message}", "Messages committed without being handled (Skip failure policy).");
        meter.CreateObservableGauge(
            KafkaWorkersTelemetry.UncommittedMessages, () => _workers.Keys.SelectMany(w => w.Uncommitted), "{message}",
            "Messages of a partition taken on (handled, in flight or buffered) since its last commit: what its next owner would redo if it were lost now.");
    }

    /// <summary>Adds a worker whose uncommitted counts the observable gauge reports.</summary>
    public void Track(WorkerTelemetry worker) => _workers.TryAdd(worker, 0);

    public Counter<long> ConsumedMessages { get; }

    public Histogram<double> ProcessDuration { get; }

    public Counter<long> RebalanceEvents { get; }

    public UpDownCounter<long> AssignedPartitions { get; }

    public Counter<long> Commits { get; }

    public Counter<long> CommitFailures { get; }

    public Counter<long> Retries { get; }

    public Counter<long> DeadLettered { get; }

    public Counter<long> DeadLetterFailures { get; }

    public Counter<long> Skipped { get; }

    /// <summary>Creates the lag monitor's observable instruments; called once, by the lag monitor.</summary>
    public void ObserveLag(KafkaLagMeasurements lag)
    {
        _meter.CreateObservableGauge(
            KafkaWorkersTelemetry.PartitionLag, lag.PartitionLag, "{message}", "Lag of each partition of a worker's topics, as KEDA counts it.");
        _meter.CreateObservableGauge(
            KafkaWorkersTelemetry.WorkerLag, lag.TotalLag, "{message}", "Total lag of a worker's consumer group over all partitions of its topics.");
        _meter.CreateObservableGauge(
            KafkaWorkersTelemetry.KedaMetricValue, lag.MetricValue, "{message}", "The metric value KEDA's kafka scaler reports to the HPA.");
        _meter.CreateObservableGauge(
            KafkaWorkersTelemetry.PredictedReplicas, lag.PredictedReplicas, "{replica}", "The replica count KEDA and the HPA settle at for the current lag.");
        _meter.CreateObservableGauge(
            KafkaWorkersTelemetry.LagSnapshotAge, lag.SnapshotAge, "s", "Time since the lag was last read; it grows while reads fail.");
    }
}
