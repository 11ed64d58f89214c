namespace KafkaWorkers.Generators.Model;

/// <summary>What the parser found on one handler class: a manifest (unless an error prevents it) and diagnostics.</summary>
/// <param name="Manifest">The manifest, or <see langword="null"/> when an error was found.</param>
/// <param name="Diagnostics">The diagnostics to report.</param>
internal sealed record ParseResult(WorkerManifestSpec? Manifest, EquatableArray<DiagnosticInfo> Diagnostics);
