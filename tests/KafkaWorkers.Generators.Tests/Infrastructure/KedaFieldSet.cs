using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>
/// The KEDA (keda.sh/v1alpha1) field set the generator may write, as documented in docs/keda.md ("KEDA field set"):
/// the types, required fields and allowed values that every generated document is checked against.
/// </summary>
internal static partial class KedaFieldSet
{
    private static readonly Shape Name = KubernetesFieldSet.Name;
    private static readonly Shape Subdomain = KubernetesFieldSet.Subdomain;
    private static readonly Shape AnyText = new TextShape(_ => true, "a string");

    private static readonly Shape Metadata = new MapShape(
        ("name", Name, true),
        ("namespace", Name, false));

    private static readonly Shape Triggers = new ListShape(
        new MapShape(
            ("type", new TextShape(s => s is "kafka" or "prometheus", "kafka or prometheus"), true),
            ("metricType", new TextShape(s => s is "AverageValue" or "Value" or "Utilization", "AverageValue, Value or Utilization"), false),
            ("metadata", new MapShape(), true),
            ("authenticationRef", new MapShape(("name", Subdomain, true)), false)),
        MinItems: 1);

    /// <summary>The kafka trigger's metadata: each value a quoted string, read by KEDA as the given type.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, bool>> TriggerMetadata = new Dictionary<string, Func<string, bool>>
    {
        ["bootstrapServers"] = s => s.Length > 0,
        ["bootstrapServersFromEnv"] = s => s.Length > 0,
        ["consumerGroup"] = s => s.Length > 0,
        ["consumerGroupFromEnv"] = s => s.Length > 0,
        ["topic"] = s => s.Length > 0,
        ["lagThreshold"] = s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0,
        ["activationLagThreshold"] = s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        ["offsetResetPolicy"] = s => s is "latest" or "earliest",
        ["allowIdleConsumers"] = IsBool,
        ["scaleToZeroOnInvalidOffset"] = IsBool,
        ["excludePersistentLag"] = IsBool,
        ["limitToPartitionsWithLag"] = IsBool,
        ["ensureEvenDistributionOfPartitions"] = IsBool,
        ["partitionLimitation"] = s => PartitionList().IsMatch(s),
        ["sasl"] = s => s is "none" or "plaintext" or "scram_sha256" or "scram_sha512" or "oauthbearer",
        ["tls"] = s => s is "enable" or "disable",
    };

    /// <summary>The prometheus trigger's metadata (KEDA's prometheus scaler): each value a quoted string.</summary>
    public static readonly IReadOnlyDictionary<string, Func<string, bool>> PrometheusTriggerMetadata = new Dictionary<string, Func<string, bool>>
    {
        ["serverAddress"] = s => Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
        ["query"] = s => s.Length > 0,
        ["threshold"] = s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0,
        ["activationThreshold"] = s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0,
    };

    /// <summary>autoscaling/v2 HPAScalingRules, with the ranges ValidateHorizontalPodAutoscalerSpec enforces.</summary>
    private static readonly Shape HpaScalingRules = new MapShape(
        ("stabilizationWindowSeconds", new IntShape(0, 3600), false),
        ("selectPolicy", new TextShape(s => s is "Max" or "Min" or "Disabled", "Max, Min or Disabled"), false),
        ("policies", new ListShape(
            new MapShape(
                ("type", new TextShape(s => s is "Pods" or "Percent", "Pods or Percent"), true),
                ("value", new IntShape(1), true),
                ("periodSeconds", new IntShape(1, 1800), true)),
            MinItems: 1), false));

    private static readonly Shape ScaledObjectSpec = new MapShape(
        ("scaleTargetRef", new MapShape(
            ("apiVersion", new TextShape(s => s == "apps/v1", "apps/v1"), false),
            ("kind", new TextShape(s => s is "Deployment" or "StatefulSet", "Deployment or StatefulSet"), false),
            ("name", Subdomain, true)), true),
        ("pollingInterval", new IntShape(1), false),
        ("cooldownPeriod", new IntShape(0), false),
        ("initialCooldownPeriod", new IntShape(0), false),
        ("idleReplicaCount", new IntShape(0), false),
        ("minReplicaCount", new IntShape(0), false),
        ("maxReplicaCount", new IntShape(1), false),
        ("fallback", new MapShape(("failureThreshold", new IntShape(1), true), ("replicas", new IntShape(0), true)), false),
        ("advanced", new MapShape(("horizontalPodAutoscalerConfig", new MapShape(("behavior", new MapShape(
            ("scaleDown", HpaScalingRules, false),
            ("scaleUp", HpaScalingRules, false)), true)), true)), false),
        ("triggers", Triggers, true));

