using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Keeps a host's log entries (level, event id, text and exception message) for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Text)> Entries { get; } = new();

    /// <summary>Gets whether an entry at <paramref name="level"/> or above contains every one of <paramref name="parts"/>.</summary>
    public bool Contains(LogLevel level, params string[] parts) =>
        Entries.Any(e => e.Level >= level && parts.All(p => e.Text.Contains(p, StringComparison.Ordinal)));

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entries.Enqueue((logLevel, eventId, formatter(state, exception) + (exception is null ? "" : " " + exception.Message)));
    }
}
