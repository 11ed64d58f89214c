namespace KafkaWorkers;

/// <summary>How a KEDA <c>ScaledJob</c> decides how many jobs to start (<c>spec.scalingStrategy.strategy</c>).</summary>
public enum KedaScalingStrategy
{
    /// <summary><c>default</c>: new jobs = lag ÷ threshold − running jobs. KEDA's default.</summary>
    Default = 0,

    /// <summary>
    /// <c>custom</c>: like <see cref="Default"/>, tuned by
    /// <see cref="KedaScaledJobAttribute.CustomScalingQueueLengthDeduction"/> and
    /// <see cref="KedaScaledJobAttribute.CustomScalingRunningJobPercentage"/>.
    /// </summary>
    Custom = 1,

    /// <summary><c>accurate</c>: for scalers whose queue length already excludes running work.</summary>
    Accurate = 2,

    /// <summary><c>eager</c>: fills every free slot up to <c>maxReplicaCount</c> at once.</summary>
    Eager = 3,
}
