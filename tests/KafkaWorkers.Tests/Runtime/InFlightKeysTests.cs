using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class InFlightKeysTests
{
    private static readonly PartitionState Partition = new(new TopicPartition("t", 0));
    private readonly object _run = new();

    [Fact]
    public void Two_different_keys_with_one_hash_are_told_apart_by_their_content()
    {
        var keys = new InFlightKeys();
        byte[] first = [1, 2], second = [3, 4];
        keys.Add(first, hash: 7, _run);
        keys.Add(second, hash: 7, _run);

        Assert.Same(first, keys.Find([1, 2], 7)!.Key);
        Assert.Same(second, keys.Find([3, 4], 7)!.Key);
        Assert.Null(keys.Find([5, 6], 7));
        Assert.Null(keys.Find([1, 2], 8));
    }

    [Fact]
    public void The_missing_key_and_the_empty_key_are_different_keys()
    {
        var keys = new InFlightKeys();
        keys.Add(null, hash: 0, _run);

        Assert.NotNull(keys.Find(null, 0));
        Assert.Null(keys.Find([], 0));
        keys.Add([], hash: 0, _run);
        Assert.Null(keys.Find(null, 0)!.Key);
        Assert.NotNull(keys.Find([], 0)!.Key);
    }

    [Fact]
    public void A_removed_entry_is_forgotten_and_reused_while_the_others_stay_found()
    {
        var keys = new InFlightKeys();
        foreach (var b in new byte[] { 1, 2, 3, 4, 5 })
        {
            keys.Add([b], hash: b, _run);
        }

        var removed = keys.Find([2], 2)!;
        removed.Waiting.Enqueue(new WorkItem(new ConsumeResult<byte[]?, byte[]?> { Message = new Message<byte[]?, byte[]?> { Key = [2] } }, Partition, 0));
        keys.RemoveAt(IndexOf(keys, removed));

        Assert.Equal(4, keys.Count);
        Assert.Null(keys.Find([2], 2));
        Assert.All(new byte[] { 1, 3, 4, 5 }, b => Assert.NotNull(keys.Find([b], b)));
        Assert.Empty(removed.Waiting);
        Assert.Null(removed.Owner);
        keys.Add([6], hash: 6, _run);
        Assert.Same(removed, keys.Find([6], 6));
    }

    private static int IndexOf(InFlightKeys keys, KeyHold hold)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] == hold)
            {
                return i;
            }
        }

        return -1;
    }
}
