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

    /// <summary>
    /// Gets or sets the session timeout the cluster gives members of KIP-848 groups (<c>group.protocol=consumer</c>;
    /// the broker setting <c>group.consumer.session.timeout.ms</c>), or <see langword="null"/> for librdkafka's default.
    /// </summary>
    /// <value>The default is <see langword="null"/>; allowed are 1 second to 5 minutes, and more than <see cref="ConsumerGroupHeartbeatInterval"/>.</value>
    /// <remarks>Under KIP-848 the broker, not the client, sets the session timeout and heartbeat interval.</remarks>
    public TimeSpan? ConsumerGroupSessionTimeout { get; set; }

    /// <summary>
    /// Gets or sets the heartbeat interval the cluster gives members of KIP-848 groups (the broker setting
    /// <c>group.consumer.heartbeat.interval.ms</c>), or <see langword="null"/> for librdkafka's default. New
    /// assignments reach members with their heartbeats, so a short interval makes rebalances quick.
    /// </summary>
    /// <value>The default is <see langword="null"/>; allowed are 10 ms to 1 minute.</value>
    public TimeSpan? ConsumerGroupHeartbeatInterval { get; set; }
}
