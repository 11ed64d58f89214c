using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using KafkaWorkers.Generators.Model;

namespace KafkaWorkers.Generators;

/// <summary>
/// Combines the parsed workers with the project's settings: orders them, checks what only the whole project can
/// show (duplicate worker names, the MSBuild names), and renders each worker's YAML.
/// </summary>
internal static class KedaManifestRenderer
{
    public static RenderedOutput Render(ImmutableArray<ParseResult> results, ProjectSpec project)
    {
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        CheckProjectName(diagnostics, "The MSBuild property KafkaWorkersKedaTargetName", project.TargetName);
        CheckProjectName(diagnostics, "The MSBuild property KafkaWorkersKedaNamespace", project.Namespace);

        var manifests = new List<RenderedManifest>();
        var constants = new HashSet<string>(StringComparer.Ordinal) { "All" };
        var byWorker = new Dictionary<string, WorkerManifestSpec>(StringComparer.Ordinal);
        var ordered = results
            .Select(r => r.Manifest)
            .OfType<WorkerManifestSpec>()
            .OrderBy(m => m.WorkerName, StringComparer.Ordinal)
            .ThenBy(m => m.HandlerType, StringComparer.Ordinal);
        foreach (var manifest in ordered)
        {
            if (byWorker.TryGetValue(manifest.WorkerName, out var first))
            {
                diagnostics.Add(new DiagnosticInfo(
                    DiagnosticDescriptors.DuplicateWorkerName,
                    manifest.WorkerNameLocation,
                    new EquatableArray<string>([manifest.WorkerName, first.HandlerType, manifest.HandlerType])));
                continue;
            }

            byWorker.Add(manifest.WorkerName, manifest);
            manifests.Add(new RenderedManifest(
                manifest.WorkerName,
                manifest.HandlerType,
                UniqueIdentifier(manifest.WorkerName, constants),
                KedaYamlEmitter.Emit(manifest, project)));
        }

        return new RenderedOutput(new EquatableArray<RenderedManifest>(manifests), new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static void CheckProjectName(List<DiagnosticInfo> diagnostics, string what, string? name)
    {
        var reason = name is null ? null : KubernetesNames.CheckLabel(name, KubernetesNames.MaxLabelLength);
        if (reason is not null)
        {
            diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.InvalidKubernetesName, null, new EquatableArray<string>([what, name!, reason])));
        }
    }

    /// <summary>Turns a worker name such as <c>orders-processor</c> into a C# identifier such as <c>OrdersProcessor</c>.</summary>
    private static string UniqueIdentifier(string workerName, HashSet<string> taken)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in workerName)
        {
            if (char.IsLetterOrDigit(c) && c < 128)
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, "Worker");
        }

        var identifier = builder.ToString();
        var candidate = identifier;
        for (var suffix = 2; !taken.Add(candidate); suffix++)
        {
            candidate = identifier + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
