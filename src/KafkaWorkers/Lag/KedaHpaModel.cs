using static System.FormattableString;

namespace KafkaWorkers.Lag;

/// <summary>
/// The Horizontal Pod Autoscaler KEDA creates for a ScaledObject, with the memory the HPA controller keeps between
/// syncs: its recent recommendations (for the stabilization windows) and its recent scale events (for the rate
/// policies of <see cref="KedaScaledObjectSettings.Behavior"/>). Where <see cref="KedaReplicaModel"/> gives one sync's
/// recommendation, this gives the replica count a cluster would show, sync after sync.
/// </summary>
/// <remarks>
/// <para>
/// Each <see cref="Sync"/> is one pass of the controller's <c>reconcileAutoscaler</c>
/// (kubernetes <c>pkg/controller/podautoscaler/horizontal.go</c>): at 0 replicas it does nothing; above
/// <c>maxReplicaCount</c> or below <c>max(minReplicaCount, 1)</c> it sets that bound; otherwise it takes the metric's
/// proposal (<see cref="KedaReplicaModel.GetHpaDesiredReplicas"/> before clamping) and normalizes it:
/// </para>
/// <list type="bullet">
/// <item><description>
/// without a behavior (KEDA's default): the highest proposal of the last
/// <see cref="KedaScaledObjectSettings.DownscaleStabilizationWindowSeconds"/> (this one included), then clamped to
/// [<c>hpaMin</c>, <c>min(maxReplicaCount, max(2 × current, 4))</c>];
/// </description></item>
/// <item><description>
/// with a behavior: the current count brought within [lowest proposal of the scale-up window, highest proposal of the
/// scale-down window] (both windows include this proposal); then, scaling up, at most the policies' limit (for each
/// policy the replicas at the start of its period, <c>current - added + removed</c> within the period, plus
/// <c>value</c> pods or <c>ceil(start × (1 + value / 100))</c>; the largest of them with <c>selectPolicy: Max</c>, the
/// smallest with <c>Min</c>, the current count with <c>Disabled</c>) and at most <c>maxReplicaCount</c>; scaling down,
/// at least the policies' limit (<c>start - value</c> pods or <c>trunc(start × (1 - value / 100))</c>; the smallest
/// with <c>Max</c>, the largest with <c>Min</c>) and at least <c>hpaMin</c>.
/// </description></item>
/// </list>
/// <para>
/// Every proposal is remembered with its time, and every change of the replica count the HPA makes is remembered as a
/// scale event, replacing outdated entries the way the controller does. The caller keeps the clock: pass the time of
/// each sync (the controller syncs every 15 seconds by default, <c>--horizontal-pod-autoscaler-sync-period</c>). The
/// model is not thread-safe.
/// </para>
/// </remarks>
public sealed class KedaHpaModel
{
    private readonly KedaScaledObjectSettings _settings;
    private readonly HpaBehaviorRules? _rules;
    private readonly List<(int Replicas, DateTimeOffset At)> _recommendations = [];
    private readonly List<ScaleEvent> _scaleUpEvents = [];
    private readonly List<ScaleEvent> _scaleDownEvents = [];

    /// <summary>Initializes a new instance of the <see cref="KedaHpaModel"/> class.</summary>
    /// <param name="settings">The ScaledObject's settings; they are validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range; the message names it.</exception>
    public KedaHpaModel(KedaScaledObjectSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        KedaReplicaModel.ValidateSettings(settings);
        _settings = new KedaScaledObjectSettings
        {
            MinReplicaCount = settings.MinReplicaCount,
            MaxReplicaCount = settings.MaxReplicaCount,
            IdleReplicaCount = settings.IdleReplicaCount,
            Tolerance = settings.Tolerance,
            ToleranceRule = settings.ToleranceRule,
            DownscaleStabilizationWindowSeconds = settings.DownscaleStabilizationWindowSeconds,
        };
        _rules = HpaBehaviorRules.From(settings);
    }

    /// <summary>
    /// One HPA sync at <paramref name="now"/>: the replica count the HPA sets, from the metric, the current count and what
    /// the controller remembers of earlier syncs.
    /// </summary>
    /// <param name="now">The time of the sync; not earlier than the previous one.</param>
    /// <param name="metricValue">The metric KEDA reports, usually <see cref="KedaKafkaScalerResult.MetricValue"/>.</param>
    /// <param name="lagThreshold">The target average value, the trigger's <c>lagThreshold</c>.</param>
    /// <param name="currentReplicas">The target's replica count (<c>spec.replicas</c> of its scale), which the HPA changes.</param>
    /// <param name="statusReplicas">
    /// The replicas that exist (<c>status.replicas</c>), which the metric's usage ratio divides by; by default
    /// <paramref name="currentReplicas"/>. They differ while pods start or stop.
    /// </param>
    /// <returns>The replica count after the sync (the current one when the HPA does not scale).</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lagThreshold"/> is not positive, or a replica count is negative.
    /// </exception>
    public int Sync(DateTimeOffset now, long metricValue, long lagThreshold, int currentReplicas, int? statusReplicas = null) =>
        SyncCore(now, metricValue, lagThreshold, currentReplicas, statusReplicas, reasons: null);

