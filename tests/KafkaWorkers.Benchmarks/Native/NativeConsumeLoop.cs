using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using KafkaWorkers.Benchmarks.Infrastructure;

namespace KafkaWorkers.Benchmarks.Native;

/// <summary>
/// The limit of the consume path: one thread calling librdkafka directly, as a C program would, with the raw loop's
/// settings. Per message: <c>rd_kafka_consumer_poll</c>, <c>rd_kafka_offset_store_message</c> and
/// <c>rd_kafka_message_destroy</c>, with no managed allocation. The run is metered from the assignment (the rebalance
/// callback) to the last message.
/// </summary>
internal static unsafe class NativeConsumeLoop
{
    /// <summary>Consumes <paramref name="count"/> messages of <paramref name="valueLength"/> bytes from a new group.</summary>
    /// <exception cref="InvalidOperationException">librdkafka refused a setting, or the messages read are not the ones produced.</exception>
    public static RunCost Run(BenchCluster cluster, string topic, int partitions, int count, int valueLength, TimeSpan timeout)
    {
        RdKafkaMessage.Verify();
        var meter = new RunMeter();
        var state = GCHandle.Alloc(meter);
        try
        {
            using var consumer = Create(cluster.LoopSettings(BenchCluster.NewGroup("native")), GCHandle.ToIntPtr(state));
            return Consume(consumer, topic, partitions, count, valueLength, meter, timeout);
        }
        finally
        {
            // After the handle is destroyed: its close ran the last rebalance callback.
            state.Free();
        }
    }

    private static RunCost Consume(RdKafkaHandle consumer, string topic, int partitions, int count, int valueLength, RunMeter meter, TimeSpan timeout)
    {
        var added = false;
        consumer.DangerousAddRef(ref added);
        try
        {
            var rk = consumer.DangerousGetHandle();
            Subscribe(rk, topic);
            var consumed = 0;
            var valueBytes = 0UL;
            var storeFailures = 0;
            var deadline = Stopwatch.StartNew();
            while (consumed < count && deadline.Elapsed < timeout)
            {
                var message = LibRdKafkaConsumer.ConsumerPoll(rk, 100);
                if (message is null)
                {
                    continue;
                }

                if (message->Err != 0)
                {
                    // A consumer error delivered as a message (a transient broker error): not a message of the topic.
                    LibRdKafkaConsumer.MessageDestroy(message);
                    continue;
                }

                if (consumed == 0)
                {
                    new ProducedMessages(partitions, valueLength).Check(in *message);
                }

                valueBytes += message->Len;
                var error = LibRdKafkaConsumer.OffsetStoreMessage(message);
                if (error != 0)
                {
                    storeFailures++;
                    LibRdKafkaConsumer.ErrorDestroy(error);
                }

                LibRdKafkaConsumer.MessageDestroy(message);
                consumed++;
            }

            meter.Stop();
            if (consumed < count)
            {
                throw new TimeoutException($"The native loop consumed {consumed} of {count} messages in {timeout}.");
            }

            // Every value is valueLength bytes: a misread len would not add up.
            if (valueBytes != (ulong)count * (ulong)valueLength || storeFailures > 0)
            {
                throw new InvalidOperationException($"The native loop read {valueBytes} value bytes for {count} messages of {valueLength} B; {storeFailures} offset stores failed.");
            }

            _ = LibRdKafkaConsumer.ConsumerClose(rk);
            return meter.Cost(count);
        }
        finally
        {
            if (added)
            {
                consumer.DangerousRelease();
            }
        }
    }

    private static RdKafkaHandle Create(IReadOnlyDictionary<string, string> settings, nint opaque)
    {
        const int ErrorSize = 512;
        var error = stackalloc byte[ErrorSize];
        var conf = LibRdKafkaConsumer.ConfNew();
        foreach (var (name, value) in settings)
        {
            if (LibRdKafkaConsumer.ConfSet(conf, name, value, error, ErrorSize) != LibRdKafkaConsumer.ConfigOk)
            {
                LibRdKafkaConsumer.ConfDestroy(conf);
                throw new InvalidOperationException($"librdkafka refused {name}={value}: {Marshal.PtrToStringUTF8((nint)error)}");
            }
        }

        LibRdKafkaConsumer.ConfSetOpaque(conf, opaque);
        LibRdKafkaConsumer.ConfSetRebalanceCallback(conf, &OnRebalance);
        var rk = LibRdKafkaConsumer.New(LibRdKafkaConsumer.ConsumerType, conf, error, ErrorSize);
        if (rk == 0)
        {
            // rd_kafka_new takes the configuration only when it succeeds.
            LibRdKafkaConsumer.ConfDestroy(conf);
            throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        var handle = new RdKafkaHandle(rk);
        Check(LibRdKafkaConsumer.PollSetConsumer(rk), "rd_kafka_poll_set_consumer");
        return handle;
    }

    private static void Subscribe(nint rk, string topic)
    {
        var topics = LibRdKafkaConsumer.PartitionListNew(1);
        try
        {
            _ = LibRdKafkaConsumer.PartitionListAdd(topics, topic, LibRdKafkaConsumer.UnassignedPartition);
            Check(LibRdKafkaConsumer.Subscribe(rk, topics), "rd_kafka_subscribe");
        }
        finally
        {
            LibRdKafkaConsumer.PartitionListDestroy(topics);
        }
    }

    /// <summary>
    /// librdkafka's rebalance callback (on the polling thread, inside <c>rd_kafka_consumer_poll</c>): starts the meter
    /// at the first assignment, then applies the change, incrementally under the cooperative protocol.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnRebalance(nint rk, int err, nint partitions, nint opaque)
    {
        var assign = err == LibRdKafkaConsumer.AssignPartitions;
        // rd_kafka_topic_partition_list_t starts with int cnt.
        if (assign && *(int*)partitions > 0 && GCHandle.FromIntPtr(opaque).Target is RunMeter meter)
        {
            meter.Start();
        }

        if (Marshal.PtrToStringUTF8((nint)LibRdKafkaConsumer.RebalanceProtocol(rk)) == "COOPERATIVE")
        {
            var error = assign ? LibRdKafkaConsumer.IncrementalAssign(rk, partitions) : LibRdKafkaConsumer.IncrementalUnassign(rk, partitions);
            if (error != 0)
            {
                LibRdKafkaConsumer.ErrorDestroy(error);
            }
        }
        else
        {
            _ = LibRdKafkaConsumer.Assign(rk, assign ? partitions : 0);
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{call} failed: {LibRdKafkaConsumer.DescribeError(error)}");
        }
    }

    /// <summary>Owns an <c>rd_kafka_t</c>: destroying it closes the consumer if it is still open.</summary>
    private sealed class RdKafkaHandle : SafeHandle
    {
        public RdKafkaHandle(nint handle)
            : base(0, ownsHandle: true) => SetHandle(handle);

        public override bool IsInvalid => handle == 0;

        protected override bool ReleaseHandle()
        {
            LibRdKafkaConsumer.Destroy(handle);
            return true;
        }
    }
}
