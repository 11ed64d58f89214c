using Microsoft.Extensions.Logging;

namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Writes a test's logs to its xunit output, so a failing test shows what the worker did.</summary>
public sealed class TestOutputLoggerProvider(ITestOutputHelper output, string prefix = "") : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, prefix);

    public void Dispose()
    {
    }

    private sealed class Logger(ITestOutputHelper output, string prefix) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            try
            {
                output.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {prefix}{logLevel}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; its output is closed.
            }
        }
    }
}
