namespace KafkaWorkers.Failures;

/// <summary>What a worker does with a message whose handler still fails after the retries (<see cref="KafkaFailureOptions.FinalAction"/>).</summary>
public enum KafkaFailureAction
{
    /// <summary>
    /// Produce the message, with its original key, value and headers plus provenance headers, to the dead-letter topic,
    /// then commit it. The offset is committed only after the dead-letter topic acknowledged the record. When the
    /// dead-letter topic refuses the record for good (too large, not authorized, no such topic), the worker stops as
    /// under <see cref="Stop"/>, so the message is not lost.
    /// </summary>
    DeadLetter,

    /// <summary>
    /// Stop the worker without committing the message; the host stops with exit code
    /// <see cref="KafkaWorkerExitCodes.HandlerFailed"/> and the next run starts at the failed message.
    /// </summary>
    Stop,

    /// <summary>Commit the message as if it had been handled, logging a warning for every message skipped. The message is lost.</summary>
    Skip,
}
