namespace KafkaWorkers;

/// <summary>The settings of one Kafka worker.</summary>
/// <remarks>
/// <para>
/// Options are named after the worker and bound from configuration: shared defaults from <c>Kafka</c>
/// (<c>Kafka:BootstrapServers</c>, <c>Kafka:Consumer:&lt;librdkafka key&gt;</c>), then the worker's section
/// <c>Kafka:Workers:&lt;name&gt;</c>, then the <c>configure</c> delegate given to <c>AddKafkaWorker</c>. Values
/// declared by <see cref="KafkaWorkerAttribute"/> on the handler come first and are overridden by all of these.
/// </para>
/// <para>Options are validated when the host starts; a bad value fails start-up with a message naming the setting.</para>
/// </remarks>
public sealed class KafkaWorkerOptions
{
    /// <summary>Gets or sets the Kafka cluster's <c>bootstrap.servers</c>.</summary>
    /// <value>Required. Bound from <c>Kafka:BootstrapServers</c> unless the worker's section sets it.</value>
    public string? BootstrapServers { get; set; }

    /// <summary>Gets or sets the consumer group id.</summary>
    /// <value>Required.</value>
    public string? GroupId { get; set; }

    /// <summary>Gets the topics the worker subscribes to.</summary>
    /// <value>At least one topic is required.</value>
    public IList<string> Topics { get; set; } = new List<string>();

    /// <summary>Gets or sets how many messages (or batches) may be handled at once.</summary>
    /// <value>The default is 1; allowed are 1 to 10 000.</value>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>Gets or sets which messages may be handled in parallel.</summary>
    /// <value>The default is <see cref="KafkaOrdering.Partition"/>.</value>
    public KafkaOrdering Ordering { get; set; } = KafkaOrdering.Partition;

    /// <summary>
    /// Gets or sets how many fetched messages of one partition may wait for a handler. When a partition's buffer
    /// is full the poll loop waits briefly (up to 20 ms) for half of it to drain; if it does not, the partition is
    /// paused (the consumer keeps polling) and resumed when half of it has drained.
    /// </summary>
    /// <value>The default is 500; allowed are 1 to 1 000 000.</value>
    public int MaxBufferedMessagesPerPartition { get; set; } = 500;

