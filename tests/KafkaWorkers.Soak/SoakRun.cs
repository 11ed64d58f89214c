using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using KafkaWorkers.Testing;

namespace KafkaWorkers.Soak;

/// <summary>
/// The soak harness: owns an in-process cluster (or uses the external one of <see cref="SoakOptions.BootstrapServers"/>),
/// produces at a steady rate, and scales real worker processes out to <see cref="SoakOptions.MaxReplicas"/> and back in
/// to one, one replica at a time, injecting faults while the group is steady: the in-process cluster's own, or the
/// user's <see cref="SoakOptions.FaultCommand"/>. At the end it compares the ids produced with the ids the workers recorded.
/// </summary>
/// <remarks>
/// Every step lets the group settle before the next: the in-process cluster's coordinator refuses commits while
/// members join or leave, which a real broker accepts (docs/testing.md). Faults (a partition leader down for 2 s, or
/// errors on the next Fetch or OffsetCommit requests) start after the settle time and are over before the next step.
/// The coordinator also refuses the commit of a second member that revokes in the same cooperative rebalance (the first
/// has already rejoined), so that member's partitions are redone by their next owner. With 4 partitions and up to 4
/// replicas every scale-out step has exactly one revoking member (1 → 2: 4 → 2+2; 2 → 3: 2+2 → 2+1+1; 3 → 4: one
/// partition moves); with 6 partitions, 2 → 3 has two, and the in-process cluster shows duplicates a real broker would not.
/// </remarks>
public static class SoakRun
{
    private const string CommandFault = "fault command";

    /// <summary>How long a share worker's handler takes per record, so that a stop finds handlers in flight.</summary>
    private static readonly TimeSpan ShareHandlerTime = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(2);

