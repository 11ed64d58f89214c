namespace KafkaWorkers.IntegrationTests.Infrastructure;

/// <summary>Records each message in the test's <see cref="ProcessedLog"/> after an optional per-message delay.</summary>
public sealed class RecordingHandler(ProcessedLog log, HandlerBehavior behavior, HostIdentity host) : IKafkaHandler<string, string>
{
    public async ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken)
    {
        await behavior.BeforeAsync(message, cancellationToken);
        log.Add(host.Name, message);
    }
}

/// <summary>Names the host a handler runs in, when a test runs several.</summary>
public sealed record HostIdentity(string Name);

/// <summary>What a test handler does before it records a message: a delay, a gate, a failure.</summary>
public sealed class HandlerBehavior
{
    public Func<KafkaMessage<string, string>, CancellationToken, Task> BeforeAsync { get; set; } = (_, _) => Task.CompletedTask;

    public static HandlerBehavior Delay(Func<KafkaMessage<string, string>, TimeSpan> delay) =>
        new() { BeforeAsync = (m, ct) => Task.Delay(delay(m), ct) };
}
