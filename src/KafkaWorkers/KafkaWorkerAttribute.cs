namespace KafkaWorkers;

/// <summary>
/// Declares a handler class as a Kafka worker: its name, topics and consumer group. The runtime consumes with
/// exactly these settings (<c>AddKafkaWorker&lt;THandler&gt;()</c> needs nothing else), and the KafkaWorkers
/// source generator uses the same declaration for the KEDA manifests, so the two cannot drift apart.
/// </summary>
/// <remarks>
/// Configuration (<c>Kafka:Workers:&lt;name&gt;</c>) and the <c>configure</c> delegate of <c>AddKafkaWorker</c>
/// are applied after the attribute, so they win where they set a value.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KafkaWorkerAttribute : Attribute
{
    /// <summary>Declares a Kafka worker.</summary>
    /// <param name="name">
    /// The worker's name: the key of its options (<c>Kafka:Workers:&lt;name&gt;</c>) and the base of the KEDA
    /// resource names.
    /// </param>
    public KafkaWorkerAttribute(string name) => Name = name;

    /// <summary>Gets the worker's name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the topics the worker consumes.</summary>
    /// <value>The default is none; the worker then needs topics from configuration.</value>
    public string[] Topics { get; set; } = [];

    /// <summary>Gets or sets the consumer group id.</summary>
    /// <value>The default is <see langword="null"/>; the worker then needs a group id from configuration.</value>
    public string? GroupId { get; set; }

    /// <summary>Gets or sets how long, in seconds, a stopping worker waits for in-flight messages.</summary>
    /// <value>The default is 0, meaning the options' default (25 seconds).</value>
    public int ShutdownTimeoutSeconds { get; set; }
}
