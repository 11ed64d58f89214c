namespace KafkaWorkers.Failures;

/// <summary>
/// Thrown by a handler (directly, or as the inner exception of what it throws) to say that handling the message again
/// cannot succeed: the worker skips the remaining retries and goes straight to the failure policy's final step
/// (<see cref="KafkaFailureOptions.FinalAction"/>).
/// </summary>
/// <remarks>
/// Use it for failures that depend on the message alone, such as a validation error. Failures of other types can be
/// marked permanent too, with <see cref="KafkaFailureOptions.IsPermanent"/>.
/// </remarks>
public class PermanentException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public PermanentException()
        : base("Handling the message failed permanently; retrying cannot succeed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">Why handling the message cannot succeed.</param>
    public PermanentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">Why handling the message cannot succeed.</param>
    /// <param name="innerException">The exception that caused it.</param>
    public PermanentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
