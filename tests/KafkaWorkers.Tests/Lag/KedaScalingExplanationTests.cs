using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

/// <summary>
/// Every reason code, produced through the models: offsets and settings in, the reason out. The reasons are written at
/// the branch that computes the number, so these tests also show that giving them changes no number.
/// </summary>
public sealed class KedaScalingExplanationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_partition_of_another_topic_is_not_counted()
    {
        var (_, reasons) = Evaluate(new() { Topic = "orders" }, new("payments", 0, 0, 5), new("orders", 0, 0, 5));

        Assert.Equal(
            [(KedaScalingReasonCodes.PartitionOfOtherTopic, "payments", (int?)0)],
            reasons.Where(r => r.Partition is not null).Select(r => (r.Code, r.Topic, r.Partition)));
    }

    [Fact]
    public void A_partition_outside_the_limitation_is_not_counted()
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders", PartitionLimitation = "0" }, new("orders", 0, 0, 5), new("orders", 1, 0, 5));

        Assert.Equal(1, result.PartitionCount);
        Assert.Equal((int?)1, Single(reasons, KedaScalingReasonCodes.PartitionOutsideLimitation).Partition);
    }

    [Fact]
    public void A_partition_missing_from_the_end_offset_answer_is_not_counted()
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders" }, new("orders", 0, 5, KafkaPartitionOffsets.None), new("orders", 1, 0, 5));

        Assert.Equal(1, result.PartitionCount);
        Assert.Equal((int?)0, Single(reasons, KedaScalingReasonCodes.PartitionWithoutEndOffset).Partition);
    }

    [Theory]
    [InlineData(KedaOffsetResetPolicy.Latest, false, 1, KedaScalingReasonCodes.NoCommitCountsOne)]
    [InlineData(KedaOffsetResetPolicy.Earliest, false, 100, KedaScalingReasonCodes.NoCommitCountsEndOffset)]
    [InlineData(KedaOffsetResetPolicy.Latest, true, 0, KedaScalingReasonCodes.NoCommitCountsZero)]
    [InlineData(KedaOffsetResetPolicy.Earliest, true, 0, KedaScalingReasonCodes.NoCommitCountsZero)]
    public void A_partition_without_a_commit_counts_what_the_reset_policy_makes_of_it(
        KedaOffsetResetPolicy policy, bool scaleToZero, long lag, string code)
    {
        var (result, reasons) = Evaluate(
            new() { Topic = "orders", OffsetResetPolicy = policy, ScaleToZeroOnInvalidOffset = scaleToZero },
            new KafkaPartitionOffsets("orders", 3, KafkaPartitionOffsets.None, 100));

        Assert.Equal(lag, result.TotalLag);
        var reason = Single(reasons, code);
        Assert.Equal(("orders", (int?)3), (reason.Topic, reason.Partition));
    }

    [Fact]
    public void Persistent_lag_is_held_back_from_the_second_read_on()
    {
        var model = new KedaKafkaScalerModel(new() { Topic = "orders", ExcludePersistentLag = true });
        KafkaPartitionOffsets[] offsets = [new("orders", 0, 40, 100), new("orders", 1, 100, 100)];
        var first = new List<KedaScalingReason>();
        model.Evaluate(offsets, [], first);
        var second = new List<KedaScalingReason>();

        var result = model.Evaluate(offsets, [], second);

        Assert.DoesNotContain(first, r => r.Code == KedaScalingReasonCodes.PersistentLagExcluded);
        Assert.Equal((0L, 60L), (result.TotalLag, result.ActivityLag));

        // Partition 1 is unmoved too, but has no lag to hold back.
        Assert.Equal((int?)0, Single(second, KedaScalingReasonCodes.PersistentLagExcluded).Partition);
    }

    [Fact]
    public void A_commit_past_the_end_offset_is_named()
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders" }, new("orders", 0, 120, 100), new("orders", 1, 0, 30));

        Assert.Equal(10, result.TotalLag);
        Assert.Equal((int?)0, Single(reasons, KedaScalingReasonCodes.CommittedPastEnd).Partition);
    }

    [Fact]
    public void AllowIdleConsumers_alone_removes_the_cap()
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders", AllowIdleConsumers = true }, new KafkaPartitionOffsets("orders", 0, 0, 100));

        Assert.Equal((100L, (long?)null), (result.MetricValue, result.ReplicaBound));
        Assert.Equal("no cap (allowIdleConsumers)", Single(reasons, KedaScalingReasonCodes.NoCap).Message);
    }

    [Fact]
    public void A_metric_within_the_cap_says_so()
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders" }, new("orders", 0, 0, 15), new("orders", 1, 0, 4));

        Assert.Equal(19, result.MetricValue);
        Assert.Equal("cap of 2 partitions not reached", Single(reasons, KedaScalingReasonCodes.CapNotReached).Message);
    }

    [Fact]
    public void A_metric_above_the_cap_is_capped_at_the_partition_count()
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders" }, new("orders", 0, 0, 60), new("orders", 1, 0, 40));

        Assert.Equal(20, result.MetricValue);
        Assert.Equal("capped at 2 partitions: metric 100 → 20", Single(reasons, KedaScalingReasonCodes.CappedAtPartitions).Message);
    }

    [Fact]
    public void LimitToPartitionsWithLag_caps_at_the_partitions_with_lag()
    {
        var (result, reasons) = Evaluate(
            new() { Topic = "orders", LimitToPartitionsWithLag = true }, new("orders", 0, 0, 100), new("orders", 1, 7, 7));

        Assert.Equal(10, result.MetricValue);
        Assert.Equal(
            "capped at 1 partition with lag: metric 100 → 10", Single(reasons, KedaScalingReasonCodes.CappedAtPartitionsWithLag).Message);
    }

    [Fact]
    public void The_integer_division_quirk_lets_a_metric_above_the_cap_through()
    {
        // kedacore/keda#4483: 21 / 10 = 2 is not above 2 partitions, so 21 goes to the HPA, which asks for 3.
        var (result, reasons) = Evaluate(new() { Topic = "orders" }, new("orders", 0, 0, 11), new("orders", 1, 0, 10));

        Assert.Equal((21L, 20L), (result.MetricValue, result.CorrectedMetricValue));
        Assert.Equal(
            "cap of 2 partitions skipped: 21 / 10 = 2 in integer division, not above 2 (kedacore/keda#4483; capped it would be 20)",
            Single(reasons, KedaScalingReasonCodes.CapSkippedByIntegerDivision).Message);
    }

    [Fact]
    public void Even_distribution_rounds_the_metric_to_a_divisor_of_the_partition_count()
    {
        var (result, reasons) = Evaluate(
            new() { Topic = "orders", LagThreshold = 50, EnsureEvenDistributionOfPartitions = true }, LagWorkedExampleTests.Offsets);

        Assert.Equal(300, result.MetricValue);
        Assert.Equal(
            "even distribution: lag 152 → metric 6 × 50 = 300 (6 divides 6 partitions)",
            Single(reasons, KedaScalingReasonCodes.EvenDistribution).Message);
        Assert.Contains(reasons, r => r.Code == KedaScalingReasonCodes.CapNotReached);
    }

    [Theory]
    [InlineData(10, 11, KedaScalingReasonCodes.Active, "active: activity 11 over activationLagThreshold 10")]
    [InlineData(10, 10, KedaScalingReasonCodes.Inactive, "inactive: activity 10 not over activationLagThreshold 10")]
    public void Activation_compares_the_activity_with_the_activation_threshold(long activation, long end, string code, string message)
    {
        var (result, reasons) = Evaluate(new() { Topic = "orders", ActivationLagThreshold = activation }, new KafkaPartitionOffsets("orders", 0, 0, end));

        Assert.Equal(code == KedaScalingReasonCodes.Active, result.IsActive);
        Assert.Equal(message, Single(reasons, code).Message);
    }

    [Fact]
    public void KEDA_activates_a_target_at_zero()
    {
        var (replicas, reasons) = Step(new KedaHpaModel(new()), metric: 152, current: 0, isActive: true);

        Assert.Equal(1, replicas);
        Assert.Equal("KEDA activates: 0 → 1", Single(reasons, KedaScalingReasonCodes.Activated).Message);
    }

    [Fact]
    public void KEDA_deactivates_once_the_cooldown_has_passed_and_the_HPA_decides_until_then()
    {
        var hpa = new KedaHpaModel(new() { MinReplicaCount = 0, IdleReplicaCount = 0 });

        var (pending, pendingReasons) = Step(hpa, metric: 0, current: 3, isActive: false, cooldownElapsed: false);
        var (deactivated, reasons) = Step(hpa, metric: 0, current: 3, isActive: false, cooldownElapsed: true);

        // Until the cooldown has passed the HPA decides: metric 0 → its minimum, 1.
        Assert.Equal(1, pending);
        Assert.Equal(
            [KedaScalingReasonCodes.CooldownPending, KedaScalingReasonCodes.MetricProposal, KedaScalingReasonCodes.ClampedToMinimum],
            pendingReasons.Select(r => r.Code));
        Assert.Equal(0, deactivated);
        Assert.Equal("KEDA deactivates after the cooldown: 3 → 0 (idleReplicaCount)", Single(reasons, KedaScalingReasonCodes.Deactivated).Message);
    }

    [Theory]
    [InlineData(0, false, 100, 0, KedaScalingReasonCodes.AtZero, "the HPA does not act at 0 replicas")]
    [InlineData(152, true, 100, 4, KedaScalingReasonCodes.MetricProposal, "metric 152 / lagThreshold 50 → 4")]
    [InlineData(52, true, 100, 1, KedaScalingReasonCodes.WithinTolerance, "metric 52 / lagThreshold 50 → 2, but ratio 1.04 at 1 is within tolerance 0.1: keeps 1")]
    [InlineData(600, true, 5, 5, KedaScalingReasonCodes.ClampedToMaximum, "clamped to maxReplicaCount 5")]
    public void The_HPA_gives_the_reason_of_the_count_it_settles_at(long metric, bool isActive, int max, int expected, string code, string message)
    {
        // 0 stays 0 when inactive; ceil(152 / 50) = 4; 52 / 50 = 1.04 is within the tolerance at 1; ceil(600 / 50) = 12 > 5.
        var (replicas, reasons) = Predict(metric, isActive, new() { MaxReplicaCount = max });

        Assert.Equal(expected, replicas);
        Assert.Equal(message, Single(reasons, code).Message);
    }

    [Fact]
    public void The_tolerance_band_shows_where_a_target_can_stay_below_the_prediction()
    {
        // kedacore/keda#2908: 64 partitions, metric capped at 64 × 100. A target at 63 stays there: 6400 / 6300 = 1.016.
        var (result, scalerReasons) = Evaluate(
            new() { Topic = "orders", LagThreshold = 100 },
            [.. Enumerable.Range(0, 64).Select(p => new KafkaPartitionOffsets("orders", p, 0, 1000))]);
        var (replicas, reasons) = Predict(result.MetricValue, result.IsActive, new() { MaxReplicaCount = 64 }, lagThreshold: 100);

        Assert.Contains(scalerReasons, r => r.Code == KedaScalingReasonCodes.CappedAtPartitions);
        Assert.Equal(64, replicas);
        Assert.Equal(
            "the HPA stays at any count from 59 to 64 at this metric (tolerance 0.1)",
            Single(reasons, KedaScalingReasonCodes.ToleranceBand).Message);
    }

    [Fact]
    public void MinReplicaCount_keeps_an_inactive_target_up()
    {
        var (replicas, reasons) = Predict(metric: 0, isActive: false, new() { MinReplicaCount = 2 });

        Assert.Equal(2, replicas);
        Assert.Equal(
            [(KedaScalingReasonCodes.MetricProposal, "metric 0 / lagThreshold 50 → 0"),
                (KedaScalingReasonCodes.ClampedToMinimum, "held at the HPA minimum 2, max(minReplicaCount, 1)")],
            reasons.Select(r => (r.Code, r.Message)));

        // KEDA's own move from 0 to the minimum.
        var (fromZero, kedaReasons) = Step(new KedaHpaModel(new() { MinReplicaCount = 2 }), metric: 0, current: 0, isActive: false);
        Assert.Equal(2, fromZero);
        Assert.Equal("KEDA holds minReplicaCount 2", Single(kedaReasons, KedaScalingReasonCodes.ClampedToMinimum).Message);
    }

    [Fact]
    public void The_scale_down_stabilization_window_holds_an_earlier_recommendation()
    {
        var hpa = new KedaHpaModel(new());
        Step(hpa, metric: 100, current: 10, isActive: true);

        var (replicas, reasons) = Step(hpa, metric: 20, current: 10, isActive: true, at: Start.AddSeconds(15));

        Assert.Equal(10, replicas);
        Assert.Equal(
            "the 300 s scale-down stabilization window holds 10 (this sync proposes 2)",
            Single(reasons, KedaScalingReasonCodes.StabilizationWindow).Message);
    }

    [Fact]
    public void The_scale_up_stabilization_window_of_a_behavior_holds_an_earlier_recommendation()
    {
        var hpa = new KedaHpaModel(new() { Behavior = new() { ScaleUp = new() { StabilizationWindowSeconds = 60 } } });
        Step(hpa, metric: 20, current: 2, isActive: true);

        var (replicas, reasons) = Step(hpa, metric: 400, current: 2, isActive: true, at: Start.AddSeconds(15));

        Assert.Equal(2, replicas);
        Assert.Equal(
            "the 60 s scale-up stabilization window holds 2 (this sync proposes 40)", Single(reasons, KedaScalingReasonCodes.StabilizationWindow).Message);
    }

    [Theory]
    [InlineData(false, 4, "scale-up limited to max(2 × 1, 4) = 4 per sync")]
    [InlineData(true, 5, "scale-up limited to 5 by the behavior policies")]
    public void The_HPA_rate_limits_a_scale_up(bool withBehavior, int expected, string message)
    {
        var hpa = new KedaHpaModel(new() { Behavior = withBehavior ? new HpaBehavior() : null });

        var (replicas, reasons) = Step(hpa, metric: 400, current: 1, isActive: true);

        Assert.Equal(expected, replicas);
        Assert.Equal(message, Single(reasons, KedaScalingReasonCodes.RateLimited).Message);
    }

    [Fact]
    public void A_disabled_direction_keeps_the_count()
    {
        var settings = new KedaScaledObjectSettings { Behavior = new() { ScaleUp = new() { SelectPolicy = HpaSelectPolicy.Disabled } } };

        var (stepped, stepReasons) = Step(new KedaHpaModel(settings), metric: 400, current: 1, isActive: true);
        var (predicted, reasons) = Predict(metric: 400, isActive: true, settings);

        Assert.Equal((1, 1), (stepped, predicted));
        Assert.Equal("scale-up disabled (selectPolicy Disabled): stays at 1", Single(stepReasons, KedaScalingReasonCodes.ScalingDisabled).Message);
        Assert.Equal("scale-up disabled (selectPolicy Disabled): stays at 1", Single(reasons, KedaScalingReasonCodes.ScalingDisabled).Message);
    }

    [Fact]
    public void The_codes_are_unique_and_grouped()
    {
        // 28 codes, each produced above (a new code needs a test here, and a line in docs/explain.md).
        var codes = typeof(KedaScalingReasonCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();

        Assert.Equal(28, codes.Length);
        Assert.Equal(codes.Length, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.Matches("^(replicas|cap|trigger|partition)\\.[a-z-]+$", c));
    }

    [Fact]
    public void The_summary_puts_the_replica_count_first_then_the_cap_the_activation_and_the_partitions()
    {
        var (result, scalerReasons) = Evaluate(new() { Topic = "orders", LagThreshold = 50 }, LagWorkedExampleTests.Offsets);
        var (replicas, replicaReasons) = Predict(result.MetricValue, result.IsActive, new());

        var explanation = KedaScalingExplanation.Create(replicas, [.. scalerReasons, .. replicaReasons]);

        Assert.Equal(
            "4 replicas: metric 152 / lagThreshold 50 → 4; the HPA stays at any count from 3 to 4 at this metric (tolerance 0.1); " +
            "cap of 6 partitions not reached; active: activity 152 over activationLagThreshold 0; " +
            "orders [4, 5]: no committed offset: counts 1 (offsetResetPolicy latest)",
            explanation.Summary);
        Assert.Equal([.. scalerReasons, .. replicaReasons], explanation.Reasons);
    }

    [Fact]
    public void The_summary_counts_many_partitions_instead_of_naming_them()
    {
        var (_, reasons) = Evaluate(
            new() { Topic = "orders" }, [.. Enumerable.Range(0, 7).Select(p => new KafkaPartitionOffsets("orders", p, KafkaPartitionOffsets.None, 0))]);

        var summary = KedaScalingExplanation.Create(1, reasons).Summary;

        Assert.StartsWith("1 replica: cap of 7 partitions not reached; active", summary, StringComparison.Ordinal);
        Assert.EndsWith("; orders (7 partitions): no committed offset: counts 1 (offsetResetPolicy latest)", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Giving_reasons_changes_no_number()
    {
        var random = new Random(18);
        for (var i = 0; i < 2000; i++)
        {
            var settings = new KedaKafkaTriggerSettings
            {
                Topic = "orders",
                LagThreshold = random.Next(1, 60),
                ActivationLagThreshold = random.Next(0, 5),
                OffsetResetPolicy = random.Next(2) == 0 ? KedaOffsetResetPolicy.Latest : KedaOffsetResetPolicy.Earliest,
                ExcludePersistentLag = random.Next(2) == 0,
                ScaleToZeroOnInvalidOffset = random.Next(3) == 0,
            };
            switch (random.Next(4))
            {
                case 0: settings.AllowIdleConsumers = true; break;
                case 1: settings.LimitToPartitionsWithLag = true; break;
                case 2: settings.EnsureEvenDistributionOfPartitions = true; break;
            }

            var offsets = Enumerable.Range(0, random.Next(1, 9))
                .Select(p => new KafkaPartitionOffsets(
                    random.Next(8) == 0 ? "payments" : "orders", p, random.Next(-1, 90), random.Next(6) == 0 ? -1 : random.Next(0, 100)))
                .ToArray();
            if (!offsets.Any(o => o.Topic == "orders"))
            {
                continue;
            }

            var plain = new KedaKafkaScalerModel(settings);
            var explained = new KedaKafkaScalerModel(settings);
            var scaled = new KedaScaledObjectSettings { MinReplicaCount = random.Next(0, 3), MaxReplicaCount = random.Next(3, 12) };
            for (var read = 0; read < 2; read++)
            {
                var reasons = new List<KedaScalingReason>();
                var expected = plain.Evaluate(offsets);
                var actual = explained.Evaluate(offsets, [], reasons);
                Assert.Equal(expected, actual);
                Assert.Equal(
                    KafkaLagPoller.PredictReplicas(expected, settings.LagThreshold, scaled),
                    KafkaLagPoller.PredictReplicas(actual, settings.LagThreshold, scaled, reasons));
                Assert.Single(reasons, r => r.Code.StartsWith("trigger.", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void Giving_reasons_changes_no_step_of_the_HPA()
    {
        var random = new Random(2908);
        for (var run = 0; run < 200; run++)
        {
            var settings = new KedaScaledObjectSettings
            {
                MinReplicaCount = random.Next(0, 3),
                MaxReplicaCount = random.Next(3, 30),
                Behavior = random.Next(2) == 0 ? null : new HpaBehavior
                {
                    ScaleUp = new() { StabilizationWindowSeconds = random.Next(0, 60), SelectPolicy = (HpaSelectPolicy)random.Next(0, 3) },
                    ScaleDown = new() { StabilizationWindowSeconds = random.Next(0, 120) },
                },
            };
            var plain = new KedaHpaModel(settings);
            var explained = new KedaHpaModel(settings);
            var (a, b) = (0, 0);
            for (var sync = 0; sync < 30; sync++)
            {
                var (metric, active, cooldown) = (random.Next(0, 400), random.Next(4) != 0, random.Next(2) == 0);
                var now = Start.AddSeconds(15 * sync);
                a = plain.Step(now, metric, 10, a, active, cooldown);
                b = explained.Step(now, metric, 10, b, active, cooldown, null, new List<KedaScalingReason>());
                Assert.Equal(a, b);
            }
        }
    }

    private static (KedaKafkaScalerResult Result, List<KedaScalingReason> Reasons) Evaluate(
        KedaKafkaTriggerSettings settings, params KafkaPartitionOffsets[] offsets)
    {
        var reasons = new List<KedaScalingReason>();
        var result = new KedaKafkaScalerModel(settings).Evaluate(offsets, new KedaKafkaPartitionLag[offsets.Length], reasons);
        return (result, reasons);
    }

    private static (int Replicas, List<KedaScalingReason> Reasons) Predict(long metric, bool isActive, KedaScaledObjectSettings settings, long lagThreshold = 50)
    {
        var reasons = new List<KedaScalingReason>();
        var replicas = KafkaLagPoller.PredictReplicas(new KedaKafkaScalerResult { MetricValue = metric, IsActive = isActive }, lagThreshold, settings, reasons);
        return (replicas, reasons);
    }

    private static (int Replicas, List<KedaScalingReason> Reasons) Step(
        KedaHpaModel hpa, long metric, int current, bool isActive, bool cooldownElapsed = false, DateTimeOffset? at = null)
    {
        var reasons = new List<KedaScalingReason>();
        var replicas = hpa.Step(at ?? Start, metric, 10, current, isActive, cooldownElapsed, null, reasons);
        return (replicas, reasons);
    }

    private static KedaScalingReason Single(IEnumerable<KedaScalingReason> reasons, string code) => Assert.Single(reasons, r => r.Code == code);
}
