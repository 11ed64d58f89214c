using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

/// <summary>The worked example of docs/lag.md, step by step; the expectations are the numbers worked out there.</summary>
public sealed class LagWorkedExampleTests
{
    // 6 partitions, log-end 100 each, committed 100, 100, 50, 0, none, none (250 in total).
    internal static readonly KafkaPartitionOffsets[] Offsets =
    [
        new("orders", 0, 100, 100),
        new("orders", 1, 100, 100),
        new("orders", 2, 50, 100),
        new("orders", 3, 0, 100),
        new("orders", 4, KafkaPartitionOffsets.None, 100),
        new("orders", 5, KafkaPartitionOffsets.None, 100),
    ];

    [Fact]
    public void Steps_1_to_4_default_settings_with_lag_threshold_50()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = "orders", LagThreshold = 50 });
        var lags = new KedaKafkaPartitionLag[Offsets.Length];

        var result = model.Evaluate(Offsets, lags);

        Assert.Equal([0L, 0, 50, 100, 1, 1], lags.Select(l => l.Lag));
        Assert.Equal((152, 152, 6, 4), (result.TotalLag, result.ActivityLag, result.PartitionCount, result.PartitionsWithLag));
        Assert.Equal((152, 152, true), (result.MetricValue, result.CorrectedMetricValue, result.IsActive));

        var settings = new KedaScaledObjectSettings();
        Assert.Equal(1, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 50, 0, result.IsActive, false, settings));
        Assert.Equal(4, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 50, 1, result.IsActive, false, settings));
        Assert.Equal(4, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 50, 4, result.IsActive, false, settings));
        Assert.Equal(3, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 50, 3, result.IsActive, false, settings));
    }

    [Fact]
    public void Step_5_earliest_is_capped_at_one_replica_per_partition()
    {
        var result = Evaluate(new() { Topic = "orders", LagThreshold = 50, OffsetResetPolicy = KedaOffsetResetPolicy.Earliest });

        Assert.Equal((350, 300), (result.TotalLag, result.MetricValue));
        Assert.Equal(6, KedaReplicaModel.GetHpaDesiredReplicas(result.MetricValue, 50, 1, new KedaScaledObjectSettings()));
    }

    [Fact]
    public void Step_6_the_off_by_one_with_lag_threshold_55()
    {
        var result = Evaluate(new() { Topic = "orders", LagThreshold = 55, OffsetResetPolicy = KedaOffsetResetPolicy.Earliest });

        Assert.Equal((350, 330, true), (result.MetricValue, result.CorrectedMetricValue, result.IsCapSkippedByIntegerDivision));
        Assert.Equal(7, KedaReplicaModel.GetHpaDesiredReplicas(result.MetricValue, 55, 1, new KedaScaledObjectSettings()));
        Assert.Equal(6, KedaReplicaModel.GetHpaDesiredReplicas(result.CorrectedMetricValue, 55, 1, new KedaScaledObjectSettings()));
    }

    [Fact]
    public void Step_7_even_distribution_and_partitions_with_lag()
    {
        Assert.Equal(300, Evaluate(new() { Topic = "orders", LagThreshold = 50, EnsureEvenDistributionOfPartitions = true }).MetricValue);
        Assert.Equal(152, Evaluate(new() { Topic = "orders", LagThreshold = 50, LimitToPartitionsWithLag = true }).MetricValue);
    }

    [Fact]
    public void Step_8_persistent_lag_on_the_second_evaluation()
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = "orders", LagThreshold = 50, ExcludePersistentLag = true });
        model.Evaluate(Offsets);

        var result = model.Evaluate(Offsets);

        Assert.Equal((2, 152, true), (result.MetricValue, result.ActivityLag, result.IsActive));
        Assert.Equal(1, KedaReplicaModel.GetDesiredReplicas(result.MetricValue, 50, 4, result.IsActive, false, new KedaScaledObjectSettings()));
    }

    [Theory]
    [InlineData(KedaScalingStrategy.Default, 100, 3)]
    [InlineData(KedaScalingStrategy.Custom, 100, 3)]
    [InlineData(KedaScalingStrategy.Accurate, 100, 4)]
    [InlineData(KedaScalingStrategy.Eager, 5, 4)]
    public void Step_9_as_a_scaled_job_with_one_running_job(KedaScalingStrategy strategy, long max, long jobs)
    {
        var settings = new KedaScaledJobSettings
        {
            Strategy = strategy,
            MaxReplicaCount = max,
            CustomScalingQueueLengthDeduction = 1,
            CustomScalingRunningJobPercentage = 0.5,
        };

        var decision = KedaScaledJobModel.GetJobsToCreate(152, 50, true, 1, 0, settings);

        Assert.Equal(4, decision.MaxScale);
        Assert.Equal(jobs, decision.JobsToCreate);
    }

    private static KedaKafkaScalerResult Evaluate(KedaKafkaTriggerSettings settings) =>
        new KedaKafkaScalerModel(settings).Evaluate(Offsets);
}
