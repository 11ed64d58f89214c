using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

public sealed class KedaReplicaModelTests
{
    [Fact]
    public void Scaled_object_settings_default_to_KEDAs_and_Kubernetes_defaults()
    {
        var settings = new KedaScaledObjectSettings();

        Assert.Null(settings.MinReplicaCount); // not set: KEDA's 0
        Assert.Equal(100, settings.MaxReplicaCount);
        Assert.Null(settings.Behavior); // KEDA creates the HPA without a behavior
        Assert.Equal(300, settings.DownscaleStabilizationWindowSeconds);
        Assert.Null(settings.IdleReplicaCount);
        Assert.Equal(0.1, settings.Tolerance);
        Assert.Equal(HpaToleranceRule.Inclusive, settings.ToleranceRule);
    }

    // lagThreshold 10 and default settings (HPA range [1, 100]) throughout.
    [Theory]
    [InlineData(30, 3, 3)] // ratio 30 / (10*3) = 1.0: keep 3.
    [InlineData(50, 2, 5)] // ratio 2.5: ceil(50 / 10) = 5.
    [InlineData(25, 1, 3)] // ratio 2.5: ceil(2.5) = 3.
    [InlineData(0, 4, 1)] // ratio 0: ceil(0) = 0, clamped up to max(min 0, 1) = 1.
    [InlineData(89, 10, 9)] // ratio 0.89 < 0.9: ceil(8.9) = 9.
    [InlineData(111, 10, 12)] // ratio 1.11 > 1.1: ceil(11.1) = 12.
    [InlineData(95, 10, 10)] // ratio 0.95: within the tolerance, keep 10.
    [InlineData(5_000, 3, 100)] // ceil(500) clamped to maxReplicaCount 100.
    [InlineData(-20, 2, 1)] // a negative metric: ratio -1, ceil(-2) clamped up to 1.
    public void Hpa_scales_to_ceil_of_metric_over_threshold_outside_the_tolerance(long metric, int current, int expected)
    {
        Assert.Equal(expected, KedaReplicaModel.GetHpaDesiredReplicas(metric, 10, current, new KedaScaledObjectSettings()));
    }

    // The tolerance boundaries, lagThreshold 10 and 10 current replicas, so ratio = metric / 100.
    [Theory]
    // ratio exactly 0.9: 0.9 <= 0.9 (new rule) keeps 10; |1 - 0.9| = 0.09999999999999998 <= 0.1 (old) keeps 10.
    [InlineData(90, HpaToleranceRule.Inclusive, 10)]
    [InlineData(90, HpaToleranceRule.Legacy, 10)]
    // ratio exactly 1.1: 1.1 <= 1.0 + 0.1 (new rule) keeps 10; |1 - 1.1| = 0.10000000000000009 > 0.1 (old): ceil(11) = 11.
    [InlineData(110, HpaToleranceRule.Inclusive, 10)]
    [InlineData(110, HpaToleranceRule.Legacy, 11)]
    // Just outside on both sides, both rules rescale: ceil(8.9) = 9 and ceil(11.1) = 12.
    [InlineData(89, HpaToleranceRule.Legacy, 9)]
    [InlineData(111, HpaToleranceRule.Legacy, 12)]
    public void Hpa_tolerance_boundaries_under_the_new_and_the_old_rule(long metric, HpaToleranceRule rule, int expected)
    {
        var settings = new KedaScaledObjectSettings { ToleranceRule = rule };

        Assert.Equal(expected, KedaReplicaModel.GetHpaDesiredReplicas(metric, 10, 10, settings));
    }

    [Theory]
    [InlineData(0.0, 30, 3, 3)] // tolerance 0: ratio exactly 1 still keeps 3.
    [InlineData(0.0, 31, 3, 4)] // tolerance 0: ratio 1.033: ceil(3.1) = 4.
    [InlineData(0.5, 44, 3, 3)] // tolerance 0.5: ratio 1.467 <= 1.5: keep 3.
    public void Hpa_tolerance_is_configurable(double tolerance, long metric, int current, int expected)
    {
        var settings = new KedaScaledObjectSettings { Tolerance = tolerance };

        Assert.Equal(expected, KedaReplicaModel.GetHpaDesiredReplicas(metric, 10, current, settings));
    }

