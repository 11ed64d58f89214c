using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using KafkaWorkers.Generators.Model;

namespace KafkaWorkers.Generators;

/// <summary>
/// Combines the parsed workers with the project's settings: orders them, renders each worker's YAML, and gathers the
/// diagnostics, adding what only the whole project can show (duplicate worker names, the MSBuild names).
/// </summary>
internal static class KedaManifestRenderer
{
    public static RenderedOutput Render(ImmutableArray<WorkerManifestSpec?> workers, ProjectSpec project)
    {
        var manifests = new List<RenderedManifest>();
        var constants = new HashSet<string>(StringComparer.Ordinal) { "All" };
        foreach (var (manifest, _) in ByWorkerName(workers.OfType<WorkerManifestSpec>(), m => m).Where(w => w.FirstOfName is null))
        {
            manifests.Add(new RenderedManifest(
                manifest.WorkerName,
                manifest.HandlerType,
                UniqueIdentifier(manifest.WorkerName, constants),
                KedaYamlEmitter.Emit(manifest, project)));
        }

        return new RenderedOutput(new EquatableArray<RenderedManifest>(manifests));
    }

    /// <summary>Every diagnostic: those of each class, a second worker of one name, and the project's MSBuild names.</summary>
    public static EquatableArray<DiagnosticInfo> Diagnostics(ImmutableArray<ParseResult> results, ProjectSpec project)
    {
        var diagnostics = results.SelectMany(r => r.Diagnostics).ToList();
        CheckProjectName(diagnostics, "The MSBuild property KafkaWorkersKedaTargetName", project.TargetName);
        CheckProjectName(diagnostics, "The MSBuild property KafkaWorkersKedaNamespace", project.Namespace);
        foreach (var (duplicate, first) in ByWorkerName(results.Where(r => r.Manifest is not null), r => r.Manifest!))
        {
            if (first is not null)
            {
                diagnostics.Add(new DiagnosticInfo(
                    DiagnosticDescriptors.DuplicateWorkerName,
                    duplicate.WorkerNameLocation,
                    new EquatableArray<string>([duplicate.Manifest!.WorkerName, first.Manifest!.HandlerType, duplicate.Manifest.HandlerType])));
            }
        }

        return new EquatableArray<DiagnosticInfo>(diagnostics);
    }

    /// <summary>
    /// The workers in ordinal order of name, then handler type; each paired with the first worker of the same name when
    /// it is a duplicate (only the first of a name gets a manifest), else with <see langword="null"/>.
    /// </summary>
    private static IEnumerable<(T Item, T? FirstOfName)> ByWorkerName<T>(IEnumerable<T> items, Func<T, WorkerManifestSpec> spec)
        where T : class
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items.OrderBy(i => spec(i).WorkerName, StringComparer.Ordinal).ThenBy(i => spec(i).HandlerType, StringComparer.Ordinal))
        {
            if (first.TryGetValue(spec(item).WorkerName, out var earlier))
            {
                yield return (item, earlier);
            }
            else
            {
                first.Add(spec(item).WorkerName, item);
                yield return (item, null);
            }
        }
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
