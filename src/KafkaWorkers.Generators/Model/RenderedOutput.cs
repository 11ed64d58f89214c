namespace KafkaWorkers.Generators.Model;

/// <summary>Everything the generator adds to a compilation: the manifests, in ordinal order of worker name, and the diagnostics.</summary>
/// <param name="Manifests">The manifests.</param>
/// <param name="Diagnostics">The diagnostics.</param>
internal sealed record RenderedOutput(EquatableArray<RenderedManifest> Manifests, EquatableArray<DiagnosticInfo> Diagnostics);