    [Theory]
    [InlineData(0, 0, 100, 500, 0)] // a target at zero: the HPA does not act.
    [InlineData(3, 0, 20, 5_000, 20)] // ceil(500) clamped to maxReplicaCount 20.
    [InlineData(150, 0, 100, 0, 100)] // current above max: max, whatever the metric.
    [InlineData(1, 3, 100, 1_000, 3)] // current below max(min, 1) = 3: 3, whatever the metric.
    [InlineData(6, 5, 100, 10, 5)] // ratio 10 / 60: ceil(1) = 1, clamped up to min 5.
    [InlineData(2, 0, 100, 0, 1)] // min 0: the HPA's minimum is max(0, 1) = 1.
    public void Hpa_clamps_to_its_minimum_and_maximum(int current, int min, int max, long metric, int expected)
    {
        var settings = new KedaScaledObjectSettings { MinReplicaCount = min, MaxReplicaCount = max };

        Assert.Equal(expected, KedaReplicaModel.GetHpaDesiredReplicas(metric, 10, current, settings));
    }

    // KEDA's activation around the HPA; lagThreshold 10.
    [Theory]
    // Active at zero: KEDA scales to max(min, 1).
    [InlineData(true, false, 0, 0, null, 50, 1)]
    [InlineData(true, false, 0, 3, null, 50, 3)]
    // Active with idle mode and fewer replicas than min (idle 0, min 2, current 1): KEDA scales to min 2.
    [InlineData(true, false, 1, 2, 0, 0, 2)]
    // Active above zero: the HPA decides, ceil(50 / 10) = 5.
    [InlineData(true, false, 2, 0, null, 50, 5)]
    // Inactive with replicas and min 0: after the cooldown KEDA scales to 0 ...
    [InlineData(false, true, 4, 0, null, 0, 0)]
    // ... and before it the HPA still runs: ratio 0, ceil(0) clamped up to 1.
    [InlineData(false, false, 4, 0, null, 0, 1)]
    // Inactive in idle mode (idle 0, min 2) above idle: after the cooldown, idleReplicaCount 0 ...
    [InlineData(false, true, 3, 2, 0, 0, 0)]
    // ... and before it the HPA: clamped up to min 2.
    [InlineData(false, false, 3, 2, 0, 0, 2)]
    // Inactive below min without idle mode: KEDA sets min 2.
    [InlineData(false, false, 1, 2, null, 0, 2)]
    [InlineData(false, false, 0, 2, null, 0, 2)]
    // Inactive at idle (0) in idle mode: stays 0.
    [InlineData(false, true, 0, 2, 0, 0, 0)]
    // Inactive at zero with min 0: stays 0.
    [InlineData(false, true, 0, 0, null, 0, 0)]
    // Inactive with min 2 and 5 replicas: KEDA leaves it to the HPA, which goes down to min 2.
    [InlineData(false, true, 5, 2, null, 0, 2)]
    public void Keda_moves_between_zero_or_idle_and_the_minimum(
        bool active, bool cooldownElapsed, int current, int min, int? idle, long metric, int expected)
    {
        var settings = new KedaScaledObjectSettings { MinReplicaCount = min, IdleReplicaCount = idle };

        Assert.Equal(expected, KedaReplicaModel.GetDesiredReplicas(metric, 10, current, active, cooldownElapsed, settings));
    }

    [Fact]
    public void The_corrected_metric_predicts_no_replica_beyond_the_partitions()
    {
        // keda#4483 end to end: 2 partitions, lags 11 and 10, lagThreshold 10, 2 replicas running.
        var result = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings())
            .Evaluate([new("t", 0, 0, 11), new("t", 1, 0, 10)]);
        var settings = new KedaScaledObjectSettings();

