using KafkaWorkers.Generators.Tests.Infrastructure;

namespace KafkaWorkers.Generators.Tests;

public sealed class KedaSchemaTests
{
    /// <summary>Every property of every attribute written, so that every field the generator can emit is checked.</summary>
    private static readonly string EverySetting = GeneratorHarness.File(
        GeneratorHarness.Handler(
            """
            [KafkaWorker("streams", Topics = ["streams"], GroupId = "streams", ShutdownTimeoutSeconds = 30)]
            [KedaScaledObject(Name = "streams-scaler", TargetKind = KedaScaleTargetKind.Deployment, TargetName = "streams-app",
                PollingInterval = 5, CooldownPeriod = 60, InitialCooldownPeriod = 120, IdleReplicaCount = 0, MinReplicaCount = 1,
                MaxReplicaCount = 6, Partitions = 8, FallbackFailureThreshold = 3, FallbackReplicas = 4,
                ScaleDownStabilizationWindowSeconds = 300, ScaleUpStabilizationWindowSeconds = 0, BootstrapServersFromEnv = "KAFKA_BROKERS",
                LagThreshold = 25, ActivationLagThreshold = 5, OffsetResetPolicy = KedaOffsetResetPolicy.Earliest, AllowIdleConsumers = false,
                ExcludePersistentLag = true, ScaleToZeroOnInvalidOffset = true, LimitToPartitionsWithLag = true,
                EnsureEvenDistributionOfPartitions = true, PartitionLimitation = "0,1,4-7")]
            [KedaTriggerAuthentication("kafka-secret", Name = "streams-auth", SaslKey = "mechanism", TlsKey = "tls", UsernameKey = "user",
                PasswordKey = "pass", CaKey = "ca.crt", CertKey = "tls.crt", KeyKey = "tls.key")]
            """,
            "StreamHandler"),
        GeneratorHarness.Handler(
            """
            [KafkaWorker("exports", Topics = ["a", "b"])]
            [KedaScaledJob(Name = "exports-job", BootstrapServers = "kafka-0.kafka:9092,kafka-1.kafka:9092", Parallelism = 2, Completions = 2,
                UntilDrained = true, ScalingStrategy = KedaScalingStrategy.Accurate, MinReplicaCount = 0, MaxReplicaCount = 3,
                EnvironmentSecret = "exports-env", ActiveDeadlineSeconds = 3600, MaxDurationSeconds = 1800, CpuRequest = "500m", CpuLimit = "2",
                MemoryRequest = "512Mi", MemoryLimit = "1Gi")]
            [KedaTriggerAuthentication("exports-secret", Sasl = KedaSaslMechanism.Plaintext, Tls = false)]
            """,
            "ExportHandler"),
        GeneratorHarness.Handler(
            """
            [KafkaWorker("audits", Topics = ["audits"], ShutdownTimeoutSeconds = 60)]
            [KedaScaledObject(TargetName = "audits-worker", BootstrapServersFromEnv = "KAFKA_BROKERS", MaxReplicaCount = 3)]
            [KedaTriggerAuthentication("audits-secret", Sasl = KedaSaslMechanism.Plaintext, Tls = true, CaKey = "ca.crt", CertKey = "tls.crt",
                KeyKey = "tls.key")]
            [KubernetesDeployment(Image = "registry.example.com/audits:1.0", EnvironmentConfigMap = "kafka-env", EnvironmentSecret = "kafka-env-secret",
                TerminationGracePeriodSeconds = 90, HealthPort = 8081, LivenessPath = "/live", ReadinessPath = "/ready", CpuRequest = "250m",
                CpuLimit = "1", MemoryRequest = "256Mi", MemoryLimit = "0.5Gi")]
            """,
            "AuditHandler"));

    public static TheoryData<string> Sources()
    {
        var sources = new TheoryData<string>
        {
            nameof(Samples.SeedDemo), nameof(Samples.SaslTls), nameof(EverySetting), nameof(Samples.Deployment), nameof(Samples.SecureDeployment),
            nameof(Samples.ShareBusyRatio), nameof(Samples.ShareBacklogQuery),
        };
        foreach (var strategy in Samples.ScalingStrategies)
        {
            sources.Add("ScaledJob" + strategy);
        }

        return sources;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_generated_document_conforms_to_the_documented_KEDA_and_Kubernetes_field_sets(string sample)
    {
        var source = sample switch
        {
            nameof(Samples.SeedDemo) => Samples.SeedDemo,
            nameof(Samples.SaslTls) => Samples.SaslTls,
            nameof(EverySetting) => EverySetting,
            nameof(Samples.Deployment) => Samples.Deployment,
            nameof(Samples.SecureDeployment) => Samples.SecureDeployment,
            nameof(Samples.ShareBusyRatio) => Samples.ShareBusyRatio,
            nameof(Samples.ShareBacklogQuery) => Samples.ShareBacklogQuery,
            _ => Samples.ScaledJob(sample["ScaledJob".Length..]),
        };

        var manifests = GeneratorHarness.Manifests(source, Samples.ContainerProperties);

        var documents = MiniYaml.ParseStream(manifests["All"]);
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            Assert.Empty(document["kind"] is YamlScalar { Value: "Deployment" } ? KubernetesFieldSet.Validate(document) : KedaFieldSet.Validate(document));
        }

        Assert.Equal(
            manifests.Where(m => m.Key != "All").Sum(m => MiniYaml.ParseStream(m.Value).Count),
            documents.Count);
    }

