namespace KafkaWorkers.Generators.Model;

/// <summary>The <c>ScaledJob</c> fields written in the attribute; <see langword="null"/> means unset.</summary>
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
    string? EnvironmentConfigMap,
    EquatableArray<KeyValue> Environment);
