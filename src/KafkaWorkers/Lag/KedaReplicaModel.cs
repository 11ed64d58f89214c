namespace KafkaWorkers.Lag;

/// <summary>
/// Predicts the replica count of a KEDA <c>ScaledObject</c> from the <c>kafka</c> trigger's metric: the HPA's
/// replica calculation for an external metric with an <c>AverageValue</c> target, and KEDA's own moves between zero
/// and the minimum.
/// </summary>
/// <remarks>
/// <para>
/// The prediction is the HPA's recommendation for one sync. Not modelled: the HPA's stabilization window (by default a
/// scale-down takes the highest recommendation of the last 5 minutes), its rate limits (by default at most
/// <c>max(2 × current, 4)</c> replicas per scale-up without <c>behavior</c>), <c>behavior</c> policies, pause
/// annotations, fallback replicas and other triggers of the same ScaledObject.
/// </para>
/// <para>All methods are pure: the same arguments give the same answer, and nothing is remembered.</para>
/// </remarks>
public static class KedaReplicaModel
{
    /// <summary>
    /// Computes the replica count the HPA asks for, given the current count: the HPA alone, without KEDA's activation.
    /// </summary>
    /// <param name="metricValue">The metric KEDA reports, usually <see cref="KedaKafkaScalerResult.MetricValue"/>.</param>
    /// <param name="lagThreshold">The target average value, the trigger's <c>lagThreshold</c>.</param>
    /// <param name="currentReplicas">The target's current replica count.</param>
    /// <param name="settings">The ScaledObject's replica settings and the HPA's tolerance.</param>
    /// <returns>
    /// 0 when <paramref name="currentReplicas"/> is 0 (the HPA does not act on a target at zero); otherwise, in order:
    /// <c>maxReplicaCount</c> when the current count is above it; <c>max(minReplicaCount, 1)</c> when the current
    /// count is below it; the current count when the usage ratio <c>metric / (lagThreshold × current)</c> is within the
    /// tolerance (see <see cref="HpaToleranceRule"/>); else <c>ceil(metric / lagThreshold)</c> clamped to
    /// [<c>max(minReplicaCount, 1)</c>, <c>maxReplicaCount</c>].
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lagThreshold"/> is not positive, <paramref name="currentReplicas"/> is negative, or a setting is
    /// out of range (the message names it).
    /// </exception>
    public static int GetHpaDesiredReplicas(long metricValue, long lagThreshold, int currentReplicas, KedaScaledObjectSettings settings)
    {
        Validate(lagThreshold, currentReplicas, settings);
        return HpaDesiredReplicas(metricValue, lagThreshold, currentReplicas, settings);
    }

