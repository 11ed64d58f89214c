namespace KafkaWorkers.Runtime;

/// <summary>How handling a message (or a batch) ended.</summary>
internal enum ProcessingStatus
{
    /// <summary>The handler completed; the offsets may be committed.</summary>
    Completed,

    /// <summary>The handler was cancelled because the worker stopped waiting; the messages are delivered again later.</summary>
    Cancelled,

    /// <summary>The handler or a deserializer failed; the failure policy decides what happens.</summary>
    Failed,
}

/// <summary>The outcome of <see cref="IMessageProcessor.ProcessAsync"/>.</summary>
internal readonly record struct ProcessingResult(ProcessingStatus Status, Exception? Error = null)
{
    public static ProcessingResult Completed { get; } = new(ProcessingStatus.Completed);

    public static ProcessingResult Cancelled { get; } = new(ProcessingStatus.Cancelled);
}