    /// <summary>
    /// Gets or sets how many messages of one partition the worker takes on beyond the partition's last successful commit
    /// (handled, in flight or buffered, counted by offsets) while its commits fail or are late. At the bound the partition
    /// is paused (the consumer keeps polling) until a commit succeeds, so that when commits keep failing (a coordinator
    /// down) and the partition is then lost, its next owner redoes at most this many messages, however long the outage
    /// lasted (or what the partition took on before the failure showed, up to about three <see cref="CommitInterval"/>s of
    /// its messages, if that was more).
    /// </summary>
    /// <remarks>
    /// While the broker acknowledges commits in time, the bound does not hold a partition back: a partition whose rate
    /// times <see cref="CommitInterval"/> exceeds it goes on at full speed. Commits count as failing from a failed commit
    /// until the next one succeeds, and as late when an offset handed to the commit waits longer than twice
    /// <see cref="CommitInterval"/> (at least a second) for the broker's acknowledgement. It does not bound what a crash
    /// (SIGKILL) redoes: that is what completed since the last background commit, so at most
    /// <see cref="CommitInterval"/>'s worth of messages.
    /// </remarks>
    /// <value>The default is 10 000; allowed are 1 to 10 000 000.</value>
    public int MaxUncommittedMessagesPerPartition { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets how long a stopping worker waits for in-flight messages before cancelling their handlers. Keep it
    /// below the pod's <c>terminationGracePeriodSeconds</c> (30 seconds by default in Kubernetes).
    /// </summary>
    /// <value>The default is 25 seconds; allowed are zero to 10 minutes.</value>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>Gets or sets how often completed offsets are committed while the worker runs.</summary>
    /// <value>The default is 5 seconds; allowed are 10 milliseconds to 10 minutes.</value>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Gets or sets how long a rebalance waits for the in-flight messages of revoked partitions before cancelling
    /// them and giving the partitions up.
    /// </summary>
    /// <value>The default is 10 seconds; allowed are zero to 5 minutes, and less than <c>max.poll.interval.ms</c>.</value>
    public TimeSpan RevokeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the consumer group protocol.</summary>
    /// <value>The default is <see cref="KafkaGroupProtocol.Classic"/> with the <c>cooperative-sticky</c> assignor.</value>
    public KafkaGroupProtocol GroupProtocol { get; set; } = KafkaGroupProtocol.Classic;

    /// <summary>
    /// Gets or sets whether the worker uses static group membership (<c>group.instance.id</c>) derived from the pod
    /// name (<c>POD_NAME</c>, else <c>HOSTNAME</c>) when it runs in Kubernetes, so that a restarted pod gets its
    /// partitions back without a rebalance.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool StaticMembership { get; set; } = true;

    /// <summary>Gets or sets an explicit <c>group.instance.id</c>, which overrides the one derived from the pod name.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? GroupInstanceId { get; set; }

    /// <summary>
    /// Gets or sets whether the poll loop takes messages from librdkafka in batches on the consumer's own handle
    /// (<c>rd_kafka_consume_batch_queue</c>) instead of one <c>Consume</c> call per message. Experimental.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    /// <remarks>
    /// Rebalance callbacks, commits and everything else stay Confluent.Kafka's; handlers receive the same messages
    /// (copied out of librdkafka's memory) with the same ordering and at-least-once guarantees. It reaches the
    /// consumer's <c>rd_kafka_t</c> through an internal member of Confluent.Kafka 2.16.0: with a version that lacks it
    /// the worker fails at start with a message saying so. See docs/benchmarks.md for what it gains.
    /// </remarks>
    public bool ExperimentalBatchFetch { get; set; }

    /// <summary>Gets or sets how many messages a batch handler receives at most.</summary>
    /// <value>The default is 100; allowed are 1 to 100 000.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>Gets or sets how long a batch waits to fill before it is handed to a batch handler.</summary>
    /// <value>The default is 1 second; allowed are zero to 5 minutes.</value>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets when the worker ends its run by itself (run-to-completion, for KEDA ScaledJobs). Bound from
    /// <c>Kafka:Workers:&lt;name&gt;:Completion</c>; see <see cref="KafkaCompletion"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/>: the worker runs until the host stops.</value>
    public KafkaCompletionOptions? Completion { get; set; }

    /// <summary>
    /// Gets raw librdkafka consumer settings (for example <c>security.protocol</c>, <c>sasl.mechanism</c>,
    /// <c>session.timeout.ms</c>). Bound from <c>Kafka:Consumer</c> and <c>Kafka:Workers:&lt;name&gt;:Consumer</c>.
    /// </summary>
    /// <value>
    /// Empty by default. Settings the worker must own are refused at start: <c>enable.auto.offset.store</c>,
    /// <c>enable.auto.commit</c>, <c>auto.commit.interval.ms</c>, <c>group.id</c>, <c>bootstrap.servers</c>, <c>group.protocol</c> and
    /// <c>group.instance.id</c> (use the typed options for those).
    /// </value>
    public IDictionary<string, string> Consumer { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets the failure policy: in-process retries with backoff, then dead-letter (the default), stop or skip.
    /// Bound from <c>Kafka:Workers:&lt;name&gt;:Failure</c>; see <see cref="Failures.KafkaFailureOptions"/>.
    /// </summary>
    /// <value>3 attempts, 200 milliseconds to 10 seconds apart, then dead-letter to <c>&lt;topic&gt;.dlq</c>.</value>
    public Failures.KafkaFailureOptions Failure { get; set; } = new();
}
