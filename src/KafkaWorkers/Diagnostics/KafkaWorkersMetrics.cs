using System.Diagnostics.Metrics;

namespace KafkaWorkers.Diagnostics;

/// <summary>The instruments of the <c>KafkaWorkers</c> meter, created once per service provider.</summary>
internal sealed class KafkaWorkersMetrics
{
    public KafkaWorkersMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(KafkaWorkersTelemetry.MeterName);
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
    }

    public Counter<long> ConsumedMessages { get; }

    public Histogram<double> ProcessDuration { get; }

    public Counter<long> RebalanceEvents { get; }

    public UpDownCounter<long> AssignedPartitions { get; }

    public Counter<long> Commits { get; }

    public Counter<long> CommitFailures { get; }
}
