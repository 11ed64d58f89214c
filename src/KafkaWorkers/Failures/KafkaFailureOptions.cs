namespace KafkaWorkers.Failures;

/// <summary>
/// A worker's failure policy: how often a failing handler is retried in process, and what happens to the message after
/// the last attempt. Bound from <c>Kafka:Workers:&lt;name&gt;:Failure</c>.
/// </summary>
/// <remarks>
/// <para>
/// A handler that throws is called again for the same message after an exponential backoff with jitter, up to
/// <see cref="MaxAttempts"/> calls in all. Meanwhile the message's lane waits (the next messages of its partition, or of
/// its key, wait behind it), and nothing after it is committed. A retry waiting for its next attempt stops at once
/// when the partition is revoked or the worker stops: the message is not committed and is delivered again later.
/// </para>
/// <para>
/// A <see cref="PermanentException"/>, or an exception <see cref="IsPermanent"/> accepts, skips the remaining retries.
/// A key or value that cannot be deserialized (a poison message) never reaches the handler and is never retried: it is
/// dead-lettered with its raw bytes, or skipped under <see cref="KafkaFailureAction.Skip"/>; it never stops the worker.
/// </para>
/// </remarks>
public sealed class KafkaFailureOptions
{
    /// <summary>Gets or sets how many times the handler is called for one message (or batch) in all; 1 turns retries off.</summary>
    /// <value>The default is 3; allowed are 1 to 100.</value>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets the backoff before the first retry. Each further retry doubles it, up to <see cref="MaxDelay"/>; the
    /// delay actually waited is drawn between half of that and all of it (jitter).
    /// </summary>
    /// <value>The default is 200 milliseconds; allowed are zero to 5 minutes.</value>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the longest backoff between two attempts.</summary>
    /// <value>The default is 10 seconds; allowed are <see cref="InitialDelay"/> to 15 minutes.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets what happens to a message after its last failed attempt.</summary>
    /// <value>The default is <see cref="KafkaFailureAction.DeadLetter"/>.</value>
    public KafkaFailureAction FinalAction { get; set; } = KafkaFailureAction.DeadLetter;

    /// <summary>
    /// Gets or sets the dead-letter topic of every topic of the worker. Create it before the worker needs it when the
    /// cluster does not create topics automatically: a dead-letter topic that does not exist refuses the record for good,
    /// and the worker then stops without committing the message. Until a dead-letter produce is acknowledged (transient
    /// failures are retried), the message waits.
    /// </summary>
    /// <value>
    /// The default, <see langword="null"/>, dead-letters each record to <c>&lt;topic&gt;.dlq</c>, after the topic it was
    /// consumed from. It may not be one of the worker's topics.
    /// </value>
    public string? DeadLetterTopic { get; set; }

    /// <summary>
    /// Gets or sets a predicate that marks handler exceptions as permanent: they skip the remaining retries. It is
    /// asked about every exception a handler throws, besides <see cref="PermanentException"/>, which is always permanent.
    /// </summary>
    /// <value>The default is <see langword="null"/>: only <see cref="PermanentException"/> is permanent.</value>
    public Func<Exception, bool>? IsPermanent { get; set; }

    /// <summary>
    /// Gets raw librdkafka settings of the dead-letter producer, for example <c>linger.ms</c> or
    /// <c>message.timeout.ms</c>. The worker's <c>security.*</c>, <c>ssl.*</c> and <c>sasl.*</c> consumer settings are
    /// copied to the producer first, so a secured cluster needs no second copy of them.
    /// </summary>
    /// <value>
    /// Empty by default. Refused, because the worker owns them: <c>bootstrap.servers</c>, <c>enable.idempotence</c> and
    /// <c>acks</c> (the producer is always idempotent with <c>acks=all</c>).
    /// </value>
    public IDictionary<string, string> Producer { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
