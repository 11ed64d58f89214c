using KafkaWorkers.Generators.Tests.Infrastructure;

namespace KafkaWorkers.Generators.Tests;

/// <summary>The HPA behavior the <c>ScaleUp*</c> and <c>ScaleDown*</c> properties of <c>[KedaScaledObject]</c> write.</summary>
public sealed class HpaBehaviorTests
{
    private const string Worker = "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"orders-processor\")]\n";

    private static string Yaml(string arguments) =>
        GeneratorHarness.Manifests(GeneratorHarness.File(GeneratorHarness.Handler(Worker + $"[KedaScaledObject({arguments})]")))["Orders"];

    [Fact]
    public void Policies_select_policies_and_windows_are_written_per_direction()
    {
        var yaml = Yaml(
            "ScaleUpStabilizationWindowSeconds = 0, ScaleUpSelectPolicy = HpaSelectPolicy.Min, ScaleUpPods = 2, ScaleUpPodsPeriodSeconds = 60, " +
            "ScaleUpPercent = 50, ScaleDownStabilizationWindowSeconds = 120, ScaleDownSelectPolicy = HpaSelectPolicy.Disabled");

        Assert.Contains(
            """
              advanced:
                horizontalPodAutoscalerConfig:
                  behavior:
                    scaleDown:
                      stabilizationWindowSeconds: 120
                      selectPolicy: Disabled
                    scaleUp:
                      stabilizationWindowSeconds: 0
                      selectPolicy: Min
                      policies:
                      - type: Pods
                        value: 2
                        periodSeconds: 60
                      - type: Percent
                        value: 50
                        periodSeconds: 15
              triggers:
            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_direction_without_written_properties_is_left_to_Kubernetes()
    {
        var yaml = Yaml("ScaleDownPercent = 10, ScaleDownPercentPeriodSeconds = 60");

        Assert.Contains("    behavior:\n        scaleDown:\n          policies:\n          - type: Percent\n            value: 10\n            periodSeconds: 60\n  triggers:", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("scaleUp", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_behavior_properties_no_behavior_is_written()
    {
        Assert.DoesNotContain("advanced", Yaml("MaxReplicaCount = 6"), StringComparison.Ordinal);
    }
}
