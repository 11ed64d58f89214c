namespace KafkaWorkers.Runtime;

/// <summary>Why a worker stopped the application, with the exit code that reports it.</summary>
internal sealed class WorkerFailedException(string message, int exitCode, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int ExitCode { get; } = exitCode;
}
