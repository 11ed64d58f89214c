using Confluent.Kafka;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.Tests.Runtime;

public sealed class TopicPartitionComparerTests
{
    [Fact]
    public void A_dictionary_finds_a_partition_by_a_records_topic_and_partition()
    {
        var partitions = new Dictionary<TopicPartition, int>(TopicPartitionComparer.Instance)
        {
            [new TopicPartition("orders", 0)] = 10,
            [new TopicPartition("orders", 1)] = 11,
            [new TopicPartition("Orders", 0)] = 20,
        };
        var byRecord = partitions.GetAlternateLookup<(string, int)>();

        Assert.True(byRecord.TryGetValue((new string("orders".AsSpan()), 1), out var found));
        Assert.Equal(11, found);
        Assert.True(byRecord.TryGetValue(("Orders", 0), out found));
        Assert.Equal(20, found);
        Assert.False(byRecord.TryGetValue(("orders", 2), out _));
        Assert.Equal(10, partitions[new TopicPartition("orders", 0)]);
    }

    [Fact]
    public void Equal_partitions_have_equal_hashes_whichever_way_they_are_given()
    {
        var comparer = TopicPartitionComparer.Instance;
        var partition = new TopicPartition("orders", 3);

        Assert.True(comparer.Equals(partition, new TopicPartition("orders", 3)));
        Assert.False(comparer.Equals(partition, new TopicPartition("orders", 4)));
        Assert.False(comparer.Equals(partition, null));
        Assert.Equal(comparer.GetHashCode(partition), comparer.GetHashCode(("orders", 3)));
        Assert.True(comparer.Equals(("orders", 3), partition));
        Assert.Equal(partition, comparer.Create(("orders", 3)));
    }
}
