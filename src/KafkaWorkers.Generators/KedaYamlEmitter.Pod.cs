using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using KafkaWorkers.Generators.Model;

namespace KafkaWorkers.Generators;

/// <summary>The worker's pod: the <c>apps/v1</c> Deployment and the container it shares with the ScaledJob's job template.</summary>
internal static partial class KedaYamlEmitter
{
    public const string NameLabel = "app.kubernetes.io/name";

    private const string HealthPortName = "health";

    /// <summary>
    /// The Deployment the ScaledObject scales: named and labelled as its <c>scaleTargetRef.name</c>, without
    /// <c>replicas</c> (KEDA owns the count).
    /// </summary>
    private static void WriteDeployment(YamlWriter yaml, WorkerManifestSpec spec, DeploymentSpec deployment, ProjectSpec project)
    {
        var name = TargetName(spec.ScaledObject!, project);
        yaml.Plain(0, "apiVersion", "apps/v1");
        yaml.Plain(0, "kind", "Deployment");
        yaml.Block(0, "metadata");
        yaml.Plain(2, "name", name);
        if (project.Namespace is not null)
        {
            yaml.Plain(2, "namespace", project.Namespace);
        }

        WriteLabels(yaml, 2, "labels", name);
        yaml.Block(0, "spec");
        yaml.Block(2, "selector");
        WriteLabels(yaml, 4, "matchLabels", name);
        yaml.Block(2, "template");
        yaml.Block(4, "metadata");
        WriteLabels(yaml, 6, "labels", name);
        yaml.Block(4, "spec");
        yaml.Number(6, "terminationGracePeriodSeconds", spec.Pod!.TerminationGracePeriodSeconds);
        yaml.Block(6, "containers");

        var port = deployment.HealthPort ?? (project.ReferencesAspNetCore ? 8080 : 0);
        var web = port > 0
            ? [new EnvironmentVariable("ASPNETCORE_URLS", "http://+:" + port.ToString(CultureInfo.InvariantCulture))]
            : new EnvironmentVariable[0];
        WriteContainer(yaml, 6, spec, deployment.Image ?? Image(project), web);
        if (port > 0)
        {
            yaml.Block(8, "ports");
            yaml.Item(8, "name", HealthPortName);
            yaml.Number(10, "containerPort", port);
            WriteProbe(yaml, "livenessProbe", deployment.LivenessPath, periodSeconds: 10, failureThreshold: 3);
            WriteProbe(yaml, "readinessProbe", deployment.ReadinessPath, periodSeconds: 5, failureThreshold: null);
        }

        WriteResources(yaml, 8, spec.Pod!);
    }

    private static void WriteLabels(YamlWriter yaml, int indent, string key, string name)
    {
        yaml.Block(indent, key);
        yaml.Plain(indent + 2, NameLabel, name);
    }

    private static void WriteProbe(YamlWriter yaml, string probe, string path, int periodSeconds, int? failureThreshold)
    {
        yaml.Block(8, probe);
        yaml.Block(10, "httpGet");
        yaml.Quoted(12, "path", path);
        yaml.Plain(12, "port", HealthPortName);
        yaml.Number(10, "periodSeconds", periodSeconds);
        yaml.Number(10, "failureThreshold", failureThreshold);
    }

    /// <summary>The container's <c>resources</c>, the last of its fields, at the container's field indent.</summary>
    private static void WriteResources(YamlWriter yaml, int indent, PodSpec pod)
    {
        if (pod.Requests.Count > 0 || pod.Limits.Count > 0)
        {
            yaml.Block(indent, "resources");
            WriteQuantities(yaml, indent + 2, "requests", pod.Requests);
            WriteQuantities(yaml, indent + 2, "limits", pod.Limits);
        }
    }

    private static void WriteQuantities(YamlWriter yaml, int indent, string key, EquatableArray<KeyValue> quantities)
    {
        if (quantities.Count > 0)
        {
            yaml.Block(indent, key);
            foreach (var quantity in quantities)
            {
                yaml.Quoted(indent + 2, quantity.Key, quantity.Value);
            }
        }
    }

    /// <summary>
    /// The worker's container, as a list item at <paramref name="indent"/>: its name, image, environment sources and
    /// variables (the pod's, then <paramref name="more"/>). The caller adds what follows (ports, probes, then resources).
    /// </summary>
    private static void WriteContainer(YamlWriter yaml, int indent, WorkerManifestSpec spec, string image, IEnumerable<EnvironmentVariable> more)
    {
        var pod = spec.Pod!;
        var field = indent + 2;
        yaml.Item(indent, "name", KubernetesNames.CheckLabel(spec.WorkerName, KubernetesNames.MaxLabelLength) is null ? spec.WorkerName : "worker");
        yaml.Quoted(field, "image", image);
        if (pod.EnvironmentConfigMap is not null || pod.EnvironmentSecret is not null)
        {
            yaml.Block(field, "envFrom");
            WriteEnvironmentSource(yaml, field, "configMapRef", pod.EnvironmentConfigMap);
            WriteEnvironmentSource(yaml, field, "secretRef", pod.EnvironmentSecret);
        }

        yaml.Block(field, "env");
        foreach (var variable in pod.Environment.Concat(more))
        {
            yaml.Item(field, "name", variable.Name);
            if (variable.Value is not null)
            {
                yaml.Quoted(field + 2, "value", variable.Value);
                continue;
            }

            yaml.Block(field + 2, "valueFrom");
            if (variable.FieldPath is not null)
            {
                yaml.Block(field + 4, "fieldRef");
                yaml.Plain(field + 6, "fieldPath", variable.FieldPath);
            }
            else
            {
                yaml.Block(field + 4, "secretKeyRef");
                yaml.Plain(field + 6, "name", variable.SecretName!);
                yaml.Quoted(field + 6, "key", variable.SecretKey!);
            }
        }
    }

    private static void WriteEnvironmentSource(YamlWriter yaml, int indent, string kind, string? name)
    {
        if (name is not null)
        {
            yaml.ItemBlock(indent, kind);
            yaml.Plain(indent + 4, "name", name);
        }
    }

    /// <summary>The ScaledObject's <c>scaleTargetRef.name</c>, which is also the generated Deployment's name.</summary>
    private static string TargetName(ScaledObjectSpec spec, ProjectSpec project) =>
        spec.TargetName ?? project.TargetName ?? KubernetesNames.FromAssemblyName(project.AssemblyName);
}
