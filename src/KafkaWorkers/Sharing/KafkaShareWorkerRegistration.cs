using KafkaWorkers.Hosting;

namespace KafkaWorkers.Sharing;

/// <summary>
/// A worker added with <c>AddKafkaShareWorker</c>. It wraps the registration every worker has (name, handler,
/// deserializers, which the options setup and the builder use) without being one, so the consumer-group hosted
/// service never starts it.
/// </summary>
internal sealed class KafkaShareWorkerRegistration(KafkaWorkerRegistration worker)
{
    public KafkaWorkerRegistration Worker { get; } = worker;

    public string Name => Worker.Name;
}
