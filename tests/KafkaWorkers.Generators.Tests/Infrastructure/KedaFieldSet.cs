using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>
/// The KEDA (keda.sh/v1alpha1) field set the generator may write, as documented in docs/keda.md ("KEDA field set"):
/// the types, required fields and allowed values that every generated document is checked against.
/// </summary>
internal static partial class KedaFieldSet
{
    private static readonly Shape Name = new Text(s => DnsLabel().IsMatch(s) && s.Length <= 63, "a DNS-1123 label");
    private static readonly Shape Subdomain = new Text(s => s.Length <= 253 && s.Split('.').All(DnsLabel().IsMatch), "a DNS-1123 subdomain");
    private static readonly Shape AnyText = new Text(_ => true, "a string");

    private static readonly Shape Metadata = new Map(
        ("name", Name, true),
        ("namespace", Name, false));

    private static readonly Shape Triggers = new List(
        new Map(
            ("type", new Text(s => s == "kafka", "kafka"), true),
            ("metadata", new Map(), true),
            ("authenticationRef", new Map(("name", Subdomain, true)), false)),
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

    /// <summary>autoscaling/v2 HPAScalingRules, with the ranges ValidateHorizontalPodAutoscalerSpec enforces.</summary>
    private static readonly Shape HpaScalingRules = new Map(
        ("stabilizationWindowSeconds", new Int(0, 3600), false),
        ("selectPolicy", new Text(s => s is "Max" or "Min" or "Disabled", "Max, Min or Disabled"), false),
        ("policies", new List(
            new Map(
                ("type", new Text(s => s is "Pods" or "Percent", "Pods or Percent"), true),
                ("value", new Int(1), true),
                ("periodSeconds", new Int(1, 1800), true)),
            MinItems: 1), false));

    private static readonly Shape ScaledObjectSpec = new Map(
        ("scaleTargetRef", new Map(
            ("apiVersion", new Text(s => s == "apps/v1", "apps/v1"), false),
            ("kind", new Text(s => s is "Deployment" or "StatefulSet", "Deployment or StatefulSet"), false),
            ("name", Subdomain, true)), true),
        ("pollingInterval", new Int(1), false),
        ("cooldownPeriod", new Int(0), false),
        ("initialCooldownPeriod", new Int(0), false),
        ("idleReplicaCount", new Int(0), false),
        ("minReplicaCount", new Int(0), false),
        ("maxReplicaCount", new Int(1), false),
        ("fallback", new Map(("failureThreshold", new Int(1), true), ("replicas", new Int(0), true)), false),
        ("advanced", new Map(("horizontalPodAutoscalerConfig", new Map(("behavior", new Map(
            ("scaleDown", HpaScalingRules, false),
            ("scaleUp", HpaScalingRules, false)), true)), true)), false),
        ("triggers", Triggers, true));

    private static readonly Shape Container = new Map(
        ("name", Name, true),
        ("image", new Text(s => s.Length > 0 && !s.Contains(' '), "an image reference"), true),
        ("envFrom", new List(new Map(("configMapRef", new Map(("name", Subdomain, true)), true))), false),
        ("env", new List(new Map(("name", new Text(s => EnvName().IsMatch(s), "an environment variable name"), true), ("value", new Quoted(_ => true), true))), false));

    private static readonly Shape ScaledJobSpec = new Map(
        ("jobTargetRef", new Map(
            ("parallelism", new Int(1), false),
            ("completions", new Int(1), false),
            ("activeDeadlineSeconds", new Int(1), false),
            ("backoffLimit", new Int(0), false),
            ("template", new Map(("spec", new Map(
                ("restartPolicy", new Text(s => s is "Never" or "OnFailure", "Never or OnFailure"), true),
                ("containers", new List(Container, MinItems: 1), true)), true)), true)), true),
        ("pollingInterval", new Int(1), false),
        ("successfulJobsHistoryLimit", new Int(0), false),
        ("failedJobsHistoryLimit", new Int(0), false),
        ("minReplicaCount", new Int(0), false),
        ("maxReplicaCount", new Int(1), false),
        ("scalingStrategy", new Map(
            ("strategy", new Text(s => s is "default" or "custom" or "accurate" or "eager", "default, custom, accurate or eager"), false),
            ("customScalingQueueLengthDeduction", new Int(int.MinValue), false),
            ("customScalingRunningJobPercentage", new Quoted(IsFraction), false)), false),
        ("triggers", Triggers, true));

    private static readonly Shape TriggerAuthenticationSpec = new Map(
        ("secretTargetRef", new List(new Map(
            ("parameter", new Text(s => s is "sasl" or "username" or "password" or "tls" or "ca" or "cert" or "key", "a kafka authentication parameter"), true),
            ("name", Subdomain, true),
            ("key", new Quoted(s => SecretKey().IsMatch(s)), true))), true));

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
            _ => new Map(),
        };
        var root = new Map(
            ("apiVersion", new Text(s => s == "keda.sh/v1alpha1", "keda.sh/v1alpha1"), true),
            ("kind", new Text(s => s is "ScaledObject" or "ScaledJob" or "TriggerAuthentication", "a KEDA kind"), true),
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
                CheckTriggerMetadata((YamlMap?)trigger["metadata"], errors);
            }
        }

        return errors;
    }

    private static void CheckTriggerMetadata(YamlMap? metadata, List<string> errors)
    {
        var entries = metadata?.Entries ?? [];
        foreach (var (key, value) in entries)
        {
            if (!TriggerMetadata.TryGetValue(key, out var valid))
            {
                errors.Add($"triggers.metadata.{key}: not a kafka trigger parameter");
            }
            else if (value is not YamlScalar { Quoted: true } scalar || !valid(scalar.Value))
            {
                errors.Add($"triggers.metadata.{key}: must be a quoted, valid value");
            }
        }

        if (!entries.Any(e => e.Key is "bootstrapServers" or "bootstrapServersFromEnv"))
        {
            errors.Add("triggers.metadata: bootstrapServers or bootstrapServersFromEnv is required");
        }

        if (!entries.Any(e => e.Key is "consumerGroup" or "consumerGroupFromEnv"))
        {
            errors.Add("triggers.metadata: consumerGroup or consumerGroupFromEnv is required");
        }
    }

    private static bool IsBool(string value) => value is "true" or "false";

    private static bool IsFraction(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 1;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^\s*\+?\d+(\s*-\s*\+?\d+)?\s*(,\s*\+?\d+(\s*-\s*\+?\d+)?\s*)*$")]
    private static partial Regex PartitionList();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();

    private abstract record Shape
    {
        public abstract void Check(YamlNode node, string path, List<string> errors);
    }

    /// <summary>A mapping with known fields; with no fields listed, any string-to-string mapping.</summary>
    private sealed record Map(params (string Key, Shape Shape, bool Required)[] Fields) : Shape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlMap map)
            {
                errors.Add(path + ": must be a mapping");
                return;
            }

            if (Fields.Length == 0)
            {
                return;
            }

            foreach (var (key, value) in map.Entries)
            {
                var field = Fields.FirstOrDefault(f => f.Key == key);
                if (field.Shape is null)
                {
                    errors.Add($"{path}.{key}: not a field of this object");
                }
                else
                {
                    field.Shape.Check(value, path + "." + key, errors);
                }
            }

            foreach (var missing in Fields.Where(f => f.Required && map[f.Key] is null))
            {
                errors.Add($"{path}.{missing.Key}: required");
            }
        }
    }

    private sealed record List(Shape Item, int MinItems = 0) : Shape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlList list || list.Items.Count < MinItems)
            {
                errors.Add($"{path}: must be a list of at least {MinItems} item(s)");
                return;
            }

            for (var i = 0; i < list.Items.Count; i++)
            {
                Item.Check(list.Items[i], $"{path}[{i}]", errors);
            }
        }
    }

    /// <summary>An integer written as a plain YAML number.</summary>
    private sealed record Int(int Min, int Max = int.MaxValue) : Shape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlScalar { Quoted: false } scalar
                || !int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                || value < Min || value > Max)
            {
                errors.Add($"{path}: must be a number from {Min} to {Max}");
            }
        }
    }

    /// <summary>A string, plain or quoted, that YAML reads as a string (not a number, boolean or null).</summary>
    private sealed record Text(Func<string, bool> Valid, string Description) : Shape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            var isString = node is YamlScalar scalar
                && (scalar.Quoted || !Regex.IsMatch(scalar.Value, "^([-+]?[0-9.]+|true|false|null|~|yes|no|on|off)$", RegexOptions.IgnoreCase));
            if (!isString || !Valid(((YamlScalar)node).Value))
            {
                errors.Add($"{path}: must be {Description}");
            }
        }
    }

    /// <summary>A double-quoted string.</summary>
    private sealed record Quoted(Func<string, bool> Valid) : Shape
    {
        public override void Check(YamlNode node, string path, List<string> errors)
        {
            if (node is not YamlScalar { Quoted: true } scalar || !Valid(scalar.Value))
            {
                errors.Add($"{path}: must be a valid quoted string");
            }
        }
    }
}
