using KafkaWorkers.Lag;

namespace KafkaWorkers.Tests.Lag;

/// <summary>
/// The replica count a snapshot predicts: from zero replicas, KEDA's cycle and the HPA's sync repeated until the count
/// settles, with the cooldown elapsed. Each expectation is worked out in the case's comment.
/// </summary>
public sealed class KafkaLagPredictionTests
{
    public static TheoryData<string, long, bool, int, int, int?, int> Cases => new()
    {
        // name, metric, active, minReplicaCount, maxReplicaCount, idleReplicaCount, expected
        // 0 → 1 (activation) → ceil(152 / 50) = 4 → at 4: ratio 0.76, ceil(3.04) = 4.
        { "worked example", 152, true, 0, 100, null, 4 },
        // 0 → 1 → ratio 52 / 50 = 1.04 is within the tolerance: 1 stays.
        { "within tolerance at one replica", 52, true, 0, 100, null, 1 },
        // 0 → 1 → ceil(300 / 50) = 6 → clamped to maxReplicaCount 4.
        { "clamped to max", 300, true, 0, 4, null, 4 },
        // Inactive at 0 with minReplicaCount 0: nothing moves.
        { "inactive scales to zero", 0, false, 0, 100, null, 0 },
        // Inactive, 0 below minReplicaCount 2 without idle count: KEDA sets 2; the HPA keeps its minimum 2.
        { "inactive keeps the minimum", 0, false, 2, 100, null, 2 },
        // Inactive with idleReplicaCount 0: KEDA keeps the target at idle (0).
        { "inactive goes idle", 0, false, 2, 100, 0, 0 },
        // Active from idle: 0 → max(2, 1) = 2 → ratio 130 / 100 = 1.3, ceil(2.6) = 3 → ratio 130 / 150 = 0.87, ceil(2.6) = 3.
        { "active from idle", 130, true, 2, 100, 0, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Predicted_replicas(string name, long metric, bool active, int min, int max, int? idle, int expected)
    {
        _ = name;
        var result = new KedaKafkaScalerResult { MetricValue = metric, IsActive = active };
        var settings = new KedaScaledObjectSettings { MinReplicaCount = min, MaxReplicaCount = max, IdleReplicaCount = idle };

        Assert.Equal(expected, KafkaLagPoller.PredictReplicas(result, 50, settings));
    }

    [Theory]
    // Scale-up disabled: KEDA's activation (0 -> 1) still happens, the HPA never goes above it.
    [InlineData(HpaSelectPolicy.Disabled, null, 1)]
    // Windows and rate limits only delay: 0 -> 1 -> ceil(300 / 50) = 6 either way.
    [InlineData(HpaSelectPolicy.Min, 3600, 6)]
    [InlineData(HpaSelectPolicy.Max, 0, 6)]
    public void A_disabled_direction_stops_the_HPA_and_the_rest_of_the_behavior_only_delays(HpaSelectPolicy scaleUp, int? window, int expected)
    {
        var result = new KedaKafkaScalerResult { MetricValue = 300, IsActive = true };
        var settings = new KedaScaledObjectSettings
        {
            Behavior = new() { ScaleUp = new() { SelectPolicy = scaleUp, StabilizationWindowSeconds = window } },
        };

        Assert.Equal(expected, KafkaLagPoller.PredictReplicas(result, 50, settings));
    }
}
