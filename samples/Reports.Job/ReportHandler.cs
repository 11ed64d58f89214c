using System.Globalization;
using KafkaWorkers;
using Microsoft.Extensions.Logging;

namespace Reports.Job;

/// <summary>Builds one report line per batch of report requests: how many requests each customer (key) made.</summary>
[KafkaWorker("reports", Topics = ["reports"], GroupId = "report-jobs")]
[KedaScaledJob(ScalingStrategy = KedaScalingStrategy.Accurate, PollingInterval = 10, MaxReplicaCount = 4, Partitions = 4,
    LagThreshold = 50, UntilDrained = true, IdleTimeoutSeconds = 5, MaxDurationSeconds = 600, StartTimeoutSeconds = 15,
    SuccessfulJobsHistoryLimit = 3, FailedJobsHistoryLimit = 3, BackoffLimit = 2, EnvironmentConfigMap = "kafka-env")]
public sealed class ReportHandler(ILogger<ReportHandler> logger) : IKafkaBatchHandler<string, string>
{
    /// <inheritdoc/>
    public ValueTask HandleAsync(IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken)
    {
        var perCustomer = messages.CountBy(m => m.Key ?? "(none)").OrderBy(p => p.Key, StringComparer.Ordinal);
        var line = string.Join(", ", perCustomer.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")));
        logger.LogInformation("Report over {Count} request(s): {Line}", messages.Count, line);
        return ValueTask.CompletedTask;
    }
}
