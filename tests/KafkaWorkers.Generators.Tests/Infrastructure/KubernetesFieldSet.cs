using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaWorkers.Generators.Tests.Infrastructure;

/// <summary>
/// The Kubernetes <c>apps/v1</c> <c>Deployment</c> fields the generator may write, with their types, required fields and
/// the validation rules the API server applies to them (field names and types as in the Kubernetes OpenAPI schema:
/// <c>io.k8s.api.apps.v1.DeploymentSpec</c>, <c>io.k8s.api.core.v1.PodSpec</c>, <c>Container</c>, <c>EnvVar</c>,
/// <c>EnvFromSource</c>, <c>ContainerPort</c>, <c>Probe</c>, <c>ResourceRequirements</c>); see docs/keda.md.
/// </summary>
internal static partial class KubernetesFieldSet
{
    public static readonly Shape Name = new TextShape(s => DnsLabel().IsMatch(s) && s.Length <= 63, "a DNS-1123 label");
    public static readonly Shape Subdomain = new TextShape(s => s.Length <= 253 && s.Split('.').All(DnsLabel().IsMatch), "a DNS-1123 subdomain");

    private static readonly Shape LabelValue = new TextShape(s => s.Length <= 63 && LabelValueRegex().IsMatch(s), "a label value");
    private static readonly Shape Labels = new DictionaryShape(IsLabelKey, "a label key", LabelValue);
    private static readonly Shape Quantity = new QuotedShape(s => QuantityRegex().IsMatch(s));
    private static readonly Shape Resources = new DictionaryShape(k => k is "cpu" or "memory" or "ephemeral-storage", "cpu, memory or ephemeral-storage", Quantity);

    private static readonly Shape Probe = new MapShape(
        ("httpGet", new MapShape(
            ("path", new QuotedShape(s => s.StartsWith('/')), false),
            ("port", new EitherShape(new IntShape(1, 65535), PortName(), "a port number or a port name"), true)), true),
        ("periodSeconds", new IntShape(1), false),
        ("failureThreshold", new IntShape(1), false));

    /// <summary>A <c>core/v1</c> Container, as the Deployment and the ScaledJob's job template write it.</summary>
    public static readonly Shape Container = new MapShape(
        ("name", Name, true),
        ("image", new TextShape(s => s.Length > 0 && !s.Contains(' '), "an image reference"), true),
        ("envFrom", new ListShape(new MapShape(
            ("configMapRef", new MapShape(("name", Subdomain, true)), false),
            ("secretRef", new MapShape(("name", Subdomain, true)), false))), false),
        ("env", new ListShape(new MapShape(
            ("name", new TextShape(s => EnvName().IsMatch(s), "an environment variable name"), true),
            ("value", new QuotedShape(_ => true), false),
            ("valueFrom", new MapShape(
                ("fieldRef", new MapShape(("fieldPath", new TextShape(s => s is "metadata.name" or "metadata.namespace" or "metadata.uid" or "spec.nodeName" or "status.podIP", "a pod field"), true)), false),
                ("secretKeyRef", new MapShape(("name", Subdomain, true), ("key", new QuotedShape(s => SecretKey().IsMatch(s)), true)), false)), false))), false),
        ("ports", new ListShape(new MapShape(("name", PortName(), false), ("containerPort", new IntShape(1, 65535), true))), false),
        ("livenessProbe", Probe, false),
        ("readinessProbe", Probe, false),
        ("resources", new MapShape(("requests", Resources, false), ("limits", Resources, false)), false));

    private static readonly Shape DeploymentSpec = new MapShape(
        ("selector", new MapShape(("matchLabels", Labels, true)), true),
        ("template", new MapShape(
            ("metadata", new MapShape(("labels", Labels, true)), true),
            ("spec", new MapShape(
                ("terminationGracePeriodSeconds", new IntShape(0), false),
                ("containers", new ListShape(Container, MinItems: 1), true)), true)), true));

    /// <summary>Checks one Deployment document; returns what is wrong, empty when it conforms.</summary>
    public static IReadOnlyList<string> Validate(YamlMap document)
    {
        var errors = new List<string>();
        new MapShape(
            ("apiVersion", new TextShape(s => s == "apps/v1", "apps/v1"), true),
            ("kind", new TextShape(s => s == "Deployment", "Deployment"), true),
            ("metadata", new MapShape(("name", Subdomain, true), ("namespace", Name, false), ("labels", Labels, false)), true),
            ("spec", DeploymentSpec, true)).Check(document, "Deployment", errors);

        // The API server's own rules: the selector selects the template's pods; every env entry has one source.
        var spec = document["spec"] as YamlMap;
        var selector = ((spec?["selector"] as YamlMap)?["matchLabels"] as YamlMap)?.Entries ?? [];
        var labels = (((spec?["template"] as YamlMap)?["metadata"] as YamlMap)?["labels"] as YamlMap)?.Entries ?? [];
        if (selector.Count == 0 || selector.Any(s => !labels.Contains(s)))
        {
            errors.Add("Deployment.spec.selector: must be non-empty and match spec.template.metadata.labels");
        }

        foreach (var container in Containers(spec))
        {
            foreach (var variable in (container["env"] as YamlList)?.Items.OfType<YamlMap>() ?? [])
            {
                if ((variable["value"] is null) == (variable["valueFrom"] is null))
                {
                    errors.Add($"Deployment env {variable["name"]}: needs exactly one of value and valueFrom");
                }
            }
        }

        return errors;
    }

    private static IEnumerable<YamlMap> Containers(YamlMap? spec) =>
        ((((spec?["template"] as YamlMap)?["spec"] as YamlMap)?["containers"]) as YamlList)?.Items.OfType<YamlMap>() ?? [];

    private static bool IsLabelKey(string key)
    {
        var slash = key.IndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        return (slash < 0 || key[..slash].Split('.').All(DnsLabel().IsMatch)) && name.Length is > 0 and <= 63 && LabelValueRegex().IsMatch(name);
    }

    /// <summary>An IANA service name: at most 15 lower-case letters, digits and '-', with a letter.</summary>
    private static TextShape PortName() =>
        new(s => s.Length <= 15 && DnsLabel().IsMatch(s) && s.Any(char.IsLetter) && !s.Contains("--", StringComparison.Ordinal), "a port name");

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValueRegex();

    /// <summary>Kubernetes' environment variable names (<c>IsEnvVarName</c>): letters, digits, '_', '-' and '.', not starting with a digit.</summary>
    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();

    [GeneratedRegex("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex QuantityRegex();
}
