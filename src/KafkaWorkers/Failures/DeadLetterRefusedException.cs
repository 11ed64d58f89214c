using Confluent.Kafka;

namespace KafkaWorkers.Failures;

/// <summary>
/// The dead-letter topic refused a record with an error that retrying cannot fix (see <see cref="DeadLetterErrors"/>):
/// the worker stops without committing the message, so it is not lost.
/// </summary>
internal sealed class DeadLetterRefusedException(string deadLetterTopic, KafkaException innerException)
    : Exception(
        $"The dead-letter topic '{deadLetterTopic}' refused the record for good ({innerException.Error.Code}: {innerException.Error.Reason}); " +
        "the worker stops without committing the message, so it is not lost.",
        innerException)
{
    /// <summary>Gets the topic that refused the record.</summary>
    public string DeadLetterTopic { get; } = deadLetterTopic;

    /// <summary>Gets the error the produce ended with.</summary>
    public Error Error => innerException.Error;
}
