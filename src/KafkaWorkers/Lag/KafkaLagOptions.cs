namespace KafkaWorkers.Lag;

/// <summary>The settings of one worker's lag monitor: how often it reads the offsets and the KEDA settings it predicts with.</summary>
/// <remarks>
/// <para>
/// Options are named after the worker and bound from the configuration section <c>Kafka:Workers:&lt;name&gt;:Lag</c>
/// (for example <c>Kafka:Workers:orders:Lag:Trigger:LagThreshold</c>); <c>services.Configure&lt;KafkaLagOptions&gt;(name, ...)</c>
/// called after <c>AddKafkaLagMonitor</c> runs after the configuration. They are validated when the host starts; a bad
/// value fails start-up with a message naming the setting.
/// </para>
/// <para>
/// Give <see cref="Trigger"/> and <see cref="ScaledObject"/> the values of the worker's KEDA <c>ScaledObject</c>, so that
/// the monitor's metric and replica prediction are KEDA's.
/// </para>
/// </remarks>
public sealed class KafkaLagOptions
{
    /// <summary>Gets or sets whether the worker's lag is monitored once <c>AddKafkaLagMonitor</c> was called.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets how often the committed and log-end offsets are read. With
    /// <see cref="KedaKafkaTriggerSettings.ExcludePersistentLag"/>, set it to the ScaledObject's <c>pollingInterval</c>:
    /// a committed offset counts as persistent when it has not moved between two reads.
    /// </summary>
    /// <value>The default is 10 seconds; allowed are 100 milliseconds to 1 hour.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long one read of the offsets may take before it counts as failed.</summary>
    /// <value>The default is 5 seconds; allowed are 100 milliseconds to 5 minutes.</value>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the settings of the worker's KEDA <c>kafka</c> trigger.</summary>
    /// <value>
    /// KEDA's defaults (<c>lagThreshold</c> 10, <c>offsetResetPolicy</c> latest, ...). Without a
    /// <see cref="KedaKafkaTriggerSettings.Topic"/>, every partition of the worker's topics counts.
    /// </value>
    public KedaKafkaTriggerSettings Trigger { get; set; } = new();

    /// <summary>Gets or sets the replica settings of the worker's KEDA <c>ScaledObject</c>, used for the replica prediction.</summary>
    /// <value>KEDA's defaults: <c>minReplicaCount</c> 0, <c>maxReplicaCount</c> 100.</value>
    public KedaScaledObjectSettings ScaledObject { get; set; } = new();
}
