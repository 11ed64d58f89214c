using System.Reflection;
using KafkaWorkers.Hosting;

namespace KafkaWorkers.Lag;

/// <summary>
/// Takes a worker's lag defaults from the KEDA attribute on its handler (<see cref="KedaScaledObjectAttribute"/> or
/// <see cref="KedaScaledJobAttribute"/>), so that the monitor evaluates the trigger the generator writes into the
/// manifest. Only the properties written in the attribute apply, as only those reach the YAML; the others keep KEDA's
/// defaults.
/// </summary>
internal static class KafkaLagDeclaration
{
    public static void Apply(HandlerContract contract, KafkaLagOptions options)
    {
        var data = contract.HandlerType.GetCustomAttributesData()
            .FirstOrDefault(a => a.AttributeType.IsSubclassOf(typeof(KedaKafkaScalerAttribute)));
        if (data is null || contract.HandlerType.GetCustomAttribute(data.AttributeType, inherit: false) is not KedaKafkaScalerAttribute scaler)
        {
            return;
        }

        // Like the generator: the trigger names the worker's topic when the worker declares exactly one.
        if (contract.Declaration is { Topics: [var topic] })
        {
            options.Trigger.Topic = topic;
        }

        var written = data.NamedArguments.Select(a => a.MemberName).ToHashSet(StringComparer.Ordinal);
        bool Written(string property) => written.Contains(property);

        var trigger = options.Trigger;
        var replicas = options.ScaledObject;
        if (Written(nameof(scaler.PollingInterval)))
        {
            options.PollInterval = TimeSpan.FromSeconds(scaler.PollingInterval);
        }

        if (Written(nameof(scaler.MinReplicaCount)))
        {
            replicas.MinReplicaCount = scaler.MinReplicaCount;
        }

        if (Written(nameof(scaler.MaxReplicaCount)))
        {
            replicas.MaxReplicaCount = scaler.MaxReplicaCount;
        }

        if (scaler is KedaScaledObjectAttribute scaledObject)
        {
            if (Written(nameof(scaledObject.IdleReplicaCount)))
            {
                replicas.IdleReplicaCount = scaledObject.IdleReplicaCount;
            }

            replicas.Behavior = DeclaredBehavior(scaledObject, Written) ?? replicas.Behavior;
        }

        // The attribute's trigger properties write to its own KedaKafkaTriggerSettings: copy the written ones, by name.
        foreach (var property in typeof(KedaKafkaTriggerSettings).GetProperties())
        {
            if (property.CanWrite && Written(property.Name))
            {
                property.SetValue(trigger, property.GetValue(scaler.Trigger));
            }
        }
    }

    /// <summary>The HPA behavior the generator writes for the attribute, or <see langword="null"/> when it writes none.</summary>
    private static HpaBehavior? DeclaredBehavior(KedaScaledObjectAttribute a, Func<string, bool> written)
    {
        var up = DeclaredRules(
            written, "ScaleUp", a.ScaleUpStabilizationWindowSeconds, a.ScaleUpSelectPolicy,
            (a.ScaleUpPods, a.ScaleUpPodsPeriodSeconds), (a.ScaleUpPercent, a.ScaleUpPercentPeriodSeconds));
        var down = DeclaredRules(
            written, "ScaleDown", a.ScaleDownStabilizationWindowSeconds, a.ScaleDownSelectPolicy,
            (a.ScaleDownPods, a.ScaleDownPodsPeriodSeconds), (a.ScaleDownPercent, a.ScaleDownPercentPeriodSeconds));
        return up is null && down is null ? null : new HpaBehavior { ScaleUp = up, ScaleDown = down };
    }

    /// <summary>One direction as the generator writes it: the written properties, a policy's period 15 s unless written.</summary>
    private static HpaScalingRules? DeclaredRules(
        Func<string, bool> written, string direction, int window, HpaSelectPolicy select, (int Value, int Period) pods, (int Value, int Period) percent)
    {
        var policies = new List<HpaScalingPolicy>();
        foreach (var (type, (value, period)) in new[] { (HpaScalingPolicyType.Pods, pods), (HpaScalingPolicyType.Percent, percent) })
        {
            var name = direction + type;
            if (written(name))
            {
                policies.Add(new HpaScalingPolicy { Type = type, Value = value, PeriodSeconds = written(name + "PeriodSeconds") ? period : 15 });
            }
        }

        var hasWindow = written(direction + "StabilizationWindowSeconds");
        var hasSelect = written(direction + "SelectPolicy");
        return !hasWindow && !hasSelect && policies.Count == 0
            ? null
            : new HpaScalingRules
            {
                StabilizationWindowSeconds = hasWindow ? window : null,
                SelectPolicy = hasSelect ? select : null,
                Policies = policies.Count > 0 ? policies : null,
            };
    }
}
