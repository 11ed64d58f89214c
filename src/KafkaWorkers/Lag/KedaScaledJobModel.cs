namespace KafkaWorkers.Lag;

/// <summary>
/// Predicts how many jobs a KEDA <c>ScaledJob</c> with one <c>kafka</c> trigger creates in a polling interval, as
/// KEDA's job executor computes it.
/// </summary>
/// <remarks>
/// <para>Steps, with <c>metric</c> the trigger's metric value and <c>T</c> its <c>lagThreshold</c>:</para>
/// <list type="number">
/// <item><description>
/// The trigger is taken when it is active and <c>metric &gt; 0</c> (KEDA's default <c>multipleScalersCalculation</c>,
/// <c>max</c>, only takes a trigger with a queue length above the current 0). Then
/// <c>queueLength = ceil(metric)</c> and <c>maxScale = ceil(min(metric / T, max))</c>; otherwise both are 0. Here
/// <c>max</c> is KEDA's effective maximum: <c>maxReplicaCount - minReplicaCount</c> when <c>maxReplicaCount</c> is
/// set, 100 when it is not; and a <c>minReplicaCount</c> above a set <c>maxReplicaCount</c> is clamped to it (then
/// <c>max</c> is <c>maxReplicaCount</c>).
/// The ScaledJob is active when the trigger was taken or <c>minReplicaCount &gt; 0</c>.
/// </description></item>
/// <item><description>
/// If <c>runningJobs &lt; minReplicaCount</c>, the executor asks for and allows <c>minReplicaCount - runningJobs</c>
/// jobs. Otherwise the strategy (see <see cref="KedaScalingStrategy"/>) computes the limit with
/// <c>running = runningJobs - minReplicaCount</c> and <c>maxReplicaCount</c> the effective maximum; a negative limit
/// becomes 0.
/// </description></item>
/// <item><description>When active, <c>min(scaleTo, limit)</c> jobs are created; when inactive, none.</description></item>
/// </list>
/// <para>
/// <c>runningJobs</c> counts the ScaledJob's jobs that are neither complete nor failed; <c>pendingJobs</c> those of
/// them none of whose pods is running or has succeeded (or, with <c>pendingPodConditions</c>, whose pods do not all
/// have those conditions). The model is pure and remembers nothing.
/// </para>
/// </remarks>
public static class KedaScaledJobModel
{
    /// <summary>Computes the jobs KEDA creates in one polling interval.</summary>
    /// <param name="metricValue">The trigger's metric, usually <see cref="KedaKafkaScalerResult.MetricValue"/>.</param>
    /// <param name="lagThreshold">The trigger's <c>lagThreshold</c>, the target average value.</param>
    /// <param name="isTriggerActive">Whether the trigger is active, usually <see cref="KedaKafkaScalerResult.IsActive"/>.</param>
    /// <param name="runningJobs">The number of the ScaledJob's jobs that are not finished.</param>
    /// <param name="pendingJobs">The number of unfinished jobs whose pods have not started.</param>
    /// <param name="settings">The ScaledJob's replica counts and scaling strategy.</param>
    /// <returns>The decision, with the intermediate values of the formulas.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lagThreshold"/> is not positive, a job count is negative, a replica count is negative, or the
    /// strategy is not a named value.
    /// </exception>
    public static KedaScaledJobDecision GetJobsToCreate(
        long metricValue, long lagThreshold, bool isTriggerActive, long runningJobs, long pendingJobs, KedaScaledJobSettings settings)
    {
        Validate(lagThreshold, runningJobs, pendingJobs, settings);
        var (min, maxReplicaCount) = EffectiveReplicaCounts(settings);

        var isTaken = isTriggerActive && metricValue > 0;
        var queueLength = isTaken ? (long)Math.Ceiling((double)metricValue) : 0;
        var maxScale = isTaken ? (long)Math.Ceiling(Math.Min(metricValue / (double)lagThreshold, maxReplicaCount)) : 0;
        var isActive = isTaken || min > 0;

        long scaleTo;
        long effectiveMaxScale;
        if (runningJobs < min)
        {
            scaleTo = effectiveMaxScale = min - runningJobs;
        }
        else
        {
            (effectiveMaxScale, scaleTo) = ApplyStrategy(settings, maxReplicaCount, maxScale, runningJobs - min, pendingJobs, queueLength);
        }

        effectiveMaxScale = Math.Max(effectiveMaxScale, 0);
        return new KedaScaledJobDecision
        {
            IsActive = isActive,
            QueueLength = queueLength,
            MaxScale = maxScale,
            ScaleTo = scaleTo,
            EffectiveMaxScale = effectiveMaxScale,
            JobsToCreate = isActive && effectiveMaxScale > 0 ? Math.Min(scaleTo, effectiveMaxScale) : 0,
        };
    }

    /// <summary>
    /// KEDA's <c>ScaledJob.MinReplicaCount()</c> and <c>MaxReplicaCount()</c>: a minimum above a set maximum is clamped
    /// to it; a set maximum is reduced by the minimum (the jobs the minimum keeps are not the strategies' to start),
    /// except when the minimum was clamped; an unset maximum is 100.
    /// </summary>
    internal static (long Min, long Max) EffectiveReplicaCounts(KedaScaledJobSettings settings)
    {
        if (settings.MaxReplicaCount is not { } max)
        {
            return (settings.MinReplicaCount, KedaScaledJobSettings.DefaultMaxReplicaCount);
        }

        return settings.MinReplicaCount > max ? (max, max) : (settings.MinReplicaCount, max - settings.MinReplicaCount);
    }

    private static (long EffectiveMaxScale, long ScaleTo) ApplyStrategy(
        KedaScaledJobSettings settings, long maxReplicaCount, long maxScale, long running, long pending, long scaleTo)
    {
        switch (settings.Strategy)
        {
            case KedaScalingStrategy.Custom when settings.CustomScalingRunningJobPercentage is { } percentage:
                // An unset deduction counts 0 (kedacore/keda#7871).
                var deduction = settings.CustomScalingQueueLengthDeduction ?? 0;
                return (Math.Min(maxScale - deduction - (long)(running * percentage), maxReplicaCount), scaleTo);
            case KedaScalingStrategy.Accurate:
                // Pending jobs are already part of the running ones (kedacore/keda#7417).
                return (maxScale + running - pending > maxReplicaCount ? maxReplicaCount - running : maxScale - pending, scaleTo);
            case KedaScalingStrategy.Eager:
                return (Math.Min(maxReplicaCount - running - pending, maxScale), maxReplicaCount);
            default:
                return (maxScale - running, scaleTo);
        }
    }

    private static void Validate(long lagThreshold, long runningJobs, long pendingJobs, KedaScaledJobSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lagThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(runningJobs);
        ArgumentOutOfRangeException.ThrowIfNegative(pendingJobs);
        if (settings.MinReplicaCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.MinReplicaCount, "MinReplicaCount must not be negative.");
        }

        if (settings.MaxReplicaCount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.MaxReplicaCount, "MaxReplicaCount must not be negative.");
        }

        if (!Enum.IsDefined(settings.Strategy))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Strategy, "Strategy must be Default, Custom, Accurate or Eager.");
        }
    }
}
