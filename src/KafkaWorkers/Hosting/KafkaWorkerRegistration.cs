using System.Text.Json;

namespace KafkaWorkers.Hosting;

/// <summary>A worker added with <c>AddKafkaWorker</c>: its name, handler, and the deserializers chosen for it.</summary>
internal sealed class KafkaWorkerRegistration(string name, HandlerContract contract)
{
    public string Name { get; } = name;

    public HandlerContract Contract { get; } = contract;

    /// <summary>Gets or sets the key deserializer: an <c>IDeserializer&lt;TKey&gt;</c>, a <c>JsonTypeInfo&lt;TKey&gt;</c>, or null for the default.</summary>
    public object? KeyDeserializer { get; set; }

    /// <summary>Gets or sets the value deserializer: an <c>IDeserializer&lt;TValue&gt;</c>, a <c>JsonTypeInfo&lt;TValue&gt;</c>, or null for the default.</summary>
    public object? ValueDeserializer { get; set; }

    /// <summary>Gets or sets the JSON options for keys and values deserialized as JSON.</summary>
    public JsonSerializerOptions? JsonOptions { get; set; }
}
