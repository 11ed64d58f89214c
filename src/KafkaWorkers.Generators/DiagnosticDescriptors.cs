using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators;

/// <summary>Every diagnostic of the KEDA manifest generator. Ids are stable; each is documented in docs/diagnostics.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "KafkaWorkers.Keda";

    public static readonly DiagnosticDescriptor MinReplicasAboveMax = Error(
        "KW1001",
        "minReplicaCount is greater than maxReplicaCount",
        "minReplicaCount ({0}) is greater than maxReplicaCount ({1}); KEDA rejects the ScaledObject");

    public static readonly DiagnosticDescriptor InvalidLagThreshold = Error(
        "KW1002",
        "Invalid lag threshold",
        "{0} is {1}, but it must be {2}");

    public static readonly DiagnosticDescriptor IdleConsumersWithPartitionsWithLag = Error(
        "KW1003",
        "allowIdleConsumers and limitToPartitionsWithLag are both set",
        "allowIdleConsumers and limitToPartitionsWithLag cannot both be true; KEDA rejects the trigger");

    public static readonly DiagnosticDescriptor PartitionSettingNeedsSingleTopic = Error(
        "KW1004",
        "Partition setting needs exactly one topic",
        "{0} needs the worker to declare exactly one topic, but worker '{1}' declares {2}");

    public static readonly DiagnosticDescriptor MalformedPartitionLimitation = Error(
        "KW1005",
        "Malformed partitionLimitation",
        "partitionLimitation '{0}' is malformed: expected comma-separated partition ids and ranges such as '0,1,4-7'");

    public static readonly DiagnosticDescriptor InvalidKubernetesName = Error(
        "KW1006",
        "Invalid Kubernetes name",
        "{0} '{1}' is not a valid Kubernetes name: {2}");

    public static readonly DiagnosticDescriptor ScaledObjectAndScaledJob = Error(
        "KW1007",
        "ScaledObject and ScaledJob on one class",
        "'{0}' has both [KedaScaledObject] and [KedaScaledJob]; a worker is scaled one way");

    public static readonly DiagnosticDescriptor ScaledJobNotAHandler = Error(
        "KW1008",
        "ScaledJob on a class that is not a handler",
        "'{0}' has [KedaScaledJob] but implements neither IKafkaHandler<TKey, TValue> nor IKafkaBatchHandler<TKey, TValue>");

    public static readonly DiagnosticDescriptor ScalerWithoutKafkaWorker = Error(
        "KW1009",
        "KEDA attribute without [KafkaWorker]",
        "'{0}' has [{1}] but no [KafkaWorker]; the manifest needs the worker's name, topics and group");

    public static readonly DiagnosticDescriptor MaxReplicasAbovePartitions = Warning(
        "KW1010",
        "maxReplicaCount is above the partition count",
        "maxReplicaCount ({0}) is above {1} and {2}: KEDA never scales past {3}, and pods above it would sit idle");

    public static readonly DiagnosticDescriptor CooldownShorterThanShutdown = Warning(
        "KW1011",
        "cooldownPeriod is shorter than the shutdown timeout",
        "cooldownPeriod ({0} s) is shorter than worker '{1}''s shutdown timeout ({2} s): KEDA may scale to zero while the last pod is still draining");

    public static readonly DiagnosticDescriptor IdleReplicasNotBelowMin = Warning(
        "KW1012",
        "idleReplicaCount is not below minReplicaCount",
        "idleReplicaCount ({0}) is not below minReplicaCount ({1}); KEDA requires idleReplicaCount < minReplicaCount");

    public static readonly DiagnosticDescriptor IncompleteFallback = Error(
        "KW1013",
        "Incomplete fallback",
        "{0} is set without {1}; KEDA needs both fallback fields");

    public static readonly DiagnosticDescriptor ValueOutOfRange = Error(
        "KW1014",
        "Value out of range",
        "{0} is {1}, but it must be {2}");

    public static readonly DiagnosticDescriptor DuplicateWorkerName = Error(
        "KW1015",
        "Duplicate worker name",
        "Worker name '{0}' is used by '{1}' and '{2}'; each worker's manifest needs its own name");

    public static readonly DiagnosticDescriptor AuthenticationWithoutScaler = Warning(
        "KW1016",
        "TriggerAuthentication without a scaler",
        "'{0}' has [KedaTriggerAuthentication] but neither [KedaScaledObject] nor [KedaScaledJob]; no TriggerAuthentication is generated");

    public static readonly DiagnosticDescriptor ScaledJobMinClamped = Warning(
        "KW1018",
        "A ScaledJob's minReplicaCount is above its maxReplicaCount",
        "minReplicaCount ({0}) is above maxReplicaCount ({1}); KEDA accepts the ScaledJob but clamps the minimum to {1}, and its strategies then work with maxReplicaCount instead of maxReplicaCount - minReplicaCount");

    public static readonly DiagnosticDescriptor PolicyPeriodWithoutValue = Error(
        "KW1017",
        "HPA policy period without its value",
        "{0} is set without {1}; a scaling policy needs its value");

    public static readonly DiagnosticDescriptor GracePeriodShorterThanShutdown = Warning(
        "KW1020",
        "terminationGracePeriodSeconds is too short for the shutdown timeout",
        "terminationGracePeriodSeconds ({0} s) is shorter than worker '{1}''s shutdown timeout ({2} s) plus {3} s to commit, leave the group and exit: Kubernetes may kill the pod before it has committed; use at least {4}");

    public static readonly DiagnosticDescriptor TriggerVariableNotInContainer = Warning(
        "KW1021",
        "The container lacks a variable the trigger reads",
        "The {0}'s container gets no environment from a ConfigMap or Secret, but the kafka trigger of worker '{2}' reads {1} from it; set EnvironmentConfigMap or EnvironmentSecret (or BootstrapServers and GroupId)");

    public static readonly DiagnosticDescriptor SecuritySettingInSecret = Warning(
        "KW1022",
        "The app's security settings cannot be derived from the secret",
        "'{0}' reads the trigger's sasl or tls setting from the secret, in KEDA's format; the container gets no Kafka__Consumer__security.protocol or sasl.mechanism, so configure them for the app, or set Sasl and Tls instead");

    public static readonly DiagnosticDescriptor DeploymentForStatefulSet = Error(
        "KW1023",
        "[KubernetesDeployment] with a StatefulSet target",
        "'{0}' has [KubernetesDeployment], but its ScaledObject scales a StatefulSet; a generated Deployment would not be scaled");

    public static readonly DiagnosticDescriptor JobDeadlineBeforeRunEnd = Warning(
        "KW1024",
        "activeDeadlineSeconds may end the job before its run ends",
        "ActiveDeadlineSeconds ({0} s) may stop the job before its run ends, and Kubernetes then marks it failed: {1}");

    public static readonly DiagnosticDescriptor DeploymentWithoutScaledObject = Warning(
        "KW1025",
        "[KubernetesDeployment] without [KedaScaledObject]",
        "'{0}' has [KubernetesDeployment] but no [KedaScaledObject]; no Deployment is generated (a ScaledJob's pods come from its job template)");

    public static readonly DiagnosticDescriptor IdleReplicasFlapToMin = Warning(
        "KW1026",
        "A non-zero idleReplicaCount is scaled back up to the minimum",
        "IdleReplicaCount ({0}) is not 0: KEDA scales the idle workload to {0}, but its HPA's minimum is {1} and the HPA scales it straight back to {1}, so the replicas flap and stay up (KEDA supports only 0, kedacore/keda#2314); set IdleReplicaCount = 0 to scale to zero when idle, or leave it unset and set MinReplicaCount to the replicas to keep");

    public static readonly DiagnosticDescriptor ReplicasStallBelowMax = Warning(
        "KW1027",
        "The partition cap and the HPA's tolerance stall the replicas below the maximum",
        "With {0} and without AllowIdleConsumers, KEDA caps its metric at {1} × lagThreshold, so under a backlog of {2} × lagThreshold or more the HPA (default tolerance 0.1) keeps any count from {3} to {4} replicas, where {1} / count is within 10 % of 1, and never reaches {5} (kedacore/keda#2908); set AllowIdleConsumers = true, with MaxReplicaCount at most {1}, so that the HPA's maximum bounds the replicas instead of KEDA's cap");
    public static readonly DiagnosticDescriptor ShareScaledObjectScalesToZero = Error(
        "KW1040",
        "A share worker's ScaledObject may scale to zero",
        "MinReplicaCount is {0}, but a share worker's ScaledObject needs at least 1: its prometheus trigger reads what the worker's own pods export, so with no pod nothing would ever scale it up again");

    public static readonly DiagnosticDescriptor ShareQueryWithoutThreshold = Error(
        "KW1041",
        "A share worker's query without a threshold",
        "'{0}' sets a Query but no Threshold; KEDA's prometheus trigger needs the query's target value (the default 0.8 is for the default busy-ratio query only)");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(
            id,
            title,
            message,
            Category,
            severity,
            isEnabledByDefault: true,
            helpLinkUri: "https://github.com/kafkaworkers/kafkaworkers/blob/main/docs/diagnostics/" + id + ".md");
}