    private static readonly Shape ScaledJobSpec = new MapShape(
        ("jobTargetRef", new MapShape(
            ("parallelism", new IntShape(1), false),
            ("completions", new IntShape(1), false),
            ("activeDeadlineSeconds", new IntShape(1), false),
            ("backoffLimit", new IntShape(0), false),
            ("template", new MapShape(("spec", new MapShape(
                ("restartPolicy", new TextShape(s => s is "Never" or "OnFailure", "Never or OnFailure"), true),
                ("terminationGracePeriodSeconds", new IntShape(0), false),
                ("containers", new ListShape(KubernetesFieldSet.Container, MinItems: 1), true)), true)), true)), true),
        ("pollingInterval", new IntShape(1), false),
        ("successfulJobsHistoryLimit", new IntShape(0), false),
        ("failedJobsHistoryLimit", new IntShape(0), false),
        ("minReplicaCount", new IntShape(0), false),
        ("maxReplicaCount", new IntShape(1), false),
        ("scalingStrategy", new MapShape(
            ("strategy", new TextShape(s => s is "default" or "custom" or "accurate" or "eager", "default, custom, accurate or eager"), false),
            ("customScalingQueueLengthDeduction", new IntShape(int.MinValue), false),
            ("customScalingRunningJobPercentage", new QuotedShape(IsFraction), false)), false),
        ("triggers", Triggers, true));

    private static readonly Shape TriggerAuthenticationSpec = new MapShape(
        ("secretTargetRef", new ListShape(new MapShape(
            ("parameter", new TextShape(s => s is "sasl" or "username" or "password" or "tls" or "ca" or "cert" or "key", "a kafka authentication parameter"), true),
            ("name", Subdomain, true),
            ("key", new QuotedShape(s => SecretKey().IsMatch(s)), true))), true));

    /// <summary>Checks one document; returns what is wrong, empty when it conforms.</summary>
    public static IReadOnlyList<string> Validate(YamlMap document)
    {
        var errors = new List<string>();
        var kind = (document["kind"] as YamlScalar)?.Value;
        Shape spec = kind switch
        {
            "ScaledObject" => ScaledObjectSpec,
            "ScaledJob" => ScaledJobSpec,
            "TriggerAuthentication" => TriggerAuthenticationSpec,
            _ => new MapShape(),
        };
        var root = new MapShape(
            ("apiVersion", new TextShape(s => s == "keda.sh/v1alpha1", "keda.sh/v1alpha1"), true),
            ("kind", new TextShape(s => s is "ScaledObject" or "ScaledJob" or "TriggerAuthentication", "a KEDA kind"), true),
            ("metadata", Metadata, true),
            ("spec", spec, true));
        root.Check(document, kind ?? "document", errors);

        if (kind == "ScaledObject" && ((document["metadata"] as YamlMap)?["name"] as YamlScalar)?.Value.Length > 54)
        {
            errors.Add("metadata.name: longer than 54 characters (keda-hpa-<name> must fit in 63)");
        }

        if (kind is "ScaledObject" or "ScaledJob")
        {
            var triggers = (YamlList?)((YamlMap?)document["spec"])?["triggers"];
            foreach (var trigger in triggers?.Items.OfType<YamlMap>() ?? [])
            {
                if (trigger["type"] is YamlScalar { Value: "prometheus" })
                {
                    CheckMetadata((YamlMap?)trigger["metadata"], "prometheus", PrometheusTriggerMetadata, [["serverAddress"], ["query"], ["threshold"]], errors);
                }
                else
                {
                    CheckMetadata(
                        (YamlMap?)trigger["metadata"], "kafka", TriggerMetadata,
                        [["bootstrapServers", "bootstrapServersFromEnv"], ["consumerGroup", "consumerGroupFromEnv"]], errors);
                }
            }
        }

        return errors;
    }

    /// <summary>Checks a trigger's metadata against its scaler's parameters; each required group needs one of its keys.</summary>
    private static void CheckMetadata(
        YamlMap? metadata, string type, IReadOnlyDictionary<string, Func<string, bool>> parameters, string[][] required, List<string> errors)
    {
        var entries = metadata?.Entries ?? [];
        foreach (var (key, value) in entries)
        {
            if (!parameters.TryGetValue(key, out var valid))
            {
                errors.Add($"triggers.metadata.{key}: not a {type} trigger parameter");
            }
            else if (value is not YamlScalar { Quoted: true } scalar || !valid(scalar.Value))
            {
                errors.Add($"triggers.metadata.{key}: must be a quoted, valid value");
            }
        }

        foreach (var keys in required.Where(keys => !entries.Any(e => keys.Contains(e.Key))))
        {
            errors.Add($"triggers.metadata: {string.Join(" or ", keys)} is required");
        }
    }

    private static bool IsBool(string value) => value is "true" or "false";

    private static bool IsFraction(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 1;

    [GeneratedRegex(@"^\s*\+?\d+(\s*-\s*\+?\d+)?\s*(,\s*\+?\d+(\s*-\s*\+?\d+)?\s*)*$")]
    private static partial Regex PartitionList();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();
}
