using System.Collections.Concurrent;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>What handlers processed, across every host of a test: to check for loss, duplicates, order and gaps.</summary>
public sealed class ProcessedLog
{
    private readonly ConcurrentQueue<Processed> _entries = new();

    public int Count => _entries.Count;

    public IReadOnlyList<Processed> Entries => [.. _entries];

    public void Add(string host, KafkaMessage<string, string> message) =>
        _entries.Enqueue(new Processed(host, message.Topic, message.Partition, message.Offset, message.Key, message.Value, DateTime.UtcNow));

    /// <summary>Messages processed more than once, by (partition, offset).</summary>
    public IReadOnlyList<Processed> Duplicates() =>
        [.. Entries.GroupBy(e => (e.Topic, e.Partition, e.Offset)).Where(g => g.Count() > 1).Select(g => g.First())];

    public int DistinctCount() => Entries.Select(e => (e.Topic, e.Partition, e.Offset)).Distinct().Count();
}

public sealed record Processed(string Host, string Topic, int Partition, long Offset, string Key, string Value, DateTime At);
