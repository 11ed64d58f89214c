using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

public sealed class KedaScaledJobModelTests
{
    [Fact]
    public void Scaled_job_settings_default_to_KEDAs_defaults()
    {
        var settings = new KedaScaledJobSettings();

        Assert.Equal(0, settings.MinReplicaCount);
        Assert.Null(settings.MaxReplicaCount); // not set: KEDA's 100, not reduced by the minimum
        Assert.Equal(100, KedaScaledJobSettings.DefaultMaxReplicaCount);
        Assert.Equal(KedaScalingStrategy.Default, settings.Strategy);
        Assert.Null(settings.CustomScalingQueueLengthDeduction);
        Assert.Null(settings.CustomScalingRunningJobPercentage);
    }

    // Default strategy, lagThreshold 10, maxReplicaCount 100 unless stated.
    [Theory]
    // maxScale = ceil(min(50 / 10, 100)) = 5; limit 5 - 2 running = 3; min(scaleTo 50, 3) = 3.
    [InlineData(50, true, 2, 0, 0, 100, 50, 5, 3, 3)]
    // limit 5 - 6 running = -1 -> 0: nothing.
    [InlineData(50, true, 6, 0, 0, 100, 50, 5, 0, 0)]
    // maxScale = ceil(2.5) = 3; limit 3 - 0 = 3.
    [InlineData(25, true, 0, 0, 0, 100, 25, 3, 3, 3)]
    // maxReplicaCount 3: maxScale = ceil(min(5, 3)) = 3; limit 3.
    [InlineData(50, true, 0, 0, 0, 3, 50, 3, 3, 3)]
    // Pending jobs do not count for the default strategy: 5 - 1 running = 4.
    [InlineData(50, true, 1, 1, 0, 100, 50, 5, 4, 4)]
    // Inactive trigger: not taken, queue 0, maxScale 0: nothing.
    [InlineData(50, false, 0, 0, 0, 100, 0, 0, 0, 0)]
    // Active trigger with metric 0 (say all lag persistent): KEDA's max calculation does not take it: nothing.
    [InlineData(0, true, 0, 0, 0, 100, 0, 0, 0, 0)]
    // min 2, 0 running, no lag: active because min > 0; scaleTo = limit = 2 - 0 = 2.
    [InlineData(0, false, 0, 0, 2, 100, 2, 0, 2, 2)]
    // min 2, 3 running, metric 50: running beyond min = 1; limit 5 - 1 = 4.
    [InlineData(50, true, 3, 0, 2, 100, 50, 5, 4, 4)]
    // min 2, 1 running, metric 50: below min, so scaleTo = limit = 2 - 1 = 1 (the lag is not looked at).
    [InlineData(50, true, 1, 0, 2, 100, 1, 5, 1, 1)]
    public void Default_strategy(
        long metric, bool triggerActive, long running, long pending, long min, long max,
        long scaleTo, long maxScale, long effectiveMaxScale, long jobs)
    {
        var settings = new KedaScaledJobSettings { MinReplicaCount = min, MaxReplicaCount = max };

        var decision = KedaScaledJobModel.GetJobsToCreate(metric, 10, triggerActive, running, pending, settings);

        Assert.Equal((scaleTo, maxScale, effectiveMaxScale, jobs), (decision.ScaleTo, decision.MaxScale, decision.EffectiveMaxScale, decision.JobsToCreate));
        Assert.Equal((metric > 0 && triggerActive) || min > 0, decision.IsActive); // the trigger is taken, or min > 0
    }

