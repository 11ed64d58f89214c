using KafkaWorkers.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators.Tests;

public sealed class DiagnosticTests
{
    private const string Worker = "[KafkaWorker(\"orders\", Topics = [\"orders\"], GroupId = \"orders-processor\")]\n";

    /// <summary>Each case: the id, its severity, the handler's attributes, and the source text the diagnostic must point at.</summary>
    public static TheoryData<string, DiagnosticSeverity, string, string> Cases => new()
    {
        { "KW1001", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(MinReplicaCount = 6, MaxReplicaCount = 3)]", "MinReplicaCount = 6" },
        { "KW1002", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(LagThreshold = 0)]", "LagThreshold = 0" },
        { "KW1002", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ActivationLagThreshold = -1)]", "ActivationLagThreshold = -1" },
        { "KW1003", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(AllowIdleConsumers = true, LimitToPartitionsWithLag = true)]", "LimitToPartitionsWithLag = true" },
        { "KW1004", DiagnosticSeverity.Error, "[KafkaWorker(\"orders\", Topics = [\"a\", \"b\"], GroupId = \"g\")]\n[KedaScaledObject(EnsureEvenDistributionOfPartitions = true)]", "EnsureEvenDistributionOfPartitions = true" },
        { "KW1004", DiagnosticSeverity.Error, "[KafkaWorker(\"orders\", GroupId = \"g\")]\n[KedaScaledObject(PartitionLimitation = \"0-3\")]", "PartitionLimitation = \"0-3\"" },
        { "KW1005", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(PartitionLimitation = \"1,x,4-2\")]", "PartitionLimitation = \"1,x,4-2\"" },
        { "KW1006", DiagnosticSeverity.Error, "[KafkaWorker(\"Orders_Service\", Topics = [\"orders\"], GroupId = \"g\")]\n[KedaScaledObject]", "\"Orders_Service\"" },
        { "KW1006", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(Name = \"a-name-that-is-far-too-long-for-the-hpa-keda-creates-for-it\")]", "Name = \"a-name-that-is-far-too-long-for-the-hpa-keda-creates-for-it\"" },
        { "KW1006", DiagnosticSeverity.Error, Worker + "[KedaScaledObject]\n[KedaTriggerAuthentication(\"Kafka Secret\")]", "\"Kafka Secret\"" },
        { "KW1007", DiagnosticSeverity.Error, Worker + "[KedaScaledObject]\n[KedaScaledJob(MaxReplicaCount = 2)]", "KedaScaledJob(MaxReplicaCount = 2)" },
        { "KW1009", DiagnosticSeverity.Error, "[KedaScaledObject(MaxReplicaCount = 3)]", "KedaScaledObject(MaxReplicaCount = 3)" },
        { "KW1010", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(MaxReplicaCount = 10, Partitions = 6)]", "MaxReplicaCount = 10" },
        { "KW1011", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(CooldownPeriod = 10)]", "CooldownPeriod = 10" },
        { "KW1012", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(IdleReplicaCount = 1, MinReplicaCount = 1)]", "IdleReplicaCount = 1" },
        { "KW1013", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(FallbackReplicas = 2)]", "FallbackReplicas = 2" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledJob(PollingInterval = 0, EnvironmentConfigMap = \"e\")]", "PollingInterval = 0" },
        { "KW1016", DiagnosticSeverity.Warning, Worker + "[KedaTriggerAuthentication(\"kafka\")]", "KedaTriggerAuthentication(\"kafka\")" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledJob(CustomScalingRunningJobPercentage = 1.5, EnvironmentConfigMap = \"e\")]", "CustomScalingRunningJobPercentage = 1.5" },
        { "KW1014", DiagnosticSeverity.Error, Worker + Deployment("MemoryLimit = \"256MB\""), "MemoryLimit = \"256MB\"" },
        { "KW1014", DiagnosticSeverity.Error, Worker + Deployment("HealthPort = 70000"), "HealthPort = 70000" },
        { "KW1014", DiagnosticSeverity.Error, Worker + Deployment("LivenessPath = \"healthz\""), "LivenessPath = \"healthz\"" },
        { "KW1006", DiagnosticSeverity.Error, Worker + "[KedaScaledObject]\n[KubernetesDeployment(EnvironmentSecret = \"Bad_Secret\")]", "EnvironmentSecret = \"Bad_Secret\"" },
        { "KW1020", DiagnosticSeverity.Warning, Worker + Deployment("TerminationGracePeriodSeconds = 30"), "TerminationGracePeriodSeconds = 30" },
        { "KW1021", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject]\n[KubernetesDeployment(CpuRequest = \"100m\")]", "KubernetesDeployment(CpuRequest = \"100m\")" },
        { "KW1021", DiagnosticSeverity.Warning, Worker + "[KedaScaledJob(MaxReplicaCount = 2)]", "KedaScaledJob(MaxReplicaCount = 2)" },
        { "KW1022", DiagnosticSeverity.Warning, Worker + "[KedaTriggerAuthentication(\"kafka\", SaslKey = \"sasl\")]\n" + Deployment(), "SaslKey = \"sasl\"" },
        { "KW1023", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(TargetKind = KedaScaleTargetKind.StatefulSet)]\n[KubernetesDeployment(EnvironmentConfigMap = \"e\")]", "TargetKind = KedaScaleTargetKind.StatefulSet" },
        { "KW1024", DiagnosticSeverity.Warning, Worker + "[KedaScaledJob(EnvironmentConfigMap = \"e\", ActiveDeadlineSeconds = 60, MaxDurationSeconds = 50)]", "ActiveDeadlineSeconds = 60" },
        { "KW1024", DiagnosticSeverity.Warning, Worker + "[KedaScaledJob(EnvironmentConfigMap = \"e\", ActiveDeadlineSeconds = 600)]", "ActiveDeadlineSeconds = 600" },
        { "KW1025", DiagnosticSeverity.Warning, Worker + "[KedaScaledJob(EnvironmentConfigMap = \"e\")]\n[KubernetesDeployment(CpuRequest = \"1\")]", "KubernetesDeployment(CpuRequest = \"1\")" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ScaleDownStabilizationWindowSeconds = 3601)]", "ScaleDownStabilizationWindowSeconds = 3601" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ScaleUpPods = 0)]", "ScaleUpPods = 0" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ScaleUpPercent = 100, ScaleUpPercentPeriodSeconds = 1801)]", "ScaleUpPercentPeriodSeconds = 1801" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ScaleDownSelectPolicy = (HpaSelectPolicy)7)]", "ScaleDownSelectPolicy = (HpaSelectPolicy)7" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(TargetKind = (KedaScaleTargetKind)5)]", "TargetKind = (KedaScaleTargetKind)5" },
        { "KW1017", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ScaleUpPodsPeriodSeconds = 60)]", "ScaleUpPodsPeriodSeconds = 60" },
        { "KW1018", DiagnosticSeverity.Warning, Worker + "[KedaScaledJob(MinReplicaCount = 7, MaxReplicaCount = 5, EnvironmentConfigMap = \"e\")]", "MinReplicaCount = 7" },
        { "KW1017", DiagnosticSeverity.Error, Worker + "[KedaScaledObject(ScaleDownPercentPeriodSeconds = 30, ScaleDownPods = 1)]", "ScaleDownPercentPeriodSeconds = 30" },
        { "KW1026", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(IdleReplicaCount = 1, MinReplicaCount = 3)]", "IdleReplicaCount = 1" },
        { "KW1027", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(MaxReplicaCount = 64, Partitions = 64)]", "MaxReplicaCount = 64" },
        { "KW1027", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(Partitions = 12, MaxReplicaCount = 12)]", "MaxReplicaCount = 12" },
        { "KW1010", DiagnosticSeverity.Warning, Worker + "[KedaScaledObject(MaxReplicaCount = 6, Partitions = 6, PartitionLimitation = \"0-3\")]", "MaxReplicaCount = 6" },
        { "KW1040", DiagnosticSeverity.Error, Worker + "[KedaShareScaledObject(\"http://prometheus:9090\", MinReplicaCount = 0)]", "MinReplicaCount = 0" },
        { "KW1041", DiagnosticSeverity.Error, Worker + "[KedaShareScaledObject(\"http://prometheus:9090\", Query = \"sum(up)\")]", "Query = \"sum(up)\"" },
        { "KW1014", DiagnosticSeverity.Error, Worker + "[KedaShareScaledObject(\"http://prometheus:9090\", Threshold = \"high\")]", "Threshold = \"high\"" },
        { "KW1009", DiagnosticSeverity.Error, "[KedaShareScaledObject(\"http://prometheus:9090\")]", "KedaShareScaledObject(\"http://prometheus:9090\")" },
    };

    /// <summary>A ScaledObject with a Deployment that gets its environment from a ConfigMap, and the given settings.</summary>
    private static string Deployment(string settings = "") =>
        "[KedaScaledObject]\n[KubernetesDeployment(EnvironmentConfigMap = \"e\"" + (settings.Length == 0 ? string.Empty : ", " + settings) + ")]";

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_has_its_id_and_severity_and_points_at_the_argument_at_fault(
        string id, DiagnosticSeverity severity, string attributes, string offendingText)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(attributes)));

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(offendingText, GeneratorRun.TextAt(diagnostic, run.Source));
        Assert.Equal("Handlers.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(severity == DiagnosticSeverity.Warning && id != "KW1016", run.Constants.ContainsKey("Orders"));
    }

    // KEDA's ParseInt32List since kedacore/keda#7528 (items and range ends trimmed), as in its parse_string_test.go:
    // the generator shares the runtime model's parser, so the build refuses exactly what KEDA refuses.
    [Theory]
    [InlineData("0, 1")]
    [InlineData("+1")]
    [InlineData("5-3")]
    [InlineData("6 , 6-8")]
    [InlineData("1,2,4-10")]
    [InlineData(" 1 - 10 ")]
    [InlineData("100")]
    public void KW1005_accepts_what_KEDA_accepts(string limitation)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(Worker + $"[KedaScaledObject(PartitionLimitation = \"{limitation}\")]")));

        Assert.Empty(run.Diagnostics);
        Assert.Contains($"partitionLimitation: \"{limitation}\"", run.Constants["Orders"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,2,3")]
    [InlineData("a-3")]
    [InlineData("a-3-")]
    [InlineData("-1")]
    [InlineData("1,,2")]
    [InlineData("0x10")]
    [InlineData("2147483648")]
    [InlineData(" ")]
    public void KW1005_refuses_what_KEDA_refuses(string limitation)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(Worker + $"[KedaScaledObject(PartitionLimitation = \"{limitation}\")]")));

        Assert.Equal("KW1005", Assert.Single(run.Diagnostics).Id);
    }

    // KEDA's CheckReplicaCountBoundsAreValid compares idleReplicaCount with max(minReplicaCount, 1) when the minimum is
    // written, with 0 when it is not.
    [Theory]
    [InlineData("IdleReplicaCount = 0, MinReplicaCount = 0", false)]
    [InlineData("IdleReplicaCount = 0, MinReplicaCount = 1", false)]
    [InlineData("IdleReplicaCount = 0", true)]
    [InlineData("IdleReplicaCount = 1, MinReplicaCount = 0", true)]
    [InlineData("IdleReplicaCount = 1, MinReplicaCount = 1", true)]
    public void KW1012_compares_the_idle_count_with_the_HPAs_minimum(string arguments, bool warns)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(Worker + $"[KedaScaledObject({arguments})]")));

        Assert.Equal(warns ? ["KW1012"] : [], run.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    // KEDA clamps only against a written maximum; an unwritten one is 100 and the minimum stays (MinReplicaCount()).
    [InlineData("MinReplicaCount = 150")]
    [InlineData("MinReplicaCount = 5, MaxReplicaCount = 5")]
    public void A_scaled_job_minimum_KEDA_keeps_is_not_reported(string arguments)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.File(GeneratorHarness.Handler(Worker + $"[KedaScaledJob({arguments}, EnvironmentConfigMap = \"e\")]")));

        Assert.Empty(run.Diagnostics);
    }

    [Fact]
    public void KW1008_scaled_job_on_a_class_that_is_not_a_handler()
    {
        var source = GeneratorHarness.File(Worker, "[KedaScaledJob(MaxReplicaCount = 2, EnvironmentConfigMap = \"e\")]\npublic sealed class NotAHandler { }\n");

        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1008", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("KedaScaledJob(MaxReplicaCount = 2, EnvironmentConfigMap = \"e\")", GeneratorRun.TextAt(diagnostic, source));
    }

    [Fact]
    public void KW1025_deployment_without_any_scaler_generates_nothing()
    {
        var source = GeneratorHarness.File(GeneratorHarness.Handler(Worker + "[KubernetesDeployment]"));

        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1025", diagnostic.Id);
        Assert.Equal("KubernetesDeployment", GeneratorRun.TextAt(diagnostic, source));
        Assert.Empty(run.Constants);
    }

    [Fact]
    public void KW1015_duplicate_worker_name_points_at_the_second_declaration()
    {
        var source = GeneratorHarness.File(
            GeneratorHarness.ScaledObjectHandler("orders", "a", "AHandler"),
            GeneratorHarness.ScaledObjectHandler("orders", "b", "BHandler"));

        var run = GeneratorHarness.Run(source);

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1015", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(source.LastIndexOf("\"orders\"", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
    }

    [Fact]
    public void KW1006_invalid_msbuild_target_name_is_reported_for_the_project()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.File(GeneratorHarness.Handler(Worker + "[KedaScaledObject]")),
            new Dictionary<string, string> { ["KafkaWorkersKedaTargetName"] = "My.App" });

        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal("KW1006", diagnostic.Id);
        Assert.Equal(Location.None, diagnostic.Location);
    }

    [Fact]
    public void Every_descriptor_is_documented()
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(28, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (var descriptor in descriptors)
        {
            var path = Path.Combine(RepositoryRoot.Path, "docs", "diagnostics", descriptor.Id + ".md");
            Assert.True(System.IO.File.Exists(path), $"{path} is missing");
            Assert.Contains("# " + descriptor.Id, System.IO.File.ReadAllText(path), StringComparison.Ordinal);
        }
    }
}
