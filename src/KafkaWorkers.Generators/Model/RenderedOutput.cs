namespace KafkaWorkers.Generators.Model;

/// <summary>The manifests the generator adds to a compilation, in ordinal order of worker name.</summary>
/// <param name="Manifests">The manifests.</param>
internal sealed record RenderedOutput(EquatableArray<RenderedManifest> Manifests);
