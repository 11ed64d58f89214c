using Confluent.Kafka;
using KafkaWorkers.Diagnostics;
using KafkaWorkers.Runtime;
using Microsoft.Extensions.Logging;

namespace KafkaWorkers.Failures;

/// <summary>
/// A worker's one dead-letter producer (idempotent, <c>acks=all</c>), created by <see cref="Start"/> or on first use. A
/// produce that fails with a transient error (<see cref="DeadLetterErrors"/>) is retried until the cluster acknowledges
/// it or the caller gives up; a producer that hit a fatal error is replaced; a permanent error ends the produce with a
/// <see cref="DeadLetterRefusedException"/>. The last failure shows in the worker's health. <see cref="FlushAsync"/>
/// delivers what is still queued, bounded by the host's shutdown token; disposing does not wait.
/// </summary>
internal sealed class DeadLetterProducer(
    ProducerConfig config, string worker, WorkerTelemetry telemetry, WorkerStatus status, ILogger logger, TimeProvider time) : IDisposable
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

    private readonly object _sync = new();
    private IProducer<byte[]?, byte[]?>? _producer;
    private bool _disposed;

    /// <summary>Creates the producer now, so that a setting librdkafka refuses fails the start rather than the first dead letter.</summary>
    /// <exception cref="ArgumentException">librdkafka rejected a producer setting.</exception>
    public void Start() => GetProducer(CancellationToken.None);

    /// <summary>Produces a record and waits until the cluster acknowledged it, retrying transient failures with backoff.</summary>
    /// <exception cref="DeadLetterRefusedException">The cluster refused the record with an error retrying cannot fix.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled, or the producer disposed, before an acknowledgement.</exception>
    public async Task ProduceAsync(string topic, Message<byte[]?, byte[]?> message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var producer = GetProducer(cancellationToken);
            try
            {
                await producer.ProduceAsync(topic, message, cancellationToken).ConfigureAwait(false);
                status.DeadLetterSucceeded();
                return;
            }
            catch (KafkaException e)
            {
                var retriable = DeadLetterErrors.IsRetriable(e.Error);
                telemetry.DeadLetterFailed(e.Error.Code, retriable);
                status.DeadLetterFailed(topic, e.Error, retriable);
                if (!retriable)
                {
                    throw new DeadLetterRefusedException(topic, e);
                }

                if (e.Error.IsFatal)
                {
                    Replace(producer);
                }

                var delay = RetryBackoff.Next(attempt);
                Log.DeadLetterProduceFailed(logger, worker, topic, e.Error.Code, e.Error.Reason, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
            catch (ObjectDisposedException e)
            {
                throw new OperationCanceledException("The dead-letter producer was disposed: the worker stopped.", e, cancellationToken);
            }
        }
    }

    /// <summary>Gets or sets the longest a flush waits, even when the host's token gives it longer.</summary>
    /// <value>The default is 5 seconds.</value>
    public TimeSpan FlushTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until what is queued is delivered, <see cref="FlushTimeout"/> passes or the token (the host's shutdown
    /// deadline) is cancelled, whichever comes first. Records still queued then belong to messages that were not
    /// committed, and come again.
    /// </summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        IProducer<byte[]?, byte[]?>? producer;
        lock (_sync)
        {
            producer = _producer;
        }

        if (producer is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(FlushTimeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        await Task.Run(
            () =>
            {
                try
                {
                    // Flush(CancellationToken) polls in short slices and throws once the token is cancelled.
                    producer.Flush(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                }
            },
            CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Disposes the producer without waiting for queued records (<see cref="FlushAsync"/> first).</summary>
    public void Dispose()
    {
        IProducer<byte[]?, byte[]?>? producer;
        lock (_sync)
        {
            _disposed = true;
            producer = _producer;
            _producer = null;
        }

        producer?.Dispose();
    }

    private IProducer<byte[]?, byte[]?> GetProducer(CancellationToken cancellationToken)
    {
        lock (_sync)
        {
            if (_disposed)
            {
                throw new OperationCanceledException("The dead-letter producer was disposed: the worker stopped.", cancellationToken);
            }

            return _producer ??= new ProducerBuilder<byte[]?, byte[]?>(config)
                .SetErrorHandler((_, error) => Log.DeadLetterProducerError(logger, worker, error.Code, error.Reason))
                .SetLogHandler((_, message) => Log.Librdkafka(logger, LogLevels.Of(message.Level), worker, message.Facility, message.Message))
                .Build();
        }
    }

    private void Replace(IProducer<byte[]?, byte[]?> failed)
    {
        lock (_sync)
        {
            if (!ReferenceEquals(_producer, failed))
            {
                return;
            }

            _producer = null;
        }

        failed.Dispose();
    }
}
