namespace KafkaWorkers.Runtime;

/// <summary>
/// The keys of a partition that are held by a handler task, or whose set-aside messages wait for one, under
/// <see cref="KafkaOrdering.Key"/>: at most <c>MaxConcurrency</c> entries (times the batch size for batch handlers).
/// Looked up by hash (a vectorized search of the hashes) and then by content; released entries are reused, so a
/// partition allocates no entry per key once it ran as many keys at once as it ever will. Guarded by the scheduler's lock.
/// </summary>
internal sealed class InFlightKeys
{
    private readonly Stack<KeyHold> _released = new();
    private int[] _hashes = [];
    private KeyHold[] _holds = [];

    public int Count { get; private set; }

    public KeyHold this[int index] => _holds[index];

    /// <summary>Finds the entry of a key, or null when the key is not in the set.</summary>
    public KeyHold? Find(byte[]? key, int hash)
    {
        var hashes = _hashes.AsSpan(0, Count);
        var start = 0;
        int found;
        while ((found = hashes[start..].IndexOf(hash)) >= 0)
        {
            var hold = _holds[start + found];
            if (ByteArrayComparer.Instance.Equals(hold.Key, key))
            {
                return hold;
            }

            // Two keys with one hash: keep looking past this one.
            start += found + 1;
        }

        return null;
    }

    /// <summary>Adds a key, which must not be in the set, held by <paramref name="owner"/>.</summary>
    public void Add(byte[]? key, int hash, object owner)
    {
        if (Count == _holds.Length)
        {
            var capacity = Math.Max(4, Count * 2);
            Array.Resize(ref _hashes, capacity);
            Array.Resize(ref _holds, capacity);
        }

        var hold = _released.TryPop(out var reused) ? reused : new KeyHold();
        hold.Hold(key, hash, owner);
        _hashes[Count] = hash;
        _holds[Count++] = hold;
    }

    /// <summary>Removes the entry at <paramref name="index"/> (the last entry takes its place) and keeps it for reuse.</summary>
    public void RemoveAt(int index)
    {
        var hold = _holds[index];
        hold.Release();
        Count--;
        _hashes[index] = _hashes[Count];
        _holds[index] = _holds[Count];
        _released.Push(hold);
    }
}