    [Theory]
    // deduction 1, 50%: min(5 - 1 - trunc(3 * 0.5 = 1.5) = 3, 100) = 3 jobs.
    [InlineData(50, 3, 1, 0.5, 100, 3)]
    // maxReplicaCount 2: maxScale = 2; min(2 - 0 - trunc(1.5) = 1, 2) = 1 job.
    [InlineData(50, 3, 0, 0.5, 2, 1)]
    // 0%: running jobs do not count: min(5 - 0 - 0, 100) = 5.
    [InlineData(50, 4, 0, 0.0, 100, 5)]
    // deduction 10 > maxScale: 5 - 10 - 0 = -5 -> 0 jobs.
    [InlineData(50, 0, 10, 1.0, 100, 0)]
    // 100% with 2 running: 5 - 0 - 2 = 3, as the default strategy.
    [InlineData(50, 2, 0, 1.0, 100, 3)]
    public void Custom_strategy(long metric, long running, int deduction, double percentage, long max, long jobs)
    {
        var settings = new KedaScaledJobSettings
        {
            MaxReplicaCount = max,
            Strategy = KedaScalingStrategy.Custom,
            CustomScalingQueueLengthDeduction = deduction,
            CustomScalingRunningJobPercentage = percentage,
        };

        Assert.Equal(jobs, KedaScaledJobModel.GetJobsToCreate(metric, 10, true, running, 0, settings).JobsToCreate);
    }

    [Fact]
    public void Custom_strategy_without_a_percentage_falls_back_to_default()
    {
        // As KEDA when the percentage cannot be parsed: default, 5 - 2 = 3 (custom with deduction 3 would give 0).
        var settings = new KedaScaledJobSettings { Strategy = KedaScalingStrategy.Custom, CustomScalingQueueLengthDeduction = 3 };

        Assert.Equal(3, KedaScaledJobModel.GetJobsToCreate(50, 10, true, 2, 0, settings).JobsToCreate);
    }

    // lagThreshold 10: maxScale = ceil(min(metric / 10, max)).
    [Theory]
    // accurate: 5 + 2 - 1 = 6 <= 100: limit 5 - 1 pending = 4; scaleTo stays 50.
    [InlineData(KedaScalingStrategy.Accurate, 50, 2, 1, 100, 50, 4)]
    // accurate, max 6: 5 + 3 - 1 = 7 > 6: limit 6 - 3 running = 3.
    [InlineData(KedaScalingStrategy.Accurate, 50, 3, 1, 6, 50, 3)]
    // accurate, max 6: 5 + 1 - 2 = 4, not > 6: limit 5 - 2 pending = 3.
    [InlineData(KedaScalingStrategy.Accurate, 50, 1, 2, 6, 50, 3)]
    // accurate, more pending than maxScale: 2 - 4 = -2 -> 0.
    [InlineData(KedaScalingStrategy.Accurate, 20, 0, 4, 100, 20, 0)]
    // eager, max 10, maxScale 3: limit min(10 - 2 - 1, 3) = 3; scaleTo becomes 10; min(10, 3) = 3.
    [InlineData(KedaScalingStrategy.Eager, 30, 2, 1, 10, 10, 3)]
    // eager, max 10, maxScale min(20, 10) = 10: limit min(10 - 2 - 1, 10) = 7 (default would give 10 - 2 = 8).
    [InlineData(KedaScalingStrategy.Eager, 200, 2, 1, 10, 10, 7)]
    // eager, full: min(10 - 6 - 4, 10) = 0.
    [InlineData(KedaScalingStrategy.Eager, 200, 6, 4, 10, 10, 0)]
    // eager, metric 5: scaleTo is the max (10), the limit min(10 - 0 - 0, ceil(0.5) = 1) = 1.
    [InlineData(KedaScalingStrategy.Eager, 5, 0, 0, 10, 10, 1)]
    public void Accurate_and_eager_strategies(
        KedaScalingStrategy strategy, long metric, long running, long pending, long max, long scaleTo, long jobs)
    {
        var settings = new KedaScaledJobSettings { MaxReplicaCount = max, Strategy = strategy };

        var decision = KedaScaledJobModel.GetJobsToCreate(metric, 10, true, running, pending, settings);

        Assert.Equal((scaleTo, jobs), (decision.ScaleTo, decision.JobsToCreate));
    }

