namespace KafkaWorkers.Testing.Containers;

/// <summary>Settings of a <see cref="KafkaContainerBroker"/>.</summary>
public sealed class KafkaContainerBrokerOptions
{
    /// <summary>The environment variable that overrides <see cref="Image"/> by default: <c>KAFKAWORKERS_KAFKA_IMAGE</c>.</summary>
    public const string ImageVariable = "KAFKAWORKERS_KAFKA_IMAGE";

    /// <summary>The image used when neither <see cref="Image"/> nor <see cref="ImageVariable"/> names one.</summary>
    public const string DefaultImage = "apache/kafka:4.1.0";

    /// <summary>Gets or sets the Apache Kafka image the container runs (KRaft mode, one combined broker and controller).</summary>
    /// <value>
    /// The value of the <c>KAFKAWORKERS_KAFKA_IMAGE</c> environment variable when it is set, otherwise
    /// <see cref="DefaultImage"/>. Any <c>apache/kafka</c> 4.x tag serves KIP-848 consumer groups; 4.2 and later also
    /// serve share groups.
    /// </value>
    public string Image { get; set; } = Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>Gets or sets whether the image is pulled when it is not present locally.</summary>
    /// <value>
    /// The default is <see langword="true"/>. With <see langword="false"/> a missing image fails the start instead of
    /// reaching a registry: the setting for machines that must never pull (a CI with no registry).
    /// </value>
    public bool PullImage { get; set; } = true;

    /// <summary>Gets or sets how long the start may take: creating the container and waiting for the broker to serve.</summary>
    /// <value>The default is 3 minutes.</value>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(3);
}
