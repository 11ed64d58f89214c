using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

/// <summary>
/// The HPA controller's normalization (kubernetes pkg/controller/podautoscaler/horizontal.go): the cases of the
/// controller's TestNormalizeDesiredReplicasWithBehaviors, TestStabilizeRecommendationWithBehaviors,
/// TestConvertDesiredReplicasWithBehaviorRate and TestConvertDesiredReplicasWithRules (as kept in karmada's port of
/// the controller, whose functions are horizontal.go's), driven through syncs (the
/// metric is chosen so that the proposal is the test's prenormalized count: lagThreshold 10, metric = 10 × proposal),
/// and timelines of the defaults.
/// </summary>
public sealed class KedaHpaModelTests
{
    private const long Threshold = 10;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HpaScalingRules Rules(int? window, params HpaScalingPolicy[] policies) =>
        new() { StabilizationWindowSeconds = window, SelectPolicy = HpaSelectPolicy.Max, Policies = policies };

    private static HpaScalingPolicy Percent(int value, int period = 60) => new() { Type = HpaScalingPolicyType.Percent, Value = value, PeriodSeconds = period };

    private static HpaScalingPolicy Pods(int value, int period = 60) => new() { Type = HpaScalingPolicyType.Pods, Value = value, PeriodSeconds = period };

    private static long MetricFor(int proposal) => proposal * Threshold;