        // KEDA's 21: ratio 21 / 20 = 1.05 is within the tolerance, so 2 stay ...
        Assert.Equal(2, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 10, 2, result.IsActive, false, settings));

        // ... but from 1 replica the HPA asks ceil(2.1) = 3 for 2 partitions; the corrected 20 asks ceil(2.0) = 2.
        Assert.Equal(3, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 10, 1, result.IsActive, false, settings));
        Assert.Equal(2, KedaReplicaModel.GetDesiredReplicas(result.CorrectedMetricValue, 10, 1, result.IsActive, false, settings));
    }

    public static TheoryData<KedaScaledObjectSettings, string> BadSettings => new()
    {
        { new() { MaxReplicaCount = 0 }, "MaxReplicaCount" },
        { new() { MinReplicaCount = -1 }, "MinReplicaCount" },
        { new() { MinReplicaCount = 5, MaxReplicaCount = 4 }, "MinReplicaCount" },
        { new() { MinReplicaCount = 2, IdleReplicaCount = 2 }, "IdleReplicaCount" },
        { new() { IdleReplicaCount = 0 }, "IdleReplicaCount" }, // 0 is not less than min 0
        { new() { Tolerance = -0.1 }, "Tolerance" },
        { new() { Tolerance = double.NaN }, "Tolerance" },
        { new() { ToleranceRule = (HpaToleranceRule)9 }, "ToleranceRule" },
        { new() { DownscaleStabilizationWindowSeconds = 3601 }, "DownscaleStabilizationWindowSeconds" },
        { new() { Behavior = new() { ScaleUp = new() { StabilizationWindowSeconds = -1 } } }, "Behavior:ScaleUp:StabilizationWindowSeconds" },
        { new() { Behavior = new() { ScaleDown = new() { StabilizationWindowSeconds = 3601 } } }, "Behavior:ScaleDown:StabilizationWindowSeconds" },
        { new() { Behavior = new() { ScaleUp = new() { Policies = [] } } }, "Behavior:ScaleUp:Policies" },
        { new() { Behavior = new() { ScaleUp = new() { Policies = [new() { Value = 0 }] } } }, "Behavior:ScaleUp:Policies:0:Value" },
        { new() { Behavior = new() { ScaleDown = new() { Policies = [new() { Value = 1, PeriodSeconds = 1801 }] } } }, "Behavior:ScaleDown:Policies:0:PeriodSeconds" },
        { new() { Behavior = new() { ScaleDown = new() { Policies = [new() { Value = 1, Type = (HpaScalingPolicyType)7 }] } } }, "Behavior:ScaleDown:Policies:0:Type" },
        { new() { Behavior = new() { ScaleUp = new() { SelectPolicy = (HpaSelectPolicy)7 } } }, "Behavior:ScaleUp:SelectPolicy" },
    };

    // CheckReplicaCountBoundsAreValid (apis/keda/v1alpha1/scaledobject_types.go): idle < the HPA's minimum when
    // minReplicaCount is set (max(min, 1)), idle < 0 when it is not.
    [Theory]
    [InlineData(0, 0, true)] // idleReplicaCount: 0, minReplicaCount: 0: compared with 1, accepted
    [InlineData(0, 1, true)]
    [InlineData(1, 1, false)]
    [InlineData(2, 3, true)]
    [InlineData(3, 3, false)]
    [InlineData(0, null, false)] // minReplicaCount not set: compared with 0, refused
    [InlineData(-1, 0, false)]
    public void Idle_replica_count_is_compared_with_the_HPAs_minimum_when_the_minimum_is_set(int idle, int? min, bool accepted)
    {
        var settings = new KedaScaledObjectSettings { MinReplicaCount = min, IdleReplicaCount = idle };

        var error = Record.Exception(() => KedaReplicaModel.GetDesiredReplicas(10, 10, 1, true, false, settings));

        Assert.Equal(accepted, error is null);
    }

    [Fact]
    public void Idle_zero_with_minimum_zero_scales_between_zero_and_one_like_plain_scale_to_zero()
    {
        var settings = new KedaScaledObjectSettings { MinReplicaCount = 0, IdleReplicaCount = 0 };

        Assert.Equal(1, KedaReplicaModel.GetDesiredReplicas(50, 10, 0, true, false, settings)); // activation: max(0, 1)
        Assert.Equal(5, KedaReplicaModel.GetDesiredReplicas(50, 10, 1, true, false, settings)); // then the HPA
        Assert.Equal(0, KedaReplicaModel.GetDesiredReplicas(0, 10, 5, false, true, settings)); // idle after the cooldown
    }

    [Theory]
    // An HPA proposal above 2^31-1 (here ceil(2^62 / 1)) is clamped to maxReplicaCount; so is anything above it.
    [InlineData(4_611_686_018_427_387_904L, 1, 100)]
    [InlineData(long.MaxValue, 1, 100)]
    [InlineData(2_147_483_648L, 1, 100)]
    public void A_proposal_beyond_int32_is_clamped_to_the_maximum(long metric, long lagThreshold, int expected) =>
        Assert.Equal(expected, KedaReplicaModel.GetHpaDesiredReplicas(metric, lagThreshold, 3, new KedaScaledObjectSettings()));

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_refused_naming_the_setting(KedaScaledObjectSettings settings, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KedaReplicaModel.GetDesiredReplicas(10, 10, 1, true, false, settings));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var settings = new KedaScaledObjectSettings();
        Assert.Throws<ArgumentNullException>(() => KedaReplicaModel.GetHpaDesiredReplicas(1, 10, 1, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaReplicaModel.GetHpaDesiredReplicas(1, 0, 1, settings));
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaReplicaModel.GetHpaDesiredReplicas(1, 10, -1, settings));
    }
}
