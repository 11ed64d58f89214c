using KafkaWorkers.Generators.Tests.Infrastructure;
using KafkaWorkers.Lag;
using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators.Tests;

/// <summary>
/// The static causes of replicas that stay up or stall below the maximum (KW1026, KW1027, and KW1010 with a partition
/// limitation), checked against the runtime's KEDA and HPA models: the build warns where the models show the effect.
/// </summary>
public sealed class ReplicaCountDiagnosticTests
{
    private const string Worker = "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"orders-processor\")]\n";
    private const long LagThreshold = 10;

    [Theory]
    [InlineData("IdleReplicaCount = 0, MinReplicaCount = 3", new string[0])]
    [InlineData("IdleReplicaCount = 0, MinReplicaCount = 0", new string[0])]
    [InlineData("MinReplicaCount = 3", new string[0])]
    [InlineData("IdleReplicaCount = 2, MinReplicaCount = 3", new[] { "KW1026" })]
    [InlineData("IdleReplicaCount = 3, MinReplicaCount = 3", new[] { "KW1012" })]
    [InlineData("IdleReplicaCount = 1", new[] { "KW1012" })]
    public void KW1026_reports_an_idle_count_KEDA_accepts_but_the_HPA_raises(string arguments, string[] expected)
    {
        var run = RunScaledObject(arguments);

        Assert.Equal(expected, run.Diagnostics.Select(d => d.Id));
    }

    [Fact]
    public void KW1026_names_the_idle_count_and_the_minimum_the_HPA_returns_to()
    {
        var run = RunScaledObject("IdleReplicaCount = 2, MinReplicaCount = 3");

        var message = Assert.Single(run.Diagnostics).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("IdleReplicaCount (2) is not 0: KEDA scales the idle workload to 2, but its HPA's minimum is 3", message, StringComparison.Ordinal);
        Assert.Contains("set IdleReplicaCount = 0", message, StringComparison.Ordinal);
    }

    [Fact]
    public void KW1026_the_models_show_the_flapping_the_warning_describes()
    {
        var settings = new KedaScaledObjectSettings { MinReplicaCount = 3, IdleReplicaCount = 2, MaxReplicaCount = 6 };

        // No lag, trigger inactive, cooldown over: KEDA lowers 3 to the idle count, the HPA raises 2 back to its minimum.
        Assert.Equal(2, KedaReplicaModel.GetDesiredReplicas(0, LagThreshold, 3, isActive: false, cooldownElapsed: true, settings));
        Assert.Equal(3, KedaReplicaModel.GetDesiredReplicas(0, LagThreshold, 2, isActive: false, cooldownElapsed: true, settings));
    }

    [Fact]
    public void KW1027_points_at_MaxReplicaCount_and_names_the_counts_that_stall()
    {
        var run = RunScaledObject("MaxReplicaCount = 64, Partitions = 64");

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1027", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("MaxReplicaCount = 64", GeneratorRun.TextAt(diagnostic, run.Source));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("With the declared partition count (64) and without AllowIdleConsumers, KEDA caps its metric at 64 × lagThreshold", message, StringComparison.Ordinal);
        Assert.Contains("keeps any count from 59 to 63 replicas", message, StringComparison.Ordinal);
        Assert.Contains("never reaches 64", message, StringComparison.Ordinal);
        Assert.Contains("set AllowIdleConsumers = true, with MaxReplicaCount at most 64", message, StringComparison.Ordinal);
        Assert.True(run.Constants.ContainsKey("Orders"));
    }

    [Theory]
    [InlineData("AllowIdleConsumers = false, MaxReplicaCount = 12, Partitions = 12", "AllowIdleConsumers = false")]
    [InlineData("Partitions = 64, MaxReplicaCount = 64, MinReplicaCount = 2", "MaxReplicaCount = 64")]
    [InlineData("MaxReplicaCount = 60, Partitions = 64", "MaxReplicaCount = 60")]
    // The lag threshold cancels out of the ratio: the stall depends on the partitions and the bounds alone.
    [InlineData("Partitions = 12, MaxReplicaCount = 12, LagThreshold = 500, ActivationLagThreshold = 5", "MaxReplicaCount = 12")]
    public void KW1027_points_at_the_property_to_change(string arguments, string offendingText)
    {
        var run = RunScaledObject(arguments);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1027", diagnostic.Id);
        Assert.Equal(offendingText, GeneratorRun.TextAt(diagnostic, run.Source));
    }

    [Fact]
    public void KW1027_counts_only_the_partitions_the_limitation_selects()
    {
        var run = RunScaledObject("MaxReplicaCount = 12, Partitions = 64, PartitionLimitation = \"0-11\"");

        var message = Assert.Single(run.Diagnostics, d => d.Id == "KW1027").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("With the 12 partitions PartitionLimitation selects of the declared 64", message, StringComparison.Ordinal);
        Assert.Contains("keeps any count from 11 to 11 replicas", message, StringComparison.Ordinal);
    }

