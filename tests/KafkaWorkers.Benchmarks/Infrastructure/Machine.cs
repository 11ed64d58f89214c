using System.Globalization;
using System.Runtime.InteropServices;

namespace KafkaWorkers.Benchmarks.Infrastructure;

/// <summary>What the benchmarks ran on.</summary>
public static class Machine
{
    public static string LoadAverage() => ReadOr("/proc/loadavg", "n/a").Trim();

    public static string Describe()
    {
        var cpu = ReadOr("/proc/cpuinfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = ReadOr("/proc/meminfo", "").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var kib = long.TryParse(memory.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : 0;
        return FormattableString.Invariant(
            $"{Environment.ProcessorCount} logical cores ({cpu}), {kib / 1024.0 / 1024.0:0.0} GiB memory, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    }

    private static string ReadOr(string path, string fallback) => File.Exists(path) ? File.ReadAllText(path) : fallback;
}
