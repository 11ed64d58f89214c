using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

public sealed class KedaScaledJobModelTests
{
    [Fact]
    public void Scaled_job_settings_default_to_KEDAs_defaults()
    {
        var settings = new KedaScaledJobSettings();

        Assert.Equal(0, settings.MinReplicaCount);
        Assert.Equal(100, settings.MaxReplicaCount);
        Assert.Equal(KedaScaledJobStrategy.Default, settings.Strategy);
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
            Strategy = KedaScaledJobStrategy.Custom,
            CustomScalingQueueLengthDeduction = deduction,
            CustomScalingRunningJobPercentage = percentage,
        };

        Assert.Equal(jobs, KedaScaledJobModel.GetJobsToCreate(metric, 10, true, running, 0, settings).JobsToCreate);
    }

    [Fact]
    public void Custom_strategy_without_a_percentage_falls_back_to_default()
    {
        // As KEDA when the percentage cannot be parsed: default, 5 - 2 = 3 (custom with deduction 3 would give 0).
        var settings = new KedaScaledJobSettings { Strategy = KedaScaledJobStrategy.Custom, CustomScalingQueueLengthDeduction = 3 };

        Assert.Equal(3, KedaScaledJobModel.GetJobsToCreate(50, 10, true, 2, 0, settings).JobsToCreate);
    }

    // lagThreshold 10: maxScale = ceil(min(metric / 10, max)).
    [Theory]
    // accurate: 5 + 2 = 7 <= 100: limit 5 - 1 pending = 4; scaleTo stays 50.
    [InlineData(KedaScaledJobStrategy.Accurate, 50, 2, 1, 100, 50, 4)]
    // accurate, max 6: 5 + 3 = 8 > 6: limit 6 - 3 running = 3.
    [InlineData(KedaScaledJobStrategy.Accurate, 50, 3, 1, 6, 50, 3)]
    // accurate, max 6: 5 + 1 = 6, not > 6: limit 5 - 2 pending = 3.
    [InlineData(KedaScaledJobStrategy.Accurate, 50, 1, 2, 6, 50, 3)]
    // accurate, more pending than maxScale: 2 - 4 = -2 -> 0.
    [InlineData(KedaScaledJobStrategy.Accurate, 20, 0, 4, 100, 20, 0)]
    // eager, max 10, maxScale 3: limit min(10 - 2 - 1, 3) = 3; scaleTo becomes 10; min(10, 3) = 3.
    [InlineData(KedaScaledJobStrategy.Eager, 30, 2, 1, 10, 10, 3)]
    // eager, max 10, maxScale min(20, 10) = 10: limit min(10 - 2 - 1, 10) = 7 (default would give 10 - 2 = 8).
    [InlineData(KedaScaledJobStrategy.Eager, 200, 2, 1, 10, 10, 7)]
    // eager, full: min(10 - 6 - 4, 10) = 0.
    [InlineData(KedaScaledJobStrategy.Eager, 200, 6, 4, 10, 10, 0)]
    // eager, metric 5: scaleTo is the max (10), the limit min(10 - 0 - 0, ceil(0.5) = 1) = 1.
    [InlineData(KedaScaledJobStrategy.Eager, 5, 0, 0, 10, 10, 1)]
    public void Accurate_and_eager_strategies(
        KedaScaledJobStrategy strategy, long metric, long running, long pending, long max, long scaleTo, long jobs)
    {
        var settings = new KedaScaledJobSettings { MaxReplicaCount = max, Strategy = strategy };

        var decision = KedaScaledJobModel.GetJobsToCreate(metric, 10, true, running, pending, settings);

        Assert.Equal((scaleTo, jobs), (decision.ScaleTo, decision.JobsToCreate));
    }

    public static TheoryData<KedaScaledJobSettings> BadSettings => new()
    {
        new() { MaxReplicaCount = -1 },
        new() { MinReplicaCount = -1 },
        new() { MinReplicaCount = 5, MaxReplicaCount = 4 },
        new() { Strategy = (KedaScaledJobStrategy)12 },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Bad_settings_are_refused(KedaScaledJobSettings settings) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KedaScaledJobModel.GetJobsToCreate(10, 10, true, 0, 0, settings));

    [Fact]
    public void Custom_with_a_percentage_but_no_deduction_is_refused()
    {
        var settings = new KedaScaledJobSettings { Strategy = KedaScaledJobStrategy.Custom, CustomScalingRunningJobPercentage = 0.5 };

        var error = Assert.Throws<ArgumentException>(() => KedaScaledJobModel.GetJobsToCreate(10, 10, true, 0, 0, settings));
        Assert.Contains("CustomScalingQueueLengthDeduction", error.Message, StringComparison.Ordinal);
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
