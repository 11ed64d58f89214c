namespace KafkaWorkers.Generators.Model;

/// <summary>One worker's finished YAML and the C# constant that carries it.</summary>
/// <param name="WorkerName">The worker's name; the YAML file is <c>&lt;WorkerName&gt;.yaml</c>.</param>
/// <param name="HandlerType">The handler class's fully qualified name.</param>
/// <param name="ConstantName">The constant's identifier in <c>KedaManifests</c>.</param>
/// <param name="Yaml">The YAML text.</param>
internal sealed record RenderedManifest(string WorkerName, string HandlerType, string ConstantName, string Yaml);
