namespace KafkaWorkers;

/// <summary>The process exit codes KafkaWorkers sets when a worker ends the application.</summary>
/// <remarks>
/// A worker that fails stops the host and sets <see cref="Environment.ExitCode"/> (unless something set a non-zero
/// code before), so both <c>dotnet run</c> and a container report it. Kubernetes restarts a Deployment's pod, or
/// retries a Job, on any non-zero code.
/// </remarks>
public static class KafkaWorkerExitCodes
{
    /// <summary>The worker stopped normally: 0.</summary>
    public const int Success = 0;

    /// <summary>A fatal Kafka error (for example an authorization failure or a fatal client error): 69.</summary>
    public const int KafkaError = 69;

    /// <summary>A handler failed and the worker stopped rather than lose the message (it is not committed): 70.</summary>
    public const int HandlerFailed = 70;
}
