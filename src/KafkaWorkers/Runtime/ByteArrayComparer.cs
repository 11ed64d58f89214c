namespace KafkaWorkers.Runtime;

/// <summary>Compares message keys by content; a missing key (null) equals only another missing key.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]?>
{
    public static readonly ByteArrayComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[]? obj)
    {
        if (obj is null)
        {
            return 0;
        }

        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
