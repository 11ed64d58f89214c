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

    /// <summary>
    /// Gets the CPU time of this process's threads that serve the in-process cluster (librdkafka names the mock
    /// cluster's thread <c>rdk:mock</c>), from <c>/proc/self/task</c>; zero where there is none or no procfs.
    /// </summary>
    public static TimeSpan InProcessBrokerCpu()
    {
        const string Tasks = "/proc/self/task";
        if (!Directory.Exists(Tasks))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var task in Directory.EnumerateDirectories(Tasks))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(BrokerThreadName, StringComparison.Ordinal))
                {
                    continue;
                }

                // After "pid (comm) ": state is field 3, utime 14 and stime 15 (proc(5)), in clock ticks.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while it was read.
            }
        }

        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>The thread name librdkafka gives the mock cluster's thread.</summary>
    private const string BrokerThreadName = "rdk:mock";

    /// <summary>USER_HZ, the unit of <c>/proc</c> CPU times: 100 on every Linux architecture .NET runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    private static string ReadOr(string path, string fallback) => File.Exists(path) ? File.ReadAllText(path) : fallback;
}
