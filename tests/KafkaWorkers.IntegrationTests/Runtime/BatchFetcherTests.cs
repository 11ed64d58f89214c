using Confluent.Kafka;
using KafkaWorkers.IntegrationTests.Infrastructure;
using KafkaWorkers.Runtime;

namespace KafkaWorkers.IntegrationTests.Runtime;

/// <summary>
/// The batch fetch (<see cref="KafkaWorkerOptions.ExperimentalBatchFetch"/>): librdkafka moves a partition's position
/// past every message of a batch when it returns the batch, before the poll loop has taken them, so the fetcher must say
/// what it still holds: a worker that moved a caught-up partition's commit point to the position (to pass transaction
/// markers) would commit past them, and they would be lost if the partition changed hands before the poll loop took them.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class BatchFetcherTests(KafkaFixture kafka)
{
    private const int Count = 20;

    [Fact]
    public async Task The_position_passes_the_messages_a_batch_still_holds_and_the_fetcher_names_the_first_of_them()
    {
        var topic = await kafka.CreateTopicAsync(partitions: 1);
        await kafka.Client.ProduceAsync(topic, Count);
        var partition = new TopicPartition(topic, 0);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = kafka.BootstrapServers,
            GroupId = KafkaFixture.NewGroupId(),
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        using var fetcher = BatchFetcher.Open(consumer);

        // The first message comes alone (nothing was prefetched yet); once the fetch response that brought the rest has
        // arrived (its high watermark is cached), the next call takes all of them in one batch.
        ConsumeResult<byte[]?, byte[]?>? first = null;
        await Eventually.HoldsAsync(() => (first ??= fetcher.Consume(TimeSpan.FromMilliseconds(100))) is not null, "the first message came");
        await Eventually.HoldsAsync(() => consumer.GetWatermarkOffsets(partition).High == Count, "librdkafka fetched the whole partition");
        var taken = new List<long> { first!.Offset.Value, fetcher.Consume(TimeSpan.Zero)!.Offset.Value, fetcher.Consume(TimeSpan.Zero)!.Offset.Value };

        Assert.Equal([0, 1, 2], taken);
        Assert.Equal(3, fetcher.FirstHeld(partition));
        Assert.Equal(Count, consumer.Position(partition).Value);

        // Given back (a pause), the batch holds nothing of the partition any more, and the seek to the first message
        // given back leaves the partition without a position until a message is returned: nothing to skip to.
        consumer.Pause([partition]);
        Assert.Equal(3, fetcher.GiveBack(partition)?.Value);
        Assert.Null(fetcher.FirstHeld(partition));
        consumer.Seek(new TopicPartitionOffset(partition, 3));
        Assert.Equal(Offset.Unset, consumer.Position(partition));
    }
}
