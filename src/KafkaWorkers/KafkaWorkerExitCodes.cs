namespace KafkaWorkers;

/// <summary>The process exit codes KafkaWorkers sets when a worker ends the application.</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>code</term><description>meaning</description></listheader>
/// <item><term>0</term><description>stopped normally, or a run completed (or had nothing to do)</description></item>
/// <item><term>69</term><description>a fatal Kafka error</description></item>
/// <item><term>70</term><description>a handler failed and the worker stopped (the message is not committed); also when the handler cannot be created or the dead-letter topic refuses a record for good</description></item>
/// <item><term>75</term><description>a run reached its maximum duration before its target</description></item>
/// </list>
/// <para>
/// A worker that fails stops the host and sets <see cref="Environment.ExitCode"/> (unless something set a non-zero
/// code before), so both <c>dotnet run</c> and a container report it. Kubernetes restarts a Deployment's pod, or
/// retries a Job, on any non-zero code.
/// </para>
/// </remarks>
public static class KafkaWorkerExitCodes
{
    /// <summary>The worker stopped normally: 0.</summary>
    public const int Success = 0;

    /// <summary>A fatal Kafka error (for example an authorization failure or a fatal client error): 69.</summary>
    public const int KafkaError = 69;

    /// <summary>
    /// A handler failed and the worker stopped rather than lose the message (it is not committed): 70. Also when the
    /// handler cannot be created from the service provider, when the failure policy's <c>IsPermanent</c> throws, and
    /// when the dead-letter topic refuses a record for good.
    /// </summary>
    public const int HandlerFailed = 70;

    /// <summary>
    /// A run-to-completion worker reached <see cref="KafkaCompletionOptions.MaxDuration"/> before the run's other target
    /// (its message count, or draining its partitions): 75. What completed was committed; the rest is left for the next run.
    /// </summary>
    public const int Timeout = 75;
}
