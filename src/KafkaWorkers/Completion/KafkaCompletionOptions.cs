namespace KafkaWorkers;

/// <summary>
/// When a worker ends its run by itself, for KEDA ScaledJobs: after a number of messages, when the partitions it was
/// given are drained, after a time without messages, or after a maximum duration; whichever comes first.
/// </summary>
/// <remarks>
/// <para>
/// Bound from <c>Kafka:Workers:&lt;name&gt;:Completion</c> (environment <c>Kafka__Workers__&lt;name&gt;__Completion__*</c>,
/// as the generated ScaledJob sets it), so one image runs as a Deployment or as a Job by configuration alone. Create
/// one in code with <see cref="KafkaCompletion"/>.
/// </para>
/// <para>
/// Every ending reuses the graceful stop: fetching stops, in-flight messages finish, exactly what completed is
/// committed, the worker leaves its group (so the other jobs rebalance at once), and then the application stops
/// with an exit code from <see cref="KafkaWorkerExitCodes"/>.
/// </para>
/// </remarks>
public sealed class KafkaCompletionOptions
{
    /// <summary>Gets or sets how many messages the run handles at most (1: a single message; N: a batch).</summary>
    /// <value>The default is <see langword="null"/> (no limit); allowed are 1 to 10 000 000.</value>
    public int? MaxMessages { get; set; }

    /// <summary>
    /// Gets or sets whether the run ends when every partition assigned to it has been handled and committed up to the
    /// end offset it had when it was assigned. Messages produced later are left for the next run.
    /// </summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool UntilDrained { get; set; }

    /// <summary>Gets or sets how long the run may go without a new message before it ends (its work is done).</summary>
    /// <value>The default is <see langword="null"/> (no idle limit); allowed are 10 milliseconds to 1 hour.</value>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>
    /// Gets or sets how long the run fetches at most; then it finishes its in-flight messages, commits and ends. If
    /// <see cref="MaxMessages"/> or <see cref="UntilDrained"/> was not reached by then, the exit code is
    /// <see cref="KafkaWorkerExitCodes.Timeout"/>.
    /// </summary>
    /// <value>The default is <see langword="null"/> (no limit); allowed are 10 milliseconds to 7 days.</value>
    public TimeSpan? MaxDuration { get; set; }

    /// <summary>
    /// Gets or sets how long the run waits for its first partition. A run that gets none (more jobs than partitions, or
    /// the lag already consumed by other jobs) ends with exit code 0, saying so in the log.
    /// </summary>
    /// <value>The default is 30 seconds; allowed are 10 milliseconds to 1 hour.</value>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets whether any ending is configured; without one the worker runs until the host stops.</summary>
    public bool IsEnabled => MaxMessages is not null || UntilDrained || IdleTimeout is not null || MaxDuration is not null;
}
