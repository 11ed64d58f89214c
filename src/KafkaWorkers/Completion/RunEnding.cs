namespace KafkaWorkers.Completion;

/// <summary>Why a run-to-completion worker ended its run.</summary>
internal enum RunEnding
{
    /// <summary>It handled <see cref="KafkaCompletionOptions.MaxMessages"/> messages.</summary>
    MaxMessagesHandled,

    /// <summary>Every assigned partition was handled up to its end offset at assignment.</summary>
    Drained,

    /// <summary>No message arrived for <see cref="KafkaCompletionOptions.IdleTimeout"/>.</summary>
    Idle,

    /// <summary><see cref="KafkaCompletionOptions.MaxDuration"/> passed and it was the only target.</summary>
    MaxDuration,

    /// <summary><see cref="KafkaCompletionOptions.MaxDuration"/> passed before the run's other target was reached.</summary>
    TimedOut,

    /// <summary>No partition was assigned within <see cref="KafkaCompletionOptions.StartTimeout"/>.</summary>
    NoPartitions,

    /// <summary>A share worker acquired no record within <see cref="KafkaCompletionOptions.StartTimeout"/>.</summary>
    NothingAcquired,
}
