using Confluent.Kafka;

namespace KafkaWorkers.Runtime;

/// <summary>
/// Configuration errors that only the broker can reveal: a <c>session.timeout.ms</c> outside the broker's allowed range,
/// and the KIP-848 consumer protocol on a broker older than Kafka 4.0. librdkafka retries both forever (the first with
/// a warning every few seconds, the second silently); the worker fails at once instead, naming the setting at fault.
/// </summary>
internal sealed partial class KafkaWorker
{
    /// <summary>librdkafka's debug context that logs, on each connection, which broker features it found.</summary>
    private const string FeatureDebugContext = "feature";

    /// <summary>librdkafka's default <c>session.timeout.ms</c>.</summary>
    private const int DefaultSessionTimeoutMs = 45_000;

    /// <summary>
    /// With the KIP-848 protocol, turns on librdkafka's <c>feature</c> debug log (a few lines per broker connection), the
    /// only place where librdkafka says that a broker lacks ConsumerGroupHeartbeat.
    /// </summary>
    private void PrepareBrokerChecks()
    {
        if (_options.GroupProtocol != KafkaGroupProtocol.Consumer)
        {
            return;
        }

        var debug = _config.Debug;
        if (string.IsNullOrWhiteSpace(debug))
        {
            _config.Debug = FeatureDebugContext;
        }
        else if (!debug.Split(',').Any(c => c.Trim() is FeatureDebugContext or "all"))
        {
            _config.Debug = debug + "," + FeatureDebugContext;
        }
    }

    /// <summary>Fails the worker when a consumer error is a configuration the broker refuses; returns whether it was.</summary>
    private bool FailOnRefusedConfiguration(Error error)
    {
        if (error.Code != ErrorCode.InvalidSessionTimeout)
        {
            return false;
        }

        var value = _config.SessionTimeoutMs ?? DefaultSessionTimeoutMs;
        Fail(new WorkerFailedException(
            $"Kafka worker '{_name}' (group {_groupId}): the broker refused session.timeout.ms = {value} ms (INVALID_SESSION_TIMEOUT). " +
            $"It must lie within the broker's group.min.session.timeout.ms and group.max.session.timeout.ms (6000 to 1800000 ms unless " +
            $"the broker is configured otherwise); set Kafka:Workers:{_name}:Consumer:session.timeout.ms (or the shared Kafka:Consumer:session.timeout.ms) within that range.",
            KafkaWorkerExitCodes.KafkaError,
            new KafkaException(error)));
        return true;
    }

    /// <summary>
    /// Fails a worker that asked for the KIP-848 protocol when a broker says it does not support ConsumerGroupHeartbeat,
    /// before the worker ever joined its group (librdkafka would retry the coordinator forever, logging nothing).
    /// </summary>
    private void CheckBrokerFeatures(LogMessage message)
    {
        if (_options.GroupProtocol != KafkaGroupProtocol.Consumer || _status.HasJoinedGroup ||
            !message.Message.Contains("ConsumerGroupHeartbeat", StringComparison.Ordinal) ||
            !message.Message.Contains("NOT supported", StringComparison.Ordinal))
        {
            return;
        }

        Fail(new WorkerFailedException(
            $"Kafka worker '{_name}' (group {_groupId}) uses GroupProtocol = Consumer (KIP-848), which needs Kafka 4.0 or later, but the broker " +
            $"does not support ConsumerGroupHeartbeat: {message.Message.Trim()}. Upgrade the brokers, or choose the classic protocol: set " +
            $"Kafka:Workers:{_name}:GroupProtocol to Classic (the default; options.GroupProtocol = KafkaGroupProtocol.Classic).",
            KafkaWorkerExitCodes.KafkaError));
    }
}
