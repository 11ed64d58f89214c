namespace KafkaWorkers.Runtime;

/// <summary>
/// A key of a partition under <see cref="KafkaOrdering.Key"/> that a handler task holds, with the later messages of the
/// key that were set aside behind it, in offset order. Guarded by the scheduler's lock; reused once released.
/// </summary>
internal sealed class KeyHold
{
    public byte[]? Key { get; private set; }

    /// <summary>Gets the key's hash (<see cref="ByteArrayComparer.GetHashCode(byte[])"/>).</summary>
    public int Hash { get; private set; }

    /// <summary>
    /// Gets or sets the handler task's run that holds the key (its dispatch buffer), or null while the key waits for a
    /// handler task to take its <see cref="Waiting"/> messages.
    /// </summary>
    public object? Owner { get; set; }

    /// <summary>Gets the key's messages fetched while it was held, which must run before anything later of the key.</summary>
    public Queue<WorkItem> Waiting { get; } = new();

    public void Hold(byte[]? key, int hash, object owner)
    {
        Key = key;
        Hash = hash;
        Owner = owner;
    }

    /// <summary>Forgets the key and its set-aside messages, so that the entry can hold another key.</summary>
    public void Release()
    {
        Key = null;
        Owner = null;
        Waiting.Clear();
    }
}