    [Theory]
    // "Scale up with behavior": current 5, proposal 15, up 200 % per 60 s: ceil(5 × 3) = 15, capped at max 10.
    [InlineData(5, 15, 200, 100, 10)]
    // "Scale down with behavior": current 8, proposal 2, down 50 % per 60 s: trunc(8 × 0.5) = 4.
    [InlineData(8, 2, 200, 50, 4)]
    public void Normalize_with_behaviors(int current, int proposal, int upPercent, int downPercent, int expected)
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            MinReplicaCount = 1,
            MaxReplicaCount = 10,
            Behavior = new() { ScaleUp = Rules(300, Percent(upPercent)), ScaleDown = Rules(300, Percent(downPercent)) },
        });

        Assert.Equal(expected, model.Sync(T0, MetricFor(proposal), Threshold, current));
    }

    [Fact]
    public void Scale_up_is_stabilized_to_the_lowest_recommendation_of_the_window()
    {
        // Up window 300 s, down window 600 s; recommendations 7 (4 min ago) and 8 (2 min ago); now 10 from 5: 7.
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            Behavior = new() { ScaleUp = Rules(300, Pods(100, 15)), ScaleDown = Rules(600, Percent(100, 15)) },
        });
        model.Sync(T0.AddMinutes(-4), MetricFor(7), Threshold, 5);
        model.Sync(T0.AddMinutes(-2), MetricFor(8), Threshold, 5);

        Assert.Equal(7, model.Sync(T0, MetricFor(10), Threshold, 5));
    }

    [Fact]
    public void Scale_down_is_stabilized_to_the_highest_recommendation_of_the_window()
    {
        // Recommendations 4 (8 min ago) and 5 (5 min ago, inside the 600 s down window); now 3 from 8: 5.
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            Behavior = new() { ScaleUp = Rules(300, Pods(100, 15)), ScaleDown = Rules(600, Percent(100, 15)) },
        });
        model.Sync(T0.AddMinutes(-8), MetricFor(4), Threshold, 8);
        model.Sync(T0.AddMinutes(-5), MetricFor(5), Threshold, 8);

        Assert.Equal(5, model.Sync(T0, MetricFor(3), Threshold, 8));
    }

    [Theory]
    // TestConvertDesiredReplicasWithBehaviorRate: within limits up (5 -> 8) and down (5 -> 3), beyond max (8 -> 12: 10).
    [InlineData(5, 8, 8)]
    [InlineData(5, 3, 3)]
    [InlineData(8, 12, 10)]
    public void Rate_limits_within_range_and_the_maximum(int current, int proposal, int expected)
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            MinReplicaCount = 1,
            MaxReplicaCount = 10,
            Behavior = new() { ScaleUp = Rules(0, Percent(200)), ScaleDown = Rules(0, Percent(100)) },
        });

        Assert.Equal(expected, model.Sync(T0, MetricFor(proposal), Threshold, current));
    }

    [Theory]
    // TestConvertDesiredReplicasWithRules (no behavior): min 3, max 10, current 5.
    [InlineData(7, 7)]
    [InlineData(2, 3)]
    [InlineData(15, 10)]
    public void Without_a_behavior_the_proposal_is_clamped_to_min_and_to_max_and_twice_the_current(int proposal, int expected)
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings { MinReplicaCount = 3, MaxReplicaCount = 10 });

        Assert.Equal(expected, model.Sync(T0, MetricFor(proposal), Threshold, 5));
    }

    [Fact]
    public void Without_a_behavior_scale_up_is_max_of_twice_and_four_per_sync()
    {
        // calculateScaleUpLimit: max(2 × current, 4): 1 -> 4 -> 8 -> 16 -> 20 for a proposal of 20, a sync every 15 s.
        var model = new KedaHpaModel(new KedaScaledObjectSettings());
        var replicas = 1;
        var timeline = new List<int>();
        for (var sync = 0; sync < 5; sync++)
        {
            replicas = model.Sync(T0.AddSeconds(15 * sync), MetricFor(20), Threshold, replicas);
            timeline.Add(replicas);
        }

        Assert.Equal([4, 8, 16, 20, 20], timeline);
    }

    [Fact]
    public void Without_a_behavior_scale_down_waits_for_the_300_second_window()
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings());
        Assert.Equal(4, model.Sync(T0, MetricFor(4), Threshold, 4));

        // The lag is gone: the highest recommendation of the last 300 s (4, at T0) holds, up to and at T0 + 300 s ...
        Assert.Equal(4, model.Sync(T0.AddSeconds(15), 0, Threshold, 4));
        Assert.Equal(4, model.Sync(T0.AddSeconds(300), 0, Threshold, 4));

        // ... and only a recommendation older than 300 s is forgotten (Before(cutoff), strictly).
        Assert.Equal(1, model.Sync(T0.AddSeconds(315), 0, Threshold, 4));
    }

    [Fact]
    public void Default_behavior_scales_up_by_four_pods_or_doubling_per_15_seconds()
    {
        // Behavior given, rules left out: up Pods 4 and Percent 100 per 15 s, select Max, no up stabilization.
        var model = new KedaHpaModel(new KedaScaledObjectSettings { Behavior = new() });
        var replicas = 1;
        var timeline = new List<int>();
        for (var sync = 0; sync < 5; sync++)
        {
            replicas = model.Sync(T0.AddSeconds(15 * sync), MetricFor(40), Threshold, replicas);
            timeline.Add(replicas);
        }

        // 1 -> max(1 + 4, 2) = 5 -> max(9, 10) = 10 -> 20 -> 40: the event exactly 15 s old no longer counts.
        Assert.Equal([5, 10, 20, 40, 40], timeline);
    }

    [Fact]
    public void Scale_events_within_the_period_count_against_the_limit()
    {
        // Up Pods 2 per 60 s, syncs every 15 s: 2 -> 4, then 4 - 2 (added 15 s ago) + 2 = 4: no more until 60 s passed.
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            Behavior = new() { ScaleUp = Rules(0, Pods(2)) },
        });

        Assert.Equal(4, model.Sync(T0, MetricFor(10), Threshold, 2));
        Assert.Equal(4, model.Sync(T0.AddSeconds(15), MetricFor(10), Threshold, 4));
        Assert.Equal(4, model.Sync(T0.AddSeconds(45), MetricFor(10), Threshold, 4));
        Assert.Equal(6, model.Sync(T0.AddSeconds(60), MetricFor(10), Threshold, 4));
    }

    [Fact]
    public void Default_behavior_stabilizes_scale_down_over_the_controllers_window()
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings { Behavior = new(), DownscaleStabilizationWindowSeconds = 60 });
        Assert.Equal(6, model.Sync(T0, MetricFor(6), Threshold, 6));

        Assert.Equal(6, model.Sync(T0.AddSeconds(45), 0, Threshold, 6));

        // 60 s later the 6 is at the cutoff (not After it) and drops out; scale-down Percent 100: straight to 1.
        Assert.Equal(1, model.Sync(T0.AddSeconds(60), 0, Threshold, 6));
    }

    [Theory]
    [InlineData(HpaSelectPolicy.Max, 5)] // max(1 + 4, ceil(1 × 2)) = 5
    [InlineData(HpaSelectPolicy.Min, 2)] // min(5, 2) = 2
    [InlineData(HpaSelectPolicy.Disabled, 1)] // no scale-up at all
    public void Select_policy_picks_among_the_scale_up_policies(HpaSelectPolicy select, int expected)
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            Behavior = new() { ScaleUp = new() { SelectPolicy = select, Policies = [Pods(4, 15), Percent(100, 15)] } },
        });

        Assert.Equal(expected, model.Sync(T0, MetricFor(50), Threshold, 1));
    }

    [Theory]
    [InlineData(HpaSelectPolicy.Max, 1)] // min(10 - 4, trunc(10 × 0)) = 0, raised to the minimum 1
    [InlineData(HpaSelectPolicy.Min, 6)] // max(6, 0) = 6
    [InlineData(HpaSelectPolicy.Disabled, 10)]
    public void Select_policy_picks_among_the_scale_down_policies(HpaSelectPolicy select, int expected)
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings
        {
            Behavior = new() { ScaleDown = new() { StabilizationWindowSeconds = 0, SelectPolicy = select, Policies = [Pods(4, 15), Percent(100, 15)] } },
        });

        Assert.Equal(expected, model.Sync(T0, 0, Threshold, 10));
    }

    [Fact]
    public void The_HPA_does_nothing_at_zero_and_enforces_its_bounds_first()
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings { MinReplicaCount = 2, MaxReplicaCount = 5 });

        Assert.Equal(0, model.Sync(T0, MetricFor(50), Threshold, 0));
        Assert.Equal(5, model.Sync(T0, 0, Threshold, 9));
        Assert.Equal(2, model.Sync(T0, MetricFor(50), Threshold, 1));
    }

    [Fact]
    public void A_step_is_KEDAs_activation_then_the_HPA()
    {
        var model = new KedaHpaModel(new KedaScaledObjectSettings { Behavior = new() });

        // KEDA activates 0 -> 1; the HPA then scales by its policy (1 -> 5), then KEDA scales to 0 after the cooldown.
        Assert.Equal(1, model.Step(T0, MetricFor(40), Threshold, 0, isActive: true, cooldownElapsed: false));
        Assert.Equal(5, model.Step(T0.AddSeconds(30), MetricFor(40), Threshold, 1, isActive: true, cooldownElapsed: false));
        Assert.Equal(0, model.Step(T0.AddSeconds(600), 0, Threshold, 5, isActive: false, cooldownElapsed: true));
    }

    [Fact]
    public void The_settings_are_copied_and_validated()
    {
        var settings = new KedaScaledObjectSettings { MaxReplicaCount = 4 };
        var model = new KedaHpaModel(settings);
        settings.MaxReplicaCount = 50;

        Assert.Equal(4, model.Sync(T0, MetricFor(40), Threshold, 3));
        Assert.Throws<ArgumentNullException>(() => new KedaHpaModel(null!));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new KedaHpaModel(new KedaScaledObjectSettings { Behavior = new() { ScaleUp = new() { Policies = [] } } }));
    }
}
