namespace KafkaWorkers.Testing;

/// <summary>Settings of a <see cref="KafkaTestCluster"/>.</summary>
public sealed class KafkaTestClusterOptions
{
    /// <summary>Gets or sets how many brokers the cluster runs.</summary>
    /// <value>The default is 3; allowed are 1 to 16. Broker ids run from 1 to this number.</value>
    public int BrokerCount { get; set; } = 3;

    /// <summary>
    /// Gets or sets how long a new consumer group waits for more members before its first rebalance
    /// (the broker setting <c>group.initial.rebalance.delay.ms</c>).
    /// </summary>
    /// <value>
    /// The default is 100 ms, so tests start quickly (a real broker's default is 3 seconds); allowed are
    /// zero to one minute.
    /// </value>
    public TimeSpan GroupInitialRebalanceDelay { get; set; } = TimeSpan.FromMilliseconds(100);
}