    [Theory]
    // The fix the warning gives: the HPA's maximum bounds the replicas, the metric is not capped.
    [InlineData("AllowIdleConsumers = true, MaxReplicaCount = 64, Partitions = 64")]
    // 10 / 9 is outside the tolerance: the HPA moves from 9 to 10.
    [InlineData("MaxReplicaCount = 10, Partitions = 10")]
    // The stall starts at 59 (64 / 59 < 1.1); a maximum of 50 is reached before it.
    [InlineData("MaxReplicaCount = 50, Partitions = 64")]
    // No declared partition count: nothing bounds the metric statically.
    [InlineData("MaxReplicaCount = 64")]
    // A minimum at the top leaves nothing below it to stall at.
    [InlineData("MinReplicaCount = 64, MaxReplicaCount = 64, Partitions = 64")]
    // The bound is the partitions with lag, or the metric a divisor of the partitions: not this rule.
    [InlineData("LimitToPartitionsWithLag = true, MaxReplicaCount = 64, Partitions = 64")]
    [InlineData("EnsureEvenDistributionOfPartitions = true, MaxReplicaCount = 64, Partitions = 64")]
    public void KW1027_is_not_reported_where_the_HPA_reaches_the_top(string arguments)
    {
        var run = RunScaledObject(arguments);

        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void KW1027_is_not_reported_for_a_scaled_job_which_has_no_HPA()
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(
            Worker + "[KedaScaledJob(MaxReplicaCount = 64, Partitions = 64, EnvironmentConfigMap = \"e\")]")));

        Assert.Empty(run.Diagnostics);
    }

    /// <summary>
    /// For every partition count, HPA minimum and maximum: the lowest count the generator reports is the lowest count at
    /// which the HPA models (the rule before Kubernetes 1.33 and the one since) both keep the replicas while KEDA's
    /// scaler model reports a backlog on every partition.
    /// </summary>
    [Fact]
    public void KW1027_stalls_exactly_where_the_KEDA_and_HPA_models_stall()
    {
        for (var counted = 1; counted <= 100; counted++)
        {
            var metric = BackloggedMetric(counted);
            Assert.Equal(counted * LagThreshold, metric);
            foreach (var hpaMin in new[] { 1, 3, 40 })
            {
                for (var max = hpaMin; max <= counted + 2; max++)
                {
                    var top = Math.Min(max, counted);
                    var expected = Enumerable.Range(hpaMin, Math.Max(top - hpaMin, 0))
                        .Select(c => (int?)c)
                        .FirstOrDefault(c => KeepsReplicas(metric, c!.Value, hpaMin, max, HpaToleranceRule.Legacy)
                            && KeepsReplicas(metric, c.Value, hpaMin, max, HpaToleranceRule.Inclusive));

                    Assert.True(
                        expected == KedaManifestParser.LowestStalledReplicas(counted, hpaMin, top),
                        $"{counted} partitions, min {hpaMin}, max {max}: the models stall first at {expected?.ToString() ?? "none"}");
                }
            }
        }
    }

    [Fact]
    public void KW1027_the_issue_case_stalls_at_63_of_64()
    {
        var settings = new KedaScaledObjectSettings { MaxReplicaCount = 64 };

        Assert.Equal(63, KedaReplicaModel.GetHpaDesiredReplicas(BackloggedMetric(64), LagThreshold, 63, settings));
        Assert.Equal(59, KedaManifestParser.LowestStalledReplicas(64, 1, 64));
    }

    [Theory]
    [InlineData("MaxReplicaCount = 6, Partitions = 6, PartitionLimitation = \"0-3\"", "MaxReplicaCount = 6", "above the 4 partitions PartitionLimitation selects of the declared 6 and allowIdleConsumers is not set")]
    [InlineData("Partitions = 6, PartitionLimitation = \"0,1\"", "PartitionLimitation = \"0,1\"", "maxReplicaCount (100) is above the 2 partitions")]
    [InlineData("MaxReplicaCount = 10, Partitions = 6, AllowIdleConsumers = true, EnsureEvenDistributionOfPartitions = true", "MaxReplicaCount = 10", "ensureEvenDistributionOfPartitions caps the metric all the same")]
    public void KW1010_counts_the_partitions_KEDA_counts_and_caps_as_KEDA_caps(string arguments, string offendingText, string messagePart)
    {
        var run = RunScaledObject(arguments);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1010", diagnostic.Id);
        Assert.Equal(offendingText, GeneratorRun.TextAt(diagnostic, run.Source));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MaxReplicaCount = 6, Partitions = 8, PartitionLimitation = \"0,1,4-7\"")]
    [InlineData("MaxReplicaCount = 6, Partitions = 6, PartitionLimitation = \"0-9\"")]
    public void KW1010_is_not_reported_when_the_limitation_leaves_enough_partitions(string arguments)
    {
        var run = RunScaledObject(arguments);

        Assert.Empty(run.Diagnostics);
    }

    private static GeneratorRun RunScaledObject(string arguments) =>
        GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(Worker + $"[KedaScaledObject({arguments})]")));

    /// <summary>The metric KEDA's scaler model reports with every one of <paramref name="partitions"/> far behind.</summary>
    private static long BackloggedMetric(int partitions)
    {
        var model = new KedaKafkaScalerModel(new KedaKafkaTriggerSettings { Topic = "orders", LagThreshold = LagThreshold });
        var offsets = Enumerable.Range(0, partitions).Select(p => new KafkaPartitionOffsets("orders", p, 0, 1_000_000)).ToArray();
        return model.Evaluate(offsets).MetricValue;
    }

    private static bool KeepsReplicas(long metric, int current, int min, int max, HpaToleranceRule rule) =>
        KedaReplicaModel.GetHpaDesiredReplicas(
            metric,
            LagThreshold,
            current,
            new KedaScaledObjectSettings { MinReplicaCount = min, MaxReplicaCount = max, ToleranceRule = rule }) == current;
}
