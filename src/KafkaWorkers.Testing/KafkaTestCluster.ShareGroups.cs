using System.Runtime.InteropServices;
using Confluent.Kafka;
using KafkaWorkers.Testing.Native;

namespace KafkaWorkers.Testing;

/// <summary>Share groups (KIP-932) on the in-process cluster. <b>Preview</b>, like librdkafka's share consumer.</summary>
/// <remarks>
/// <para>
/// The settings below apply to every share group of the cluster; a real broker has them as group configurations
/// (<c>share.auto.offset.reset</c>, <c>group.share.record.lock.duration.ms</c>, <c>group.share.delivery.count.limit</c>,
/// <c>group.share.session.timeout.ms</c>, <c>group.share.heartbeat.interval.ms</c>).
/// </para>
/// <para>
/// The mock's own assignor gives each partition to <b>one</b> member only, where Kafka's puts every partition on
/// every member. A test of several members sharing a partition waits until they joined
/// (<see cref="GetShareGroupMembers"/>) and then assigns explicitly (<see cref="AssignShareGroup"/> or
/// <see cref="AssignEveryPartitionToEveryShareMember"/>).
/// </para>
/// </remarks>
public sealed partial class KafkaTestCluster
{
    /// <summary>Sets where share groups start reading a partition they have not read yet. Preview.</summary>
    /// <param name="reset"><see cref="AutoOffsetReset.Latest"/> (the default, as on Kafka) or <see cref="AutoOffsetReset.Earliest"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reset"/> is <see cref="AutoOffsetReset.Error"/>.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetShareGroupAutoOffsetReset(AutoOffsetReset reset)
    {
        if (reset is not (AutoOffsetReset.Earliest or AutoOffsetReset.Latest))
        {
            throw new ArgumentOutOfRangeException(nameof(reset), reset, "Share groups start at the earliest or the latest offset.");
        }

        LibRdKafka.MockShareGroupSetAutoOffsetReset(Cluster, reset == AutoOffsetReset.Earliest ? 1 : 0);
    }

    /// <summary>Sets how long a record acquired by a share-group member stays locked to it before it is delivered again. Preview.</summary>
    /// <param name="duration">10 ms to one hour; <see cref="TimeSpan.Zero"/> restores the mock's default (the share session timeout).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetShareGroupRecordLockDuration(TimeSpan duration) =>
        LibRdKafka.MockShareGroupSetRecordLockDuration(Cluster, Milliseconds(duration, nameof(duration), allowZero: true));

