namespace KafkaWorkers.Lag;

/// <summary>The checks KEDA makes on a ScaledObject's or ScaledJob's <c>minReplicaCount</c> and <c>maxReplicaCount</c>.</summary>
internal static class KedaReplicaCountValidation
{
    /// <summary>Throws unless <c>lowestMax ≤ max</c> and <c>0 ≤ min ≤ max</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range; the message names it.</exception>
    internal static void Validate(long minReplicaCount, long maxReplicaCount, long lowestMaxReplicaCount, string paramName)
    {
        if (maxReplicaCount < lowestMaxReplicaCount)
        {
            throw new ArgumentOutOfRangeException(
                paramName, maxReplicaCount, $"MaxReplicaCount must be at least {lowestMaxReplicaCount}.");
        }

        if (minReplicaCount < 0 || minReplicaCount > maxReplicaCount)
        {
            throw new ArgumentOutOfRangeException(
                paramName, minReplicaCount, "MinReplicaCount must be between 0 and MaxReplicaCount.");
        }
    }
}
