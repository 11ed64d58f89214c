using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

/// <summary>
/// Random HPA timelines against a line-by-line transliteration of the controller's Go (kubernetes
/// pkg/controller/podautoscaler/horizontal.go: reconcileAutoscaler's replica branch, stabilizeRecommendation,
/// convertDesiredReplicasWithRules, stabilizeRecommendationWithBehaviors, convertDesiredReplicasWithBehaviorRate,
/// calculateScale{Up,Down}Limit*, storeScaleEvent; the defaults of pkg/apis/autoscaling/v2/defaults.go), kept in the
/// Go's shape and separate from <see cref="KedaHpaModel"/>. The seed is fixed.
/// </summary>
public sealed class HpaReferenceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_model_matches_the_controller_on_random_timelines()
    {
        var random = new Random(300);
        for (var run = 0; run < 2_000; run++)
        {
            var settings = RandomSettings(random);
            var model = new KedaHpaModel(settings);
            var reference = new GoHpa(settings);
            var now = T0;
            var current = random.Next(0, 12);
            for (var sync = 0; sync < 40; sync++)
            {
                now = now.AddSeconds(random.Next(0, 5) == 0 ? random.Next(0, 400) : 15);
                var metric = random.Next(0, 3) == 0 ? 0 : (long)random.Next(0, 600);
                var expected = reference.Reconcile(now, metric, 10, current);

                var actual = model.Sync(now, metric, 10, current);

                Assert.True(expected == actual, $"run {run}, sync {sync}: current {current}, metric {metric}: controller {expected}, model {actual}");

                // Mostly the HPA's own count; sometimes a change from outside (KEDA's activation, a manual scale).
                current = random.Next(0, 8) == 0 ? random.Next(0, 12) : actual;
            }
        }
    }

    private static KedaScaledObjectSettings RandomSettings(Random random)
    {
        var min = random.Next(0, 3) == 0 ? (int?)null : random.Next(0, 4);
        return new KedaScaledObjectSettings
        {
            MinReplicaCount = min,
            MaxReplicaCount = Math.Max(min ?? 1, 1) + random.Next(0, 40),
            DownscaleStabilizationWindowSeconds = new[] { 0, 15, 60, 300 }[random.Next(4)],
            Behavior = random.Next(0, 3) == 0 ? null : new HpaBehavior { ScaleUp = RandomRules(random), ScaleDown = RandomRules(random) },
        };
    }

    private static HpaScalingRules? RandomRules(Random random) => random.Next(0, 3) == 0
        ? null
        : new HpaScalingRules
        {
            StabilizationWindowSeconds = random.Next(0, 2) == 0 ? null : new[] { 0, 15, 30, 60, 300 }[random.Next(5)],
            SelectPolicy = random.Next(0, 2) == 0 ? null : (HpaSelectPolicy)random.Next(0, 3),
            Policies = random.Next(0, 3) == 0
                ? null
                : [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => new HpaScalingPolicy
                {
                    Type = (HpaScalingPolicyType)random.Next(0, 2),
                    Value = random.Next(0, 2) == 0 ? random.Next(1, 5) : random.Next(1, 300),
                    PeriodSeconds = new[] { 15, 30, 60, 120 }[random.Next(4)],
                })],
        };

    /// <summary>The controller's state for one HPA, and its functions as the Go has them.</summary>
    private sealed class GoHpa(KedaScaledObjectSettings spec)
    {
        private readonly List<(int Recommendation, DateTimeOffset Timestamp)> _recommendations = [];
        private readonly List<(int ReplicaChange, DateTimeOffset Timestamp, bool Outdated)> _scaleUpEvents = [];
        private readonly List<(int ReplicaChange, DateTimeOffset Timestamp, bool Outdated)> _scaleDownEvents = [];

        private sealed record Rules(int Window, HpaSelectPolicy Select, HpaScalingPolicy[] Policies);

        public int Reconcile(DateTimeOffset now, long metric, long target, int currentReplicas)
        {
            var minReplicas = spec.MinReplicaCount is > 0 and var m ? m : 1;
            var maxReplicas = spec.MaxReplicaCount;
            int desiredReplicas;
            if (currentReplicas == 0 && minReplicas != 0)
            {
                return 0;
            }
            else if (currentReplicas > maxReplicas)
            {
                desiredReplicas = maxReplicas;
            }
            else if (currentReplicas < minReplicas)
            {
                desiredReplicas = minReplicas;
            }
            else
            {
                var usageRatio = metric * 1000 / ((double)target * 1000 * currentReplicas);
                var proposal = usageRatio >= 0.9 && usageRatio <= 1.1 ? currentReplicas : (int)Math.Ceiling(metric * 1000 / (double)(target * 1000));
                desiredReplicas = 0;
                if (proposal > desiredReplicas)
                {
                    desiredReplicas = proposal;
                }

                desiredReplicas = spec.Behavior is null
                    ? NormalizeDesiredReplicas(now, currentReplicas, desiredReplicas, minReplicas, maxReplicas)
                    : NormalizeDesiredReplicasWithBehaviors(now, currentReplicas, desiredReplicas, minReplicas, maxReplicas);
            }

            if (desiredReplicas != currentReplicas && spec.Behavior is not null)
            {
                StoreScaleEvent(now, currentReplicas, desiredReplicas);
            }

            return desiredReplicas;
        }

        private Rules ScaleUp => new(
            spec.Behavior!.ScaleUp?.StabilizationWindowSeconds ?? 0,
            spec.Behavior.ScaleUp?.SelectPolicy ?? HpaSelectPolicy.Max,
            spec.Behavior.ScaleUp?.Policies?.ToArray()
                ?? [new() { Type = HpaScalingPolicyType.Pods, Value = 4, PeriodSeconds = 15 }, new() { Type = HpaScalingPolicyType.Percent, Value = 100, PeriodSeconds = 15 }]);

        private Rules ScaleDown => new(
            spec.Behavior!.ScaleDown?.StabilizationWindowSeconds ?? spec.DownscaleStabilizationWindowSeconds,
            spec.Behavior.ScaleDown?.SelectPolicy ?? HpaSelectPolicy.Max,
            spec.Behavior.ScaleDown?.Policies?.ToArray() ?? [new() { Type = HpaScalingPolicyType.Percent, Value = 100, PeriodSeconds = 15 }]);

        private int NormalizeDesiredReplicas(DateTimeOffset now, int currentReplicas, int prenormalized, int hpaMin, int hpaMax)
        {
            // stabilizeRecommendation
            var maxRecommendation = prenormalized;
            var foundOldSample = false;
            var oldSampleIndex = 0;
            var cutoff = now.AddSeconds(-spec.DownscaleStabilizationWindowSeconds);
            for (var i = 0; i < _recommendations.Count; i++)
            {
                if (_recommendations[i].Timestamp < cutoff)
                {
                    foundOldSample = true;
                    oldSampleIndex = i;
                }
                else if (_recommendations[i].Recommendation > maxRecommendation)
                {
                    maxRecommendation = _recommendations[i].Recommendation;
                }
            }

            Record(foundOldSample, oldSampleIndex, prenormalized, now);

            // convertDesiredReplicasWithRules
            var scaleUpLimit = (int)Math.Max(2.0 * currentReplicas, 4.0);
            var maximumAllowed = hpaMax > scaleUpLimit ? scaleUpLimit : hpaMax;
            if (maxRecommendation < hpaMin)
            {
                return hpaMin;
            }

            return maxRecommendation > maximumAllowed ? maximumAllowed : maxRecommendation;
        }

        private int NormalizeDesiredReplicasWithBehaviors(DateTimeOffset now, int currentReplicas, int desired, int hpaMin, int hpaMax)
        {
            // stabilizeRecommendationWithBehaviors
            var (up, down) = (ScaleUp, ScaleDown);
            var upRecommendation = desired;
            var upCutoff = now.AddSeconds(-up.Window);
            var downRecommendation = desired;
            var downCutoff = now.AddSeconds(-down.Window);
            var foundOldSample = false;
            var oldSampleIndex = 0;
            for (var i = 0; i < _recommendations.Count; i++)
            {
                var rec = _recommendations[i];
                if (rec.Timestamp > upCutoff)
                {
                    upRecommendation = Math.Min(rec.Recommendation, upRecommendation);
                }

                if (rec.Timestamp > downCutoff)
                {
                    downRecommendation = Math.Max(rec.Recommendation, downRecommendation);
                }

                if (rec.Timestamp < upCutoff && rec.Timestamp < downCutoff)
                {
                    foundOldSample = true;
                    oldSampleIndex = i;
                }
            }

            var recommendation = currentReplicas;
            if (recommendation < upRecommendation)
            {
                recommendation = upRecommendation;
            }

            if (recommendation > downRecommendation)
            {
                recommendation = downRecommendation;
            }

            Record(foundOldSample, oldSampleIndex, desired, now);

            // convertDesiredReplicasWithBehaviorRate
            if (recommendation > currentReplicas)
            {
                var scaleUpLimit = CalculateScaleUpLimitWithScalingRules(now, currentReplicas, up);
                if (scaleUpLimit < currentReplicas)
                {
                    scaleUpLimit = currentReplicas;
                }

                var maximumAllowed = hpaMax > scaleUpLimit ? scaleUpLimit : hpaMax;
                return recommendation > maximumAllowed ? maximumAllowed : recommendation;
            }

            if (recommendation < currentReplicas)
            {
                var scaleDownLimit = CalculateScaleDownLimitWithBehaviors(now, currentReplicas, down);
                if (scaleDownLimit > currentReplicas)
                {
                    scaleDownLimit = currentReplicas;
                }

                var minimumAllowed = hpaMin < scaleDownLimit ? scaleDownLimit : hpaMin;
                return recommendation < minimumAllowed ? minimumAllowed : recommendation;
            }

            return recommendation;
        }

        private int CalculateScaleUpLimitWithScalingRules(DateTimeOffset now, int currentReplicas, Rules rules)
        {
            if (rules.Select == HpaSelectPolicy.Disabled)
            {
                return currentReplicas;
            }

            var isMin = rules.Select == HpaSelectPolicy.Min;
            var result = isMin ? int.MaxValue : int.MinValue;
            foreach (var policy in rules.Policies)
            {
                var periodStart = currentReplicas - Change(now, policy.PeriodSeconds, _scaleUpEvents) + Change(now, policy.PeriodSeconds, _scaleDownEvents);
                var proposed = policy.Type == HpaScalingPolicyType.Pods
                    ? periodStart + policy.Value
                    : (int)Math.Ceiling(periodStart * (1 + (policy.Value / 100.0)));
                result = isMin ? Math.Min(result, proposed) : Math.Max(result, proposed);
            }

            return result;
        }

        private int CalculateScaleDownLimitWithBehaviors(DateTimeOffset now, int currentReplicas, Rules rules)
        {
            if (rules.Select == HpaSelectPolicy.Disabled)
            {
                return currentReplicas;
            }

            var isMin = rules.Select == HpaSelectPolicy.Min;
            var result = isMin ? int.MinValue : int.MaxValue;
            foreach (var policy in rules.Policies)
            {
                var periodStart = currentReplicas - Change(now, policy.PeriodSeconds, _scaleUpEvents) + Change(now, policy.PeriodSeconds, _scaleDownEvents);
                var proposed = policy.Type == HpaScalingPolicyType.Pods
                    ? periodStart - policy.Value
                    : (int)(periodStart * (1 - (policy.Value / 100.0)));
                result = isMin ? Math.Max(result, proposed) : Math.Min(result, proposed);
            }

            return result;
        }

        private static int Change(DateTimeOffset now, int periodSeconds, List<(int ReplicaChange, DateTimeOffset Timestamp, bool Outdated)> events)
        {
            var cutoff = now.AddSeconds(-periodSeconds);
            return events.Where(e => e.Timestamp > cutoff).Sum(e => e.ReplicaChange);
        }

        private void StoreScaleEvent(DateTimeOffset now, int prevReplicas, int newReplicas)
        {
            var (events, rules, change) = newReplicas > prevReplicas
                ? (_scaleUpEvents, ScaleUp, newReplicas - prevReplicas)
                : (_scaleDownEvents, ScaleDown, prevReplicas - newReplicas);
            var longestPolicyPeriod = rules.Policies.Max(p => p.PeriodSeconds);
            var cutoff = now.AddSeconds(-longestPolicyPeriod);
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Timestamp < cutoff)
                {
                    events[i] = events[i] with { Outdated = true };
                }
            }

            var oldSampleIndex = -1;
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].Outdated)
                {
                    oldSampleIndex = i;
                }
            }

            if (oldSampleIndex >= 0)
            {
                events[oldSampleIndex] = (change, now, false);
            }
            else
            {
                events.Add((change, now, false));
            }
        }

        private void Record(bool foundOldSample, int oldSampleIndex, int recommendation, DateTimeOffset now)
        {
            if (foundOldSample)
            {
                _recommendations[oldSampleIndex] = (recommendation, now);
            }
            else
            {
                _recommendations.Add((recommendation, now));
            }
        }
    }
}
