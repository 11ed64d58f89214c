using static System.FormattableString;

namespace KafkaWorkers.Lag;

/// <summary>
/// Predicts the replica count of a KEDA <c>ScaledObject</c> from the <c>kafka</c> trigger's metric: the HPA's
/// replica calculation for an external metric with an <c>AverageValue</c> target, and KEDA's own moves between zero
/// and the minimum.
/// </summary>
/// <remarks>
/// <para>
/// The prediction is the HPA's recommendation for one sync, before its stabilization windows and rate limits; those
/// need the controller's memory of earlier syncs and are modelled by <see cref="KedaHpaModel"/>. Not modelled: pause
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
    /// <remarks>
    /// A quotient above 2³¹−1 (a metric of more than 2³¹−1 × lagThreshold) gives <c>maxReplicaCount</c>. The HPA converts
    /// the quotient to a 32-bit integer with Go's <c>int32(float64)</c>, whose result is not defined by the language for
    /// such values (on amd64 it is −2³¹, which the controller then treats as no proposal and the HPA goes to its
    /// minimum); clamping to the maximum is what the metric asks for, and what any larger finite quotient gives.
    /// </remarks>
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
        return DesiredReplicas(metricValue, lagThreshold, currentReplicas, isActive, cooldownElapsed, settings);
    }

    /// <summary><see cref="GetDesiredReplicas"/> without the checks, adding the reasons of KEDA's move or the HPA's.</summary>
    internal static int DesiredReplicas(
        long metricValue,
        long lagThreshold,
        int currentReplicas,
        bool isActive,
        bool cooldownElapsed,
        KedaScaledObjectSettings settings,
        ICollection<KedaScalingReason>? reasons = null) =>
        KedaDecision(currentReplicas, isActive, cooldownElapsed, settings, reasons)
            ?? HpaDesiredReplicas(metricValue, lagThreshold, currentReplicas, settings, reasons);

    /// <summary>
    /// KEDA's own move in one polling cycle (activation, deactivation), or <see langword="null"/> where the HPA decides;
    /// adds the reason of the move, or <see cref="KedaScalingReasonCodes.CooldownPending"/> while the cooldown runs.
    /// </summary>
    internal static int? KedaDecision(
        int currentReplicas, bool isActive, bool cooldownElapsed, KedaScaledObjectSettings settings, ICollection<KedaScalingReason>? reasons = null)
    {
        var min = settings.MinReplicaCount ?? 0;
        var idle = settings.IdleReplicaCount;
        if (isActive)
        {
            if (currentReplicas == 0 || (idle.HasValue && currentReplicas < min))
            {
                var activated = Math.Max(min, 1);
                reasons?.Add(KedaScalingReason.Of(KedaScalingReasonCodes.Activated, Invariant($"KEDA activates: {currentReplicas} → {activated}")));
                return activated;
            }

            return null;
        }

        if ((idle.HasValue && currentReplicas > idle.Value) || (currentReplicas > 0 && min == 0))
        {
            if (!cooldownElapsed)
            {
                reasons?.Add(KedaScalingReason.Of(KedaScalingReasonCodes.CooldownPending, "inactive, cooldownPeriod not over: the HPA still decides"));
                return null;
            }

            var deactivated = idle ?? min;
            reasons?.Add(KedaScalingReason.Of(
                KedaScalingReasonCodes.Deactivated,
                Invariant($"KEDA deactivates after the cooldown: {currentReplicas} → {deactivated} ({(idle.HasValue ? "idleReplicaCount" : "minReplicaCount")})")));
            return deactivated;
        }

        if (currentReplicas < min && !idle.HasValue)
        {
            reasons?.Add(KedaScalingReason.Of(KedaScalingReasonCodes.ClampedToMinimum, Invariant($"KEDA holds minReplicaCount {min}")));
            return min;
        }

        return null;
    }

    /// <summary>The HPA's minimum: <c>max(minReplicaCount, 1)</c>, as KEDA sets <c>minReplicas</c>.</summary>
    internal static int HpaMinReplicas(KedaScaledObjectSettings settings) => Math.Max(settings.MinReplicaCount ?? 0, 1);

    /// <summary>
    /// The replica count the metric asks for (<c>GetExternalPerPodMetricReplicas</c>): the current count within the
    /// tolerance, else <c>ceil(metric / lagThreshold)</c>; a negative proposal is 0 and one above 2³¹−1 is 2³¹−1 (see
    /// the remarks of <see cref="GetHpaDesiredReplicas"/>).
    /// </summary>
    internal static int MetricProposal(
        long metricValue, long lagThreshold, int statusReplicas, KedaScaledObjectSettings settings, ICollection<KedaScalingReason>? reasons = null)
    {
        // The HPA works on milli-values (metric × 1000, target × 1000); the ratio and the quotient are the same numbers.
        // Within the tolerance it keeps the replicas that exist (status.replicas).
        var quotient = Math.Ceiling(metricValue / (double)lagThreshold);
        var proposal = quotient >= int.MaxValue ? int.MaxValue : quotient <= 0 ? 0 : (int)quotient;
        var usageRatio = metricValue / ((double)lagThreshold * statusReplicas);
        var withinTolerance = IsWithinTolerance(usageRatio, settings);
        if (reasons is not null)
        {
            var metric = Invariant($"metric {metricValue} / lagThreshold {lagThreshold} → {proposal}");
            reasons.Add(withinTolerance && proposal != statusReplicas
                ? KedaScalingReason.Of(
                    KedaScalingReasonCodes.WithinTolerance,
                    Invariant($"{metric}, but ratio {usageRatio:0.###} at {statusReplicas} is within tolerance {settings.Tolerance}: keeps {statusReplicas}"))
                : KedaScalingReason.Of(KedaScalingReasonCodes.MetricProposal, metric));
        }

        return withinTolerance ? statusReplicas : proposal;
    }

    /// <summary>The HPA's bounds applied to a proposal, adding the reason when one of them changes it.</summary>
    internal static int Clamp(int proposal, int hpaMin, int hpaMax, ICollection<KedaScalingReason>? reasons)
    {
        if (proposal > hpaMax)
        {
            reasons?.Add(MaximumReason(hpaMax));
            return hpaMax;
        }

        if (proposal < hpaMin)
        {
            reasons?.Add(MinimumReason(hpaMin));
            return hpaMin;
        }

        return proposal;
    }

    /// <summary>What the HPA does at 0 replicas or outside its bounds before it looks at the metric, or <see langword="null"/>.</summary>
    internal static int? OutOfBounds(int currentReplicas, int hpaMin, int hpaMax, ICollection<KedaScalingReason>? reasons)
    {
        if (currentReplicas == 0)
        {
            // "scaling is disabled since the replica count of the target is zero".
            reasons?.Add(KedaScalingReason.Of(KedaScalingReasonCodes.AtZero, "the HPA does not act at 0 replicas"));
            return 0;
        }

        return currentReplicas > hpaMax || currentReplicas < hpaMin ? Clamp(currentReplicas, hpaMin, hpaMax, reasons) : null;
    }

    private static KedaScalingReason MaximumReason(int hpaMax) =>
        KedaScalingReason.Of(KedaScalingReasonCodes.ClampedToMaximum, Invariant($"clamped to maxReplicaCount {hpaMax}"));

    private static KedaScalingReason MinimumReason(int hpaMin) =>
        KedaScalingReason.Of(KedaScalingReasonCodes.ClampedToMinimum, Invariant($"held at the HPA minimum {hpaMin}, max(minReplicaCount, 1)"));

    /// <summary>One sync's recommendation of the HPA (see <see cref="GetHpaDesiredReplicas"/>), adding its reasons.</summary>
    internal static int HpaDesiredReplicas(
        long metricValue, long lagThreshold, int currentReplicas, KedaScaledObjectSettings settings, ICollection<KedaScalingReason>? reasons = null)
    {
        var hpaMin = HpaMinReplicas(settings);
        var hpaMax = settings.MaxReplicaCount;
        return OutOfBounds(currentReplicas, hpaMin, hpaMax, reasons)
            ?? Clamp(MetricProposal(metricValue, lagThreshold, currentReplicas, settings, reasons), hpaMin, hpaMax, reasons);
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
        ValidateSettings(settings);
    }

    /// <summary>The checks of KEDA's ScaledObject webhook (<c>CheckReplicaCountBoundsAreValid</c>) and the HPA's own.</summary>
    internal static void ValidateSettings(KedaScaledObjectSettings settings)
    {
        KedaReplicaCountValidation.Validate(settings.MinReplicaCount ?? 0, settings.MaxReplicaCount, 1, nameof(settings));

        // KEDA compares the idle count with the HPA's minimum when minReplicaCount is set (1 for a set 0), else with 0.
        var idleBound = settings.MinReplicaCount is null ? 0 : HpaMinReplicas(settings);
        if (settings.IdleReplicaCount is { } idle && (idle < 0 || idle >= idleBound))
        {
            throw new ArgumentOutOfRangeException(
                nameof(settings),
                idle,
                $"IdleReplicaCount must be at least 0 and less than MinReplicaCount (compared as {idleBound}: max(MinReplicaCount, 1) when it is set, else 0).");
        }

        if (!(settings.Tolerance >= 0 && settings.Tolerance <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Tolerance, "Tolerance must be between 0 and 1.");
        }

        if (!Enum.IsDefined(settings.ToleranceRule))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.ToleranceRule, "ToleranceRule must be Inclusive or Legacy.");
        }

        HpaBehaviorRules.Validate(settings);
    }
}
