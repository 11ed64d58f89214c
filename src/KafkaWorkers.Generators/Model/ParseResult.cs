using Microsoft.CodeAnalysis;

namespace KafkaWorkers.Generators.Model;

/// <summary>
/// What the parser found on one handler class: a manifest (unless an error prevents it) and diagnostics. The manifest
/// is symbol-free and feeds the rendering; the diagnostics and <paramref name="WorkerNameLocation"/> hold source
/// locations and feed only the diagnostics output.
/// </summary>
/// <param name="Manifest">The manifest, or <see langword="null"/> when an error was found.</param>
/// <param name="Diagnostics">The diagnostics to report.</param>
/// <param name="WorkerNameLocation">Where the worker's name is written, for a duplicate name found across the project.</param>
internal sealed record ParseResult(WorkerManifestSpec? Manifest, EquatableArray<DiagnosticInfo> Diagnostics, Location? WorkerNameLocation = null);
