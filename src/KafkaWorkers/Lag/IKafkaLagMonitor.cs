namespace KafkaWorkers.Lag;

/// <summary>
/// The lag of the application's Kafka workers as KEDA's <c>kafka</c> scaler sees it, read in the background for every
/// partition of each worker's topics. Registered by <c>services.AddKafkaLagMonitor()</c>.
/// </summary>
/// <remarks>
/// Every pod computes the lag of the whole consumer group (all partitions, not only those it owns), so any pod answers
/// for the group. Reading a snapshot never blocks and never touches the network.
/// </remarks>
public interface IKafkaLagMonitor
{
    /// <summary>Gets the names of the monitored workers.</summary>
    /// <value>Empty until the host has started; workers whose <see cref="KafkaLagOptions.Enabled"/> is false are absent.</value>
    IReadOnlyCollection<string> Workers { get; }

    /// <summary>Gets the latest snapshot of a worker's lag.</summary>
    /// <param name="worker">The worker's name, as given to <c>AddKafkaWorker</c>.</param>
    /// <returns>
    /// The latest snapshot (marked <see cref="KafkaLagSnapshot.IsStale"/> when the reads since have failed); or
    /// <see langword="null"/> when the worker is not monitored or no read has succeeded yet.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="worker"/> is <see langword="null"/>.</exception>
    KafkaLagSnapshot? GetSnapshot(string worker);

    /// <summary>Gets the latest snapshot of every monitored worker that has one, ordered by worker name.</summary>
    /// <returns>The snapshots; empty before the first successful read.</returns>
    IReadOnlyList<KafkaLagSnapshot> GetSnapshots();
}