    [Fact]
    public void Every_setting_sample_emits_every_trigger_parameter()
    {
        var all = GeneratorHarness.Manifests(EverySetting)["All"];
        var keys = MiniYaml.ParseStream(all)
            .Where(d => d["kind"] is YamlScalar { Value: "ScaledObject" or "ScaledJob" })
            .SelectMany(d => ((YamlList)((YamlMap)d["spec"]!)["triggers"]!).Items)
            .SelectMany(t => ((YamlMap)((YamlMap)t)["metadata"]!).Entries.Select(e => e.Key))
            .ToHashSet();

        Assert.Equal(KedaFieldSet.TriggerMetadata.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_setting_sample_emits_every_Deployment_field()
    {
        var deployment = MiniYaml.ParseStream(GeneratorHarness.Manifests(EverySetting)["All"]).Single(d => d["kind"] is YamlScalar { Value: "Deployment" });
        var container = (YamlMap)((YamlList)((YamlMap)((YamlMap)((YamlMap)deployment["spec"]!)["template"]!)["spec"]!)["containers"]!).Items.Single();

        Assert.Equal(
            ["name", "image", "envFrom", "env", "ports", "livenessProbe", "readinessProbe", "resources"],
            container.Entries.Select(e => e.Key));
        Assert.Equal(2, ((YamlList)container["envFrom"]!).Items.Count);
        Assert.Null(((YamlMap)deployment["spec"]!)["replicas"]);
        Assert.Contains("          resources:\n            requests:\n              cpu: \"500m\"\n", GeneratorHarness.Manifests(EverySetting)["Exports"], StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_rejects_a_prometheus_trigger_KEDA_rejects()
    {
        var document = MiniYaml.ParseStream(
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: share\nspec:\n  scaleTargetRef:\n    name: app\n  triggers:\n"
            + "  - type: prometheus\n    metricType: Ratio\n    metadata:\n      query: \"up\"\n      threshold: \"high\"\n      lagThreshold: \"5\"\n")[0];

        var errors = KedaFieldSet.Validate(document);

        Assert.Contains(errors, e => e.Contains("metricType", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("triggers.metadata.threshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("triggers.metadata.lagThreshold: not a prometheus trigger parameter", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("serverAddress is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Deployment_validator_rejects_what_Kubernetes_rejects()
    {
        var document = MiniYaml.ParseStream(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: a\n"
            + "  template:\n    metadata:\n      labels:\n        app: b\n    spec:\n      terminationGracePeriodSeconds: \"30\"\n      containers:\n"
            + "      - name: Orders\n        env:\n        - name: 1X\n          value: \"v\"\n        ports:\n        - name: health-port-too-long\n          containerPort: 70000\n")[0];

        var errors = KubernetesFieldSet.Validate(document);

        Assert.Contains(errors, e => e.StartsWith("Deployment.spec.replicas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Deployment.spec.selector", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("terminationGracePeriodSeconds: must be a number from 0 to 2147483647", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("containers[0].name: must be a DNS-1123 label", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("containers[0].image: required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("env[0].name: must be an environment variable name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("ports[0].name: must be a port name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith("ports[0].containerPort: must be a number from 1 to 65535", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_rejects_what_KEDA_rejects()
    {
        var document = MiniYaml.ParseStream(
            "apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: Bad_Name\nspec:\n  maxReplicaCount: \"5\"\n  triggers:\n  - type: kafka\n    metadata:\n      lagThreshold: 5\n")[0];

        var errors = KedaFieldSet.Validate(document);

        Assert.Contains(errors, e => e.StartsWith("ScaledObject.metadata.name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ScaledObject.spec.maxReplicaCount", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ScaledObject.spec.scaleTargetRef: required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("triggers.metadata.lagThreshold", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("bootstrapServers or bootstrapServersFromEnv", StringComparison.Ordinal));
    }
}
