using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>
/// Every commit the group coordinator refused, as the workers logged it (the offsets they could not commit), across the
/// hosts of a test: where the in-process coordinator refuses a commit Kafka would accept, a test can tell a redo that
/// follows from the refusal from one the worker caused.
/// </summary>
public sealed partial class RefusedCommits : ILoggerProvider
{
    private readonly ConcurrentQueue<(int Partition, long Offset)> _refused = new();

    /// <summary>Gets the refused commits: the partition and the offset the worker tried to commit.</summary>
    public IReadOnlyList<(int Partition, long Offset)> Entries => [.. _refused];

    /// <summary>Tells whether a commit of the record's partition past the record was refused.</summary>
    public bool Explains(Processed record) => _refused.Any(r => r.Partition == record.Partition && r.Offset > record.Offset);

    /// <summary>
    /// Asserts that nothing was redone that the worker could have saved: against a real broker nothing at all; on the
    /// in-process cluster, whose coordinator refuses commits Kafka accepts (docs/testing.md), only records below a commit
    /// it refused.
    /// </summary>
    public void AssertRedoneOnlyWhereACommitWasRefused(ProcessedLog log, ITestOutputHelper output)
    {
        var redone = log.Duplicates();
        output.WriteLine($"{redone.Count} record(s) handled twice; {Entries.Count} refused commit offset(s): " +
            string.Join(", ", Entries.Select(r => $"[{r.Partition}] @{r.Offset}")));
        if (KafkaFixture.IsExternal)
        {
            Assert.Empty(redone);
            return;
        }

        Assert.All(redone, record => Assert.True(
            Explains(record),
            $"[{record.Partition}] @{record.Offset} was handled twice, though no commit of that partition past it was refused"));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    [GeneratedRegex(@"\[(?<partition>\d+)\] @(?<offset>\d+)")]
    private static partial Regex OffsetPattern();

    private void Record(object? offsets)
    {
        foreach (Match match in OffsetPattern().Matches(offsets?.ToString() ?? string.Empty))
        {
            _refused.Enqueue((
                int.Parse(match.Groups["partition"].Value, CultureInfo.InvariantCulture),
                long.Parse(match.Groups["offset"].Value, CultureInfo.InvariantCulture)));
        }
    }

    private sealed class Logger(RefusedCommits owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The worker's commit failures carry the offsets it could not commit in their "Offsets" argument.
            if (exception is not null && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                owner.Record(values.FirstOrDefault(v => v.Key == "Offsets").Value);
            }
        }
    }
}
