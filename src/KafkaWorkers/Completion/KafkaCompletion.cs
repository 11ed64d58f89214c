namespace KafkaWorkers;

/// <summary>Creates <see cref="KafkaCompletionOptions"/> for the usual run-to-completion modes.</summary>
/// <example>
/// <code>
/// builder.Services.AddKafkaWorker&lt;ReportHandler&gt;("reports",
///     o =&gt; o.Completion = KafkaCompletion.UntilDrained(idleTimeout: TimeSpan.FromSeconds(5)));
/// </code>
/// </example>
public static class KafkaCompletion
{
    /// <summary>Handle one message, commit it, and end.</summary>
    /// <returns>The options; further endings may be set on them.</returns>
    public static KafkaCompletionOptions SingleMessage() => new() { MaxMessages = 1 };

    /// <summary>Handle up to <paramref name="count"/> messages (across the partitions the run is given), commit, and end.</summary>
    /// <param name="count">The most messages to handle.</param>
    /// <param name="idleTimeout">Ends the run earlier when no message arrives for this long.</param>
    /// <returns>The options; further endings may be set on them.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static KafkaCompletionOptions Batch(int count, TimeSpan? idleTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new() { MaxMessages = count, IdleTimeout = idleTimeout };
    }

    /// <summary>Handle every assigned partition up to the end offset it had when assigned, commit, and end.</summary>
    /// <param name="idleTimeout">Ends the run earlier when no message arrives for this long.</param>
    /// <returns>The options; further endings may be set on them.</returns>
    public static KafkaCompletionOptions UntilDrained(TimeSpan? idleTimeout = null) => new() { UntilDrained = true, IdleTimeout = idleTimeout };

    /// <summary>Fetch for at most <paramref name="maxDuration"/>, finish in-flight messages, commit, and end.</summary>
    /// <param name="maxDuration">How long the run fetches.</param>
    /// <returns>The options; further endings may be set on them.</returns>
    public static KafkaCompletionOptions For(TimeSpan maxDuration) => new() { MaxDuration = maxDuration };
}
