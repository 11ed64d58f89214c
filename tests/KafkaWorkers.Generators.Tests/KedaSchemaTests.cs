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
                MaxReplicaCount = 8, Partitions = 8, FallbackFailureThreshold = 3, FallbackReplicas = 4,
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
                UntilDrained = true, ScalingStrategy = KedaScalingStrategy.Accurate, MinReplicaCount = 0, MaxReplicaCount = 3)]
            [KedaTriggerAuthentication("exports-secret", Sasl = KedaSaslMechanism.Plaintext, Tls = false)]
            """,
            "ExportHandler"));

    public static TheoryData<string> Sources()
    {
        var sources = new TheoryData<string> { nameof(Samples.SeedDemo), nameof(Samples.SaslTls), nameof(EverySetting) };
        foreach (var strategy in Samples.ScalingStrategies)
        {
            sources.Add("ScaledJob" + strategy);
        }

        return sources;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void Every_generated_document_conforms_to_the_documented_KEDA_field_set(string sample)
    {
        var source = sample switch
        {
            nameof(Samples.SeedDemo) => Samples.SeedDemo,
            nameof(Samples.SaslTls) => Samples.SaslTls,
            nameof(EverySetting) => EverySetting,
            _ => Samples.ScaledJob(sample["ScaledJob".Length..]),
        };

        var manifests = GeneratorHarness.Manifests(source, Samples.ContainerProperties);

        var documents = MiniYaml.ParseStream(manifests["All"]);
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            Assert.Empty(KedaFieldSet.Validate(document));
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
            .Where(d => d["kind"] is YamlScalar { Value: not "TriggerAuthentication" })
            .SelectMany(d => ((YamlList)((YamlMap)d["spec"]!)["triggers"]!).Items)
            .SelectMany(t => ((YamlMap)((YamlMap)t)["metadata"]!).Entries.Select(e => e.Key))
            .ToHashSet();

        Assert.Equal(KedaFieldSet.TriggerMetadata.Keys.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
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
