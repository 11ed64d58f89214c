namespace KafkaWorkers;

/// <summary>
/// How the Horizontal Pod Autoscaler picks among the scaling policies of one direction (<c>selectPolicy</c> of
/// <c>behavior.scaleUp</c> or <c>behavior.scaleDown</c>).
/// </summary>
/// <remarks>
/// Used by <see cref="KedaScaledObjectAttribute"/> (the generated YAML) and by <c>KafkaWorkers.Lag.HpaScalingRules</c>
/// (the model). The YAML names the member (<c>Max</c>, <c>Min</c>, <c>Disabled</c>), so the numeric values carry no
/// meaning.
/// </remarks>
public enum HpaSelectPolicy
{
    /// <summary><c>Max</c>, the default: the policy that allows the biggest change.</summary>
    Max = 0,

    /// <summary><c>Min</c>: the policy that allows the smallest change.</summary>
    Min = 1,

    /// <summary><c>Disabled</c>: the HPA never scales in this direction.</summary>
    Disabled = 2,
}
