using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using KafkaWorkers.Generators.Model;

namespace KafkaWorkers.Generators;

/// <summary>The worker's pod: the Deployment of <c>[KubernetesDeployment]</c> and the ScaledJob's job template.</summary>
internal sealed partial class KedaManifestParser
{
    public const string KubernetesDeploymentAttributeName = "KafkaWorkers.KubernetesDeploymentAttribute";

    /// <summary>After the drain: the final commit and leaving the group (the worker's leave timeout is 10 s).</summary>
    public const int HostShutdownMarginSeconds = 10;

    /// <summary>After the host's shutdown timeout: the host returns and the process exits before Kubernetes sends SIGKILL.</summary>
    public const int ProcessExitMarginSeconds = 5;

    private const string PodNameVariable = "POD_NAME";
    private const string HostShutdownTimeoutVariable = "DOTNET_shutdownTimeoutSeconds";
    private const string ConsumerSettingPrefix = "Kafka__Consumer__";

    private static readonly Regex Quantity = new("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$", RegexOptions.CultureInvariant);

    private static int ShutdownTimeoutSeconds(AttributeReader worker) =>
        worker.Int("ShutdownTimeoutSeconds") is > 0 and var seconds ? seconds : DefaultShutdownTimeoutSeconds;

    /// <summary>
    /// The pod settings, from <paramref name="source"/> (<c>[KubernetesDeployment]</c> or <c>[KedaScaledJob]</c>): the
    /// grace period, the environment sources, and the variables the worker needs to agree with its trigger.
    /// </summary>
    private PodSpec ParsePod(
        AttributeReader source,
        string kind,
        AttributeReader worker,
        string workerName,
        List<KeyValue> trigger,
        TriggerAuthenticationSpec? authentication)
    {
        var configMap = source.String("EnvironmentConfigMap");
        CheckName(source.LocationOf("EnvironmentConfigMap"), "The ConfigMap name", configMap);
        var secret = source.String("EnvironmentSecret");
        CheckName(source.LocationOf("EnvironmentSecret"), "The Secret name", secret);

        var shutdown = ShutdownTimeoutSeconds(worker);
        var minimumGrace = shutdown + HostShutdownMarginSeconds + ProcessExitMarginSeconds;
        var grace = RangedInt(source, "TerminationGracePeriodSeconds", 0);
        if (grace is >= 0 && grace < minimumGrace)
        {
            Report(
                DiagnosticDescriptors.GracePeriodShorterThanShutdown,
                source.LocationOf("TerminationGracePeriodSeconds"),
                Invariant(grace.Value),
                workerName,
                Invariant(shutdown),
                Invariant(HostShutdownMarginSeconds + ProcessExitMarginSeconds),
                Invariant(minimumGrace));
        }

        var environment = new List<EnvironmentVariable>();
        var bootstrapServers = Value(trigger, "bootstrapServers");
        var bootstrapServersFromEnv = Value(trigger, "bootstrapServersFromEnv");
        if (bootstrapServers is not null)
        {
            environment.Add(new EnvironmentVariable(BootstrapServersEnvironmentVariable, bootstrapServers));
        }
        else if (bootstrapServersFromEnv != BootstrapServersEnvironmentVariable)
        {
            // The trigger reads another variable: the app reads the same value, through Kubernetes' $(VAR) expansion.
            environment.Add(new EnvironmentVariable(BootstrapServersEnvironmentVariable, "$(" + bootstrapServersFromEnv + ")"));
        }

        environment.Add(EnvironmentVariable.FromField(PodNameVariable, "metadata.name"));
        environment.Add(new EnvironmentVariable(HostShutdownTimeoutVariable, Invariant(shutdown + HostShutdownMarginSeconds)));
        AddSecurity(environment, trigger, authentication);

        var fromEnvironment = trigger.Where(e => e.Key is "bootstrapServersFromEnv" or "consumerGroupFromEnv").Select(e => e.Value).ToList();
        if (configMap is null && secret is null && fromEnvironment.Count > 0)
        {
            Report(
                DiagnosticDescriptors.TriggerVariableNotInContainer,
                source.Location,
                kind,
                string.Join(" and ", fromEnvironment),
                workerName);
        }

        return new PodSpec(
            grace ?? minimumGrace,
            configMap,
            secret,
            new EquatableArray<EnvironmentVariable>(environment),
            Resources(source, ("cpu", "CpuRequest"), ("memory", "MemoryRequest")),
            Resources(source, ("cpu", "CpuLimit"), ("memory", "MemoryLimit")));
    }

