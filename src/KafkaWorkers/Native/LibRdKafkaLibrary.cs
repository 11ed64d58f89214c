using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace KafkaWorkers.Native;

/// <summary>
/// The one place that loads librdkafka for the bindings of this repository (the test cluster, the share consumer,
/// benchmarks): it binds them to the very library file that Confluent.Kafka loaded, so a process never holds two
/// copies of librdkafka with two sets of globals.
/// </summary>
/// <remarks>
/// <para>
/// Confluent.Kafka has its own loader, which tries several builds of <c>librdkafka.redist</c> in turn: on Linux the
/// glibc build that needs <c>libsasl2.so.3</c>, then the CentOS 8 build without it, then the musl build; on macOS and
/// Windows the one build of the platform. A bare <c>DllImport("librdkafka")</c> tries only the first, which fails on
/// Debian and Ubuntu (they ship <c>libsasl2.so.2</c>). So the resolver first lets Confluent.Kafka load (calling
/// <see cref="Library.Version"/>), then finds the file it loaded among the process's modules and loads that path,
/// which returns the same handle. Where the module list does not show it, the resolver repeats Confluent's search
/// and checks that the version it found is the version Confluent reports.
/// </para>
/// <para>An assembly opts in with <see cref="Register"/>, once, before its first call through a binding.</para>
/// </remarks>
internal static class LibRdKafkaLibrary
{
    /// <summary>The library name every binding declares in its <c>LibraryImport</c>.</summary>
    internal const string Name = "librdkafka";

    private static readonly Lazy<nint> s_handle = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly HashSet<Assembly> s_registered = [];

    /// <summary>Gets the handle of the librdkafka that Confluent.Kafka loaded, loading it on first use.</summary>
    /// <exception cref="DllNotFoundException">No build of librdkafka loads on this machine; the message says why.</exception>
    internal static nint Handle => s_handle.Value;

    /// <summary>Makes every <c>LibraryImport</c> of <see cref="Name"/> in <paramref name="assembly"/> bind to <see cref="Handle"/>.</summary>
    /// <param name="assembly">The assembly whose bindings resolve through this loader. Registering it again does nothing.</param>
    internal static void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        lock (s_registered)
        {
            if (s_registered.Add(assembly))
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
        }
    }

    /// <summary>Tells whether the loaded library exports <paramref name="symbol"/> (an optional or preview function).</summary>
    /// <param name="symbol">The C function's name, for example <c>rd_kafka_share_consumer_new</c>.</param>
    /// <returns><see langword="true"/> when the function is exported.</returns>
    internal static bool HasExport(string symbol) => NativeLibrary.TryGetExport(Handle, symbol, out _);

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? Handle : 0;

    private static nint Load()
    {
        string confluentVersion;
        try
        {
            confluentVersion = Library.VersionString;
        }
        catch (Exception ex) when (ex is DllNotFoundException or InvalidOperationException or BadImageFormatException)
        {
            throw new DllNotFoundException(LibRdKafkaSearch.DescribeFailure(LibRdKafkaSearch.Candidates(), ex.Message), ex);
        }

        var loadedByConfluent = LoadedModulePath();
        if (loadedByConfluent is not null && NativeLibrary.TryLoad(loadedByConfluent, out var handle))
        {
            return handle;
        }

        var errors = new List<string>();
        foreach (var candidate in LibRdKafkaSearch.Candidates())
        {
            if (!LibRdKafkaSearch.TryLoad(candidate, out handle, out var error))
            {
                errors.Add($"{candidate}: {error}");
                continue;
            }

            if (LibRdKafkaSearch.VersionOf(handle) == confluentVersion)
            {
                return handle;
            }

            errors.Add($"{candidate}: librdkafka {LibRdKafkaSearch.VersionOf(handle)}, but Confluent.Kafka loaded {confluentVersion}");
        }

        throw new DllNotFoundException(LibRdKafkaSearch.DescribeFailure(LibRdKafkaSearch.Candidates(), string.Join("; ", errors)));
    }

    private static string? LoadedModulePath()
    {
        try
        {
            using var process = Process.GetCurrentProcess();
            foreach (ProcessModule module in process.Modules)
            {
                if (LibRdKafkaSearch.IsLibRdKafkaFile(Path.GetFileName(module.FileName)))
                {
                    return module.FileName;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // The module list is not available (a restricted process); the search below takes over.
        }

        return null;
    }
}
