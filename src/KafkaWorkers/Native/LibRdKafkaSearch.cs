using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaWorkers.Native;

/// <summary>
/// Confluent.Kafka's search for librdkafka, repeated for the case where the process's module list does not show
/// the file it loaded: the builds of <c>librdkafka.redist</c> in the order Confluent tries them, resolved the way
/// a <c>DllImport</c> of Confluent.Kafka's assembly resolves them (the app's folder, <c>runtimes/&lt;rid&gt;/native</c>,
/// the package folders that <c>deps.json</c> names).
/// </summary>
internal static class LibRdKafkaSearch
{
    /// <summary>The names to try on this platform, in Confluent.Kafka's order.</summary>
    /// <returns>Library names, each resolved as a <c>DllImport</c> of Confluent.Kafka would resolve it.</returns>
    internal static IReadOnlyList<string> Candidates() =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            // The glibc build (needs libsasl2.so.3), then the build made on CentOS 8 (no SASL dependency), then musl.
            ? [LibRdKafkaLibrary.Name, "centos8-librdkafka.so", "alpine-librdkafka.so"]
            : [LibRdKafkaLibrary.Name];

    /// <summary>Tells whether a file name is one of librdkafka's builds (and not, for example, <c>librdkafkacpp</c>).</summary>
    /// <param name="fileName">A file name without its folder.</param>
    /// <returns><see langword="true"/> for <c>librdkafka.so</c>, <c>librdkafka.so.1</c>, <c>centos8-librdkafka.so</c>,
    /// <c>librdkafka.dylib</c>, <c>librdkafka.dll</c> and the like.</returns>
    internal static bool IsLibRdKafkaFile(string fileName)
    {
        var dash = fileName.LastIndexOf('-');
        var name = dash < 0 ? fileName : fileName[(dash + 1)..];
        return name.Equals("librdkafka.dll", StringComparison.OrdinalIgnoreCase)
            || name.Equals("librdkafka.dylib", StringComparison.Ordinal)
            || name.Equals("librdkafka.so", StringComparison.Ordinal)
            || name.StartsWith("librdkafka.so.", StringComparison.Ordinal)
            || (name.StartsWith("librdkafka.", StringComparison.Ordinal) && name.EndsWith(".dylib", StringComparison.Ordinal));
    }

    /// <summary>Loads one candidate as a <c>DllImport</c> of Confluent.Kafka's assembly would.</summary>
    /// <param name="candidate">A name from <see cref="Candidates"/>.</param>
    /// <param name="handle">The library's handle when it loaded.</param>
    /// <param name="error">Why it did not load, otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when it loaded.</returns>
    internal static bool TryLoad(string candidate, out nint handle, out string? error)
    {
        try
        {
            handle = NativeLibrary.Load(candidate, typeof(Library).Assembly, searchPath: null);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException)
        {
            handle = 0;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Reads <c>rd_kafka_version_str()</c> from a loaded library.</summary>
    /// <param name="handle">A librdkafka handle.</param>
    /// <returns>The version, for example <c>2.16.0</c>, or an empty string when the library has no such export.</returns>
    internal static unsafe string VersionOf(nint handle)
    {
        if (!NativeLibrary.TryGetExport(handle, "rd_kafka_version_str", out var export))
        {
            return string.Empty;
        }

        return Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)export)()) ?? string.Empty;
    }

    /// <summary>The message of the exception thrown when no build loads: what was tried, and how to fix it.</summary>
    /// <param name="candidates">The names that were tried.</param>
    /// <param name="errors">What the loader said.</param>
    /// <returns>A message naming what is missing and how to get it.</returns>
    internal static string DescribeFailure(IReadOnlyList<string> candidates, string errors) =>
        $"librdkafka could not be loaded (tried {string.Join(", ", candidates)}): {errors} " +
        "Confluent.Kafka takes librdkafka from the librdkafka.redist package, which it depends on: make sure the app's " +
        "output or publish folder holds that package's runtimes/<rid>/native files (or, for a RID-specific publish, " +
        "the library beside the app). On Linux with glibc the package's librdkafka.so needs libsasl2.so.3 (Cyrus SASL " +
        "2.1.28; Debian 12 and Ubuntu 22.04 have only libsasl2.so.2), and its centos8-librdkafka.so, tried next, needs " +
        "glibc 2.28 or later; on Alpine the musl build is used. To use a librdkafka of your own, call " +
        "Confluent.Kafka.Library.Load(path) before any Kafka client is created.";
}
