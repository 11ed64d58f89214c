namespace KafkaWorkers.Lag;

/// <summary>One direction's rules with every default filled in, copied so later changes to the settings do not reach them.</summary>
internal sealed record HpaResolvedRules(int StabilizationWindowSeconds, HpaSelectPolicy SelectPolicy, IReadOnlyList<HpaResolvedPolicy> Policies)
{
    /// <summary>The longest policy period, after which a scale event no longer counts (<c>getLongestPolicyPeriod</c>).</summary>
    public int LongestPeriodSeconds => Policies.Count == 0 ? 0 : Policies.Max(p => p.PeriodSeconds);
}
