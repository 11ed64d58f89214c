namespace DocSnippets.ShareGroups;

public static class ShareWorker
{
    public static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaShareWorker<OrderHandler>("orders", o =>
        {
            o.GroupId = "orders-share";      // the share group
            o.Topics = ["orders"];
            o.MaxConcurrency = 4;            // four share consumers in this process, one thread each
        });
    }
}

public static class ShareRun
{
    public static void Register(HostApplicationBuilder builder)
    {
        builder.Services.AddKafkaShareWorker<OrderHandler>("orders",
            o => o.Completion = KafkaCompletion.SingleMessage());    // or Batch(N), or an IdleTimeout
    }
}

public sealed class OrderHandler : IKafkaHandler<string, string>
{
    // message.DeliveryCount is 1 on a first delivery, more after releases and expired locks.
    public ValueTask HandleAsync(KafkaMessage<string, string> message, CancellationToken cancellationToken) => default;
}