    /// <summary>
    /// Computes the replica count after one KEDA polling cycle and HPA sync: KEDA's activation (0 → minimum) and
    /// deactivation (→ <c>idleReplicaCount</c> or <c>minReplicaCount</c> after the cooldown), and the HPA in between.
    /// </summary>
    /// <param name="metricValue">The metric KEDA reports, usually <see cref="KedaKafkaScalerResult.MetricValue"/>.</param>
    /// <param name="lagThreshold">The target average value, the trigger's <c>lagThreshold</c>.</param>
    /// <param name="currentReplicas">The target's current replica count.</param>
    /// <param name="isActive">Whether the trigger is active, usually <see cref="KedaKafkaScalerResult.IsActive"/>.</param>
    /// <param name="cooldownElapsed">
    /// Whether the ScaledObject's <c>cooldownPeriod</c> (300 seconds by default) has passed since the trigger was last
    /// active (or, if it never was, whether <c>initialCooldownPeriod</c> has passed since the ScaledObject was created).
    /// The caller keeps the time; the model stays pure.
    /// </param>
    /// <param name="settings">The ScaledObject's replica settings and the HPA's tolerance.</param>
    /// <returns>
    /// <para>When active: <c>max(minReplicaCount, 1)</c> if the current count is 0, or below <c>minReplicaCount</c> with
    /// <c>idleReplicaCount</c> set (KEDA scales up from zero or idle); otherwise what the HPA asks for.</para>
    /// <para>When inactive: if the current count is above <c>idleReplicaCount</c> (when set) or above 0 with
    /// <c>minReplicaCount</c> 0, then <c>idleReplicaCount</c> (else <c>minReplicaCount</c>) once the cooldown has elapsed
    /// and what the HPA asks for until then; otherwise <c>minReplicaCount</c> if the current count is below it and no
    /// idle count is set; otherwise the current count if it is 0, or what the HPA asks for.</para>
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lagThreshold"/> is not positive, <paramref name="currentReplicas"/> is negative, or a setting is
    /// out of range (the message names it).
    /// </exception>
    public static int GetDesiredReplicas(
        long metricValue, long lagThreshold, int currentReplicas, bool isActive, bool cooldownElapsed, KedaScaledObjectSettings settings)
    {
        Validate(lagThreshold, currentReplicas, settings);
        var min = settings.MinReplicaCount;
        var idle = settings.IdleReplicaCount;
        if (isActive)
        {
            return currentReplicas == 0 || (idle.HasValue && currentReplicas < min)
                ? Math.Max(min, 1)
                : HpaDesiredReplicas(metricValue, lagThreshold, currentReplicas, settings);
        }

        if ((idle.HasValue && currentReplicas > idle.Value) || (currentReplicas > 0 && min == 0))
        {
            return cooldownElapsed
                ? idle ?? min
                : HpaDesiredReplicas(metricValue, lagThreshold, currentReplicas, settings);
        }

        if (currentReplicas < min && !idle.HasValue)
        {
            return min;
        }

        return HpaDesiredReplicas(metricValue, lagThreshold, currentReplicas, settings);
    }

    private static int HpaDesiredReplicas(long metricValue, long lagThreshold, int currentReplicas, KedaScaledObjectSettings settings)
    {
        var hpaMin = Math.Max(settings.MinReplicaCount, 1);
        var hpaMax = settings.MaxReplicaCount;
        if (currentReplicas == 0)
        {
            return 0;
        }

        if (currentReplicas > hpaMax)
        {
            return hpaMax;
        }

        if (currentReplicas < hpaMin)
        {
            return hpaMin;
        }

        // The HPA works on milli-values (metric × 1000, target × 1000); the ratio and the quotient are the same numbers.
        var usageRatio = metricValue / ((double)lagThreshold * currentReplicas);
        if (IsWithinTolerance(usageRatio, settings))
        {
            return currentReplicas;
        }

        var replicas = Math.Ceiling(metricValue / (double)lagThreshold);
        return replicas >= hpaMax ? hpaMax : Math.Max((int)replicas, hpaMin);
    }

    private static bool IsWithinTolerance(double usageRatio, KedaScaledObjectSettings settings) =>
        settings.ToleranceRule == HpaToleranceRule.Legacy
            ? Math.Abs(1.0 - usageRatio) <= settings.Tolerance
            : 1.0 - settings.Tolerance <= usageRatio && usageRatio <= 1.0 + settings.Tolerance;

    internal static void Validate(long lagThreshold, int currentReplicas, KedaScaledObjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lagThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(currentReplicas);
        KedaReplicaCountValidation.Validate(settings.MinReplicaCount, settings.MaxReplicaCount, 1, nameof(settings));

        if (settings.IdleReplicaCount is { } idle && (idle < 0 || idle >= settings.MinReplicaCount))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), idle, "IdleReplicaCount must be at least 0 and less than MinReplicaCount.");
        }

        if (!(settings.Tolerance >= 0 && settings.Tolerance <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Tolerance, "Tolerance must be between 0 and 1.");
        }

        if (!Enum.IsDefined(settings.ToleranceRule))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.ToleranceRule, "ToleranceRule must be Inclusive or Legacy.");
        }
    }
}
