using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace KafkaWorkers.Soak;

/// <summary>Produces messages at a steady rate; each message's value is a unique id. Remembers the ids the cluster acknowledged.</summary>
public sealed class SteadyProducer : IDisposable
{
    private readonly IProducer<string, string> _producer;
    private readonly string _topic;
    private readonly int _rate;
    private readonly ConcurrentBag<long> _acknowledged = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _failures;

    public SteadyProducer(string bootstrapServers, string topic, int rate)
    {
        _topic = topic;
        _rate = rate;
        _producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 120_000,
        }).Build();
    }

    public IReadOnlyCollection<long> Acknowledged => _acknowledged;

    public long Failures => Interlocked.Read(ref _failures);

    public void Start() => _loop = Task.Run(ProduceAsync);

    /// <summary>Stops producing and waits until every message sent is acknowledged or failed.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _producer.Flush(TimeSpan.FromMinutes(2));
    }

    private async Task ProduceAsync()
    {
        var watch = Stopwatch.StartNew();
        long sent = 0;
        while (!_stop.IsCancellationRequested)
        {
            var due = (long)(watch.Elapsed.TotalSeconds * _rate);
            for (; sent < due; sent++)
            {
                var id = sent;
                var text = id.ToString(CultureInfo.InvariantCulture);
                _producer.Produce(_topic, new Message<string, string> { Key = (id % 97).ToString(CultureInfo.InvariantCulture), Value = text }, report =>
                {
                    if (report.Error.IsError)
                    {
                        Interlocked.Increment(ref _failures);
                    }
                    else
                    {
                        _acknowledged.Add(id);
                    }
                });
            }

            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public void Dispose()
    {
        _producer.Dispose();
        _stop.Dispose();
    }
}
