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

        if (scaler is KedaScaledObjectAttribute scaledObject && Written(nameof(scaledObject.IdleReplicaCount)))
        {
            replicas.IdleReplicaCount = scaledObject.IdleReplicaCount;
        }

        if (Written(nameof(scaler.LagThreshold)))
        {
            trigger.LagThreshold = scaler.LagThreshold;
        }

        if (Written(nameof(scaler.ActivationLagThreshold)))
        {
            trigger.ActivationLagThreshold = scaler.ActivationLagThreshold;
        }

        if (Written(nameof(scaler.OffsetResetPolicy)))
        {
            trigger.OffsetResetPolicy = scaler.OffsetResetPolicy == KedaOffsetResetPolicy.Earliest
                ? KafkaOffsetResetPolicy.Earliest
                : KafkaOffsetResetPolicy.Latest;
        }

        if (Written(nameof(scaler.PartitionLimitation)))
        {
            trigger.PartitionLimitation = scaler.PartitionLimitation;
        }

        // The switches: written means emitted, and false is KEDA's default either way.
        trigger.AllowIdleConsumers |= scaler.AllowIdleConsumers;
        trigger.ExcludePersistentLag |= scaler.ExcludePersistentLag;
        trigger.ScaleToZeroOnInvalidOffset |= scaler.ScaleToZeroOnInvalidOffset;
        trigger.LimitToPartitionsWithLag |= scaler.LimitToPartitionsWithLag;
        trigger.EnsureEvenDistributionOfPartitions |= scaler.EnsureEvenDistributionOfPartitions;
    }
}
