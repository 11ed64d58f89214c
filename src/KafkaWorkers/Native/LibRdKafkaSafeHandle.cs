using System.Runtime.InteropServices;

namespace KafkaWorkers.Native;

/// <summary>What every handle of a librdkafka object has in common: a native pointer, NULL when invalid, owned.</summary>
internal abstract class LibRdKafkaSafeHandle : SafeHandle
{
    protected LibRdKafkaSafeHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;
}
