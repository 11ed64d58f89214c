using KafkaWorkers.Generators.Tests.Infrastructure;

namespace KafkaWorkers.Generators.Tests;

/// <summary>The handler sources behind the golden files, also used by the schema and end-to-end tests.</summary>
internal static class Samples
{
    /// <summary>The seed talk's demo: a ScaledObject for the orders worker.</summary>
    public static readonly string SeedDemo = GeneratorHarness.File(
        "public sealed record Order(string Id);\n\n",
        """
        [KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor")]
        [KedaScaledObject(PollingInterval = 10, CooldownPeriod = 30, IdleReplicaCount = 0, MinReplicaCount = 1, MaxReplicaCount = 5,
            LagThreshold = 10, OffsetResetPolicy = KedaOffsetResetPolicy.Latest, AllowIdleConsumers = false)]
        public sealed class OrderHandler : IKafkaHandler<string, Order>
        {
            public ValueTask HandleAsync(KafkaMessage<string, Order> message, CancellationToken cancellationToken) => default;
        }

        """);

    /// <summary>A ScaledObject with SASL/SCRAM and TLS credentials from a secret.</summary>
    public static readonly string SaslTls = GeneratorHarness.File(GeneratorHarness.Handler(
        """
        [KafkaWorker("payments", Topics = ["payments"], GroupId = "payments-processor", ShutdownTimeoutSeconds = 20)]
        [KedaScaledObject(MaxReplicaCount = 12, Partitions = 12, AllowIdleConsumers = true, LagThreshold = 100, TargetKind = KedaScaleTargetKind.StatefulSet,
            TargetName = "payments-api", FallbackFailureThreshold = 3, FallbackReplicas = 2, ScaleDownStabilizationWindowSeconds = 120)]
        [KedaTriggerAuthentication("kafka-credentials", Sasl = KedaSaslMechanism.ScramSha512, Tls = true, CaKey = "ca.crt",
            CertKey = "tls.crt", KeyKey = "tls.key")]
        """,
        "PaymentHandler"));

    /// <summary>The template's worker with its generated Deployment: ConfigMap, health probes and resources.</summary>
    public static readonly string Deployment = GeneratorHarness.File(GeneratorHarness.Handler(
        """
        [KafkaWorker("orders", Topics = ["orders"], GroupId = "orders-processor", ShutdownTimeoutSeconds = 20)]
        [KedaScaledObject(PollingInterval = 10, CooldownPeriod = 30, MaxReplicaCount = 6, Partitions = 6, LagThreshold = 50)]
        [KubernetesDeployment(EnvironmentConfigMap = "kafka-env", HealthPort = 8080, CpuRequest = "100m", MemoryRequest = "128Mi",
            MemoryLimit = "256Mi")]
        """));

    /// <summary>
    /// A Deployment whose trigger reads the brokers from another variable of a Secret and authenticates with SASL/SCRAM
    /// over TLS: the app gets the same variable, secret and keys.
    /// </summary>
    public static readonly string SecureDeployment = GeneratorHarness.File(GeneratorHarness.Handler(
        """
        [KafkaWorker("payments", Topics = ["payments"], GroupId = "payments-processor")]
        [KedaScaledObject(MaxReplicaCount = 12, Partitions = 12, AllowIdleConsumers = true, BootstrapServersFromEnv = "KAFKA_BROKERS", TargetName = "payments-worker")]
        [KedaTriggerAuthentication("kafka-credentials", Sasl = KedaSaslMechanism.ScramSha512, Tls = true, CaKey = "ca.crt")]
        [KubernetesDeployment(Image = "registry.example.com/payments:2.0.1", EnvironmentSecret = "kafka-brokers", TerminationGracePeriodSeconds = 60,
            HealthPort = 0)]
        """,
        "PaymentHandler"));

    /// <summary>A share worker (preview) scaled by KEDA's prometheus trigger on the default busy-ratio query.</summary>
    public static readonly string ShareBusyRatio = GeneratorHarness.File(GeneratorHarness.Handler(
        """
        [KafkaWorker("thumbnails", Topics = ["images"], GroupId = "thumbnails")]
        [KedaShareScaledObject("http://prometheus.monitoring:9090", PollingInterval = 15, MaxReplicaCount = 20, ActivationThreshold = "0.1")]
        """,
        "ThumbnailHandler"));

    /// <summary>A share worker scaled on its backlog estimate with a query of its own.</summary>
    public static readonly string ShareBacklogQuery = GeneratorHarness.File(GeneratorHarness.Handler(
        """
        [KafkaWorker("emails", Topics = ["emails"], GroupId = "emails")]
        [KedaShareScaledObject("http://prometheus:9090", Name = "emails-backlog", TargetName = "emails-worker", MinReplicaCount = 2,
            MaxReplicaCount = 30, CooldownPeriod = 120,
            Query = "sum(min by (messaging_destination_name, messaging_destination_partition_id) (kafkaworkers_share_backlog_estimate))",
            Threshold = "200")]
        """,
        "EmailHandler"));

    /// <summary>The strategies of a ScaledJob, one golden file each.</summary>
    public static readonly TheoryData<string> ScalingStrategies = new("Default", "Custom", "Accurate", "Eager");

    /// <summary>A batch handler run as a ScaledJob with the given strategy.</summary>
    public static string ScaledJob(string strategy)
    {
        var custom = strategy == "Custom" ? ", CustomScalingQueueLengthDeduction = 1, CustomScalingRunningJobPercentage = 0.5" : string.Empty;
        return GeneratorHarness.File(
            $$"""
            [KafkaWorker("invoices", Topics = ["invoices"], GroupId = "invoice-jobs")]
            [KedaScaledJob(ScalingStrategy = KedaScalingStrategy.{{strategy}}{{custom}}, PollingInterval = 15, MaxReplicaCount = 4,
                Partitions = 4, LagThreshold = 20, SuccessfulJobsHistoryLimit = 3, FailedJobsHistoryLimit = 5, BackoffLimit = 2,
                ActiveDeadlineSeconds = 900, MaxMessages = 500, IdleTimeoutSeconds = 5, MaxDurationSeconds = 600, StartTimeoutSeconds = 30,
                EnvironmentConfigMap = "kafka-env")]
            public sealed class InvoiceBatchHandler : IKafkaBatchHandler<string, string>
            {
                public ValueTask HandleAsync(System.Collections.Generic.IReadOnlyList<KafkaMessage<string, string>> messages, CancellationToken cancellationToken) => default;
            }

            """);
    }

    /// <summary>The MSBuild properties the golden ScaledJob files are generated with.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContainerProperties = new Dictionary<string, string>
    {
        ["ContainerRepository"] = "registry.example.com/invoices",
        ["ContainerImageTag"] = "1.4.2",
    };
}
