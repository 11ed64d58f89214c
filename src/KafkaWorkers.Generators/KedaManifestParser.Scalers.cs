using System;
using System.Collections.Generic;
using System.Globalization;
using KafkaWorkers.Generators.Model;

namespace KafkaWorkers.Generators;

/// <summary>The ScaledObject and ScaledJob specific fields.</summary>
internal sealed partial class KedaManifestParser
{
    private ScaledObjectSpec ParseScaledObject(AttributeReader scaler, AttributeReader worker, string workerName)
    {
        var targetName = scaler.String("TargetName");
        CheckName(scaler.LocationOf("TargetName"), "The scale target name", targetName);
        var cooldown = RangedInt(scaler, "CooldownPeriod", 0);
        var idle = RangedInt(scaler, "IdleReplicaCount", 0);
        var failureThreshold = RangedInt(scaler, "FallbackFailureThreshold", 1);
        var fallbackReplicas = RangedInt(scaler, "FallbackReplicas", 0);
        var min = scaler.Int("MinReplicaCount");

        if (idle is not null && idle >= (min ?? 0))
        {
            Report(DiagnosticDescriptors.IdleReplicasNotBelowMin, scaler.LocationOf("IdleReplicaCount"), Invariant(idle.Value), Invariant(min ?? 0));
        }

        if ((failureThreshold is null) != (fallbackReplicas is null))
        {
            var (written, missing) = failureThreshold is null
                ? ("FallbackReplicas", "FallbackFailureThreshold")
                : ("FallbackFailureThreshold", "FallbackReplicas");
            Report(DiagnosticDescriptors.IncompleteFallback, scaler.LocationOf(written), written, missing);
        }

        var shutdown = ShutdownTimeoutSeconds(worker);
        if ((cooldown ?? DefaultCooldownPeriod) < shutdown)
        {
            var location = cooldown is null ? worker.LocationOf("ShutdownTimeoutSeconds") : scaler.LocationOf("CooldownPeriod");
            Report(DiagnosticDescriptors.CooldownShorterThanShutdown, location, Invariant(cooldown ?? DefaultCooldownPeriod), workerName, Invariant(shutdown));
        }

        return new ScaledObjectSpec(
            EnumName(scaler, "TargetKind", "Deployment", "StatefulSet"),
            targetName,
            RangedInt(scaler, "PollingInterval", 1),
            cooldown,
            RangedInt(scaler, "InitialCooldownPeriod", 0),
            idle,
            min,
            scaler.Int("MaxReplicaCount"),
            failureThreshold,
            fallbackReplicas,
            RangedInt(scaler, "ScaleDownStabilizationWindowSeconds", 0),
            RangedInt(scaler, "ScaleUpStabilizationWindowSeconds", 0));
    }

    private ScaledJobSpec ParseScaledJob(AttributeReader scaler, string workerName)
    {
        var percentage = scaler.Double("CustomScalingRunningJobPercentage");
        if (percentage is < 0 or > 1 || (percentage is not null && double.IsNaN(percentage.Value)))
        {
            Report(
                DiagnosticDescriptors.ValueOutOfRange,
                scaler.LocationOf("CustomScalingRunningJobPercentage"),
                "CustomScalingRunningJobPercentage",
                percentage.Value.ToString("R", CultureInfo.InvariantCulture),
                "from 0 to 1");
        }

        return new ScaledJobSpec(
            RangedInt(scaler, "Parallelism", 1),
            RangedInt(scaler, "Completions", 1),
            RangedInt(scaler, "ActiveDeadlineSeconds", 1),
            RangedInt(scaler, "BackoffLimit", 0),
            RangedInt(scaler, "PollingInterval", 1),
            RangedInt(scaler, "SuccessfulJobsHistoryLimit", 0),
            RangedInt(scaler, "FailedJobsHistoryLimit", 0),
            scaler.Int("MinReplicaCount"),
            scaler.Int("MaxReplicaCount"),
            EnumName(scaler, "ScalingStrategy", "default", "custom", "accurate", "eager"),
            scaler.Int("CustomScalingQueueLengthDeduction"),
            percentage?.ToString("R", CultureInfo.InvariantCulture),
            new EquatableArray<KeyValue>(ParseJobEnvironment(scaler, workerName)));
    }

    /// <summary>The job container's own environment, after the pod's: the runtime's run-to-completion configuration keys.</summary>
    private List<KeyValue> ParseJobEnvironment(AttributeReader scaler, string workerName)
    {
        var environment = new List<KeyValue>();
        var prefix = "Kafka__Workers__" + workerName + "__Completion__";
        var maxMessages = RangedInt(scaler, "MaxMessages", 1);
        AddIfSet(environment, prefix + "MaxMessages", maxMessages is null ? null : Invariant(maxMessages.Value));
        var untilDrained = scaler.Bool("UntilDrained") ?? (maxMessages is null ? true : null);
        AddIfSet(environment, prefix + "UntilDrained", untilDrained is null ? null : untilDrained.Value ? "true" : "false");
        AddIfSet(environment, prefix + "IdleTimeout", Duration(scaler, "IdleTimeoutSeconds"));
        AddIfSet(environment, prefix + "MaxDuration", Duration(scaler, "MaxDurationSeconds"));
        AddIfSet(environment, prefix + "StartTimeout", Duration(scaler, "StartTimeoutSeconds"));
        return environment;
    }

    private string? Duration(AttributeReader scaler, string property)
    {
        var seconds = RangedInt(scaler, property, 1);
        return seconds is null ? null : TimeSpan.FromSeconds(seconds.Value).ToString("c", CultureInfo.InvariantCulture);
    }
}
