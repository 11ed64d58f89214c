namespace KafkaWorkers.Lag;

/// <summary>One scaling policy, copied from <see cref="HpaScalingPolicy"/>.</summary>
internal readonly record struct HpaResolvedPolicy(HpaScalingPolicyType Type, int Value, int PeriodSeconds);