    /// <summary>
    /// The app's own SASL and TLS settings (librdkafka's keys under <c>Kafka:Consumer</c>), from the same values and the
    /// same secret keys as the trigger's; credentials are <c>secretKeyRef</c>s, never values.
    /// </summary>
    private void AddSecurity(List<EnvironmentVariable> environment, List<KeyValue> trigger, TriggerAuthenticationSpec? authentication)
    {
        if (authentication is null)
        {
            return;
        }

        var keys = authentication.References.ToDictionary(r => r.Parameter, r => r.Key);
        var sasl = Value(trigger, "sasl");
        if (keys.ContainsKey("sasl") || keys.ContainsKey("tls"))
        {
            var attribute = Find(TriggerAuthenticationAttributeName)!;
            Report(DiagnosticDescriptors.SecuritySettingInSecret, attribute.LocationOf(keys.ContainsKey("sasl") ? "SaslKey" : "TlsKey"), _typeName);
        }
        else
        {
            var usesSasl = sasl is not null and not "none";
            var tls = Value(trigger, "tls") == "enable";
            var protocol = usesSasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : tls ? "SSL" : null;
            AddSetting(environment, "security.protocol", protocol);
            AddSetting(environment, "sasl.mechanism", usesSasl ? SaslMechanism(sasl!) : null);
        }

        foreach (var (parameter, setting) in new[]
        {
            ("username", "sasl.username"), ("password", "sasl.password"),
            ("ca", "ssl.ca.pem"), ("cert", "ssl.certificate.pem"), ("key", "ssl.key.pem"),
        })
        {
            // With OAUTHBEARER KEDA's username and password are the OIDC client's; the app's OIDC settings are configuration.
            if (keys.TryGetValue(parameter, out var key) && !(sasl == "oauthbearer" && parameter is "username" or "password"))
            {
                environment.Add(EnvironmentVariable.FromSecret(ConsumerSettingPrefix + setting, authentication.SecretName, key));
            }
        }
    }

    private static void AddSetting(List<EnvironmentVariable> environment, string setting, string? value)
    {
        if (value is not null)
        {
            environment.Add(new EnvironmentVariable(ConsumerSettingPrefix + setting, value));
        }
    }

    /// <summary>KEDA's <c>sasl</c> value as librdkafka's <c>sasl.mechanism</c>.</summary>
    private static string SaslMechanism(string sasl) => sasl switch
    {
        "plaintext" => "PLAIN",
        "scram_sha256" => "SCRAM-SHA-256",
        "scram_sha512" => "SCRAM-SHA-512",
        _ => "OAUTHBEARER",
    };

    private static string? Value(List<KeyValue> entries, string key) => entries.FirstOrDefault(e => e.Key == key)?.Value;

    /// <summary>The Deployment's own settings, or <see langword="null"/> without <c>[KubernetesDeployment]</c>.</summary>
    private DeploymentSpec? ParseDeployment(AttributeReader? deployment, AttributeReader scaler, ScaledObjectSpec? scaledObject)
    {
        if (deployment is null)
        {
            return null;
        }

        if (scaledObject?.TargetKind == "StatefulSet")
        {
            Report(DiagnosticDescriptors.DeploymentForStatefulSet, scaler.LocationOf("TargetKind"), _typeName);
        }

        var image = deployment.String("Image");
        if (image is not null && (image.Length == 0 || image.Any(char.IsWhiteSpace)))
        {
            Report(DiagnosticDescriptors.ValueOutOfRange, deployment.LocationOf("Image"), "Image", "'" + image + "'", "an image reference without spaces");
        }

        var port = deployment.Int("HealthPort");
        if (port is < 0 or > 65535)
        {
            Report(DiagnosticDescriptors.ValueOutOfRange, deployment.LocationOf("HealthPort"), "HealthPort", Invariant(port.Value), "from 1 to 65535, or 0 for no probes");
        }

        return new DeploymentSpec(
            image,
            port,
            HttpPath(deployment, "LivenessPath", "/healthz/live"),
            HttpPath(deployment, "ReadinessPath", "/healthz/ready"));
    }

    private string HttpPath(AttributeReader deployment, string property, string defaultPath)
    {
        var path = deployment.String(property);
        if (path is not null && (!path.StartsWith("/", System.StringComparison.Ordinal) || path.Any(char.IsWhiteSpace)))
        {
            Report(DiagnosticDescriptors.ValueOutOfRange, deployment.LocationOf(property), property, "'" + path + "'", "an absolute URL path such as /healthz/live");
        }

        return path ?? defaultPath;
    }

    private EquatableArray<KeyValue> Resources(AttributeReader source, params (string Resource, string Property)[] properties)
    {
        var resources = new List<KeyValue>();
        foreach (var (resource, property) in properties)
        {
            var quantity = source.String(property);
            if (quantity is not null && !Quantity.IsMatch(quantity))
            {
                Report(DiagnosticDescriptors.ValueOutOfRange, source.LocationOf(property), property, "'" + quantity + "'", "a Kubernetes quantity such as 100m, 0.5 or 256Mi");
            }

            AddIfSet(resources, resource, quantity);
        }

        return new EquatableArray<KeyValue>(resources);
    }

    /// <summary>
    /// A ScaledJob's deadline must leave the run its own end: <c>MaxDurationSeconds</c> plus the shutdown timeout and the
    /// margins, else Kubernetes stops the job first and marks it failed.
    /// </summary>
    private void CheckJobDeadline(AttributeReader scaler, AttributeReader worker)
    {
        var deadline = scaler.Int("ActiveDeadlineSeconds");
        if (deadline is not > 0)
        {
            return;
        }

        var maxDuration = scaler.Int("MaxDurationSeconds");
        var needed = maxDuration is > 0 ? maxDuration.Value + ShutdownTimeoutSeconds(worker) + HostShutdownMarginSeconds + ProcessExitMarginSeconds : (int?)null;
        if (needed is null || deadline < needed)
        {
            Report(
                DiagnosticDescriptors.JobDeadlineBeforeRunEnd,
                scaler.LocationOf("ActiveDeadlineSeconds"),
                Invariant(deadline.Value),
                needed is null ? "MaxDurationSeconds is not set, so the run has no end of its own" : "it needs at least " + Invariant(needed.Value) + " s (MaxDurationSeconds + the shutdown timeout + " + Invariant(HostShutdownMarginSeconds + ProcessExitMarginSeconds) + " s)");
        }
    }
}
