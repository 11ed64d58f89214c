namespace KafkaWorkers.Lag;

/// <summary>How the Horizontal Pod Autoscaler decides that a usage ratio is close enough to 1 to keep the replica count.</summary>
public enum HpaToleranceRule
{
    /// <summary>
    /// Kubernetes 1.33 and later: keep the current count when <c>1 - tolerance ≤ ratio ≤ 1 + tolerance</c>, both ends
    /// inclusive (with the default 0.1, a ratio of exactly 0.9 or 1.1 keeps the count). The default.
    /// </summary>
    Inclusive = 0,

    /// <summary>
    /// Kubernetes before 1.33: keep the current count when <c>|1 - ratio| ≤ tolerance</c> in floating point. With the
    /// default 0.1 a ratio of exactly 1.1 gives <c>|1 - 1.1| = 0.10000000000000009</c>, which is above the tolerance,
    /// so the HPA rescales; a ratio of exactly 0.9 gives 0.09999999999999998 and keeps the count.
    /// </summary>
    Legacy = 1,
}