    private int SyncCore(
        DateTimeOffset now, long metricValue, long lagThreshold, int currentReplicas, int? statusReplicas, ICollection<KedaScalingReason>? reasons)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lagThreshold);
        ArgumentOutOfRangeException.ThrowIfNegative(currentReplicas);
        ArgumentOutOfRangeException.ThrowIfNegative(statusReplicas ?? 0, nameof(statusReplicas));
        var hpaMin = KedaReplicaModel.HpaMinReplicas(_settings);
        var hpaMax = _settings.MaxReplicaCount;

        // At 0 replicas "scaling is disabled since the replica count of the target is zero": nothing is recorded.
        if (KedaReplicaModel.OutOfBounds(currentReplicas, hpaMin, hpaMax, reasons) is not { } desired)
        {
            var proposal = KedaReplicaModel.MetricProposal(metricValue, lagThreshold, statusReplicas ?? currentReplicas, _settings, reasons);
            desired = _rules is null
                ? NormalizeWithoutBehavior(now, currentReplicas, proposal, hpaMin, hpaMax, reasons)
                : NormalizeWithBehavior(now, _rules, currentReplicas, proposal, hpaMin, hpaMax, reasons);
        }

        if (desired != currentReplicas && _rules is not null)
        {
            StoreScaleEvent(now, _rules, currentReplicas, desired);
        }

        return desired;
    }

    /// <summary>
    /// One KEDA polling cycle and HPA sync at <paramref name="now"/>: KEDA's own moves between zero (or
    /// <c>idleReplicaCount</c>) and the minimum, as <see cref="KedaReplicaModel.GetDesiredReplicas"/> makes them, and
    /// <see cref="Sync"/> where KEDA leaves the count to the HPA.
    /// </summary>
    /// <param name="now">The time of the cycle; not earlier than the previous one.</param>
    /// <param name="metricValue">The metric KEDA reports.</param>
    /// <param name="lagThreshold">The trigger's <c>lagThreshold</c>.</param>
    /// <param name="currentReplicas">The target's current replica count.</param>
    /// <param name="isActive">Whether the trigger is active.</param>
    /// <param name="cooldownElapsed">Whether the ScaledObject's <c>cooldownPeriod</c> has passed since the trigger was last active.</param>
    /// <param name="statusReplicas">The replicas that exist, as for <see cref="Sync"/>; by default <paramref name="currentReplicas"/>.</param>
    /// <returns>The replica count after the cycle.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lagThreshold"/> is not positive, or a replica count is negative.
    /// </exception>
    public int Step(
        DateTimeOffset now, long metricValue, long lagThreshold, int currentReplicas, bool isActive, bool cooldownElapsed, int? statusReplicas = null) =>
        StepCore(now, metricValue, lagThreshold, currentReplicas, isActive, cooldownElapsed, statusReplicas, reasons: null);

    /// <summary>
    /// One KEDA polling cycle and HPA sync at <paramref name="now"/>, as
    /// <see cref="Step(DateTimeOffset, long, long, int, bool, bool, int?)"/>, adding the reasons of its moves.
    /// </summary>
    /// <param name="now">The time of the cycle; not earlier than the previous one.</param>
    /// <param name="metricValue">The metric KEDA reports.</param>
    /// <param name="lagThreshold">The trigger's <c>lagThreshold</c>.</param>
    /// <param name="currentReplicas">The target's current replica count.</param>
    /// <param name="isActive">Whether the trigger is active.</param>
    /// <param name="cooldownElapsed">Whether the ScaledObject's <c>cooldownPeriod</c> has passed since the trigger was last active.</param>
    /// <param name="statusReplicas">The replicas that exist, as for <see cref="Sync"/>; <see langword="null"/> for <paramref name="currentReplicas"/>.</param>
    /// <param name="reasons">
    /// Receives the <c>replicas.*</c> reasons (see <see cref="KedaScalingReasonCodes"/>) of the cycle: KEDA's move, or
    /// the HPA's proposal and what its tolerance, bounds, stabilization windows and rate limits made of it. Pass them
    /// with the scaler's reasons to <see cref="KedaScalingExplanation.Create"/>.
    /// </param>
    /// <returns>The replica count after the cycle.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reasons"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="lagThreshold"/> is not positive, or a replica count is negative.
    /// </exception>
    public int Step(
        DateTimeOffset now,
        long metricValue,
        long lagThreshold,
        int currentReplicas,
        bool isActive,
        bool cooldownElapsed,
        int? statusReplicas,
        ICollection<KedaScalingReason> reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        return StepCore(now, metricValue, lagThreshold, currentReplicas, isActive, cooldownElapsed, statusReplicas, reasons);
    }

    private int StepCore(
        DateTimeOffset now, long metricValue, long lagThreshold, int currentReplicas, bool isActive, bool cooldownElapsed, int? statusReplicas,
        ICollection<KedaScalingReason>? reasons)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(currentReplicas);
        return KedaReplicaModel.KedaDecision(currentReplicas, isActive, cooldownElapsed, _settings, reasons)
            ?? SyncCore(now, metricValue, lagThreshold, currentReplicas, statusReplicas, reasons);
    }

    /// <summary>Forgets the recommendations and scale events, as a restarted controller does.</summary>
    public void Reset()
    {
        _recommendations.Clear();
        _scaleUpEvents.Clear();
        _scaleDownEvents.Clear();
    }

    /// <summary><c>stabilizeRecommendation</c> and <c>convertDesiredReplicasWithRules</c>.</summary>
    private int NormalizeWithoutBehavior(
        DateTimeOffset now, int current, int proposal, int hpaMin, int hpaMax, ICollection<KedaScalingReason>? reasons)
    {
        var cutoff = now.AddSeconds(-_settings.DownscaleStabilizationWindowSeconds);
        var stabilized = proposal;
        var oldIndex = -1;
        for (var i = 0; i < _recommendations.Count; i++)
        {
            var (replicas, at) = _recommendations[i];
            if (at < cutoff)
            {
                oldIndex = i;
            }
            else if (replicas > stabilized)
            {
                stabilized = replicas;
            }
        }

        Remember(oldIndex, proposal, now);

        if (stabilized > proposal)
        {
            reasons?.Add(WindowReason("scale-down", _settings.DownscaleStabilizationWindowSeconds, stabilized, proposal));
        }

        // calculateScaleUpLimit: int32(max(2 × current, 4)).
        var scaleUpLimit = (int)Math.Min(Math.Max(2L * current, 4), int.MaxValue);
        if (stabilized > scaleUpLimit && scaleUpLimit < hpaMax)
        {
            reasons?.Add(KedaScalingReason.Of(
                KedaScalingReasonCodes.RateLimited, Invariant($"scale-up limited to max(2 × {current}, 4) = {scaleUpLimit} per sync")));
            return scaleUpLimit;
        }

        return KedaReplicaModel.Clamp(stabilized, hpaMin, hpaMax, reasons);
    }

    /// <summary><c>stabilizeRecommendationWithBehaviors</c> and <c>convertDesiredReplicasWithBehaviorRate</c>.</summary>
    private int NormalizeWithBehavior(
        DateTimeOffset now, HpaBehaviorRules rules, int current, int proposal, int hpaMin, int hpaMax, ICollection<KedaScalingReason>? reasons)
    {
        var upCutoff = now.AddSeconds(-rules.ScaleUp.StabilizationWindowSeconds);
        var downCutoff = now.AddSeconds(-rules.ScaleDown.StabilizationWindowSeconds);
        var up = proposal;
        var down = proposal;
        var oldIndex = -1;
        for (var i = 0; i < _recommendations.Count; i++)
        {
            var (replicas, at) = _recommendations[i];
            if (at > upCutoff)
            {
                up = Math.Min(replicas, up);
            }

            if (at > downCutoff)
            {
                down = Math.Max(replicas, down);
            }

            if (at < upCutoff && at < downCutoff)
            {
                oldIndex = i;
            }
        }

        Remember(oldIndex, proposal, now);
        var desired = Math.Min(Math.Max(current, up), down);
        if (desired != proposal && reasons is not null)
        {
            reasons.Add(desired > proposal
                ? WindowReason("scale-down", rules.ScaleDown.StabilizationWindowSeconds, desired, proposal)
                : WindowReason("scale-up", rules.ScaleUp.StabilizationWindowSeconds, desired, proposal));
        }

        if (desired > current)
        {
            var limit = Math.Max(PolicyLimit(now, rules.ScaleUp, current, up: true), current);
            return Math.Min(desired, limit) < Math.Min(desired, hpaMax)
                ? PolicyLimited(rules.ScaleUp, "scale-up", current, limit, reasons)
                : KedaReplicaModel.Clamp(desired, hpaMin, hpaMax, reasons);
        }

        if (desired < current)
        {
            var limit = Math.Min(PolicyLimit(now, rules.ScaleDown, current, up: false), current);
            return Math.Max(desired, limit) > Math.Max(desired, hpaMin)
                ? PolicyLimited(rules.ScaleDown, "scale-down", current, limit, reasons)
                : KedaReplicaModel.Clamp(desired, hpaMin, hpaMax, reasons);
        }

        return desired;
    }

    /// <summary>A direction's policy limit, with its reason: the rate limit, or <c>selectPolicy: Disabled</c>.</summary>
    private static int PolicyLimited(HpaResolvedRules rules, string direction, int current, int limit, ICollection<KedaScalingReason>? reasons)
    {
        reasons?.Add(rules.SelectPolicy == HpaSelectPolicy.Disabled
            ? KedaScalingReason.Of(KedaScalingReasonCodes.ScalingDisabled, Invariant($"{direction} disabled (selectPolicy Disabled): stays at {current}"))
            : KedaScalingReason.Of(KedaScalingReasonCodes.RateLimited, Invariant($"{direction} limited to {limit} by the behavior policies")));
        return limit;
    }

    private static KedaScalingReason WindowReason(string direction, int seconds, int held, int proposal) =>
        KedaScalingReason.Of(
            KedaScalingReasonCodes.StabilizationWindow,
            Invariant($"the {seconds} s {direction} stabilization window holds {held} (this sync proposes {proposal})"));

    /// <summary>
    /// <c>calculateScaleUpLimitWithScalingRules</c> (<paramref name="up"/>) and <c>calculateScaleDownLimitWithBehaviors</c>:
    /// per policy, from the replicas at the start of its period, <c>start ± value</c> pods, or
    /// <c>ceil(start × (1 + value / 100))</c> up and <c>trunc(start × (1 - value / 100))</c> down; <c>Max</c> picks the
    /// biggest change (the largest limit up, the smallest down), <c>Min</c> the smallest, <c>Disabled</c> none.
    /// </summary>
    private int PolicyLimit(DateTimeOffset now, HpaResolvedRules rules, int current, bool up)
    {
        if (rules.SelectPolicy == HpaSelectPolicy.Disabled)
        {
            return current;
        }

        var largest = (rules.SelectPolicy == HpaSelectPolicy.Max) == up;
        long result = largest ? int.MinValue : int.MaxValue;
        foreach (var policy in rules.Policies)
        {
            var start = PeriodStart(now, policy.PeriodSeconds, current);
            long proposed = policy.Type == HpaScalingPolicyType.Pods
                ? (up ? start + policy.Value : start - policy.Value)
                : up ? ToInt32(Math.Ceiling(start * (1 + (policy.Value / 100.0))))
                : ToInt32(Math.Truncate(start * (1 - (policy.Value / 100.0))));
            result = largest ? Math.Max(result, proposed) : Math.Min(result, proposed);
        }

        return ToInt32(result);
    }

    /// <summary>The replicas at the start of a policy's period: <c>current - added + removed</c> within it.</summary>
    private long PeriodStart(DateTimeOffset now, int periodSeconds, int current)
    {
        var cutoff = now.AddSeconds(-periodSeconds);
        return current - ChangeSince(_scaleUpEvents, cutoff) + ChangeSince(_scaleDownEvents, cutoff);

        static long ChangeSince(List<ScaleEvent> events, DateTimeOffset cutoff)
        {
            long change = 0;
            foreach (var scaleEvent in events)
            {
                if (scaleEvent.At > cutoff)
                {
                    change += scaleEvent.Change;
                }
            }

            return change;
        }
    }

    /// <summary><c>storeScaleEvent</c>: marks the events older than the direction's longest period, reuses the last of them.</summary>
    private void StoreScaleEvent(DateTimeOffset now, HpaBehaviorRules rules, int previous, int next)
    {
        var (events, direction) = next > previous ? (_scaleUpEvents, rules.ScaleUp) : (_scaleDownEvents, rules.ScaleDown);
        var cutoff = now.AddSeconds(-direction.LongestPeriodSeconds);
        var outdated = -1;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].At < cutoff)
            {
                events[i] = events[i] with { IsOutdated = true };
            }

            if (events[i].IsOutdated)
            {
                outdated = i;
            }
        }

        var scaleEvent = new ScaleEvent(Math.Abs(next - previous), now, false);
        if (outdated >= 0)
        {
            events[outdated] = scaleEvent;
        }
        else
        {
            events.Add(scaleEvent);
        }
    }

    private void Remember(int oldIndex, int proposal, DateTimeOffset now)
    {
        if (oldIndex >= 0)
        {
            _recommendations[oldIndex] = (proposal, now);
        }
        else
        {
            _recommendations.Add((proposal, now));
        }
    }

    /// <summary>An int32 the way the model saturates Go's conversions: out-of-range values clamp.</summary>
    private static int ToInt32(double value) => value >= int.MaxValue ? int.MaxValue : value <= int.MinValue ? int.MinValue : (int)value;

    private readonly record struct ScaleEvent(long Change, DateTimeOffset At, bool IsOutdated);
}
