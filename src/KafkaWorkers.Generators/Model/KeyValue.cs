namespace KafkaWorkers.Generators.Model;

/// <summary>A named string value: a trigger metadata entry or an environment variable.</summary>
/// <param name="Key">The name.</param>
/// <param name="Value">The value.</param>
internal sealed record KeyValue(string Key, string Value);