    public static async Task<SoakReport> RunAsync(SoakOptions options, Action<string> log)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var directory = Path.Combine(options.Directory, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + options.Seed.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        log($"[soak] writing worker logs and processed ids to {directory}");

        await using var broker = SoakBroker.Start(options.BootstrapServers);
        log($"[soak] broker: {broker.Description}");
        var (topic, group) = await broker.CreateTopicAsync(options.Partitions, options.Topic);
        if (options.Share)
        {
            broker.PrepareShareGroups();
        }

        var faultCommand = options.FaultCommand is { Length: > 0 } command ? new FaultCommand(command) : null;
        var commandFailures = 0;
        var faults = (faultCommand is null ? broker.BuiltInFaults : [CommandFault]).ToDictionary(kind => kind, _ => 0, StringComparer.Ordinal);
        var running = new List<WorkerProcess>();
        var all = new List<WorkerProcess>();
        var exitCodes = new List<string>();
        using var producer = new SteadyProducer(broker.BootstrapServers, topic, options.Rate);
        var steps = 0;
        var stops = 0;
        var cycles = 0;
        var stepCount = options.Cycles * 2 * (options.MaxReplicas - 1);
        var stepLength = Max(options.Settle + SoakBroker.FaultLength + Recovery, options.Duration / Math.Max(1, stepCount));
        try
        {
            producer.Start();
            StartWorker();
            await Task.Delay(options.Settle);
            for (; cycles < options.Cycles; cycles++)
            {
                while (running.Count < options.MaxReplicas)
                {
                    StartWorker();
                    await StepAsync();
                }

                while (running.Count > 1)
                {
                    await StopWorkerAsync(running[^1], options.Kill);
                    await StepAsync();
                }

                log($"[soak] cycle {cycles + 1}/{options.Cycles} done at {watch.Elapsed.TotalSeconds:0} s: {producer.Acknowledged.Count} produced");
            }

            await producer.StopAsync();
            var produced = producer.Acknowledged.ToHashSet();
            log($"[soak] producer stopped: {produced.Count} acknowledged; waiting for the last worker to process them");
            await WaitForAsync(() => Task.FromResult(produced.IsSubsetOf(ReadIds(all))), TimeSpan.FromMinutes(3));
            if (!options.Share)
            {
                using var client = new KafkaTestClient(broker.BootstrapServers);
                await WaitForAsync(() => CommittedEverythingAsync(client, group, topic), TimeSpan.FromSeconds(30));
            }

            await StopWorkerAsync(running[0], kill: false);

            var handled = ReadHandled(all);
            var distinct = handled.Select(h => h.Id).ToHashSet();
            var records = handled.Select(h => (h.Partition, h.Offset)).ToHashSet();
            var storedTwice = handled.GroupBy(h => h.Id).Count(g => g.Select(h => (h.Partition, h.Offset)).Distinct().Count() > 1);
            if (handled.Count != records.Count || storedTwice > 0 || produced.Any(id => !distinct.Contains(id)))
            {
                Explain(handled, all, log);
            }

            return new SoakReport
            {
                Options = options,
                Broker = broker.Description,
                CyclesRun = cycles,
                ScaleSteps = steps,
                Stops = stops,
                Produced = produced.Count,
                ProduceFailures = producer.Failures,
                Processed = handled.Count,
                Distinct = distinct.Count,
                Lost = produced.Count(id => !distinct.Contains(id)),
                Duplicated = handled.Count - records.Count,
                StoredTwice = storedTwice,
                Unacknowledged = distinct.Count(id => !produced.Contains(id)),
                Faults = faults,
                FaultCommandFailures = commandFailures,
                DuplicateBound = options.Kill ? (stops - 1) * ((long)options.Rate * 2 + 4) : 0,
                AcknowledgementFailures = options.Share ? CountAcknowledgementFailures(all) : 0,
                ExitCodes = exitCodes,
                Elapsed = watch.Elapsed,
            };
        }
        finally
        {
            foreach (var worker in all)
            {
                worker.Dispose();
            }
        }

        void StartWorker()
        {
            var name = $"worker-{all.Count + 1}";
            var worker = options.Share
                ? WorkerProcess.StartShare(name, directory, broker.BootstrapServers, group, topic, ShareHandlerTime, members: 1)
                : WorkerProcess.Start(name, directory, broker.BootstrapServers, group, topic, options.GroupProtocol, shortGroupTimeouts: broker.InProcess);
            running.Add(worker);
            all.Add(worker);
            steps++;
            log($"[soak] {watch.Elapsed.TotalSeconds,6:0.0} s  started {worker.Name} (pid {worker.Id}); {running.Count} running");
        }

        async Task StopWorkerAsync(WorkerProcess worker, bool kill)
        {
            running.Remove(worker);
            steps++;
            stops++;
            var stopWatch = Stopwatch.StartNew();
            if (kill)
            {
                worker.Kill();
            }
            else
            {
                worker.Terminate();
            }

            await worker.WaitForExitAsync(TimeSpan.FromSeconds(60));
            exitCodes.Add($"{worker.Name}={worker.ExitCode}");
            log($"[soak] {watch.Elapsed.TotalSeconds,6:0.0} s  {(kill ? "killed" : "stopped")} {worker.Name} in {stopWatch.ElapsedMilliseconds} ms, exit code {worker.ExitCode}; {running.Count} running");
        }

        // Settle, maybe inject one fault while the group is steady (the fault command when there is one, else one of
        // the in-process cluster's), recover, and clear what the fault left.
        async Task StepAsync()
        {
            var step = Stopwatch.StartNew();
            await Task.Delay(options.Settle);
            if (options.Share)
            {
                var members = broker.ShareAmongMembers(group, topic);
                log($"[soak] {watch.Elapsed.TotalSeconds,6:0.0} s  every partition assigned to the {members} share member(s)");
            }
            else if (random.NextDouble() < options.FaultProbability && (faultCommand is not null || broker.BuiltInFaults.Count > 0))
            {
                if (faultCommand is not null)
                {
                    var number = ++faults[CommandFault];
                    log($"[soak] {watch.Elapsed.TotalSeconds,6:0.0} s  fault {number}: /bin/sh -c {faultCommand.Command}");
                    var exitCode = await faultCommand.RunAsync(
                        new Dictionary<string, string>(StringComparer.Ordinal)
                        {
                            ["SOAK_BOOTSTRAP_SERVERS"] = broker.BootstrapServers,
                            ["SOAK_TOPIC"] = topic,
                            ["SOAK_GROUP"] = group,
                            ["SOAK_FAULT"] = number.ToString(CultureInfo.InvariantCulture),
                        },
                        log);
                    if (exitCode != 0)
                    {
                        commandFailures++;
                        log($"[soak] {watch.Elapsed.TotalSeconds,6:0.0} s  the fault command {(exitCode is null ? $"did not end within {FaultCommand.Timeout.TotalSeconds:0} s and was killed" : $"exited with {exitCode}")}");
                    }
                }
                else
                {
                    var kind = random.Next(broker.BuiltInFaults.Count);
                    await broker.InjectAsync(kind, random, message => log($"[soak] {watch.Elapsed.TotalSeconds,6:0.0} s  {message}"));
                    faults[broker.BuiltInFaults[kind]]++;
                }

                await Task.Delay(Recovery);
            }

            broker.ClearFaults();
            var rest = stepLength - step.Elapsed;
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest);
            }
        }
    }

    private static async Task<bool> CommittedEverythingAsync(KafkaTestClient client, string group, string topic)
    {
        var committed = await client.GetCommittedOffsetsAsync(group, topic);
        var ends = await client.GetHighWatermarksAsync(topic);
        return ends.All(e => committed.GetValueOrDefault(e.Key, -1) == e.Value);
    }

    private static List<long> ReadIds(IEnumerable<WorkerProcess> workers) => [.. ReadHandled(workers).Select(h => h.Id)];

    /// <summary>Every message each worker recorded, in the order it handled them.</summary>
    private static List<Handled> ReadHandled(IEnumerable<WorkerProcess> workers)
    {
        var handled = new List<Handled>();
        foreach (var worker in workers.Where(w => File.Exists(w.IdFile)))
        {
            using var reader = new StreamReader(new FileStream(worker.IdFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            var lines = reader.ReadToEnd().Split('\n');
            // The last element is empty when the file ends with a newline; otherwise it is a line a SIGKILL cut short.
            // A share worker's lines start with "start" (skipped: begun, maybe never finished) or "done".
            foreach (var line in lines[..^1].Where(l => !l.StartsWith("start ", StringComparison.Ordinal)))
            {
                var fields = line.StartsWith("done ", StringComparison.Ordinal) ? line.Split(' ')[1..] : line.Split(' ');
                handled.Add(new Handled(Long(fields[0]), (int)Long(fields[1]), Long(fields[2]), worker.Name));
            }
        }

        return handled;
    }

    /// <summary>The share acknowledgements the workers logged as refused (event 903: a lock expired, or a share session lost).</summary>
    private static int CountAcknowledgementFailures(IEnumerable<WorkerProcess> workers) =>
        workers.Select(w => Path.ChangeExtension(w.IdFile, ".log")).Where(File.Exists)
            .Sum(path => File.ReadLines(path).Count(l => l.Contains("acknowledgements of", StringComparison.Ordinal) && l.Contains("failed:", StringComparison.Ordinal)));

    private static long Long(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// Which workers handled the same records twice, for example "worker-2, worker-3: 25"; which ids the broker stored at
    /// two offsets; and what the workers logged as warnings.
    /// </summary>
    private static void Explain(List<Handled> handled, IEnumerable<WorkerProcess> workers, Action<string> log)
    {
        foreach (var pair in handled.GroupBy(h => (h.Partition, h.Offset)).Where(g => g.Count() > 1)
            .GroupBy(g => string.Join(", ", g.Select(h => h.Worker))).OrderByDescending(g => g.Count()))
        {
            log($"[soak] records handled twice by {pair.Key}: {pair.Count()} (ids {pair.Min(g => g.First().Id)}..{pair.Max(g => g.First().Id)})");
        }

        foreach (var id in handled.GroupBy(h => h.Id).Where(g => g.Select(h => (h.Partition, h.Offset)).Distinct().Count() > 1))
        {
            log($"[soak] id {id.Key} is stored at {string.Join(" and ", id.Select(h => $"partition {h.Partition} offset {h.Offset}").Distinct())}");
        }

        foreach (var worker in workers)
        {
            var path = Path.ChangeExtension(worker.IdFile, ".log");
            var lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(" warn: ", StringComparison.Ordinal) || lines[i].Contains(" fail: ", StringComparison.Ordinal))
                {
                    log($"[soak] {worker.Name}: {lines[i].Trim()} {(i + 1 < lines.Length ? lines[i + 1].Trim() : "")}");
                }
            }
        }
    }

    /// <summary>Waits until the condition holds or the timeout passes; the report then shows what is missing.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                return;
            }

            await Task.Delay(500);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>One message a worker handled: the id it carried, where it was stored, and who handled it.</summary>
    private sealed record Handled(long Id, int Partition, long Offset, string Worker);
}