    public static TheoryData<KedaScaledJobSettings> BadSettings => new()
    {
        new() { MaxReplicaCount = -1 },
        new() { MinReplicaCount = -1 },
        new() { Strategy = (KedaScalingStrategy)12 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_refused(KedaScaledJobSettings settings) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaScaledJobModel.GetJobsToCreate(10, 10, true, 0, 0, settings));

    // pkg/scaling/executor/scale_jobs_test.go (kedacore/keda 002180f): each strategy's GetEffectiveMaxScale(maxScale,
    // running, pending, maxReplicaCount), reached here with lagThreshold 1 (maxScale = metric), minReplicaCount 0 and
    // maxReplicaCount set (so the effective maximum is maxReplicaCount).
    [Theory]
    // TestDefaultScalingStrategy
    [InlineData(KedaScalingStrategy.Default, null, null, 3, 2, 0, 5, 1)]
    [InlineData(KedaScalingStrategy.Default, null, null, 2, 0, 0, 5, 2)]
    // TestCustomScalingStrategy: deduction 1, "0.5"
    [InlineData(KedaScalingStrategy.Custom, 1, 0.5, 3, 2, 0, 5, 1)]
    [InlineData(KedaScalingStrategy.Custom, 1, 0.5, 10, 0, 0, 10, 9)]
    // ... no parameters: as default
    [InlineData(KedaScalingStrategy.Custom, null, null, 3, 2, 0, 5, 1)]
    [InlineData(KedaScalingStrategy.Custom, null, null, 2, 0, 0, 5, 2)]
    // ... deduction 2, "0"
    [InlineData(KedaScalingStrategy.Custom, 2, 0.0, 3, 2, 0, 5, 1)]
    // ... deduction -2, "0": 3 + 2 = 5, capped at maxReplicaCount 4
    [InlineData(KedaScalingStrategy.Custom, -2, 0.0, 3, 2, 0, 4, 4)]
    // TestCustomScalingStrategyNilQueueLengthDeduction (kedacore/keda#7871): no deduction counts 0
    [InlineData(KedaScalingStrategy.Custom, null, 0.5, 3, 2, 0, 5, 2)]
    [InlineData(KedaScalingStrategy.Custom, null, 0.5, 10, 0, 0, 10, 10)]
    // TestAccurateScalingStrategy (kedacore/keda#7417: maxScale + running - pending > maxReplicaCount)
    [InlineData(KedaScalingStrategy.Accurate, null, null, 3, 2, 0, 5, 3)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 5, 2, 0, 5, 3)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 3, 4, 2, 10, 1)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 5, 4, 2, 5, 1)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 3, 3, 3, 5, 0)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 15, 15, 15, 20, 0)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 10, 10, 10, 15, 0)]
    [InlineData(KedaScalingStrategy.Accurate, null, null, 20, 15, 10, 20, 5)]
    // TestEagerScalingStrategy (the last one's maxScale 15 is capped at 10 before the strategy here: same answer)
    [InlineData(KedaScalingStrategy.Eager, null, null, 4, 3, 0, 10, 4)]
    [InlineData(KedaScalingStrategy.Eager, null, null, 4, 0, 3, 10, 4)]
    [InlineData(KedaScalingStrategy.Eager, null, null, 4, 7, 0, 10, 3)]
    [InlineData(KedaScalingStrategy.Eager, null, null, 4, 1, 6, 10, 3)]
    [InlineData(KedaScalingStrategy.Eager, null, null, 15, 0, 0, 10, 10)]
    public void Strategies_as_in_KEDAs_unit_tests(
        KedaScalingStrategy strategy, int? deduction, double? percentage, long maxScale, long running, long pending, long max, long effectiveMaxScale)
    {
        var settings = new KedaScaledJobSettings
        {
            MaxReplicaCount = max,
            Strategy = strategy,
            CustomScalingQueueLengthDeduction = deduction,
            CustomScalingRunningJobPercentage = percentage,
        };

        var decision = KedaScaledJobModel.GetJobsToCreate(maxScale, 1, true, running, pending, settings);

        Assert.Equal(effectiveMaxScale, decision.EffectiveMaxScale);
        Assert.Equal(strategy == KedaScalingStrategy.Eager ? max : maxScale, decision.ScaleTo);
    }

    [Fact]
    public void Accurate_subtracts_the_pending_jobs_before_comparing_with_the_maximum()
    {
        // Queue 8, threshold 1, 4 running of which 3 pending, max 10: 8 + 4 - 3 = 9 <= 10, so 8 - 3 = 5 (not 10 - 4 = 6).
        var settings = new KedaScaledJobSettings { MaxReplicaCount = 10, Strategy = KedaScalingStrategy.Accurate };

        Assert.Equal(5, KedaScaledJobModel.GetJobsToCreate(8, 1, true, 4, 3, settings).JobsToCreate);
    }

    // getScalingDecision tests of scale_jobs_test.go: fewer jobs than minReplicaCount (2, maxReplicaCount 100).
    [Theory]
    [InlineData(2, 0, 2)] // TestRunningJobCountSmallerMinReplicaCount
    [InlineData(2, 1, 1)] // TestRunningJobCountIsDeductedFromMinReplicaCount
    public void Below_the_minimum_the_missing_jobs_are_created(long min, long running, long jobs)
    {
        var settings = new KedaScaledJobSettings { MinReplicaCount = min, MaxReplicaCount = 100 };

        var decision = KedaScaledJobModel.GetJobsToCreate(0, 10, false, running, 0, settings);

        Assert.Equal((jobs, jobs, jobs), (decision.ScaleTo, decision.EffectiveMaxScale, decision.JobsToCreate));
    }

    // ScaledJob.MaxReplicaCount() and MinReplicaCount() in apis/keda/v1alpha1/scaledjob_types.go.
    [Theory]
    // Queue 30, threshold 1, min 2, max 5, 2 running: the strategies work with 5 - 2 = 3: maxScale 3, 3 - 0 = 3 jobs.
    [InlineData(2L, 5L, 30, 2, 3, 3)]
    // max not set: 100, not reduced by the minimum: maxScale min(300, 100) = 100, 100 - 0 = 100.
    [InlineData(2L, null, 300, 2, 100, 100)]
    // max 100 set: 100 - 2 = 98.
    [InlineData(2L, 100L, 300, 2, 98, 98)]
    // min 7 above max 5: both 5 (the minimum is clamped, and the maximum is not reduced then); 5 running: 5 - 0 = 5.
    [InlineData(7L, 5L, 30, 5, 5, 5)]
    // ... and with 3 running, the clamped minimum 5 asks for the 2 missing.
    [InlineData(7L, 5L, 30, 3, 5, 2)]
    // min = max: the strategies get 0: nothing beyond the minimum.
    [InlineData(4L, 4L, 30, 4, 0, 0)]
    public void The_effective_maximum_is_max_minus_min_and_a_minimum_above_the_maximum_is_clamped(
        long min, long? max, long metric, long running, long maxScale, long jobs)
    {
        var settings = new KedaScaledJobSettings { MinReplicaCount = min, MaxReplicaCount = max };

        var decision = KedaScaledJobModel.GetJobsToCreate(metric, 1, true, running, 0, settings);

        Assert.Equal((maxScale, jobs), (decision.MaxScale, decision.JobsToCreate));
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var settings = new KedaScaledJobSettings();
        Assert.Throws<ArgumentNullException>(() => KedaScaledJobModel.GetJobsToCreate(10, 10, true, 0, 0, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaScaledJobModel.GetJobsToCreate(10, 0, true, 0, 0, settings));
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaScaledJobModel.GetJobsToCreate(10, 10, true, -1, 0, settings));
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaScaledJobModel.GetJobsToCreate(10, 10, true, 0, -1, settings));
    }
}
