using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Native;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Sharing;

/// <summary>
/// Sends a share consumer's librdkafka log to the worker's logger, as Confluent.Kafka's log handler does for the
/// consumer-group workers. librdkafka calls <see cref="OnLog"/> on its own threads; the sink is found through the
/// configuration's opaque, a <see cref="GCHandle"/> that <see cref="ShareConsumer"/> owns and frees after the handle.
/// </summary>
internal sealed class ShareLogSink(ILogger logger, string worker)
{
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    internal static unsafe void OnLog(nint rk, int level, byte* facility, byte* message)
    {
        try
        {
            var opaque = LibRdKafkaShare.Opaque(rk);
            if (opaque != 0 && GCHandle.FromIntPtr(opaque).Target is ShareLogSink sink)
            {
                Log.Librdkafka(
                    sink.Logger, LogLevels.Of((SyslogLevel)level), sink.Worker,
                    Marshal.PtrToStringUTF8((nint)facility) ?? string.Empty, Marshal.PtrToStringUTF8((nint)message) ?? string.Empty);
            }
        }
#pragma warning disable CA1031 // An exception must never unwind into librdkafka's thread; a log line is not worth a crash.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private ILogger Logger { get; } = logger;

    private string Worker { get; } = worker;
}
