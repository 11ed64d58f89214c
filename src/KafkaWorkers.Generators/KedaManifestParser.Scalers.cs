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

        // KEDA's CheckReplicaCountBoundsAreValid: a written minimum counts as the HPA's, max(min, 1); an unwritten one as 0.
        var idleBound = min is null ? 0 : Math.Max(min.Value, 1);
        if (idle is not null && idle >= idleBound)
        {
            Report(DiagnosticDescriptors.IdleReplicasNotBelowMin, scaler.LocationOf("IdleReplicaCount"), Invariant(idle.Value), Invariant(idleBound));
        }
        else if (idle > 0)
        {
            // KEDA accepts it, but the HPA raises a count below its minimum straight back to it (kedacore/keda#2314).
            Report(DiagnosticDescriptors.IdleReplicasFlapToMin, scaler.LocationOf("IdleReplicaCount"), Invariant(idle.Value), Invariant(idleBound));
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
            EnumName(scaler, "TargetKind", YamlWords.ScaleTargetKind),
            targetName,
            RangedInt(scaler, "PollingInterval", 1),
            cooldown,
            RangedInt(scaler, "InitialCooldownPeriod", 0),
            idle,
            min,
            scaler.Int("MaxReplicaCount"),
            failureThreshold,
            fallbackReplicas,
            ParseHpaRules(scaler, "ScaleDown"),
            ParseHpaRules(scaler, "ScaleUp"));
    }

    /// <summary>One direction of the HPA's behavior from the <c>ScaleUp*</c> or <c>ScaleDown*</c> properties; null when none is written.</summary>
    private HpaRulesSpec? ParseHpaRules(AttributeReader scaler, string direction)
    {
        var window = RangedInt(scaler, direction + "StabilizationWindowSeconds", 0, MaxStabilizationWindowSeconds);
        var select = EnumName(scaler, direction + "SelectPolicy", YamlWords.SelectPolicy);
        var policies = new List<HpaPolicySpec>();
        AddHpaPolicy(scaler, direction, "Pods", policies);
        AddHpaPolicy(scaler, direction, "Percent", policies);
        return window is null && select is null && policies.Count == 0
            ? null
            : new HpaRulesSpec(window, select, new EquatableArray<HpaPolicySpec>(policies));
    }

    private void AddHpaPolicy(AttributeReader scaler, string direction, string type, List<HpaPolicySpec> policies)
    {
        var valueProperty = direction + type;
        var periodProperty = valueProperty + "PeriodSeconds";
        var value = RangedInt(scaler, valueProperty, 1);
        var period = RangedInt(scaler, periodProperty, 1, MaxPolicyPeriodSeconds);
        if (value is null)
        {
            if (period is not null)
            {
                Report(DiagnosticDescriptors.PolicyPeriodWithoutValue, scaler.LocationOf(periodProperty), periodProperty, valueProperty);
            }

            return;
        }

        policies.Add(new HpaPolicySpec(type, value.Value, period ?? DefaultPolicyPeriodSeconds));
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
            EnumName(scaler, "ScalingStrategy", YamlWords.ScalingStrategy),
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
