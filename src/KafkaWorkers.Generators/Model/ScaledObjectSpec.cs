namespace KafkaWorkers.Generators.Model;

/// <summary>The <c>ScaledObject</c> fields written in the attribute; <see langword="null"/> means unset.</summary>
internal sealed record ScaledObjectSpec(
    string? TargetKind,
    string? TargetName,
    int? PollingInterval,
    int? CooldownPeriod,
    int? InitialCooldownPeriod,
    int? IdleReplicaCount,
    int? MinReplicaCount,
    int? MaxReplicaCount,
    int? FallbackFailureThreshold,
    int? FallbackReplicas,
    HpaRulesSpec? ScaleDown,
    HpaRulesSpec? ScaleUp);