    /// <summary>Sets how many times a share group delivers a record before it archives it (Kafka's <c>group.share.delivery.count.limit</c>). Preview.</summary>
    /// <param name="maxAttempts">1 to 1 000; 0 for no limit. The default is 5.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxAttempts"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetShareGroupMaxDeliveryAttempts(int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxAttempts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxAttempts, 1_000);
        LibRdKafka.MockShareGroupSetMaxDeliveryAttempts(Cluster, maxAttempts);
    }

    /// <summary>Sets the session timeout and heartbeat interval of share-group members. Preview.</summary>
    /// <param name="sessionTimeout">1 second to 5 minutes, more than <paramref name="heartbeatInterval"/>: a member silent this long is removed and its records delivered again.</param>
    /// <param name="heartbeatInterval">10 ms to one hour (a few hundred milliseconds for tests).</param>
    /// <exception cref="ArgumentOutOfRangeException">A time is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public void SetShareGroupSessionTimeout(TimeSpan sessionTimeout, TimeSpan heartbeatInterval)
    {
        var heartbeat = Milliseconds(heartbeatInterval, nameof(heartbeatInterval), allowZero: false);
        if (sessionTimeout < TimeSpan.FromSeconds(1) || sessionTimeout > TimeSpan.FromMinutes(5) || sessionTimeout <= heartbeatInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(sessionTimeout), sessionTimeout, "The session timeout must be between 1 second and 5 minutes, and more than the heartbeat interval.");
        }

        LibRdKafka.MockShareGroupSetSessionTimeout(Cluster, (int)sessionTimeout.TotalMilliseconds);
        LibRdKafka.MockShareGroupSetHeartbeatInterval(Cluster, heartbeat);
    }

    /// <summary>Lists the member ids of a share group. Preview.</summary>
    /// <param name="groupId">The share group.</param>
    /// <returns>The members that joined and did not leave; empty when the group does not exist (yet).</returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is null or empty.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public unsafe IReadOnlyList<string> GetShareGroupMembers(string groupId)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        if (LibRdKafka.MockShareGroupGetMemberIds(Cluster, groupId, out var ids, out var count) != 0 || ids is null)
        {
            return [];
        }

        var members = new string[(int)count];
        for (var i = 0; i < members.Length; i++)
        {
            members[i] = Marshal.PtrToStringUTF8(ids[i]) ?? string.Empty;
            LibRdKafka.MemFree(0, ids[i]);
        }

        LibRdKafka.MemFree(0, (nint)ids);
        return members;
    }

    /// <summary>
    /// Replaces the mock's assignment of a share group: each listed member gets exactly the partitions given for it
    /// (several members may get the same partition, as on Kafka). Members receive it with their next heartbeat. Preview.
    /// </summary>
    /// <param name="groupId">The share group; it must exist (a member joined).</param>
    /// <param name="assignments">The partitions of each member, by member id (<see cref="GetShareGroupMembers"/>).</param>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="assignments"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public unsafe void AssignShareGroup(string groupId, IReadOnlyDictionary<string, IReadOnlyList<TopicPartition>> assignments)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupId);
        ArgumentNullException.ThrowIfNull(assignments);
        var cluster = Cluster;
        var entries = assignments.ToArray();
        var ids = new nint[entries.Length];
        var lists = new nint[entries.Length];
        try
        {
            for (var i = 0; i < entries.Length; i++)
            {
                ids[i] = Marshal.StringToCoTaskMemUTF8(entries[i].Key);
                lists[i] = LibRdKafka.TopicPartitionListNew(Math.Max(1, entries[i].Value.Count));
                foreach (var partition in entries[i].Value)
                {
                    LibRdKafka.TopicPartitionListAdd(lists[i], partition.Topic, partition.Partition.Value);
                }
            }

            fixed (nint* idsPointer = ids, listsPointer = lists)
            {
                LibRdKafka.MockShareGroupTargetAssignment(cluster, groupId, idsPointer, listsPointer, (nuint)entries.Length);
            }
        }
        finally
        {
            foreach (var id in ids.Where(p => p != 0))
            {
                Marshal.FreeCoTaskMem(id);
            }

            foreach (var list in lists.Where(p => p != 0))
            {
                LibRdKafka.TopicPartitionListDestroy(list);
            }
        }
    }

    /// <summary>
    /// Assigns every partition of a topic to every current member of a share group, as Kafka's assignor does, so the
    /// members share each partition. Call it again after members join. Preview.
    /// </summary>
    /// <param name="groupId">The share group.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="partitions">How many partitions the topic has.</param>
    /// <returns>How many members got the assignment.</returns>
    /// <exception cref="ArgumentException"><paramref name="groupId"/> or <paramref name="topic"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="partitions"/> is less than 1.</exception>
    /// <exception cref="ObjectDisposedException">The cluster was disposed.</exception>
    public int AssignEveryPartitionToEveryShareMember(string groupId, string topic, int partitions = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        IReadOnlyList<TopicPartition> all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToArray();
        var members = GetShareGroupMembers(groupId);
        if (members.Count > 0)
        {
            AssignShareGroup(groupId, members.ToDictionary(m => m, _ => all, StringComparer.Ordinal));
        }

        return members.Count;
    }

    private static int Milliseconds(TimeSpan time, string name, bool allowZero)
    {
        if ((time == TimeSpan.Zero && allowZero) || (time >= TimeSpan.FromMilliseconds(10) && time <= TimeSpan.FromHours(1)))
        {
            return (int)time.TotalMilliseconds;
        }

        throw new ArgumentOutOfRangeException(name, time, "The time must be between 10 ms and one hour.");
    }
}
