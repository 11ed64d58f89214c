namespace KafkaWorkers.Generators.Model;

/// <summary>
/// The <c>ScaledJob</c> fields written in the attribute; <see langword="null"/> means unset. <paramref name="Environment"/>
/// holds the run-to-completion variables, written after the pod's (<see cref="PodSpec"/>).
/// </summary>
internal sealed record ScaledJobSpec(
    int? Parallelism,
    int? Completions,
    int? ActiveDeadlineSeconds,
    int? BackoffLimit,
    int? PollingInterval,
    int? SuccessfulJobsHistoryLimit,
    int? FailedJobsHistoryLimit,
    int? MinReplicaCount,
    int? MaxReplicaCount,
    string? ScalingStrategy,
    int? CustomScalingQueueLengthDeduction,
    string? CustomScalingRunningJobPercentage,
    EquatableArray<KeyValue> Environment);
